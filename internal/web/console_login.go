package web

import (
	"net/http"
	"net/url"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
)

type loginPage struct {
	consoleView
	Next     string
	Username string
	Notice   string
}

// consoleNext is where a sign-in leads: a path on this site, by default
// the console's home.
func consoleNext(next string) string {
	if next == "" || sameSite(next) != next {
		return "/console"
	}
	return next
}

func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) {
	next := consoleNext(r.URL.Query().Get("next"))
	// Already signed in: no need to ask again.
	if c, err := r.Cookie(sessionCookie); err == nil {
		if p, _ := auth.LookupSession(r.Context(), s.DB, c.Value, s.Now()); p != nil {
			http.Redirect(w, r, next, http.StatusSeeOther)
			return
		}
	}
	s.renderLogin(w, r, http.StatusOK, next, "", nil)
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, code int, next, username string, err error) {
	p := loginPage{consoleView: s.newConsoleView(r, "login"), Next: next, Username: username}
	p.Path = "/console/login?next=" + url.QueryEscape(next)
	if err != nil {
		p.Notice = s.userMessage(err, p.Lang)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, code, "console_login.html", p)
}

// maxLoginForm bounds the login post: a name, a password and a path.
const maxLoginForm = 16 << 10

func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginForm)
	username, next := r.PostFormValue("username"), consoleNext(r.PostFormValue("next"))
	ip := s.clientIP(r)
	p, err := auth.Login(r.Context(), s.DB, username, r.PostFormValue("password"), ip, s.Now())
	var token string
	if err == nil {
		token, err = auth.CreateSession(r.Context(), s.DB, p.UserID, ip, r.UserAgent(), s.Now())
	}
	if err != nil {
		s.renderLogin(w, r, status(apperr.CodeOf(err)), next, username, err)
		return
	}
	// No Max-Age: the cookie goes when the browser closes; the server
	// ends the session after 12 hours (2 idle) in any case.
	s.setSessionCookie(w, r, token, 0)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) pageLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := auth.Logout(r.Context(), s.DB, c.Value, s.clientIP(r), s.Now()); err != nil {
			s.consoleError(w, r, false, err)
			return
		}
	}
	s.setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/console/login", http.StatusSeeOther)
}

// me is the signed-in staff member as the staff API describes them.
type me struct {
	Username     string            `json:"username"`
	DisplayName  string            `json:"display_name"`
	Role         auth.Role         `json:"role"`
	RoleLabel    string            `json:"role_label"`
	DepartmentID *int64            `json:"department_id"`
	PlatformID   *int64            `json:"platform_id"`
	UnitID       *int64            `json:"unit_id"`
	Permissions  []auth.Permission `json:"permissions"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	p := auth.FromContext(r.Context())
	m := me{Username: p.Username, DisplayName: p.DisplayName, Role: p.Role, RoleLabel: p.Role.Label().In(i18n.FromRequest(r)),
		DepartmentID: p.DepartmentID, PlatformID: p.PlatformID, UnitID: p.UnitID, Permissions: []auth.Permission{}}
	for _, perm := range auth.Permissions() {
		if p.Can(perm) {
			m.Permissions = append(m.Permissions, perm)
		}
	}
	writeJSON(w, http.StatusOK, m)
}
