package web

import (
	"net/http"
	"sort"

	"qinglang/internal/report"
	"qinglang/internal/sla"
)

// maxOverdueList bounds the leader's list; counts past it say "+".
const maxOverdueList = 1000

// overduePage is the leader's view of late work: how many cases are late
// at each stage and who holds them, then the cases themselves.
type overduePage struct {
	consoleView
	Total    int
	Capped   bool
	ByStage  []overdueGroup
	ByHolder []overdueGroup
	Rows     []overdueRow
}

type overdueGroup struct {
	Label string
	Count int
}

type overdueRow struct {
	queueRow
	Stage   string
	Holders string
}

func (s *Server) pageOverdue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := overduePage{consoleView: s.newConsoleView(r, "overdue")}
	now := s.Now()
	var items []report.QueueItem
	for off := 0; off < maxOverdueList; off += 200 {
		page, err := s.Reports.Queue(ctx, p.User, report.QueueFilter{Overdue: true, Sort: "due_asc", Limit: 200, Offset: off}, now)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		items = append(items, page.Items...)
		p.Total, p.Capped = page.Total, page.TotalCapped || page.Total > maxOverdueList
		if len(page.Items) < 200 {
			break
		}
	}
	c, err := s.loadChoices(ctx, p.Lang)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	var ids []int64
	for _, it := range items {
		if it.Status == report.Transferred {
			ids = append(ids, it.ID)
		}
	}
	depts, err := s.Reports.OpenTransferDepartments(ctx, p.User, ids)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	byStage, byHolder := map[string]int{}, map[string]int{}
	unassigned, _ := p.T("queue.assignee_none")
	for _, it := range items {
		// A late case is held up in its current stage if that is late;
		// otherwise only its reply is late.
		stage := sla.Reply
		if it.StageDueAt != nil && it.StageDueAt.Before(now) {
			stage = map[report.Status]sla.Stage{report.Submitted: sla.Accept, report.Assessing: sla.Assess,
				report.Disposing: sla.Notice, report.Transferred: sla.Feedback}[it.Status]
		}
		row := overdueRow{queueRow: queueRow{QueueItem: it, StatusLabel: it.Status.Label().In(p.Lang), CategoryLabel: categoryLabel(it.Category, p.Lang),
			Assignee: c.assignee[idOf(it.AssigneeID)]}, Stage: stage.Label().In(p.Lang)}
		holders := []string{row.Assignee}
		if stage == sla.Feedback && len(depts[it.ID]) > 0 {
			holders = depts[it.ID] // the departments hold a transferred case up
		}
		for i, h := range holders {
			if h == "" {
				h = unassigned
			}
			byHolder[h]++
			if i == 0 {
				row.Holders = h
			} else {
				row.Holders += "、" + h
			}
		}
		byStage[row.Stage]++
		p.Rows = append(p.Rows, row)
	}
	for _, st := range sla.Stages() {
		if n := byStage[st.Label().In(p.Lang)]; n > 0 {
			p.ByStage = append(p.ByStage, overdueGroup{st.Label().In(p.Lang), n})
		}
	}
	for h, n := range byHolder {
		p.ByHolder = append(p.ByHolder, overdueGroup{h, n})
	}
	sort.Slice(p.ByHolder, func(i, j int) bool {
		a, b := p.ByHolder[i], p.ByHolder[j]
		return a.Count > b.Count || a.Count == b.Count && a.Label < b.Label
	})
	s.render(w, r, http.StatusOK, "console_overdue.html", p)
}
