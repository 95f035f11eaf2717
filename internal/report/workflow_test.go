package report_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// world is a database with the staff and organisation a case needs.
type world struct {
	t                      *testing.T
	db                     *store.DB
	svc                    *report.Service
	operator, analyst      *auth.Principal
	handlerA, handlerB     *auth.Principal
	leader                 *auth.Principal
	deptA, deptB, platform int64
}

func newWorld(t *testing.T, db *store.DB) *world {
	keys, _ := pii.New(bytes.Repeat([]byte{1}, 32))
	w := &world{t: t, db: db, svc: report.NewService(db, keys, nil)}
	ctx := context.Background()
	now := time.Now().UTC()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if w.deptA, err = org.AddDepartment(ctx, tx, org.Department{Code: "police", Name: i18n.Text{Zh: "公安", En: "Police"}, IsPolice: true}); err != nil {
			return err
		}
		if w.deptB, err = org.AddDepartment(ctx, tx, org.Department{Code: "market", Name: i18n.Text{Zh: "市场监管", En: "Market"}}); err != nil {
			return err
		}
		if w.platform, err = org.AddPlatform(ctx, tx, org.Platform{Code: "yc", Name: "邕城论坛"}, now); err != nil {
			return err
		}
		mk := func(name string, role auth.Role, dept *int64) (*auth.Principal, error) {
			id, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: name, Role: role, DepartmentID: dept}, "password-123456", now)
			return &auth.Principal{UserID: id, Username: name, Role: role, DepartmentID: dept}, err
		}
		if w.operator, err = mk("op1", auth.Operator, nil); err != nil {
			return err
		}
		if w.analyst, err = mk("an1", auth.Analyst, nil); err != nil {
			return err
		}
		if w.handlerA, err = mk("police1", auth.DeptHandler, &w.deptA); err != nil {
			return err
		}
		if w.handlerB, err = mk("market1", auth.DeptHandler, &w.deptB); err != nil {
			return err
		}
		w.leader, err = mk("lead1", auth.Leader, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// submit files a report and returns its id and receipt.
func (w *world) submit() (int64, report.Receipt) {
	w.t.Helper()
	rec, err := w.svc.Submit(context.Background(), report.Submission{Category: "fraud", Content: "冒充客服以退款为名诱导转账",
		URLs: []string{"https://example.com/p/1"}, Reporter: report.Reporter{Anonymous: true}}, "api")
	if err != nil {
		w.t.Fatal(err)
	}
	var id int64
	w.db.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&id)
	return id, rec
}

func (w *world) status(id int64) report.Status {
	var s report.Status
	w.db.Read().QueryRow(`SELECT status FROM reports WHERE id = $1`, id).Scan(&s)
	return s
}

// footprint counts what an act leaves behind, to check refused acts leave nothing.
func (w *world) footprint(id int64) [5]int {
	var f [5]int
	target := fmt.Sprintf("report:%d", id)
	for i, q := range []string{`SELECT count(*) FROM report_events WHERE report_id = $1`, `SELECT count(*) FROM transfers WHERE report_id = $1`,
		`SELECT count(*) FROM notices WHERE report_id = $1`, `SELECT count(*) FROM audit_log WHERE $1 > 0 AND target = $2`,
		`SELECT count(*) FROM reports WHERE id = $1 AND reject_reason = '' AND canonical_id IS NULL`} {
		if i != 3 {
			w.db.Read().QueryRow(q, id).Scan(&f[i])
		} else {
			w.db.Read().QueryRow(q, id, target).Scan(&f[i])
		}
	}
	return f
}

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) expect(id int64, want report.Status) {
	w.t.Helper()
	if got := w.status(id); got != want {
		w.t.Fatalf("case %d is %s, want %s", id, got, want)
	}
}

func isCode(err error, c apperr.Code) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == c
}

func TestLifecyclePaths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		an := w.analyst

		// 1. accept → notify the platform → reply → close.
		c1, _ := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, c1, ""))
		w.expect(c1, report.Assessing)
		w.must(w.svc.Assess(ctx, an, c1, "属实，通知平台删除"))
		w.must(w.svc.Notify(ctx, an, c1, report.NoticeInput{PlatformID: w.platform, What: "删除诈骗帖子", Location: "https://example.com/p/1", Reason: "涉嫌诈骗"}))
		w.expect(c1, report.Disposing)
		w.must(w.svc.Reply(ctx, an, c1, "已通知平台删除相关信息。"))
		w.expect(c1, report.Replied)
		w.must(w.svc.Close(ctx, an, c1, ""))
		w.expect(c1, report.Closed)

		// 2. transfer to two departments, each accepts and feeds back; the
		// reporter is not satisfied and the case returns to assessment.
		c2, rec2 := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, c2, ""))
		w.must(w.svc.Transfer(ctx, an, c2, []int64{w.deptA, w.deptB}, "请核查"))
		w.expect(c2, report.Transferred)
		d, err := w.svc.Case(ctx, w.handlerA, c2)
		w.must(err)
		if len(d.Transfers) != 2 {
			t.Fatalf("%d transfers, want 2", len(d.Transfers))
		}
		for _, tr := range d.Transfers {
			h := w.handlerA
			if tr.DepartmentID == w.deptB {
				h = w.handlerB
			}
			other := w.handlerB
			if h == w.handlerB {
				other = w.handlerA
			}
			if err := w.svc.Feedback(ctx, h, tr.ID, "太早"); !isCode(err, apperr.Conflict) {
				t.Fatalf("feedback before accepting: %v", err)
			}
			if err := w.svc.AcceptTransfer(ctx, other, tr.ID); !isCode(err, apperr.NotFound) {
				t.Fatalf("another department accepted the transfer: %v", err)
			}
			w.must(w.svc.AcceptTransfer(ctx, h, tr.ID))
			w.must(w.svc.Feedback(ctx, h, tr.ID, "已查处"))
		}
		w.must(w.svc.Reply(ctx, an, c2, "经部门核查，已依法处置。"))
		w.must(w.svc.Rate(ctx, rec2.TrackingCode, rec2.Secret, false, "没看到处理"))
		w.expect(c2, report.Assessing)
		w.must(w.svc.Reply(ctx, an, c2, "补充说明：涉案账号已封禁。"))
		w.must(w.svc.Rate(ctx, rec2.TrackingCode, rec2.Secret, true, ""))
		w.expect(c2, report.Replied)
		w.must(w.svc.Close(ctx, an, c2, ""))

		// 3. rejected; the reporter disagrees; the case is reassessed and
		// refused again.
		c3, rec3 := w.submit()
		w.must(w.svc.Reject(ctx, w.operator, c3, "insufficient_evidence", ""))
		w.expect(c3, report.Rejected)
		v, err := w.svc.Track(ctx, rec3.TrackingCode, rec3.Secret)
		w.must(err)
		if v.Reply == nil || !v.CanRate() {
			t.Fatal("the reporter cannot read or rate the refusal")
		}
		w.must(w.svc.Rate(ctx, rec3.TrackingCode, rec3.Secret, false, ""))
		w.expect(c3, report.Assessing)
		w.must(w.svc.Reject(ctx, an, c3, "not_harmful", "经复核未发现违法信息"))
		w.must(w.svc.Close(ctx, an, c3, ""))
		w.must(w.svc.Reopen(ctx, an, c3, "领导批示重新核查"))
		w.expect(c3, report.Assessing)

		// 4. a duplicate merged into a canonical case follows its reply.
		c4, _ := w.submit()
		c5, rec5 := w.submit()
		w.must(w.svc.Merge(ctx, w.operator, c5, c4, "同一链接"))
		w.expect(c5, report.Merged)
		w.must(w.svc.Accept(ctx, w.operator, c4, ""))
		w.must(w.svc.Reply(ctx, an, c4, "已处置。"))
		v5, err := w.svc.Track(ctx, rec5.TrackingCode, rec5.Secret)
		w.must(err)
		if v5.Reply == nil || v5.Reply.Note != "已处置。" || v5.Status != report.Merged {
			t.Fatalf("merged case does not follow its canonical reply: %+v", v5.Reply)
		}
		if err := w.svc.Merge(ctx, w.operator, c4, c5, ""); err == nil {
			t.Fatal("merged into a merged case")
		}

		// 5. accepted, then refused; category fixed; assignment; disposal.
		c6, _ := w.submit()
		w.must(w.svc.Recategorize(ctx, w.operator, c6, "gambling", ""))
		w.must(w.svc.Assign(ctx, w.operator, c6, &an.UserID))
		var note string
		db.Read().QueryRow(`SELECT note FROM report_events WHERE report_id = $1 AND action = 'assigned'`, c6).Scan(&note)
		if note != "分派给 an1" {
			t.Fatalf("assignment recorded as %q", note)
		}
		if err := w.svc.Assign(ctx, w.operator, c6, &w.leader.UserID); !isCode(err, apperr.Invalid) {
			t.Fatalf("assigned to a leader: %v", err)
		}
		w.must(w.svc.Accept(ctx, w.operator, c6, ""))
		w.must(w.svc.RecordDisposal(ctx, an, c6, "site_closure", "域名已注销备案"))
		w.expect(c6, report.Disposing)
		c7, _ := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, c7, ""))
		w.must(w.svc.Reject(ctx, an, c7, "out_of_scope", ""))

		// Roles and scope.
		for name, err := range map[string]error{
			"operator replies":          w.svc.Reply(ctx, w.operator, c6, "x"),
			"leader accepts":            w.svc.Accept(ctx, w.leader, c7, ""),
			"handler transfers":         w.svc.Transfer(ctx, w.handlerA, c6, []int64{w.deptA}, ""),
			"analyst feeds back":        w.svc.Feedback(ctx, an, 1, "x"),
			"operator reveals reporter": func() error { _, _, err := w.svc.RevealReporter(ctx, w.operator, c1); return err }(),
		} {
			if !isCode(err, apperr.Forbidden) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
		if _, err := w.svc.Case(ctx, w.handlerA, c1); !isCode(err, apperr.NotFound) {
			t.Errorf("a department handler read a case not transferred to it: %v", err)
		}

		if _, err := audit.Verify(ctx, db); err != nil {
			t.Fatalf("audit log after the lifecycle: %v", err)
		}
	})
}

// TestIllegalTransitionsChangeNothing tries every action in every state
// where the lifecycle forbids it.
func TestIllegalTransitionsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		an := w.analyst
		// One case in each status.
		cases := map[report.Status]int64{}
		cases[report.Submitted], _ = w.submit()
		id, _ := w.submit()
		w.must(w.svc.Accept(ctx, an, id, ""))
		cases[report.Assessing] = id
		id, _ = w.submit()
		w.must(w.svc.Accept(ctx, an, id, ""))
		w.must(w.svc.Notify(ctx, an, id, report.NoticeInput{PlatformID: w.platform, What: "删除", Location: "https://example.com", Reason: "诈骗"}))
		cases[report.Disposing] = id
		id, _ = w.submit()
		w.must(w.svc.Accept(ctx, an, id, ""))
		w.must(w.svc.Transfer(ctx, an, id, []int64{w.deptA}, ""))
		cases[report.Transferred] = id
		id, _ = w.submit()
		w.must(w.svc.Accept(ctx, an, id, ""))
		w.must(w.svc.Reply(ctx, an, id, "已处置"))
		cases[report.Replied] = id
		id, _ = w.submit()
		w.must(w.svc.Accept(ctx, an, id, ""))
		w.must(w.svc.Reply(ctx, an, id, "已处置"))
		w.must(w.svc.Close(ctx, an, id, ""))
		cases[report.Closed] = id
		id, _ = w.submit()
		w.must(w.svc.Reject(ctx, an, id, "invalid", ""))
		cases[report.Rejected] = id
		id, _ = w.submit()
		w.must(w.svc.Merge(ctx, an, id, cases[report.Submitted], ""))
		cases[report.Merged] = id
		target, _ := w.submit()

		ops := map[report.Op]func(id int64) error{
			report.OpAccept: func(id int64) error { return w.svc.Accept(ctx, an, id, "") },
			report.OpReject: func(id int64) error { return w.svc.Reject(ctx, an, id, "invalid", "") },
			report.OpMerge:  func(id int64) error { return w.svc.Merge(ctx, an, id, target, "") },
			report.OpNotify: func(id int64) error {
				return w.svc.Notify(ctx, an, id, report.NoticeInput{PlatformID: w.platform, What: "删除", Location: "https://example.com", Reason: "诈骗"})
			},
			report.OpTransfer: func(id int64) error { return w.svc.Transfer(ctx, an, id, []int64{w.deptB}, "") },
			report.OpReply:    func(id int64) error { return w.svc.Reply(ctx, an, id, "答复") },
			report.OpClose:    func(id int64) error { return w.svc.Close(ctx, an, id, "") },
			report.OpReopen:   func(id int64) error { return w.svc.Reopen(ctx, an, id, "") },
		}
		refused := 0
		for st, id := range cases {
			for _, op := range report.Ops() {
				if _, err := report.Next(op, st); err == nil {
					continue
				}
				before := w.footprint(id)
				err := ops[op](id)
				if !isCode(err, apperr.Conflict) {
					t.Errorf("%s on a %s case: %v, want a conflict", op, st, err)
				}
				if w.status(id) != st || w.footprint(id) != before {
					t.Errorf("%s on a %s case changed it: %v → %v", op, st, before, w.footprint(id))
				}
				refused++
			}
		}
		if refused < 30 {
			t.Fatalf("only %d illegal transitions tried", refused)
		}
		if _, err := audit.Verify(ctx, db); err != nil {
			t.Fatal(err)
		}
	})
}
