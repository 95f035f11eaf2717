package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/auth"
)

const staffPassword = "correct horse 电池"

// staffUser creates an account that can sign in to the console.
func (s *testServer) staffUser(username string, role auth.Role) {
	s.t.Helper()
	ctx := context.Background()
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: username, DisplayName: "周敏", Role: role}, staffPassword, time.Now())
		return err
	})
	if err != nil {
		s.t.Fatal(err)
	}
}

// postForm sends a url-encoded form; header holds extra name, value pairs.
func (s *testServer) postForm(path string, form url.Values, header ...string) response {
	s.t.Helper()
	return s.do("POST", path, "application/x-www-form-urlencoded", []byte(form.Encode()), header...)
}

// login signs in and returns the session cookie's value.
func (s *testServer) login(username, password string) (string, response) {
	s.t.Helper()
	r := s.postForm("/console/login", url.Values{"username": {username}, "password": {password}, "next": {"/console/tokens"}})
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "ql_session" {
			return c.Value, r
		}
	}
	return "", r
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]{64})"`)

func TestConsoleAuth(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		ts.staffUser("zhou.min", auth.Operator)

		if r := ts.get("/console/login?next=/console/tokens"); r.Status != 200 || !strings.Contains(string(r.Body), `name="password"`) {
			t.Fatalf("login page: %d", r.Status)
		}
		if r := ts.get("/console/tokens"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/console/login?next=%2Fconsole%2Ftokens" {
			t.Fatalf("console page without a session: %d → %q", r.Status, r.Header.Get("Location"))
		}
		if r := ts.get("/api/v1/console/me"); r.Status != http.StatusUnauthorized || r.Header.Get("WWW-Authenticate") == "" {
			t.Fatalf("staff API without credentials: %d", r.Status)
		}

		// Signing in sets a session cookie and goes where the user was headed.
		session, r := ts.login("zhou.min", staffPassword)
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/console/tokens" || session == "" {
			t.Fatalf("login: %d → %q: %s", r.Status, r.Header.Get("Location"), r.Body)
		}
		if sc := r.Header.Get("Set-Cookie"); !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") || !strings.Contains(sc, "Path=/") {
			t.Fatalf("session cookie %q", sc)
		}
		cookie := []string{"Cookie", "ql_session=" + session}
		var who struct {
			Username    string
			Role        string
			RoleLabel   string `json:"role_label"`
			Permissions []string
		}
		r = ts.get("/api/v1/console/me", cookie...)
		r.JSON(t, &who)
		if r.Status != 200 || who.Username != "zhou.min" || who.Role != "operator" ||
			who.RoleLabel != "受理员" || !strings.Contains(strings.Join(who.Permissions, ","), "case.screen") {
			t.Fatalf("me with the cookie: %d %s", r.Status, r.Body)
		}

		// Console forms need the session's form token and a same-site origin.
		page := ts.get("/console/tokens", cookie...)
		m := csrfField.FindSubmatch(page.Body)
		if page.Status != 200 || m == nil {
			t.Fatalf("tokens page: %d, form token found: %v", page.Status, m != nil)
		}
		csrf := string(m[1])
		if r := ts.postForm("/console/tokens", url.Values{"name": {"脚本"}}, cookie...); r.Status != http.StatusForbidden || !strings.Contains(string(r.Body), "刷新") {
			t.Fatalf("post without the form token: %d", r.Status)
		}
		if r := ts.postForm("/console/tokens", url.Values{"name": {"脚本"}, "csrf": {strings.Repeat("0", 64)}}, cookie...); r.Status != http.StatusForbidden {
			t.Fatalf("post with a wrong form token: %d", r.Status)
		}
		if r := ts.postForm("/console/tokens", url.Values{"name": {"脚本"}, "csrf": {csrf}}, append(cookie, "Sec-Fetch-Site", "cross-site")...); r.Status != http.StatusForbidden {
			t.Fatalf("cross-site post: %d", r.Status)
		}
		r = ts.postForm("/console/tokens", url.Values{"name": {"导出脚本"}, "csrf": {csrf}}, append(cookie, "Sec-Fetch-Site", "same-origin")...)
		token := regexp.MustCompile(`qlt_[A-Za-z0-9_-]{43}`).FindString(string(r.Body))
		if r.Status != http.StatusCreated || token == "" {
			t.Fatalf("create token: %d, token shown: %q", r.Status, token)
		}

		// The staff API takes the token instead of a cookie; no form token needed.
		r = ts.get("/api/v1/console/me", "Authorization", "Bearer "+token)
		if r.JSON(t, &who); r.Status != 200 || who.Username != "zhou.min" {
			t.Fatalf("me with the bearer token: %d %s", r.Status, r.Body)
		}
		if r := ts.get("/api/v1/console/me", "Authorization", "Bearer qlt_forged"); r.Status != http.StatusUnauthorized {
			t.Fatalf("forged bearer token: %d", r.Status)
		}
		if r := ts.get("/console/tokens", "Authorization", "Bearer "+token); r.Status != http.StatusSeeOther {
			t.Fatalf("a console page opened with a bearer token: %d", r.Status)
		}

		// A sign-in never leads off the site.
		if _, r := ts.login("zhou.min", staffPassword); r.Status != http.StatusSeeOther {
			t.Fatal(r.Status)
		}
		evil := ts.postForm("/console/login", url.Values{"username": {"zhou.min"}, "password": {staffPassword}, "next": {"//evil.example/x"}})
		if loc := evil.Header.Get("Location"); loc != "/console" {
			t.Fatalf("next=//evil.example led to %q", loc)
		}

		// Logout ends the session.
		if r := ts.postForm("/console/logout", url.Values{"csrf": {csrf}}, cookie...); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/console/login" {
			t.Fatalf("logout: %d", r.Status)
		}
		if r := ts.get("/api/v1/console/me", cookie...); r.Status != http.StatusUnauthorized {
			t.Fatalf("me after logout: %d", r.Status)
		}

		// Five wrong passwords lock the account: the sixth try fails even
		// with the right one.
		for i := 1; i <= 5; i++ {
			if _, r := ts.login("zhou.min", "wrong password"); r.Status == http.StatusSeeOther {
				t.Fatalf("wrong password %d accepted", i)
			}
		}
		s, r := ts.login("zhou.min", staffPassword)
		if s != "" || r.Status != http.StatusForbidden || !strings.Contains(string(r.Body), "锁定") {
			t.Fatalf("right password on a locked account: %d %q", r.Status, s)
		}

		if _, err := audit.Verify(context.Background(), ts.DB); err != nil {
			t.Fatal(err)
		}
		var logins, failures, locks int
		ts.DB.Read().QueryRow(`SELECT
			(SELECT count(*) FROM audit_log WHERE action = 'auth.login'),
			(SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'),
			(SELECT count(*) FROM audit_log WHERE action = 'auth.locked')`).Scan(&logins, &failures, &locks)
		if logins != 3 || failures != 6 || locks != 1 {
			t.Fatalf("audited %d logins, %d failures, %d locks; want 3, 6, 1", logins, failures, locks)
		}
	})
}
