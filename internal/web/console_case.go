package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
)

// staffCasePage is one case with everything known about it and the forms of
// the actions the signed-in role may take in the case's current state.
type staffCasePage struct {
	consoleView
	Case                 *report.CaseDetail
	StatusLabel          string
	Category, Zone       string
	Channel              string
	URLs                 []caseURL
	ZoneFields           []zoneField
	Revealed             *report.Reporter // set on the answer to "show" only
	RevealedZone         []zoneField
	revealedZone         map[string]any
	May                  map[string]bool // action name → shown
	CanReveal, CanExport bool
	Overdue, DueSoon     bool
	ReplyLate            bool
	Done, Problem        string
	Input                caseInput // what was typed, kept after a refusal
	Reasons              []opt
	Categories, Zones    []opt
	Platforms            []opt
	Departments          []opt
	Assignees            []opt
	Templates            []replyTemplate
	Kinds                []opt
}

// replyTemplate is a reply template filled in for this case.
type replyTemplate struct {
	ID          int64
	Title, Body string
	Selected    bool
}

// caseURL is a reported address: shown as text always, a link only when
// it is a web address (never javascript: or data:).
type caseURL struct {
	Text string
	Href string
}

func (s *Server) pageCase(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.consoleError(w, r, false, errNoCase)
		return
	}
	in := caseInput{}
	if t := r.URL.Query().Get("template"); t != "" {
		in.Template, _ = strconv.ParseInt(t, 10, 64)
	}
	s.renderCasePage(w, r, http.StatusOK, id, staffCasePage{Done: r.URL.Query().Get("done"), Input: in})
}

var errNoCase = apperr.New(apperr.NotFound, "案件不存在", "No such case")

func caseID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// renderCasePage reads the case and shows it with p's flash, problem and
// kept input. A case the principal may not see is the error page.
func (s *Server) renderCasePage(w http.ResponseWriter, r *http.Request, code int, id int64, p staffCasePage) {
	ctx := r.Context()
	p.consoleView = s.newConsoleView(r, "home")
	p.Path = "/console/cases/" + itoa(id) // where the language switch returns, after a POST too
	d, err := s.Reports.Case(ctx, p.User, id)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	lang := p.Lang
	p.Case, p.StatusLabel = d, d.Status.Label().In(lang)
	p.Category, p.Zone, p.Channel = categoryLabel(d.Category, lang), zoneLabel(d.Zone, lang), channelLabel(d.Channel, lang)
	p.URLs = caseURLs(d.URLs)
	p.ZoneFields = zoneFields(d.Zone, d.ZoneFields, lang)
	p.RevealedZone = zoneFields(d.Zone, p.revealedZone, lang)
	p.May = actionsFor(p.User, d.Status)
	p.CanReveal = p.User.Can(auth.PIIView) && (!d.Anonymous || d.HasZonePrivate)
	p.CanExport = p.User.Can(auth.EvidenceExport)
	now := s.Now()
	p.ReplyLate = d.ReplyDueAt != nil && d.ReplyDueAt.Before(now) && isOpenStatus(d.Status)
	p.Overdue = d.StageDueAt != nil && d.StageDueAt.Before(now) || p.ReplyLate
	p.DueSoon = !p.Overdue && d.StageDueAt != nil && d.StageDueAt.Before(now.Add(24*time.Hour))
	if _, known := consoleCatalog["case.done_"+p.Done]; !known {
		p.Done = ""
	}
	if err := s.fillCaseForms(r, &p); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, code, "console_case.html", p)
}

// fillCaseForms loads what the shown action forms choose from.
func (s *Server) fillCaseForms(r *http.Request, p *staffCasePage) error {
	lang, d := p.Lang, p.Case
	for _, rr := range report.RejectReasons() {
		p.Reasons = append(p.Reasons, opt{Value: string(rr), Label: rr.Label().In(lang), Selected: string(rr) == p.Input.Reason})
	}
	p.Categories = marked(categoryOpts(lang), d.Category)
	p.Zones = marked(zoneOpts(lang), d.Zone)
	for _, k := range []string{"interview", "inspection", "site_closure"} {
		l, _ := p.T("case.kind_" + k)
		p.Kinds = append(p.Kinds, opt{Value: k, Label: l, Selected: k == p.Input.Kind})
	}
	c, err := s.loadChoices(r.Context(), lang)
	if err != nil {
		return err
	}
	p.Platforms = marked(c.Platforms, itoa(p.Input.Platform))
	var deps []string
	for _, d := range p.Input.Departments {
		deps = append(deps, itoa(d))
	}
	p.Departments = marked(c.Departments, deps...)
	p.Assignees = marked(c.Assignees, idOf(d.AssigneeID))
	if !p.May["reply"] {
		return nil
	}
	ts, err := s.Reports.Templates(r.Context(), p.User, d.Category)
	if err != nil {
		return err
	}
	for _, t := range ts {
		rt := replyTemplate{ID: t.ID, Title: t.Title, Body: report.Render(t, d), Selected: t.ID == p.Input.Template}
		if rt.Selected && p.Input.Text == "" {
			p.Input.Text = rt.Body // the no-script way to use a template
		}
		p.Templates = append(p.Templates, rt)
	}
	return nil
}

func isOpenStatus(st report.Status) bool {
	return st == report.Submitted || st == report.Assessing || st == report.Disposing || st == report.Transferred
}

// caseURLs keeps every reported address as text and links only web
// addresses: a stored "javascript:" must never become a live link.
func caseURLs(urls []string) []caseURL {
	var out []caseURL
	for _, u := range urls {
		c := caseURL{Text: u}
		if pu, err := url.Parse(u); err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" {
			c.Href = pu.String()
		}
		out = append(out, c)
	}
	return out
}
