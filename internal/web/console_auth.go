package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// sessionCookie carries the console session. The browser holds the token,
// the database only its hash.
const sessionCookie = "ql_session"

// sessionKey holds the session's token hash in the request context: the
// form token is derived from it. Bearer-token calls have none.
type sessionKey struct{}

var (
	errSignIn = apperr.New(apperr.Unauthorized, "请先登录，或提供有效的 API 令牌（Authorization: Bearer qlt_…）",
		"Sign in first, or send a valid API token (Authorization: Bearer qlt_…)")
	errFormToken = apperr.New(apperr.Forbidden, "页面已过期或请求来源无法验证，请返回上一页刷新后重试",
		"This page has expired or the request could not be verified; go back, reload the page and try again")
)

// authenticate finds who is calling a Staff route and refuses those whose
// role lacks perm. Only the staff API takes bearer tokens: a page is
// always opened in a browser with its session.
func (s *Server) authenticate(rt route, next http.Handler) http.Handler {
	api := strings.HasPrefix(rt.pattern, "/api/")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store") // staff pages hold case data
		p, hash, err := s.principal(r, api)
		switch {
		case err != nil:
			s.consoleError(w, r, api, err)
		case p == nil && api:
			w.Header().Set("WWW-Authenticate", `Bearer realm="qinglang"`)
			s.apiError(w, r, errSignIn)
		case p == nil:
			next := ""
			if r.Method == http.MethodGet {
				next = "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, "/console/login"+next, http.StatusSeeOther)
		default:
			ctx := auth.WithPrincipal(r.Context(), p)
			if hash != nil {
				ctx = context.WithValue(ctx, sessionKey{}, hash)
			}
			r = r.WithContext(ctx)
			if err := p.Require(rt.perm); err != nil {
				s.consoleError(w, r, api, err)
				return
			}
			next.ServeHTTP(w, r)
		}
	})
}

// principal reads the bearer token (staff API only) or the session
// cookie. A request that shows a bearer token is judged by it alone.
func (s *Server) principal(r *http.Request, api bool) (*auth.Principal, []byte, error) {
	if h := r.Header.Get("Authorization"); api && h != "" {
		if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
			return nil, nil, nil
		}
		p, err := auth.LookupToken(r.Context(), s.DB, strings.TrimSpace(h[7:]), s.Now())
		return p, nil, err
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil, nil
	}
	p, err := auth.LookupSession(r.Context(), s.DB, c.Value, s.Now())
	if p == nil {
		return nil, nil, err
	}
	return p, auth.TokenHash(c.Value), nil
}

// formToken is the session's CSRF token: the same for the whole session,
// so several open tabs all work, and useless once the session ends.
func formToken(sessionHash []byte) string {
	mac := hmac.New(sha256.New, sessionHash)
	mac.Write([]byte("csrf"))
	return hex.EncodeToString(mac.Sum(nil))
}

func sessionFormToken(ctx context.Context) string {
	if h, ok := ctx.Value(sessionKey{}).([]byte); ok {
		return formToken(h)
	}
	return ""
}

// checkFormToken refuses a state-changing request made with the session
// cookie unless it carries the session's form token: the hidden field
// "csrf" of console forms, or the X-CSRF-Token header for scripts. It is a
// second line behind the browser's Sec-Fetch-Site check. Bearer-token
// calls carry no cookie and so cannot be forged by a page.
func (s *Server) checkFormToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		want := sessionFormToken(r.Context())
		if want == "" || r.Method == http.MethodGet || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		got := r.Header.Get("X-CSRF-Token")
		if got == "" {
			// Reading the field parses the body: bound it first, as the
			// handler would, since a multipart form may hold files.
			r.Body = http.MaxBytesReader(w, r.Body, s.maxFormBody())
			got = r.PostFormValue("csrf")
		}
		if !hmac.Equal([]byte(got), []byte(want)) {
			s.consoleError(w, r, strings.HasPrefix(r.URL.Path, "/api/"), errFormToken)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// setSessionCookie hands the browser its session. Secure whenever the
// site is served over HTTPS, including behind a TLS-terminating proxy
// (known from the configured base URL).
func (s *Server) setSessionCookie(w http.ResponseWriter, r *http.Request, token string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || strings.HasPrefix(s.Config.BaseURL, "https:")})
}

// consoleError answers a staff request that failed: JSON for the API, the
// console's error page for a browser.
func (s *Server) consoleError(w http.ResponseWriter, r *http.Request, api bool, err error) {
	if api {
		s.apiError(w, r, err)
		return
	}
	v := s.newConsoleView(r, "")
	s.render(w, r, status(apperr.CodeOf(err)), "console_error.html", errorPage{consoleView: v, Message: s.userMessage(err, v.Lang)})
}

type errorPage struct {
	consoleView
	Message string
}
