package rumor_test

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

var now = time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)

// verifyFixture: an editor and the handlers of two departments.
type verifyFixture struct {
	editor, health, market *auth.Principal
	healthID, marketID     int64
}

func newVerifyFixture(t *testing.T, db *store.DB) verifyFixture {
	t.Helper()
	var f verifyFixture
	ctx := context.Background()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if f.healthID, err = org.AddDepartment(ctx, tx, org.Department{Code: "health", Name: i18n.Text{Zh: "市卫健委", En: "Health"}}); err != nil {
			return err
		}
		if f.marketID, err = org.AddDepartment(ctx, tx, org.Department{Code: "market", Name: i18n.Text{Zh: "市市场监管局", En: "Market"}}); err != nil {
			return err
		}
		user := func(name string, role auth.Role, dept *int64) *auth.Principal {
			id, e := auth.CreateUser(ctx, tx, auth.NewUser{Username: name, DisplayName: name, Role: role, DepartmentID: dept}, "password-123456", now)
			if e != nil && err == nil {
				err = e
			}
			return &auth.Principal{UserID: id, Username: name, DisplayName: name, Role: role, DepartmentID: dept}
		}
		f.editor = user("editor", auth.Editor, nil)
		f.health = user("health1", auth.DeptHandler, &f.healthID)
		f.market = user("market1", auth.DeptHandler, &f.marketID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestVerification(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newVerifyFixture(t, db)
		in := rumor.TaskInput{Claim: "网传本市自来水检出有毒物质", Question: "是否属实？", Departments: []int64{f.healthID, f.marketID, f.healthID}}

		for name, bad := range map[string]rumor.TaskInput{
			"no claim":       {Departments: in.Departments},
			"no department":  {Claim: in.Claim},
			"past deadline":  {Claim: in.Claim, Departments: in.Departments, Deadline: now.Add(-time.Hour)},
			"unknown dept":   {Claim: in.Claim, Departments: []int64{9999}},
			"unknown rumor":  {Claim: in.Claim, Departments: in.Departments, RumorID: &f.healthID},
			"far deadline":   {Claim: in.Claim, Departments: in.Departments, Deadline: now.Add(100 * 24 * time.Hour)},
			"long question":  {Claim: in.Claim, Departments: in.Departments, Question: strings.Repeat("问", 2001)},
			"only a comment": {Claim: "   ", Departments: in.Departments},
		} {
			if _, err := rumor.OpenTask(ctx, db, f.editor, bad, now); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%s: %v", name, err)
			}
		}
		if _, err := rumor.OpenTask(ctx, db, f.health, in, now); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("a handler opened a task: %v", err)
		}
		id, err := rumor.OpenTask(ctx, db, f.editor, in, now)
		if err != nil {
			t.Fatal(err)
		}
		task, _ := rumor.LoadTask(ctx, db, f.editor, id)
		if task.Total != 2 || len(task.Requests) != 2 || !task.Deadline.Equal(now.Add(rumor.DefaultVerifyDeadline)) || task.CreatedBy != "editor" {
			t.Fatalf("task: %+v", task)
		}

		// Each department sees only its own request.
		hbox, _ := rumor.Inbox(ctx, db, f.health)
		mbox, _ := rumor.Inbox(ctx, db, f.market)
		if len(hbox) != 1 || len(mbox) != 1 || hbox[0].RequestID == mbox[0].RequestID || hbox[0].Claim != in.Claim {
			t.Fatalf("inboxes: %+v %+v", hbox, mbox)
		}
		if err := rumor.AnswerRequest(ctx, db, f.health, mbox[0].RequestID, "查了", "说明", now); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("health answered market's request: %v", err)
		}
		if err := rumor.AnswerRequest(ctx, db, f.health, hbox[0].RequestID, "已抽检", "", now); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("answer without a statement: %v", err)
		}
		if err := rumor.AnswerRequest(ctx, db, f.health, hbox[0].RequestID, "抽检 12 个点位", "经检测，本市供水水质符合国家标准。", now); err != nil {
			t.Fatal(err)
		}
		if err := rumor.AnswerRequest(ctx, db, f.health, hbox[0].RequestID, "再答", "再答", now); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("answered twice: %v", err)
		}
		if task, _ = rumor.LoadTask(ctx, db, f.editor, id); task.Status != rumor.TaskOpen || task.Answered != 1 {
			t.Errorf("after one of two answers: %s, %d answered", task.Status, task.Answered)
		}

		// Past the deadline the task is overdue, and only there.
		later := now.Add(rumor.DefaultVerifyDeadline + time.Hour)
		count := func(filter rumor.TaskFilter, at time.Time) int {
			ts, err := rumor.ListTasks(ctx, db, f.editor, filter, at)
			if err != nil {
				t.Fatal(err)
			}
			return len(ts)
		}
		if count(rumor.TasksOpen, now) != 1 || count(rumor.TasksOverdue, now) != 0 || count(rumor.TasksOverdue, later) != 1 || count(rumor.TasksOpen, later) != 0 {
			t.Error("open/overdue lists do not follow the deadline")
		}
		if err := rumor.AnswerRequest(ctx, db, f.market, mbox[0].RequestID, "未发现相关投诉", "市场监管部门未接到相关产品质量问题反映。", later); err != nil {
			t.Fatal(err)
		}
		if count(rumor.TasksAnswered, later) != 1 || count(rumor.TasksOverdue, later) != 0 {
			t.Error("an answered task is not listed as answered")
		}
		if box, _ := rumor.Inbox(ctx, db, f.market); len(box) != 0 {
			t.Errorf("answered request still in the inbox")
		}

		task, _ = rumor.LoadTask(ctx, db, f.editor, id)
		d := rumor.SeedArticle(task)
		if !strings.Contains(d.Title, "网传本市自来水") || !strings.Contains(d.Body, "市卫健委、市市场监管局") ||
			!strings.Contains(d.Body, "本市供水水质符合国家标准") || strings.Contains(d.Body, "抽检 12 个点位") {
			t.Errorf("draft: %+v", d)
		}
		page, _ := audit.List(ctx, db, audit.Filter{Target: "verification:" + strconv.FormatInt(id, 10), Limit: 10})
		if len(page.Entries) != 3 {
			t.Errorf("audit: %d entries, want open and two answers", len(page.Entries))
		}
		if _, err := rumor.LoadTask(ctx, db, f.editor, id+100); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("missing task: %v", err)
		}
	})
}
