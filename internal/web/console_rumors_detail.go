package web

import (
	"net/http"

	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// rumorPage shows one rumor: its claims and debunks, what was linked to
// it and the near misses waiting for review.
type rumorPage struct {
	consoleView
	Rumor        *rumor.Rumor
	VerdictLabel string
	RegionLabel  string
	Departments  []string
	// NearMissTable has the review buttons; LinkedTable does not.
	NearMissTable, LinkedTable matchTable
	Done                       string // the catalog key of what just happened
}

func (s *Server) pageRumor(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := rumorPage{consoleView: s.newConsoleView(r, "rumors"), Done: doneKey(r, "rumors.done_", "saved")}
	id, err := pathID(r)
	if err == nil {
		p.Rumor, err = rumor.Get(ctx, s.DB, id)
	}
	var matches []rumor.Match
	if err == nil {
		matches, err = rumor.ListMatches(ctx, s.DB, rumor.MatchFilter{RumorID: id})
	}
	var deps []org.Department
	var districts []org.District
	if err == nil {
		deps, err = org.Departments(ctx, s.DB)
	}
	if err == nil {
		districts, err = org.Districts(ctx, s.DB)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	if p.Done == "" {
		p.Done = doneKey(r, "matches.done_", "confirmed", "dismissed")
	}
	p.VerdictLabel = p.Rumor.Verdict.Label().In(p.Lang)
	p.RegionLabel = regionNames(districts, p.Lang).of(p.Rumor.Region)
	for _, d := range deps {
		for _, mine := range p.Rumor.DepartmentIDs {
			if d.ID == mine {
				p.Departments = append(p.Departments, d.Name.In(p.Lang))
			}
		}
	}
	p.NearMissTable = newMatchTable(p.consoleView, "/console/rumors/"+itoa(id)+"#near-misses", false)
	p.LinkedTable = newMatchTable(p.consoleView, "", false)
	for _, m := range matches {
		switch m.Status {
		case rumor.MatchLinked, rumor.MatchConfirmed:
			p.LinkedTable.Rows = append(p.LinkedTable.Rows, s.matchRow(p.consoleView, m))
		case rumor.MatchNearMiss:
			p.NearMissTable.Rows = append(p.NearMissTable.Rows, s.matchRow(p.consoleView, m))
		}
	}
	s.render(w, r, http.StatusOK, "console_rumor.html", p)
}

// doneKey reads the ?done= of a redirect after a change; only the listed
// outcomes count, so the address cannot put other words on the page.
func doneKey(r *http.Request, prefix string, known ...string) string {
	done := r.URL.Query().Get("done")
	for _, k := range known {
		if done == k {
			return prefix + k
		}
	}
	return ""
}
