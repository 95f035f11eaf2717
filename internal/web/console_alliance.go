package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/debunk"
)

// The alliance (辟谣联盟): administrators keep the member units with
// their contacts and webhook; members report where they reposted the
// published articles, on a page or through the staff API.

type alliancePage struct {
	adminPage
	Units  []debunk.Unit
	Totals []debunk.MemberTotal // reach per member over all articles
	EditID int64                // the unit the form changes; 0 adds one
	Fields []adminField
	Done   string
	// Secret is a new webhook signing key, shown on this answer only.
	Secret     string
	SecretUnit string
}

func (s *Server) pageAlliance(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	var edit int64
	if v := r.URL.Query().Get("edit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			s.consoleError(w, r, false, errNoRecord)
			return
		}
		edit = id
	}
	s.renderAlliance(w, r, http.StatusOK, edit, nil, adminForm{})
}

// renderAlliance shows the members and the form, editing unit edit (0:
// a new one); u is what was typed before a refusal.
func (s *Server) renderAlliance(w http.ResponseWriter, r *http.Request, code int, edit int64, u *debunk.Unit, f adminForm) {
	p := alliancePage{adminPage: s.adminPage(w, r, "alliance", f), EditID: edit}
	if f.Form == "" {
		p.Done = doneKey(r, "alliance.done_", "saved")
	}
	units, err := s.Debunk.Units(r.Context())
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Units = units
	if p.Totals, err = s.Debunk.MemberTotals(r.Context()); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	if u == nil {
		u = &debunk.Unit{}
		if edit != 0 {
			found := false
			for i := range units {
				if units[i].ID == edit {
					u, found = &units[i], true
				}
			}
			if !found {
				s.consoleError(w, r, false, errNoRecord)
				return
			}
		}
	}
	val := map[string]string{"code": u.Code, "name": u.Name, "kind": u.Kind, "webhook_url": u.WebhookURL, "contacts": contactLines(u.Contacts)}
	if f.Values != nil {
		for k := range val {
			val[k] = f.Val(k)
		}
	}
	for _, fd := range []struct{ name, label, typ, help string }{
		{"code", "alliance.f_code", "text", "alliance.f_code_help"},
		{"name", "alliance.f_name", "text", ""},
		{"kind", "alliance.f_kind", "text", "alliance.f_kind_help"},
		{"webhook_url", "alliance.f_webhook", "url", "alliance.f_webhook_help"},
		{"contacts", "alliance.f_contacts", "textarea", "alliance.f_contacts_help"},
	} {
		field, err := p.Field(fd.name, fd.label, fd.typ, val[fd.name], fd.help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		p.Fields = append(p.Fields, field)
	}
	s.render(w, r, code, "console_alliance.html", p)
}

// pageAllianceSave adds (POST /console/alliance) or changes
// (POST /console/alliance/{id}) a member unit. A first webhook URL gets a
// signing secret, shown on the answer to this post and never again.
func (s *Server) pageAllianceSave(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	var u debunk.Unit
	var err error
	if r.PathValue("id") != "" {
		u.ID, err = pathID(r)
	}
	if err == nil {
		err = parseAdminForm(w, r)
	}
	var secret string
	if err == nil {
		u.Code, u.Name, u.Kind, u.WebhookURL = r.PostFormValue("code"), r.PostFormValue("name"), r.PostFormValue("kind"), r.PostFormValue("webhook_url")
		u.Contacts = parseContacts(r.PostFormValue("contacts"))
		_, secret, err = s.Debunk.SaveUnit(r.Context(), auth.FromContext(r.Context()), u)
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "unit", err); ok {
			if apperr.CodeOf(err) == apperr.NotFound {
				s.consoleError(w, r, false, err)
				return
			}
			s.renderAlliance(w, r, code, u.ID, &u, f)
		}
		return
	}
	if secret == "" {
		http.Redirect(w, r, "/console/alliance?done=saved", http.StatusSeeOther)
		return
	}
	// The secret is on this page only: no redirect carries it.
	w.Header().Set("Cache-Control", "no-store")
	p := alliancePage{adminPage: s.adminPage(w, r, "alliance", adminForm{}), Done: "alliance.done_saved", Secret: secret, SecretUnit: u.Name}
	if p.Units, err = s.Debunk.Units(r.Context()); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_alliance.html", p)
}

// parseContacts reads "name | title | phone | email" lines.
func parseContacts(text string) []debunk.Contact {
	var out []debunk.Contact
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.ReplaceAll(line, "｜", "|"))
		if line == "" {
			continue
		}
		parts := strings.Split(line, "|")
		for len(parts) < 4 {
			parts = append(parts, "")
		}
		out = append(out, debunk.Contact{Name: strings.TrimSpace(parts[0]), Title: strings.TrimSpace(parts[1]),
			Phone: strings.TrimSpace(parts[2]), Email: strings.TrimSpace(strings.Join(parts[3:], "|"))})
	}
	return out
}

func contactLines(cs []debunk.Contact) string {
	var lines []string
	for _, c := range cs {
		lines = append(lines, strings.Join([]string{c.Name, c.Title, c.Phone, c.Email}, " | "))
	}
	return strings.Join(lines, "\n")
}

// repostsPage is an alliance member's page: the published articles and
// the form that reports a repost of one.
type repostsPage struct {
	adminPage
	Articles []debunk.Article
	Channels []opt
	Done     string
}

var repostChannels = []string{"wechat", "weibo", "toutiao", "douyin", "website", "other"}

func (s *Server) pageReposts(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	s.renderReposts(w, r, http.StatusOK, adminForm{})
}

func (s *Server) renderReposts(w http.ResponseWriter, r *http.Request, code int, f adminForm) {
	p := repostsPage{adminPage: s.adminPage(w, r, "reposts", f)}
	if f.Form == "" {
		p.Done = doneKey(r, "reposts.done_", "reported")
	}
	list, _, err := s.Debunk.Public(r.Context(), debunk.ListFilter{Limit: 100})
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Articles = list
	for _, ch := range repostChannels {
		p.Channels = append(p.Channels, opt{Value: ch, Label: p.In(consoleCatalog["reposts.channel_"+ch]), Selected: f.Val("channel") == ch})
	}
	s.render(w, r, code, "console_alliance_reposts.html", p)
}

// errNoArticleChosen: the repost names no article.
var errNoArticleChosen = apperr.Fields(apperr.Field("article_id", "required", "请选择转发的文章", "article_id: choose the article reposted"))

func (s *Server) pageRepostReport(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	err := parseAdminForm(w, r)
	if err == nil {
		err = s.report(r, r.PostFormValue("article_id"), "", r.PostFormValue("url"), r.PostFormValue("channel"), r.PostFormValue("reach"))
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "repost", err); ok {
			s.renderReposts(w, r, code, f)
		}
		return
	}
	http.Redirect(w, r, "/console/reposts?done=reported", http.StatusSeeOther)
}

// report records a repost by the signed-in member of the article named
// by id (or, when id is empty, slug).
func (s *Server) report(r *http.Request, id, slug, url, channel, reach string) error {
	ctx := r.Context()
	var articleID int64
	if id = strings.TrimSpace(id); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return errNoArticleChosen
		}
		articleID = n
	} else if slug = strings.TrimSpace(slug); slug != "" {
		a, err := s.Debunk.BySlug(ctx, slug)
		if err != nil {
			return err
		}
		articleID = a.ID
	} else {
		return errNoArticleChosen
	}
	var n int64
	if reach = strings.TrimSpace(reach); reach != "" {
		var err error
		if n, err = strconv.ParseInt(reach, 10, 64); err != nil {
			return apperr.Fields(apperr.Field("reach", "not_a_number", "阅读量须为整数", "reach: must be a whole number"))
		}
	}
	return s.Debunk.Repost(ctx, auth.FromContext(ctx), articleID, url, channel, n)
}

// repostJSON is the body of POST /api/v1/console/reposts: the article by
// id or slug, where it was reposted and how many it reached.
type repostJSON struct {
	ArticleID int64  `json:"article_id"`
	Slug      string `json:"slug"`
	URL       string `json:"url"`
	Channel   string `json:"channel"`
	Reach     int64  `json:"reach"`
}

func (s *Server) apiRepostReport(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	var in repostJSON
	err := decodeJSON(w, r, &in)
	if err == nil {
		id := ""
		if in.ArticleID != 0 {
			id = strconv.FormatInt(in.ArticleID, 10)
		}
		err = s.report(r, id, in.Slug, in.URL, in.Channel, strconv.FormatInt(in.Reach, 10))
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"reported": true})
}
