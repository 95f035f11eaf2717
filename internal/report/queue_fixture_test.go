package report_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/store"
)

// queueFixture is 40 reports filed a minute apart, then moved along by
// SQL so every filter has something to find and something to leave out.
type queueFixture struct {
	svc    *report.Service
	ids    []int64 // report id by index
	now    time.Time
	base   time.Time // created_at of report 0
	deptA  int64
	deptB  int64
	deptC  int64
	opID   int64
	distID int64
	platID int64
	staff  map[string]*auth.Principal
}

// text of report i: 0-9 impersonated customer service (冒充客服 + 诈骗),
// 10-19 rumors, 20-29 rebate fraud (诈骗 only), 30-39 gambling; 31 has
// 冒充 and 客服 apart, 32 has 客服冒充: neither is the phrase 冒充客服.
func queueText(i int) string {
	switch {
	case i < 10:
		return fmt.Sprintf("第%d例：有账号冒充客服，谎称快递丢失理赔，实施诈骗。", i)
	case i < 20:
		return fmt.Sprintf("第%d例：网传某小区自来水被污染，纯属谣言。", i)
	case i < 30:
		return fmt.Sprintf("第%d例：群里发布刷单返利兼职广告，先垫付后返佣金，是诈骗。", i)
	case i == 31:
		return "第31例：赌博网站有人冒充了客服身份拉人充值。"
	case i == 32:
		return "第32例：赌博网站的客服冒充官方人员。"
	case i == 33:
		// long enough to be cut in the preview; quotes and FTS words as plain text
		return `第33例："NEAR" bigrams:网络赌博 * ^ OR 推广境外赌博网站，以彩票计划群、稳赚带单为名拉人注册充值，并招募代理，涉及金额巨大，请尽快处理，谢谢！`
	}
	return fmt.Sprintf("第%d例：短视频中植入网络赌博App下载二维码。", i)
}

func newQueueFixture(t *testing.T, db *store.DB) *queueFixture {
	ctx := context.Background()
	keys, err := pii.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	fx := &queueFixture{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), staff: map[string]*auth.Principal{}}
	fx.base = fx.now.Add(-48 * time.Hour)
	clock := fx.base
	fx.svc = report.NewService(db, keys, func() time.Time { return clock })
	err = db.Write(ctx, func(tx *sql.Tx) error {
		for i, p := range []*int64{&fx.deptA, &fx.deptB, &fx.deptC} {
			code := []string{"wangxin", "gongan", "jiaoyu"}[i]
			if *p, err = org.AddDepartment(ctx, tx, org.Department{Code: code, Name: i18n.Text{Zh: code, En: code}}); err != nil {
				return err
			}
		}
		if fx.distID, err = org.AddDistrict(ctx, tx, org.District{Code: "qingxiu", Name: i18n.Text{Zh: "青秀区", En: "Qingxiu"}, Kind: "district"}, 1); err != nil {
			return err
		}
		if fx.platID, err = org.AddPlatform(ctx, tx, org.Platform{Code: "weibo", Name: "微博"}, fx.base); err != nil {
			return err
		}
		for _, u := range []auth.NewUser{{Username: "operator", Role: auth.Operator}, {Username: "analyst", Role: auth.Analyst},
			{Username: "leader", Role: auth.Leader}, {Username: "admin", Role: auth.Admin}, {Username: "editor", Role: auth.Editor},
			{Username: "handler-a", Role: auth.DeptHandler, DepartmentID: &fx.deptA},
			{Username: "handler-b", Role: auth.DeptHandler, DepartmentID: &fx.deptB},
			{Username: "handler-c", Role: auth.DeptHandler, DepartmentID: &fx.deptC}} {
			id, err := auth.CreateUser(ctx, tx, u, "correct horse battery staple", fx.base)
			if err != nil {
				return err
			}
			fx.staff[u.Username] = &auth.Principal{UserID: id, Username: u.Username, Role: u.Role, DepartmentID: u.DepartmentID}
		}
		fx.opID = fx.staff["operator"].UserID
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	channels := []string{"web", "mobile", "wechat"}
	categories := map[int]string{0: "fraud", 1: "rumor", 2: "fraud", 3: "gambling"}
	for i := range 40 {
		clock = fx.base.Add(time.Duration(i) * time.Minute)
		sub := report.Submission{Category: categories[i/10], Content: queueText(i), Channel: channels[i%3],
			URLs: []string{fmt.Sprintf("https://bbs.example.cn/thread-%d.html", i)}, Reporter: report.Reporter{Anonymous: true}}
		switch {
		case i >= 15 && i < 20:
			sub.District = "qingxiu"
		case i >= 20 && i < 25:
			sub.Platform = "weibo"
		case i == 39:
			// a zone report: its public text field is searchable too
			sub.Category, sub.Zone, sub.URLs = "", "algorithm", nil
			sub.ZoneFields = map[string]any{"app_name": "极速短剧大全", "problem": "addiction"}
		}
		rec, err := fx.svc.Submit(ctx, sub, "web")
		if err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
		var id int64
		if err := db.Read().QueryRowContext(ctx, `SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&id); err != nil {
			t.Fatal(err)
		}
		fx.ids = append(fx.ids, id)
	}
	fx.advance(t, db)
	return fx
}

// advance moves some cases along as staff would have: statuses, due
// times, an assignee and transfers to departments.
func (fx *queueFixture) advance(t *testing.T, db *store.DB) {
	ctx := context.Background()
	h := time.Hour
	err := db.Write(ctx, func(tx *sql.Tx) error {
		exec := func(q string, args ...any) error {
			_, err := tx.ExecContext(ctx, q, args...)
			return err
		}
		for i, st := range map[int]report.Status{0: "assessing", 1: "assessing", 2: "assessing", 3: "assessing", 4: "assessing",
			5: "closed", 6: "closed", 7: "closed"} {
			if err := exec(`UPDATE reports SET status = $1 WHERE id = $2`, string(st), fx.ids[i]); err != nil {
				return err
			}
		}
		// Intake sets due times from the SLA policy; the cases below set
		// their own, so the fixture does not depend on the calendar.
		if err := exec(`UPDATE reports SET stage_due_at = NULL, reply_due_at = NULL`); err != nil {
			return err
		}
		// overdue: 0 and 1 by stage, 8 and 9 by reply; 5's reply is late
		// but it is closed; 2 is due soon; 3 is due later.
		for i, due := range map[int][2]any{0: {fx.now.Add(-2 * h), nil}, 1: {fx.now.Add(-1 * h), nil}, 2: {fx.now.Add(2 * h), nil},
			3: {fx.now.Add(48 * h), nil}, 5: {nil, fx.now.Add(-h)}, 8: {nil, fx.now.Add(-h)}, 9: {fx.now.Add(3 * h), fx.now.Add(-h)}} {
			if err := exec(`UPDATE reports SET stage_due_at = $1, reply_due_at = $2 WHERE id = $3`, due[0], due[1], fx.ids[i]); err != nil {
				return err
			}
		}
		for i := 10; i < 15; i++ {
			if err := exec(`UPDATE reports SET assignee_id = $1 WHERE id = $2`, fx.opID, fx.ids[i]); err != nil {
				return err
			}
		}
		if err := exec(`UPDATE reports SET updated_at = $1 WHERE id = $2`, fx.now, fx.ids[7]); err != nil {
			return err
		}
		for i, dept := range map[int]int64{0: fx.deptA, 1: fx.deptA, 2: fx.deptA, 30: fx.deptA, 3: fx.deptB} {
			if err := exec(`INSERT INTO transfers (report_id, department_id, status, created_at, due_at) VALUES ($1,$2,'pending',$3,$4)`,
				fx.ids[i], dept, fx.now, fx.now.Add(240*h)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
