package web

import (
	"fmt"
	"net/http"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/reminder"
	"qinglang/internal/rumor"
)

// consoleView is what every console page carries on top of the portal's
// view: the signed-in staff member (nil on the login page) and the
// session's form token, which every form posts back as the hidden field
// "csrf".
type consoleView struct {
	view
	User *auth.Principal
	CSRF string
	// Unread counts the user's unread reminders, for the top bar.
	Unread int
	// OpenAlerts counts the open early warnings, for editors' navigation.
	OpenAlerts int
}

// newConsoleView builds the view of a console page. After a POST the
// language switch returns to the page's own GET address, nav's page.
func (s *Server) newConsoleView(r *http.Request, nav string) consoleView {
	path := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		path = "/console"
		if nav != "" {
			path = "/console/" + nav
		}
	}
	v := consoleView{
		view: view{Lang: i18n.FromRequest(r), Path: path, Nav: nav},
		User: auth.FromContext(r.Context()),
		CSRF: sessionFormToken(r.Context()),
	}
	if v.User != nil {
		// A failed count only hides the badge; the page itself still works.
		v.Unread, _ = reminder.Unread(r.Context(), s.DB, v.User.UserID)
		if v.User.Can(auth.RumorEdit) {
			v.OpenAlerts, _ = rumor.OpenAlerts(r.Context(), s.DB)
		}
	}
	return v
}

// Can tells templates whether the signed-in user's role has perm, to show
// only the links and forms that will work.
func (v consoleView) Can(perm string) bool { return v.User.Can(auth.Permission(perm)) }

// T looks in the console's texts first and falls back to the portal's
// (the site name, the language switch), failing on an unknown key.
func (v consoleView) T(key string) (string, error) {
	if t, ok := consoleCatalog[key]; ok {
		return t.In(v.Lang), nil
	}
	return v.view.T(key)
}

// Tf is T with fmt.Sprintf arguments.
func (v consoleView) Tf(key string, args ...any) (string, error) {
	f, err := v.T(key)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(f, args...), nil
}

// RoleLabel names the signed-in user's role in the page's language.
func (v consoleView) RoleLabel() string {
	if v.User == nil {
		return ""
	}
	return v.User.Role.Label().In(v.Lang)
}

// Time shows a moment on the center's clock; no time (a nil pointer, as
// for a token never used) is "—".
func (v consoleView) Time(t any) string {
	switch t := t.(type) {
	case time.Time:
		return showTime(t)
	case *time.Time:
		if t != nil {
			return showTime(*t)
		}
	}
	return "—"
}
