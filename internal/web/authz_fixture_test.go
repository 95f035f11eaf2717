package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/report"
)

// caller is one signed-in account the authorization matrix calls routes
// as: with its session cookie and form token for pages, its bearer token
// for the staff API.
type caller struct {
	name     string // the matrix's row label
	role     auth.Role
	outsider bool // tied to the other department or platform: must not reach A's data
	p        *auth.Principal
	cookie   []string
	csrf     string
	bearer   string
}

// session creates an account of role with scope, signs it in and takes
// its form token from a console page, and gives it an API token.
func (s *testServer) session(role auth.Role, scope *auth.Scope) *caller {
	s.t.Helper()
	ctx, now := context.Background(), time.Now()
	u := auth.NewUser{Username: fmt.Sprintf("%s.%d", strings.ReplaceAll(string(role), "_", "-"), s.count("users")+1),
		DisplayName: "测试" + role.Label().Zh, Role: role}
	if scope != nil {
		u.DepartmentID, u.PlatformID, u.UnitID = scope.DepartmentID, scope.PlatformID, scope.UnitID
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = auth.CreateUser(ctx, tx, u, staffPassword, now)
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
	c := &caller{name: string(role), role: role, p: &auth.Principal{UserID: id, Username: u.Username, DisplayName: u.DisplayName,
		Role: role, DepartmentID: u.DepartmentID, PlatformID: u.PlatformID, UnitID: u.UnitID}}
	s.signIn(c)
	if _, c.bearer, err = auth.CreateToken(ctx, s.DB, c.p, "matrix", now); err != nil {
		s.t.Fatal(err)
	}
	return c
}

// signIn gives c a new session, as when a route ends the old one.
func (s *testServer) signIn(c *caller) {
	s.t.Helper()
	token, err := auth.CreateSession(context.Background(), s.DB, c.p.UserID, "127.0.0.1", "authz-test", time.Now())
	if err != nil {
		s.t.Fatal(err)
	}
	c.cookie = []string{"Cookie", "ql_session=" + token}
	page := s.get("/console/tokens", c.cookie...)
	m := csrfField.FindSubmatch(page.Body)
	if page.Status != http.StatusOK || m == nil {
		s.t.Fatalf("%s: console page %d without a form token", c.name, page.Status)
	}
	c.csrf = string(m[1])
}

// fixture is the data the matrix's URLs point at: a case of department A
// (transferred there, with an evidence file), A's transfer of it, and
// records for the admin pages. B is the department and platform the
// outsiders belong to.
type fixture struct {
	deptA, deptB, platA, platB, unit, district int64
	caseID, transferID, noticeID               int64
	code, secret, evidenceID                   string
	userID, tokenID, templateID                int64
	callers                                    []*caller
	rumor                                      rumorFixture
	rumorPages                                 rumorPagesFixture
}

func newFixture(ts *testServer) *fixture {
	t, ctx := ts.t, context.Background()
	ts.seed()
	f := &fixture{}
	err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		add := func(id *int64, fn func() (int64, error)) {
			if err == nil {
				*id, err = fn()
			}
		}
		add(&f.deptA, func() (int64, error) {
			return org.AddDepartment(ctx, tx, org.Department{Code: "dept-a", Name: i18n.Text{Zh: "甲部门", En: "Dept A"}})
		})
		add(&f.deptB, func() (int64, error) {
			return org.AddDepartment(ctx, tx, org.Department{Code: "dept-b", Name: i18n.Text{Zh: "乙部门", En: "Dept B"}})
		})
		add(&f.platB, func() (int64, error) {
			return org.AddPlatform(ctx, tx, org.Platform{Code: "douyin", Name: "抖音", Kind: "video", Domains: "douyin.com"}, time.Now())
		})
		add(&f.unit, func() (int64, error) {
			return org.AddUnit(ctx, tx, org.Unit{Code: "daily", Name: "日报社", Kind: "media"})
		})
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM platforms WHERE code = $1`, testPlatform).Scan(&f.platA)
		}
		if err == nil {
			err = tx.QueryRowContext(ctx, `SELECT id FROM districts WHERE code = $1`, testDistrict).Scan(&f.district)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// One caller per role, tied to A where the role has a scope, and
	// the two outsiders.
	scopes := map[auth.Role]*auth.Scope{auth.DeptHandler: {DepartmentID: &f.deptA}, auth.PlatformLiaison: {PlatformID: &f.platA},
		auth.AllianceMember: {UnitID: &f.unit}}
	byRole := map[auth.Role]*caller{}
	for _, role := range auth.Roles() {
		c := ts.session(role, scopes[role])
		f.callers = append(f.callers, c)
		byRole[role] = c
	}
	analyst := byRole[auth.Analyst]
	for _, o := range []struct {
		role  auth.Role
		scope *auth.Scope
	}{{auth.DeptHandler, &auth.Scope{DepartmentID: &f.deptB}}, {auth.PlatformLiaison, &auth.Scope{PlatformID: &f.platB}}} {
		c := ts.session(o.role, o.scope)
		c.name, c.outsider = string(o.role)+"(B)", true
		f.callers = append(f.callers, c)
	}

	// The case: filed with a file, accepted, noticed to platform A and
	// transferred to department A, through the workflow itself.
	f.evidenceID = ts.uploadID("shot.png", pngFile(t, 1))
	r := ts.postJSON("/api/v1/reports", map[string]any{"category": "fraud", "content": "虚假投资理财网站，诱导转账。", "urls": []any{"https://weibo.com/t/1"},
		"evidence_ids": []any{f.evidenceID}, "reporter": map[string]any{"anonymous": false, "name": "王五", "phone": "13800138000"}})
	var rec receipt
	if r.JSON(t, &rec); r.Status != http.StatusCreated {
		t.Fatalf("fixture report: %d %s", r.Status, r.Body)
	}
	f.code, f.secret = rec.TrackingCode, rec.Secret
	ts.DB.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, f.code).Scan(&f.caseID)
	svc := ts.Reports
	for _, step := range []error{
		svc.Accept(ctx, analyst.p, f.caseID, ""),
		svc.Notify(ctx, analyst.p, f.caseID, report.NoticeInput{PlatformID: f.platA, What: "删除诈骗帖", Location: "https://weibo.com/t/1", Reason: "涉嫌诈骗"}),
		svc.Transfer(ctx, analyst.p, f.caseID, []int64{f.deptA}, "请核查"),
	} {
		if step != nil {
			t.Fatalf("fixture case: %v", step)
		}
	}
	ts.DB.Read().QueryRow(`SELECT id FROM transfers WHERE report_id = $1`, f.caseID).Scan(&f.transferID)
	ts.DB.Read().QueryRow(`SELECT id FROM notices WHERE report_id = $1`, f.caseID).Scan(&f.noticeID)

	// An account for the admin routes to act on, with a token of its own
	// that no caller owns, and a reply template.
	target := ts.session(auth.Operator, nil)
	f.userID = target.p.UserID
	if f.tokenID, _, err = auth.CreateToken(ctx, ts.DB, target.p, "target", time.Now()); err != nil {
		t.Fatal(err)
	}
	if f.templateID, err = svc.SaveTemplate(ctx, byRole[auth.Admin].p, report.ReplyTemplate{Code: "removed", Title: "已删除", Body: "已删除。"}); err != nil {
		t.Fatal(err)
	}
	f.rumor = newRumorFixture(ts, f, byRole[auth.Editor].p)
	f.rumorPages = newRumorPagesFixture(ts, f, byRole[auth.Editor].p)
	return f
}
