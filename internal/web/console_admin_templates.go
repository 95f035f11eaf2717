package web

import (
	"net/http"

	"qinglang/internal/auth"
	"qinglang/internal/category"
	"qinglang/internal/report"
)

// templatesPage lists the reply templates (答复模板) or edits one.
type templatesPage struct {
	adminPage
	Templates []report.ReplyTemplate
	Editing   *report.ReplyTemplate
	Fields    []adminField
}

func (s *Server) pageAdminTemplates(w http.ResponseWriter, r *http.Request) {
	s.renderTemplates(w, r, http.StatusOK, 0, adminForm{})
}

func (s *Server) pageAdminTemplate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderTemplates(w, r, http.StatusOK, id, adminForm{})
}

func (s *Server) renderTemplates(w http.ResponseWriter, r *http.Request, code int, editID int64, f adminForm) {
	p := templatesPage{adminPage: s.adminPage(w, r, "admin/templates", f)}
	var err error
	if p.Templates, err = s.Reports.Templates(r.Context(), p.User, ""); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	cur := report.ReplyTemplate{}
	for i, t := range p.Templates {
		if t.ID == editID && editID != 0 {
			p.Editing, cur = &p.Templates[i], t
		}
	}
	if editID != 0 && p.Editing == nil {
		s.consoleError(w, r, false, errNoRecord)
		return
	}
	val := func(name, v string) string {
		if f.Form != "" {
			return f.Val(name)
		}
		return v
	}
	cats := []opt{}
	for _, c := range category.Categories() {
		cats = append(cats, opt{Value: c.Code, Label: p.In(c.Label), Selected: c.Code == val("category", cur.Category)})
	}
	for _, fd := range []struct{ name, label, typ, value, help string }{
		{"code", "admin.templates.code", "text", cur.Code, "admin.templates.code_help"},
		{"title", "admin.templates.name", "text", cur.Title, ""},
		{"category", "admin.templates.category", "select", cur.Category, "admin.templates.category_help"},
		{"body", "admin.templates.body", "textarea", cur.Body, "admin.templates.body_help"},
	} {
		fv, err := p.Field(fd.name, fd.label, fd.typ, val(fd.name, fd.value), fd.help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		if fd.typ == "select" {
			fv.Options = cats
		}
		p.Fields = append(p.Fields, fv)
	}
	s.render(w, r, code, "console_admin_templates.html", p)
}

// pageAdminTemplateSave creates (no {id}) or changes a template.
func (s *Server) pageAdminTemplateSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	var err error
	if r.PathValue("id") != "" {
		id, err = pathID(r)
	}
	if err == nil {
		if err = parseAdminForm(w, r); err == nil {
			_, err = s.Reports.SaveTemplate(r.Context(), auth.FromContext(r.Context()), report.ReplyTemplate{ID: id,
				Code: r.PostFormValue("code"), Title: r.PostFormValue("title"), Category: r.PostFormValue("category"), Body: r.PostFormValue("body")})
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "save", err); ok {
			s.renderTemplates(w, r, code, id, f)
		}
		return
	}
	s.adminDone(w, r, "/console/admin/templates", "admin.flash.saved")
}

func (s *Server) pageAdminTemplateDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.Reports.DeleteTemplate(r.Context(), auth.FromContext(r.Context()), id)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.adminDone(w, r, "/console/admin/templates", "admin.flash.deleted")
}

// CategoryLabel names a template's category; "" fits every category.
func (p templatesPage) CategoryLabel(code string) string {
	if c, ok := category.LookupCategory(code); ok {
		return p.In(c.Label)
	}
	return p.In(consoleCatalog["admin.templates.any"])
}
