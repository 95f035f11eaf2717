package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// usersPage lists the accounts and, at /console/admin/users/{id}, edits one.
type usersPage struct {
	adminPage
	scopeChoices
	Users   []auth.UserInfo
	Editing *auth.UserInfo
}

func (s *Server) pageAdminUsers(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, 0, adminForm{})
}

func (s *Server) pageAdminUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderUsers(w, r, http.StatusOK, id, adminForm{})
}

// renderUsers shows the list, or with editID one account's forms.
func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, code int, editID int64, f adminForm) {
	p := usersPage{adminPage: s.adminPage(w, r, "admin/users", f)}
	var err error
	if p.Users, err = auth.ListUsers(r.Context(), s.DB, p.User); err == nil {
		p.scopeChoices, err = s.loadScopeChoices(r)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	if editID != 0 {
		for i := range p.Users {
			if p.Users[i].ID == editID {
				p.Editing = &p.Users[i]
			}
		}
		if p.Editing == nil {
			s.consoleError(w, r, false, apperr.New(apperr.NotFound, "用户不存在", "No such user"))
			return
		}
	}
	s.render(w, r, code, "console_admin_users.html", p)
}

// userAct runs one change of the account at {id} and goes back to its page.
// act returns the catalog key of its success message.
func (s *Server) userAct(w http.ResponseWriter, r *http.Request, form string, act func(p *auth.Principal, id int64) (string, error)) {
	id, err := pathID(r)
	flash := ""
	if err == nil {
		if err = parseAdminForm(w, r); err == nil {
			flash, err = act(auth.FromContext(r.Context()), id)
		}
	}
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			s.consoleError(w, r, false, err)
			return
		}
		if f, code, ok := s.adminFailed(w, r, form, err); ok {
			s.renderUsers(w, r, code, id, f)
		}
		return
	}
	s.adminDone(w, r, "/console/admin/users/"+strconv.FormatInt(id, 10), flash)
}

func (s *Server) pageAdminUserCreate(w http.ResponseWriter, r *http.Request) {
	err := parseAdminForm(w, r)
	if err == nil {
		u := auth.NewUser{Username: r.PostFormValue("username"), DisplayName: r.PostFormValue("display_name"),
			Role: auth.Role(r.PostFormValue("role")), DepartmentID: optionalID(r.PostFormValue("department")),
			PlatformID: optionalID(r.PostFormValue("platform")), UnitID: optionalID(r.PostFormValue("unit"))}
		_, err = auth.AdminCreateUser(r.Context(), s.DB, auth.FromContext(r.Context()), u, r.PostFormValue("password"), s.Now())
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "create", err); ok {
			f.Values.Del("password") // never echoed back into the page
			s.renderUsers(w, r, code, 0, f)
		}
		return
	}
	s.adminDone(w, r, "/console/admin/users", "admin.flash.user_created")
}

func (s *Server) pageAdminUserRole(w http.ResponseWriter, r *http.Request) {
	s.userAct(w, r, "role", func(p *auth.Principal, id int64) (string, error) {
		scope := auth.Scope{DepartmentID: optionalID(r.PostFormValue("department")),
			PlatformID: optionalID(r.PostFormValue("platform")), UnitID: optionalID(r.PostFormValue("unit"))}
		return "admin.flash.user_role", auth.SetRole(r.Context(), s.DB, p, id, auth.Role(r.PostFormValue("role")), scope, s.Now())
	})
}

// pageAdminUserStatus disables (disabled=1) or enables (disabled=0) an account.
func (s *Server) pageAdminUserStatus(w http.ResponseWriter, r *http.Request) {
	s.userAct(w, r, "status", func(p *auth.Principal, id int64) (string, error) {
		disable := r.PostFormValue("disabled") == "1"
		flash := "admin.flash.user_enabled"
		if disable {
			flash = "admin.flash.user_disabled"
		}
		return flash, auth.SetDisabled(r.Context(), s.DB, p, id, disable, s.Now())
	})
}

func (s *Server) pageAdminUserPassword(w http.ResponseWriter, r *http.Request) {
	s.userAct(w, r, "password", func(p *auth.Principal, id int64) (string, error) {
		pw := r.PostFormValue("password")
		r.PostForm.Del("password") // never echoed back into the page
		return "admin.flash.user_password", auth.ResetPassword(r.Context(), s.DB, p, id, pw, s.Now())
	})
}
