package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/sla"
)

// TestConsoleAdmin walks the admin pages as an administrator: each form's
// success (303 and its message on the next page), its refusal (4xx with
// the field's message), and what the change did.
func TestConsoleAdmin(t *testing.T) { eachDB(t, testConsoleAdmin) }

func testConsoleAdmin(t *testing.T, dbURL string) {
	ts := startServer(t, dbURL)
	ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	ts.seed()
	admin := ts.session(auth.Admin, nil)

	// post sends a form that must answer want; a 303 is followed so the
	// message it leaves is checked on the page it leads to.
	post := func(path string, form url.Values, want int, contains string) string {
		t.Helper()
		form.Set("csrf", admin.csrf)
		r := ts.postForm(path, form, admin.cookie...)
		body := string(r.Body)
		if r.Status == http.StatusSeeOther {
			// The message rides on a cookie, as a browser would send it back.
			cookie := admin.cookie[1]
			for _, c := range (&http.Response{Header: r.Header}).Cookies() {
				cookie += "; " + c.Name + "=" + c.Value
			}
			next := ts.get(r.Header.Get("Location"), "Cookie", cookie)
			body = string(next.Body)
		}
		if r.Status != want || !strings.Contains(body, contains) {
			t.Fatalf("POST %s: %d (want %d), %q in page: %v\n%s", path, r.Status, want, contains, strings.Contains(body, contains), body)
		}
		return body
	}
	page := func(path, contains string) string {
		t.Helper()
		r := ts.get(path, admin.cookie...)
		if r.Status != 200 || !strings.Contains(string(r.Body), contains) {
			t.Fatalf("GET %s: %d, %q in page: %v", path, r.Status, contains, strings.Contains(string(r.Body), contains))
		}
		return string(r.Body)
	}

	// Accounts.
	body := page("/console/admin/users", "新建账号")
	for _, link := range []string{"/console/admin/users", "/console/admin/departments", "/console/admin/sla", "/console/admin/audit"} {
		if !strings.Contains(body, `href="`+link+`"`) {
			t.Errorf("the administrator's navigation lacks %s", link)
		}
	}
	post("/console/admin/users", url.Values{"username": {"Bad Name"}, "role": {"dept_handler"}, "password": {"short"}}, 400, "部门处置员须选择所属部门")
	post("/console/admin/users", url.Values{"username": {"li.na"}, "display_name": {"李娜"}, "role": {"operator"}, "password": {staffPassword}}, 303, "账号已创建")
	var id string
	ts.DB.Read().QueryRow(`SELECT CAST(id AS TEXT) FROM users WHERE username = 'li.na'`).Scan(&id)
	user := "/console/admin/users/" + id
	page(user, "李娜")
	post(user+"/role", url.Values{"role": {"dept_handler"}}, 400, "部门处置员须选择所属部门")
	post(user+"/role", url.Values{"role": {"analyst"}}, 303, "角色和范围已更新")
	post(user+"/status", url.Values{"disabled": {"1"}}, 303, "账号已停用")
	if s, _ := ts.login("li.na", staffPassword); s != "" {
		t.Error("a disabled account signed in")
	}
	post(user+"/status", url.Values{"disabled": {"0"}}, 303, "账号已启用")
	post(user+"/password", url.Values{"password": {"short"}}, 400, "密码须为")
	post(user+"/password", url.Values{"password": {"a new password 2026"}}, 303, "密码已重置")
	if s, _ := ts.login("li.na", "a new password 2026"); s == "" {
		t.Error("the reset password does not sign in")
	}
	if r := ts.get("/console/admin/users/999999", admin.cookie...); r.Status != 404 {
		t.Errorf("unknown user: %d", r.Status)
	}

	// Departments, units, districts.
	body = post("/console/admin/departments", url.Values{"code": {"Police!"}, "name_zh": {""}}, 400, "请填写「中文名称」")
	if !strings.Contains(body, `aria-describedby="e-name_zh"`) || !strings.Contains(body, `value="Police!"`) {
		t.Error("a refused form does not point its field at the message or keep what was typed")
	}
	post("/console/admin/departments", url.Values{"code": {"police"}, "name_zh": {"市公安局"}, "is_police": {"1"}}, 303, "市公安局")
	post("/console/admin/departments", url.Values{"code": {"police"}, "name_zh": {"又一个"}}, 400, "已被使用")
	post("/console/admin/units", url.Values{"code": {"daily"}, "name": {"南宁日报社"}, "kind": {"媒体"}}, 303, "南宁日报社")
	post("/console/admin/districts", url.Values{"code": {"qingxiu"}, "name_zh": {"青秀区"}, "kind": {"district"}, "sort": {"2"}}, 303, "青秀区")
	var did string
	ts.DB.Read().QueryRow(`SELECT CAST(id AS TEXT) FROM districts WHERE code = 'qingxiu'`).Scan(&did)
	page("/console/admin/districts/"+did, `value="qingxiu"`)
	post("/console/admin/districts/"+did, url.Values{"code": {"qingxiu"}, "name_zh": {"青秀区（改）"}, "kind": {"planet"}}, 400, "请选择区划类型")
	post("/console/admin/districts/"+did, url.Values{"code": {"qingxiu"}, "name_zh": {"青秀区（改）"}, "kind": {"district"}, "sort": {"2"}}, 303, "青秀区（改）")

	// Reply templates.
	post("/console/admin/templates", url.Values{"code": {"removed"}, "title": {"已删除"}, "body": {"{{nope}}"}}, 400, "未知的占位符")
	post("/console/admin/templates", url.Values{"code": {"removed"}, "title": {"已删除"}, "category": {"fraud"},
		"body": {"您于{{date}}举报的信息（查询码 {{tracking_code}}）已删除。"}}, 303, "已删除")
	var tid string
	ts.DB.Read().QueryRow(`SELECT CAST(id AS TEXT) FROM reply_templates WHERE code = 'removed'`).Scan(&tid)
	page("/console/admin/templates/"+tid, "{{tracking_code}}")
	post("/console/admin/templates/"+tid+"/delete", url.Values{}, 303, "已删除。")
	if n := ts.count("reply_templates"); n != 0 {
		t.Errorf("%d templates after the delete", n)
	}

	// Time limits and the calendar.
	days := url.Values{"days_accept": {"2"}, "days_assess": {"3"}, "days_notice": {"2"}, "days_feedback": {"99"}, "days_reply": {"15"}}
	post("/console/admin/sla", days, 400, "须为 1-60 个工作日")
	days.Set("days_feedback", "8")
	post("/console/admin/sla", days, 303, "已保存")
	policy, err := sla.Load(context.Background(), ts.DB)
	if err != nil || policy.Days[sla.Accept] != 2 || policy.Days[sla.Feedback] != 8 {
		t.Fatalf("policy after the change: %+v, %v", policy, err)
	}
	post("/console/admin/holidays", url.Values{"day": {"2026-13-01"}, "kind": {"holiday"}}, 400, "格式应为")
	post("/console/admin/holidays", url.Values{"day": {"2026-10-01"}, "kind": {"holiday"}, "name": {"国庆节"}}, 303, "国庆节")
	post("/console/admin/holidays/2026-10-01/delete", url.Values{}, 303, "已删除")

	// The audit log lists what was done and verifies.
	page("/console/admin/audit?action=admin.user.&actor="+admin.p.Username, "admin.user.password")
	body = post("/console/admin/audit/verify", url.Values{}, 200, "校验通过")
	res, err := audit.Verify(context.Background(), ts.DB)
	if err != nil || !strings.Contains(body, res.Head) {
		t.Fatalf("verify page does not show the head %s: %v", res.Head, err)
	}

	// Other roles see no admin links and may not open the pages.
	op := ts.session(auth.Operator, nil)
	if r := ts.get("/console/tokens", op.cookie...); strings.Contains(string(r.Body), "/console/admin/") {
		t.Error("an operator's navigation shows admin links")
	}
	if r := ts.get("/console/admin/users", op.cookie...); r.Status != http.StatusForbidden {
		t.Errorf("operator on the users page: %d", r.Status)
	}
}
