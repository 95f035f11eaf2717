package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"qinglang/internal/web"
)

// target is how the matrix calls one route: the URL with its path values
// filled from the fixture, and a form (pages) or JSON body (staff API).
// Bodies are mostly empty or wrong on purpose: a 400 from validation shows
// the call got past authorization without changing much.
type target struct {
	path string
	form url.Values
	json any
	// scoped: the URL names department A's or platform A's data, so the
	// outsiders must get 403 or 404, and everyone allowed must get more
	// than a 404.
	scoped bool
	// endsSession: the route signs the caller out; they sign in again after.
	endsSession bool
}

// call sends t's request as c (nil: no credentials at all).
func (ts *testServer) call(rt web.Route, t target, c *caller) response {
	ts.t.Helper()
	api := strings.HasPrefix(rt.Pattern, "/api/")
	var header []string
	if c != nil && api {
		header = []string{"Authorization", "Bearer " + c.bearer}
	} else if c != nil {
		header = append([]string{"Sec-Fetch-Site", "same-origin"}, c.cookie...)
	}
	switch {
	case rt.Method == http.MethodGet:
		return ts.get(t.path, header...)
	case api || t.json != nil:
		body, _ := json.Marshal(t.json)
		if t.json == nil {
			body = []byte("{}")
		}
		return ts.do(rt.Method, t.path, "application/json", body, header...)
	}
	form := url.Values{}
	for k, v := range t.form {
		form[k] = v
	}
	if c != nil {
		form.Set("csrf", c.csrf)
	}
	return ts.postForm(t.path, form, header...)
}

// TestAuthorizationMatrix calls every Staff route as every role, as a
// department handler and a platform liaison of another department and
// platform, and with no credentials, and every Public and Open route
// with none.
func TestAuthorizationMatrix(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		f := newFixture(ts)
		targets, public := authzTargets(f), publicTargets(f)
		seen := map[string]bool{}
		for _, rt := range ts.Web.Routes() {
			key := rt.Method + " " + rt.Pattern
			seen[key] = true
			if rt.Access == web.Platform {
				ts.checkPlatformKeyOnly(t, rt, public[key], f)
				continue
			}
			if rt.Access != web.Staff {
				tg, ok := public[key]
				if !ok {
					tg = target{path: rt.Pattern}
				}
				if r := ts.call(rt, tg, nil); r.Status == http.StatusUnauthorized || strings.HasPrefix(r.Header.Get("Location"), "/console/login") {
					t.Errorf("%s route %s asks for a sign-in: %d → %q", rt.Access, key, r.Status, r.Header.Get("Location"))
				}
				continue
			}
			tg, ok := targets[key]
			if !ok {
				t.Errorf("Staff route %s has no row in authzTargets: say how the matrix calls it", key)
				continue
			}
			ts.checkSignIn(t, rt, tg)
			for _, c := range f.callers {
				ts.checkCaller(t, rt, tg, c)
			}
		}
		for key := range targets {
			if !seen[key] {
				t.Errorf("authzTargets has a row for %s, which is not a route", key)
			}
		}
	})
}

// checkPlatformKeyOnly calls a Platform route without credentials and
// with every staff member's bearer token and session: only a platform
// API key opens it, so all of them get 401.
func (ts *testServer) checkPlatformKeyOnly(t *testing.T, rt web.Route, tg target, f *fixture) {
	t.Helper()
	if tg.path == "" {
		tg.path = rt.Pattern
	}
	for _, c := range append([]*caller{nil}, f.callers...) {
		r := ts.call(rt, tg, c)
		if r.Status != http.StatusUnauthorized {
			name := "no credentials"
			if c != nil {
				name = c.name
			}
			t.Errorf("Platform route %s %s with %s: %d, want 401", rt.Method, tg.path, name, r.Status)
		}
	}
}

// checkSignIn calls a Staff route with no credentials: the API answers
// 401, a page sends the browser to the sign-in page.
func (ts *testServer) checkSignIn(t *testing.T, rt web.Route, tg target) {
	t.Helper()
	r := ts.call(rt, tg, nil)
	if strings.HasPrefix(rt.Pattern, "/api/") {
		if r.Status != http.StatusUnauthorized {
			t.Errorf("%s %s without credentials: %d, want 401", rt.Method, rt.Pattern, r.Status)
		}
		return
	}
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/console/login") {
		t.Errorf("%s %s without a session: %d → %q, want the sign-in page", rt.Method, rt.Pattern, r.Status, r.Header.Get("Location"))
	}
}

// checkCaller calls a route as c and compares the answer with what c's
// role and scope allow. Allowed is any answer but 401 and 403 (and, on
// scoped data, 404): a 400 or 409 is the handler speaking, past the
// authorization. Refused is 403, or 404 for data outside c's scope.
func (ts *testServer) checkCaller(t *testing.T, rt web.Route, tg target, c *caller) {
	t.Helper()
	want := c.role.Can(rt.Perm) && !(tg.scoped && c.outsider)
	r := ts.call(rt, tg, c)
	if tg.endsSession {
		ts.signIn(c)
	}
	refused := r.Status == http.StatusForbidden || tg.scoped && r.Status == http.StatusNotFound
	label := rt.Method + " " + tg.path + " as " + c.name
	signIn := r.Status == http.StatusUnauthorized || strings.HasPrefix(r.Header.Get("Location"), "/console/login")
	switch {
	case signIn && !tg.endsSession:
		t.Errorf("%s: %d → %q: the credentials were not taken", label, r.Status, r.Header.Get("Location"))
	case r.Status >= 500:
		t.Errorf("%s: %d %s", label, r.Status, clip(r.Body))
	case want && refused:
		t.Errorf("%s: refused with %d, but %s may %s", label, r.Status, c.name, rt.Perm)
	case !want && !refused:
		t.Errorf("%s: %d, want 403%s", label, r.Status, map[bool]string{true: " or 404", false: ""}[tg.scoped])
	}
}

func clip(b []byte) string {
	if len(b) > 300 {
		b = b[:300]
	}
	return string(b)
}
