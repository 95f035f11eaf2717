package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/debunk"
	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// The editors' console for debunk articles (权威辟谣): the list by state,
// the form that writes one, and its page with the preview, the workflow's
// actions, the revision history, the media versions and the alliance's
// reach. Reading needs rumor.view, every change rumor.edit; the domain
// checks both again.

// articleStates are the editorial states in workflow order.
var articleStates = []string{debunk.Draft, debunk.Review, debunk.Published, debunk.Corrected, debunk.Retracted}

// articleStateLabel names a state in the page's language.
func articleStateLabel(v consoleView, state string) string {
	if t, ok := consoleCatalog["articles.state_"+state]; ok {
		return t.In(v.Lang)
	}
	return state
}

type articlesConsolePage struct {
	consoleView
	States   []opt
	Articles []articleRow
}

type articleRow struct {
	debunk.Article
	StatusLabel string
}

func (s *Server) pageConsoleArticles(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	p := articlesConsolePage{consoleView: s.newConsoleView(r, "articles")}
	state := r.URL.Query().Get("status")
	known := false
	for _, st := range articleStates {
		known = known || st == state
		p.States = append(p.States, opt{Value: st, Label: articleStateLabel(p.consoleView, st), Selected: st == state})
	}
	if !known {
		state = ""
	}
	list, err := s.Debunk.List(r.Context(), p.User, state, 200, 0)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, a := range list {
		p.Articles = append(p.Articles, articleRow{Article: a, StatusLabel: articleStateLabel(p.consoleView, a.Status)})
	}
	s.render(w, r, http.StatusOK, "console_articles.html", p)
}

// articleFormPage writes a new article.
type articleFormPage struct {
	adminPage
	Fields []adminField
}

func (s *Server) pageConsoleArticleNew(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	s.renderArticleForm(w, r, http.StatusOK, &debunk.Article{}, adminForm{})
}

func (s *Server) renderArticleForm(w http.ResponseWriter, r *http.Request, code int, a *debunk.Article, f adminForm) {
	p := articleFormPage{adminPage: s.adminPage(w, r, "articles", f)}
	var err error
	if p.Fields, err = s.articleFields(r, p.adminPage, a); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, code, "console_article_form.html", p)
}

// articleFields lays out the article form with a's values, or after a
// refused post what was typed.
func (s *Server) articleFields(r *http.Request, p adminPage, a *debunk.Article) ([]adminField, error) {
	ctx := r.Context()
	deps, err := org.Departments(ctx, s.DB)
	var districts []org.District
	var rumors []rumor.Rumor
	if err == nil {
		districts, err = org.Districts(ctx, s.DB)
	}
	if err == nil {
		rumors, err = rumor.List(ctx, s.DB, rumor.ListFilter{})
	}
	if err != nil {
		return nil, err
	}
	dep := ""
	if a.DepartmentID != nil {
		dep = itoa(*a.DepartmentID)
	}
	val := map[string]string{"title": a.Title, "summary": a.Summary, "body": a.BodyMD, "cover_url": a.CoverURL,
		"tags": strings.Join(a.Tags, "，"), "region": a.Region, "department": dep, "sources": sourceLines(a.Sources),
		"claims": claimLines(a.Claims), "rumor_id": ""}
	if p.Values != nil {
		for k := range val {
			val[k] = p.Val(k)
		}
	}
	var regions, departments, rumorOpts []opt
	for _, d := range districts {
		regions = append(regions, opt{Value: d.Code, Label: d.Name.In(p.Lang), Selected: d.Code == val["region"]})
	}
	for _, d := range deps {
		departments = append(departments, opt{Value: itoa(d.ID), Label: d.Name.In(p.Lang), Selected: itoa(d.ID) == val["department"]})
	}
	for _, x := range rumors {
		rumorOpts = append(rumorOpts, opt{Value: itoa(x.ID), Label: x.Title, Selected: itoa(x.ID) == val["rumor_id"]})
	}
	var out []adminField
	for _, fd := range []struct {
		name, label, typ, help string
		options                []opt
	}{
		{"title", "articles.f_title", "text", "", nil},
		{"summary", "articles.f_summary", "textarea", "", nil},
		{"body", "articles.f_body", "textarea", "articles.f_body_help", nil},
		{"claims", "articles.f_claims", "textarea", "articles.f_claims_help", nil},
		{"rumor_id", "articles.f_rumor", "select", "articles.f_rumor_help", rumorOpts},
		{"sources", "articles.f_sources", "textarea", "articles.f_sources_help", nil},
		{"department", "articles.f_department", "select", "", departments},
		{"region", "articles.f_region", "select", "", regions},
		{"tags", "articles.f_tags", "text", "articles.f_tags_help", nil},
		{"cover_url", "articles.f_cover", "text", "articles.f_cover_help", nil},
	} {
		field, err := p.Field(fd.name, fd.label, fd.typ, val[fd.name], fd.help)
		if err != nil {
			return nil, err
		}
		field.Options = fd.options
		out = append(out, field)
	}
	return out, nil
}

// articleFromForm reads the posted article form.
func articleFromForm(r *http.Request) debunk.Article {
	a := debunk.Article{Title: r.PostFormValue("title"), Summary: r.PostFormValue("summary"), BodyMD: r.PostFormValue("body"),
		CoverURL: r.PostFormValue("cover_url"), Region: r.PostFormValue("region"), DepartmentID: optionalID(r.PostFormValue("department"))}
	a.Tags = strings.FieldsFunc(r.PostFormValue("tags"), func(c rune) bool {
		return c == ',' || c == '，' || c == '、' || c == ';' || c == '；' || c == '\n'
	})
	for _, d := range parseDebunks(r.PostFormValue("sources")) {
		a.Sources = append(a.Sources, debunk.Source{Title: d.Title, URL: d.URL})
	}
	a.Claims = parseClaims(r.PostFormValue("claims"), optionalID(r.PostFormValue("rumor_id")))
	return a
}

// parseClaims reads "claim | verdict" lines, with an optional third part
// naming the rumor database entry by its number; claims without one link
// to the rumor chosen in the select (nil: none). The verdict may be its
// code or its Chinese name; the full-width bar works too.
func parseClaims(text string, rumorID *int64) []debunk.Claim {
	var out []debunk.Claim
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "｜", "|"))
		if line == "" {
			continue
		}
		parts := strings.Split(line, "|")
		c := debunk.Claim{RumorID: rumorID}
		if n := len(parts); n >= 3 {
			if id, err := strconv.ParseInt(strings.TrimSpace(parts[n-1]), 10, 64); err == nil && id > 0 {
				c.RumorID = &id
				parts = parts[:n-1]
			}
		}
		if n := len(parts); n >= 2 {
			c.Verdict = verdictCode(strings.TrimSpace(parts[n-1]))
			parts = parts[:n-1]
		}
		c.Claim = strings.TrimSpace(strings.Join(parts, "|"))
		out = append(out, c)
	}
	return out
}

// verdictCode takes a verdict's code or its Chinese or English name.
func verdictCode(v string) string {
	for _, code := range rumor.Verdicts() {
		l := code.Label()
		if strings.EqualFold(v, string(code)) || v == l.Zh || strings.EqualFold(v, l.En) {
			return string(code)
		}
	}
	return v
}

func claimLines(cs []debunk.Claim) string {
	var lines []string
	for _, c := range cs {
		line := c.Claim + " | " + c.Verdict
		if c.RumorID != nil {
			line += " | " + itoa(*c.RumorID)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func sourceLines(ss []debunk.Source) string {
	var lines []string
	for _, x := range ss {
		lines = append(lines, x.Title+" | "+x.URL)
	}
	return strings.Join(lines, "\n")
}

// pageConsoleArticleSave creates (POST /console/articles) or changes
// (POST /console/articles/{id}) a draft or an article in review.
func (s *Server) pageConsoleArticleSave(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	var a debunk.Article
	var err error
	if r.PathValue("id") != "" {
		a.ID, err = pathID(r)
	}
	if err == nil {
		err = parseArticleForm(w, r)
	}
	id := a.ID
	if err == nil {
		b := articleFromForm(r)
		b.ID = a.ID
		a = b
		id, err = s.Debunk.Save(r.Context(), auth.FromContext(r.Context()), a)
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "article", err); ok {
			if a.ID == 0 {
				s.renderArticleForm(w, r, code, &a, f)
			} else {
				s.renderConsoleArticle(w, r, code, a.ID, f)
			}
		}
		return
	}
	done := "saved"
	if a.ID == 0 {
		done = "created"
	}
	http.Redirect(w, r, "/console/articles/"+itoa(id)+"?done="+done, http.StatusSeeOther)
}

// maxArticleForm bounds the article form: the body may be long.
const maxArticleForm = 512 << 10

func parseArticleForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "表单无法读取（正文是否过长？），请刷新页面后重试", "The form could not be read (is the body too long?); reload the page and try again")
	}
	return nil
}
