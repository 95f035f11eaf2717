package web

import (
	"net/http"
	"net/url"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
)

// queuePage is the case queue: the filter form, one page of cases, and
// the batch actions over them.
type queuePage struct {
	consoleView
	Heading              string // text key
	Action               string // the filter form's address
	Query                url.Values
	Notice               string
	Rows                 []queueRow
	Total                int
	Capped               bool
	Page, Pages          int
	PrevURL, NextURL     string
	Statuses, Categories []opt
	Zones, Channels, Due []opt
	Platforms, Districts []opt
	Departments          []opt
	Assignees            []opt // with "me" and "unassigned" first
	BatchAssignees       []opt // real people only
	CanScreen, CanAssign bool
	DeptScoped           bool // a department handler: only their transfers
}

// queueRow is a queue line with its codes put into words.
type queueRow struct {
	report.QueueItem
	StatusLabel, CategoryLabel, ZoneLabel, ChannelLabel string
	Platform, District, Assignee                        string
}

// pageQueue is the console's home. Every staff member lands here after
// signing in; roles that do not work cases go on to their own page.
func (s *Server) pageQueue(w http.ResponseWriter, r *http.Request) {
	if !auth.FromContext(r.Context()).Can(auth.CaseView) {
		http.Redirect(w, r, "/console/tokens", http.StatusSeeOther)
		return
	}
	s.renderQueue(w, r, "queue.title", "/console", r.URL.Query())
}

// pageMine is "my work": the open cases assigned to me. Department
// handlers are not assigned cases; their work is their transfers.
func (s *Server) pageMine(w http.ResponseWriter, r *http.Request) {
	if auth.FromContext(r.Context()).Role == auth.DeptHandler {
		http.Redirect(w, r, "/console/transfers", http.StatusSeeOther)
		return
	}
	q := r.URL.Query()
	q.Set("assignee", "me")
	if len(q["status"]) == 0 {
		q["status"] = []string{"submitted", "assessing", "disposing", "transferred"}
	}
	s.renderQueue(w, r, "mine.title", "/console/mine", q)
}

func (s *Server) renderQueue(w http.ResponseWriter, r *http.Request, heading, action string, q url.Values) {
	nav := "home"
	if action == "/console/mine" {
		nav = "mine"
	}
	v := s.newConsoleView(r, nav)
	p := queuePage{consoleView: v, Heading: heading, Action: action, Query: q, Page: 1,
		CanScreen: v.User.Can(auth.CaseScreen), CanAssign: v.User.Can(auth.CaseAssign), DeptScoped: v.User.Role == auth.DeptHandler}
	code := http.StatusOK
	f, page, err := parseQueueQuery(q, v.User)
	var res report.QueuePage
	if err == nil {
		res, err = s.Reports.Queue(r.Context(), v.User, f, s.Now())
	}
	if err != nil && apperr.CodeOf(err) != apperr.Invalid {
		s.consoleError(w, r, false, err)
		return
	}
	if err != nil {
		code, p.Notice = http.StatusBadRequest, s.userMessage(err, v.Lang)
	}
	c, cerr := s.loadChoices(r.Context(), v.Lang)
	if cerr != nil {
		s.consoleError(w, r, false, cerr)
		return
	}
	p.fill(c, q)
	for _, it := range res.Items {
		p.Rows = append(p.Rows, queueRow{QueueItem: it, StatusLabel: it.Status.Label().In(v.Lang),
			CategoryLabel: categoryLabel(it.Category, v.Lang), ZoneLabel: zoneLabel(it.Zone, v.Lang), ChannelLabel: channelLabel(it.Channel, v.Lang),
			Platform: c.platform[idOf(it.PlatformID)], District: c.district[idOf(it.DistrictID)], Assignee: c.assignee[idOf(it.AssigneeID)]})
	}
	p.Total, p.Capped, p.Page = res.Total, res.TotalCapped, page
	p.Pages = max(1, (res.Total+queuePerPage-1)/queuePerPage)
	if page > 1 {
		p.PrevURL = p.With("page", itoa(int64(page-1)))
	}
	if page < p.Pages || res.TotalCapped && len(res.Items) == queuePerPage {
		p.NextURL = p.With("page", itoa(int64(page+1)))
	}
	s.render(w, r, code, "console_queue.html", p)
}

// fill sets the filter form's options from the query.
func (p *queuePage) fill(c *choices, q url.Values) {
	lang := p.Lang
	p.Statuses = marked(statusOpts(lang), q["status"]...)
	p.Categories = marked(categoryOpts(lang), q.Get("category"))
	p.Zones = marked(zoneOpts(lang), q.Get("zone"))
	p.Channels = marked(channelOpts(lang), q.Get("channel"))
	p.Platforms = marked(c.Platforms, q.Get("platform"))
	p.Districts = marked(c.Districts, q.Get("district"))
	p.Departments = marked(c.Departments, q.Get("department"))
	me, _ := p.T("queue.assignee_me")
	none, _ := p.T("queue.assignee_none")
	p.Assignees = marked(append([]opt{{Value: "me", Label: me}, {Value: "unassigned", Label: none}}, c.Assignees...), q.Get("assignee"))
	p.BatchAssignees = c.Assignees
	overdue, _ := p.T("queue.due_overdue")
	soon, _ := p.T("queue.due_soon")
	late, _ := p.T("queue.due_late")
	p.Due = marked([]opt{{Value: "overdue", Label: overdue}, {Value: "soon", Label: soon}, {Value: "late", Label: late}}, q.Get("due"))
}

// With is the current queue address with one parameter changed; a new
// order or filter starts again at page one.
func (p queuePage) With(key, value string) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	if p.Action == "/console/mine" {
		q.Del("assignee") // implied by the page
	}
	if key != "page" {
		q.Del("page")
	}
	q.Set(key, value)
	return p.Action + "?" + q.Encode()
}

// SortAttr is the aria-sort of a sortable column whose orders are asc
// and desc ("" where the column has no such order).
func (p queuePage) SortAttr(asc, desc string) string {
	cur := p.Query.Get("sort")
	if cur == "" {
		cur = "created_desc"
	}
	switch {
	case asc != "" && cur == asc:
		return "ascending"
	case desc != "" && cur == desc:
		return "descending"
	}
	return "none"
}

// selectView is a filter select: its label in the page's language and
// "any" as the empty choice.
type selectView struct {
	ID, Name, Label, Any string
	Opts                 []opt
}

// Sel builds the filter select for name, labelled by the text labelKey.
func (p queuePage) Sel(id, name, labelKey string, opts []opt) selectView {
	label, _ := p.T(labelKey)
	anyText, _ := p.T("queue.any")
	return selectView{id, name, label, anyText, opts}
}

// Text is the search box's value; From and To the date range's.
func (p queuePage) Text() string { return p.Query.Get("q") }
func (p queuePage) From() string { return p.Query.Get("from") }
func (p queuePage) To() string   { return p.Query.Get("to") }

// Back is where the batch results page returns to.
func (p queuePage) Back() string { return p.With("page", itoa(int64(p.Page))) }

// DueAt is the due time a row shows: its stage's, else its reply's.
func (r queueRow) DueAt() *time.Time {
	if r.StageDueAt != nil {
		return r.StageDueAt
	}
	return r.ReplyDueAt
}
