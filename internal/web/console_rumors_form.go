package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// rumorFormPage is the form that adds or changes a rumor.
type rumorFormPage struct {
	adminPage
	ID          int64 // 0 for a new rumor
	Fields      []adminField
	Departments []opt
}

func (s *Server) pageRumorNew(w http.ResponseWriter, r *http.Request) {
	s.renderRumorForm(w, r, http.StatusOK, &rumor.Rumor{}, adminForm{})
}

func (s *Server) pageRumorEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var x *rumor.Rumor
	if err == nil {
		x, err = rumor.Get(r.Context(), s.DB, id)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderRumorForm(w, r, http.StatusOK, x, adminForm{})
}

// renderRumorForm shows x, or after a refused post what was typed.
func (s *Server) renderRumorForm(w http.ResponseWriter, r *http.Request, code int, x *rumor.Rumor, f adminForm) {
	ctx := r.Context()
	p := rumorFormPage{adminPage: s.adminPage(w, r, "rumors", f), ID: x.ID}
	deps, err := org.Departments(ctx, s.DB)
	var districts []org.District
	if err == nil {
		districts, err = org.Districts(ctx, s.DB)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	val := map[string]string{"title": x.Title, "verdict": string(x.Verdict), "topic": x.Topic, "region": x.Region, "summary": x.Summary,
		"claims": strings.Join(x.Claims, "\n"), "debunks": debunkLines(x.Debunks)}
	chosen := map[string]bool{}
	for _, d := range x.DepartmentIDs {
		chosen[itoa(d)] = true
	}
	if f.Values != nil {
		for k := range val {
			val[k] = f.Val(k)
		}
		chosen = map[string]bool{}
		for _, v := range f.Values["departments"] {
			chosen[v] = true
		}
	}
	for _, d := range deps {
		p.Departments = append(p.Departments, opt{Value: itoa(d.ID), Label: d.Name.In(p.Lang), Selected: chosen[itoa(d.ID)]})
	}
	var verdicts, regions []opt
	for _, v := range rumor.Verdicts() {
		verdicts = append(verdicts, opt{Value: string(v), Label: v.Label().In(p.Lang), Selected: string(v) == val["verdict"]})
	}
	for _, d := range districts {
		regions = append(regions, opt{Value: d.Code, Label: d.Name.In(p.Lang), Selected: d.Code == val["region"]})
	}
	for _, fd := range []struct {
		name, label, typ, help string
		options                []opt
	}{
		{"title", "rumors.name", "text", "", nil},
		{"verdict", "rumors.verdict", "select", "", verdicts},
		{"topic", "rumors.topic", "text", "rumors.topic_help", nil},
		{"region", "rumors.region", "select", "", regions},
		{"summary", "rumors.summary", "textarea", "", nil},
		{"claims", "rumors.claims", "textarea", "rumors.claims_help", nil},
		{"debunks", "rumors.debunks", "textarea", "rumors.debunks_help", nil},
	} {
		field, err := p.Field(fd.name, fd.label, fd.typ, val[fd.name], fd.help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		field.Options = fd.options
		p.Fields = append(p.Fields, field)
	}
	s.render(w, r, code, "console_rumor_form.html", p)
}

// pageRumorSave creates (POST /console/rumors) or updates
// (POST /console/rumors/{id}) a rumor from the form.
func (s *Server) pageRumorSave(w http.ResponseWriter, r *http.Request) {
	x := rumor.Rumor{}
	var err error
	if r.PathValue("id") != "" {
		x.ID, err = pathID(r)
	}
	if err == nil {
		err = parseAdminForm(w, r)
	}
	if err == nil {
		x.Title, x.Verdict, x.Topic = r.PostFormValue("title"), rumor.Verdict(r.PostFormValue("verdict")), strings.TrimSpace(r.PostFormValue("topic"))
		x.Region, x.Summary = r.PostFormValue("region"), strings.TrimSpace(r.PostFormValue("summary"))
		x.Claims = strings.Split(r.PostFormValue("claims"), "\n")
		x.Debunks = parseDebunks(r.PostFormValue("debunks"))
		for _, v := range r.PostForm["departments"] {
			if d, perr := strconv.ParseInt(v, 10, 64); perr == nil {
				x.DepartmentIDs = append(x.DepartmentIDs, d)
			}
		}
		var id int64
		if id, err = s.saveRumor(r, x); err == nil {
			x.ID = id
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "rumor", err); ok {
			s.renderRumorForm(w, r, code, &x, f)
		}
		return
	}
	http.Redirect(w, r, "/console/rumors/"+itoa(x.ID)+"?done=saved", http.StatusSeeOther)
}

// parseDebunks reads "title | URL" lines; a line with only a URL uses it
// as its title. The full-width bar of a Chinese keyboard works too.
func parseDebunks(text string) []rumor.Debunk {
	var out []rumor.Debunk
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "｜", "|"))
		if line == "" {
			continue
		}
		// The last bar splits: a title may hold one, a URL hardly ever.
		title, link := line, line
		if i := strings.LastIndex(line, "|"); i >= 0 {
			title, link = line[:i], line[i+1:]
		}
		out = append(out, rumor.Debunk{Title: strings.TrimSpace(title), URL: strings.TrimSpace(link)})
	}
	return out
}

func debunkLines(ds []rumor.Debunk) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.Title+" | "+d.URL)
	}
	return strings.Join(lines, "\n")
}
