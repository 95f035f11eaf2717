package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/report"
)

// transfersPage is a department's inbox of transfers, each with the form
// its state calls for: accept a pending one, feed back an accepted one.
type transfersPage struct {
	consoleView
	Rows     []transferRow
	Done     string
	Problem  string
	FormID   int64  // the transfer whose feedback was refused
	Feedback string // and what was typed in it
}

type transferRow struct {
	report.DeptTransfer
	StatusKey, CategoryLabel, CaseStatus string
	Late                                 bool
}

func (s *Server) pageTransfers(w http.ResponseWriter, r *http.Request) {
	done := r.URL.Query().Get("done")
	if done != "accept" && done != "feedback" {
		done = ""
	}
	s.renderTransfers(w, r, http.StatusOK, transfersPage{Done: done})
}

func (s *Server) renderTransfers(w http.ResponseWriter, r *http.Request, code int, p transfersPage) {
	p.consoleView = s.newConsoleView(r, "transfers")
	rows, err := s.Reports.DepartmentTransfers(r.Context(), p.User)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	now := s.Now()
	for _, t := range rows {
		p.Rows = append(p.Rows, transferRow{DeptTransfer: t, StatusKey: "transfers.status_" + t.Status,
			CategoryLabel: categoryLabel(t.Category, p.Lang), CaseStatus: t.CaseStatus.Label().In(p.Lang), Late: t.Overdue(now)})
	}
	s.render(w, r, code, "console_transfers.html", p)
}

// pageTransferAct handles the accept and feedback forms of the inbox.
func (s *Server) pageTransferAct(act string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
		tid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		feedback := r.PostFormValue("feedback")
		if err != nil {
			err = apperr.New(apperr.NotFound, "移交不存在", "No such transfer")
		} else {
			err = s.transferAct(r, act, tid, feedback)
		}
		if err == nil {
			http.Redirect(w, r, "/console/transfers?done="+act, http.StatusSeeOther)
			return
		}
		s.renderTransfers(w, r, status(apperr.CodeOf(err)), transfersPage{Problem: s.userMessage(err, i18n.FromRequest(r)), FormID: tid, Feedback: feedback})
	}
}

func (s *Server) transferAct(r *http.Request, act string, id int64, feedback string) error {
	p := auth.FromContext(r.Context())
	if act == "accept" {
		return s.Reports.AcceptTransfer(r.Context(), p, id)
	}
	return s.Reports.Feedback(r.Context(), p, id, feedback)
}
