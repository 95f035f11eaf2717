package web

import (
	"net/http"
	"strconv"
)

// Departments, units and districts are edited alike: a list, a form to
// add one and a form to change one. orgKind says what differs.
type orgKind struct {
	nav, title, flash string // the page's nav, the catalog keys of its title and success message
	fields            []orgField
	list              func(s *Server, r *http.Request) ([]orgRow, error)
	save              func(s *Server, r *http.Request, id int64) (int64, error)
}

type orgField struct {
	name, label, typ string
	options          []opt // for a select; labels are catalog keys
}

// orgRow is one record with its fields' values as the form posts them.
type orgRow struct {
	ID     int64
	Values map[string]string
}

// orgPage is the list of one kind, or (Editing) the form for one record.
type orgPage struct {
	adminPage
	Title, Base string
	Columns     []string
	Rows        []orgRowView
	Editing     *orgRowView
	Fields      []adminField
}

type orgRowView struct {
	ID    int64
	Cells []string
}

func (s *Server) orgList(k *orgKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.renderOrg(w, r, k, http.StatusOK, 0, adminForm{}) }
}

func (s *Server) orgEdit(k *orgKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		s.renderOrg(w, r, k, http.StatusOK, id, adminForm{})
	}
}

// orgSave creates (no {id}) or changes a record.
func (s *Server) orgSave(k *orgKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var id int64
		var err error
		if r.PathValue("id") != "" {
			id, err = pathID(r)
		}
		if err == nil {
			if err = parseAdminForm(w, r); err == nil {
				_, err = k.save(s, r, id)
			}
		}
		if err != nil {
			if f, code, ok := s.adminFailed(w, r, "save", err); ok {
				s.renderOrg(w, r, k, code, id, f)
			}
			return
		}
		s.adminDone(w, r, "/console/"+k.nav, k.flash)
	}
}

func (s *Server) renderOrg(w http.ResponseWriter, r *http.Request, k *orgKind, code int, editID int64, f adminForm) {
	p := orgPage{adminPage: s.adminPage(w, r, k.nav, f), Base: "/console/" + k.nav}
	rows, err := k.list(s, r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Title = p.In(consoleCatalog[k.title])
	for _, fd := range k.fields {
		p.Columns = append(p.Columns, p.In(consoleCatalog[fd.label]))
	}
	var editing *orgRow
	for i, row := range rows {
		v := orgRowView{ID: row.ID}
		for _, fd := range k.fields {
			v.Cells = append(v.Cells, p.show(fd, row.Values[fd.name]))
		}
		p.Rows = append(p.Rows, v)
		if row.ID == editID {
			editing, p.Editing = &rows[i], &p.Rows[i]
		}
	}
	if editID != 0 && editing == nil {
		s.consoleError(w, r, false, errNoRecord)
		return
	}
	for _, fd := range k.fields {
		value := ""
		switch {
		case f.Form != "":
			value = f.Val(fd.name)
		case editing != nil:
			value = editing.Values[fd.name]
		case fd.name == "sort":
			value = strconv.Itoa(len(rows) + 1) // a new district goes last
		}
		help := fd.label + "_help"
		if _, ok := consoleCatalog[help]; !ok {
			help = ""
		}
		fv, err := p.Field(fd.name, fd.label, fd.typ, value, help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		for _, o := range fd.options {
			fv.Options = append(fv.Options, opt{Value: o.Value, Label: p.In(consoleCatalog[o.Label]), Selected: o.Value == value})
		}
		p.Fields = append(p.Fields, fv)
	}
	s.render(w, r, code, "console_admin_org.html", p)
}

// show is a value as the list shows it: a choice by its label, a
// checkbox as yes or no.
func (p orgPage) show(fd orgField, v string) string {
	switch fd.typ {
	case "checkbox":
		return p.In(consoleCatalog[map[bool]string{true: "admin.yes", false: "admin.no"}[v != ""]])
	case "select":
		for _, o := range fd.options {
			if o.Value == v {
				return p.In(consoleCatalog[o.Label])
			}
		}
	}
	return v
}
