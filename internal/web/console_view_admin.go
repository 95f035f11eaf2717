package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// CanAdmin reports whether any administration page is open to the user:
// the navigation shows its heading only then.
func (v consoleView) CanAdmin() bool {
	for _, n := range adminNav {
		if v.User.Can(n.perm) {
			return true
		}
	}
	return false
}

// adminForm is the state of one form on an admin page after a failed
// post: which form it was, what was typed (to fill it in again) and what
// is wrong with it.
type adminForm struct {
	Form   string
	Values url.Values
	Errors map[string][]string
	Notice string
}

// Is reports whether the failed post came from the form named form, so a
// page with several forms marks the right one.
func (f adminForm) Is(form string) bool { return f.Form == form }

// Err lists the messages for field.
func (f adminForm) Err(field string) []string { return f.Errors[field] }

// Val is the posted value of field, to fill the form in again.
func (f adminForm) Val(field string) string { return f.Values.Get(field) }

// adminPage is what every admin page carries: the console view, the
// message of the last successful change, and a failed form.
type adminPage struct {
	consoleView
	Flash string
	adminForm
}

// flashCookie carries the catalog key of a success message across the
// redirect that follows a change. Only known keys are shown, so the
// cookie cannot put words on the page.
const flashCookie = "ql_flash"

func (s *Server) adminPage(w http.ResponseWriter, r *http.Request, nav string, f adminForm) adminPage {
	p := adminPage{consoleView: s.newConsoleView(r, nav), adminForm: f}
	if c, err := r.Cookie(flashCookie); err == nil {
		if t, ok := consoleCatalog[c.Value]; ok && strings.HasPrefix(c.Value, "admin.flash.") {
			p.Flash = t.In(p.Lang)
		}
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/console/admin", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	return p
}

// adminDone ends a successful change: a 303 to the page that shows its
// result, so a reload does not post again, with the success message.
func (s *Server) adminDone(w http.ResponseWriter, r *http.Request, to, flash string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: flash, Path: "/console/admin", MaxAge: 60, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || strings.HasPrefix(s.Config.BaseURL, "https:")})
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// adminFailed turns a refused change into the form state to show again
// and its status. ok is false when the error was not the user's to fix:
// it has been answered (and logged) already.
func (s *Server) adminFailed(w http.ResponseWriter, r *http.Request, form string, err error) (adminForm, int, bool) {
	e, isApp := apperr.As(err)
	if !isApp || e.Code == apperr.Internal {
		s.consoleError(w, r, false, err)
		return adminForm{}, 0, false
	}
	f := adminForm{Form: form, Values: r.PostForm, Errors: map[string][]string{}}
	lang := s.newConsoleView(r, "").Lang
	for _, fe := range e.Fields {
		f.Errors[fe.Field] = append(f.Errors[fe.Field], fe.Message(lang))
	}
	f.Notice = e.Message(lang)
	return f, status(e.Code), true
}

// maxAdminForm bounds an admin form; a reply template is the largest.
const maxAdminForm = 64 << 10

// parseAdminForm reads a posted form within its bound.
func parseAdminForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminForm)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "表单无法读取，请刷新页面后重试", "The form could not be read; reload the page and try again")
	}
	return nil
}

var errNoRecord = apperr.New(apperr.NotFound, "记录不存在", "No such record")

// pathID reads the {id} of an admin address; a malformed one is a record
// that does not exist.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errNoRecord
	}
	return id, nil
}

// optionalID reads a select that may be left empty.
func optionalID(v string) *int64 {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	return &id
}

// adminField is one labelled input of an admin form, worked out in Go so
// the shared "admin-field" template only prints.
type adminField struct {
	Name, Label, Type, Value, Help string
	Errors                         []string
	Options                        []opt // for Type "select"
}

// Field describes an input: its name, the catalog keys of its label and
// help ("" for none), its type (text, password, number, date, textarea,
// checkbox: checked by any value, select: the caller adds Options) and
// its value.
func (p adminPage) Field(name, label, typ, value, help string) (adminField, error) {
	f := adminField{Name: name, Type: typ, Value: value, Errors: p.Err(name)}
	var err error
	if f.Label, err = p.T(label); err == nil && help != "" {
		f.Help, err = p.T(help)
	}
	return f, err
}

// navLink is one entry of the console's navigation.
type navLink struct{ Nav, Label string }

// adminNav lists the admin pages with the permission each needs, in the
// order the navigation shows them.
var adminNav = []struct {
	nav, label string
	perm       auth.Permission
}{
	{"admin/users", "admin.users.title", auth.AdminUsers},
	{"admin/departments", "admin.org.departments", auth.AdminOrg},
	{"admin/units", "admin.org.units", auth.AdminOrg},
	{"admin/districts", "admin.org.districts", auth.AdminOrg},
	{"admin/platforms", "admin.platforms.title", auth.AdminOrg},
	{"admin/outbox", "admin.outbox.title", auth.AdminOrg},
	{"admin/templates", "admin.templates.title", auth.AdminSettings},
	{"admin/sla", "admin.sla.title", auth.AdminSettings},
	{"admin/audit", "admin.audit.title", auth.AuditView},
}

// AdminNav is the admin part of the navigation: only the pages the
// user's role may open.
func (v consoleView) AdminNav() ([]navLink, error) {
	var out []navLink
	for _, n := range adminNav {
		if !v.User.Can(n.perm) {
			continue
		}
		label, err := v.T(n.label)
		if err != nil {
			return nil, err
		}
		out = append(out, navLink{n.nav, label})
	}
	return out, nil
}
