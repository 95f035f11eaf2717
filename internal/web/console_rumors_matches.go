package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
)

// matchesPage is the review queue: matches by status, near misses first.
type matchesPage struct {
	consoleView
	Status   string
	Statuses []opt
	Table    matchTable
	Done     string
}

// matchTable is what the shared "match-table" template shows: rows, and
// for editors the review buttons, which return to Back.
type matchTable struct {
	consoleView
	Rows              []matchRow
	Back              string
	Review, ShowRumor bool
}

func newMatchTable(v consoleView, back string, showRumor bool) matchTable {
	return matchTable{consoleView: v, Back: back, ShowRumor: showRumor, Review: back != "" && v.Can(string(auth.RumorEdit))}
}

// matchRow is a match as the console shows it: the subject named and
// linked, the score as a percentage.
type matchRow struct {
	rumor.Match
	KindLabel, StatusLabel, SubjectStatusLabel, Score string
	// Href opens the subject: a report's case page (for those who may
	// see cases), an item's address.
	Href string
}

func (s *Server) matchRow(v consoleView, m rumor.Match) matchRow {
	row := matchRow{Match: m, KindLabel: v.In(consoleCatalog["matches."+m.Kind]),
		StatusLabel: v.In(consoleCatalog["matches.status_"+m.Status]), Score: fmt.Sprintf("%.0f%%", m.Score*100)}
	if m.Kind == "report" {
		// Editors review by the text shown; the case page is case work.
		if v.Can(string(auth.CaseView)) {
			row.Href = "/console/cases/" + itoa(m.SubjectID)
		}
		row.SubjectStatusLabel = report.Status(m.SubjectStatus).Label().In(v.Lang)
	} else if strings.HasPrefix(m.URL, "http://") || strings.HasPrefix(m.URL, "https://") {
		row.Href = m.URL
	}
	return row
}

var matchStatuses = []string{rumor.MatchNearMiss, rumor.MatchLinked, rumor.MatchConfirmed, rumor.MatchDismissed}

func (s *Server) pageMatches(w http.ResponseWriter, r *http.Request) {
	p := matchesPage{consoleView: s.newConsoleView(r, "matches"), Status: rumor.MatchNearMiss,
		Done: doneKey(r, "matches.done_", "confirmed", "dismissed")}
	for _, st := range matchStatuses {
		if r.URL.Query().Get("status") == st {
			p.Status = st
		}
	}
	p.Table = newMatchTable(p.consoleView, "/console/matches?status="+p.Status, true)
	for _, st := range matchStatuses {
		p.Statuses = append(p.Statuses, opt{Value: st, Label: p.In(consoleCatalog["matches.status_"+st]), Selected: st == p.Status})
	}
	ms, err := rumor.ListMatches(r.Context(), s.DB, rumor.MatchFilter{Status: p.Status})
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, m := range ms {
		p.Table.Rows = append(p.Table.Rows, s.matchRow(p.consoleView, m))
	}
	s.render(w, r, http.StatusOK, "console_rumor_matches.html", p)
}

// pageMatchReview confirms or dismisses a near miss and returns to the
// page it was reviewed on (the queue or the rumor's page).
func (s *Server) pageMatchReview(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseAdminForm(w, r)
	}
	decision := r.PostFormValue("decision")
	if err == nil && decision != "confirm" && decision != "dismiss" {
		err = requestError(apperr.Invalid, "decision", "请选择确认关联或驳回", "decision: confirm or dismiss")
	}
	if err == nil {
		err = rumor.ReviewMatch(r.Context(), s.DB, auth.FromContext(r.Context()), id, decision == "confirm", s.Now())
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	done := "dismissed"
	if decision == "confirm" {
		done = "confirmed"
	}
	http.Redirect(w, r, withDone(r.PostFormValue("back"), "/console/matches", done), http.StatusSeeOther)
}

// withDone is the console address back (or fallback when back is not a
// console page of this site) with ?done= set to say what just happened.
func withDone(back, fallback, done string) string {
	u, err := url.Parse(sameSite(back))
	if err != nil || !strings.HasPrefix(u.Path, "/console/") {
		u, _ = url.Parse(fallback)
	}
	q := u.Query()
	q.Set("done", done)
	u.RawQuery = q.Encode()
	return u.String()
}
