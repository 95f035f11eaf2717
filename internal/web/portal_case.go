package web

import (
	"net/http"

	"qinglang/internal/category"
	"qinglang/internal/report"
)

// caseNotes is what a reporter's last action left to show on the case
// page: a confirmation, or its errors with what was typed.
type caseNotes struct {
	DoneKey                      string
	Material, Comment            string
	MaterialErrors, RatingErrors []string
	// Problems are errors of an action whose form the case no longer
	// offers (a rating sent twice, material for a closed case).
	Problems []string
}

type step struct {
	Key   string
	State string // done, current, todo or stopped
}

type eventView struct {
	At, Label, Status, Note string
}

type casePage struct {
	view
	caseNotes
	Code, Secret                    string
	Status, Category, Zone, Outcome string
	Created, Updated                string
	Steps                           []step
	Timeline                        []eventView
	Reply                           *eventView
	Rejected                        bool
	Materials                       []eventView
	Evidence                        int
	CanAddMaterial, CanRate         bool
	UploadMB                        int64
}

// renderCase shows a case to the holder of its secret. The secret goes
// into the hidden fields of the page's forms, never into a URL, and the
// page is not stored by the browser or a proxy.
func (s *Server) renderCase(w http.ResponseWriter, r *http.Request, code int, v *report.CaseView, secret string, notes caseNotes) {
	p := casePage{view: newView(r, "track"), caseNotes: notes, Code: v.TrackingCode, Secret: secret,
		Created: showTime(v.CreatedAt), Updated: showTime(v.UpdatedAt), Evidence: v.EvidenceCount,
		CanAddMaterial: v.CanAddMaterial(), CanRate: v.CanRate(), UploadMB: s.Config.MaxUploadBytes >> 20}
	p.Status = p.In(v.Status.Label())
	if c, ok := category.LookupCategory(v.Category); ok {
		p.Category = p.In(c.Label)
	}
	if z, ok := category.LookupZone(v.Zone); ok {
		p.Zone = p.In(z.Label)
	}
	if !p.CanRate {
		p.Problems, p.RatingErrors = append(p.Problems, p.RatingErrors...), nil
	}
	if !p.CanAddMaterial {
		p.Problems, p.MaterialErrors = append(p.Problems, p.MaterialErrors...), nil
	}
	p.Steps, p.Outcome = progress(v.Status)
	for _, e := range v.Timeline {
		p.Timeline = append(p.Timeline, eventView{showTime(e.At), p.In(e.Action.Label()), p.In(e.Status.Label()), e.Note})
	}
	if v.Reply != nil {
		p.Reply = &eventView{At: showTime(v.Reply.At), Note: v.Reply.Note}
		p.Rejected = v.Reply.Action == "rejected"
	}
	for _, m := range v.Materials {
		p.Materials = append(p.Materials, eventView{At: showTime(m.At), Note: m.Text, Label: p.plural(m.Files)})
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, code, "page_case.html", p)
}

func (p casePage) plural(files int) string {
	if files == 0 {
		return ""
	}
	s, _ := p.Tf("case.files", files)
	return s
}

// progress places a status on the reporter's five steps (提交 → 受理 →
// 处置 → 回复 → 办结): the steps before "at" are done, the one at "at" is
// being worked on. A refused or merged case stops at 受理, with the catalog
// key of a sentence saying why.
func progress(st report.Status) ([]step, string) {
	keys := []string{"step.report", "step.accept", "step.dispose", "step.reply", "step.close"}
	at, outcome := 1, ""
	switch st {
	case report.Assessing, report.Disposing, report.Transferred:
		at = 2
	case report.Replied:
		at = 4
	case report.Closed:
		at = len(keys)
	case report.Rejected:
		outcome = "case.outcome_rejected"
	case report.Merged:
		outcome = "case.outcome_merged"
	}
	steps := make([]step, len(keys))
	for i, k := range keys {
		steps[i] = step{Key: k, State: "todo"}
		switch {
		case i < at:
			steps[i].State = "done"
		case i == at && outcome != "":
			steps[i].State = "stopped"
		case i == at:
			steps[i].State = "current"
		}
	}
	return steps, outcome
}
