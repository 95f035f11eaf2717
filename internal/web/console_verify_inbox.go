package web

import (
	"net/http"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/rumor"
)

// verifyInboxPage is a department's pending verification requests, each
// with its answer form. A refused answer comes back in its own form with
// what was typed.
type verifyInboxPage struct {
	consoleView
	Items     []verifyInboxRow
	Done      bool
	Problem   string
	FormID    int64
	Findings  string
	Statement string
}

type verifyInboxRow struct {
	rumor.InboxItem
	Late bool
}

func (s *Server) pageVerifyInbox(w http.ResponseWriter, r *http.Request) {
	s.renderVerifyInbox(w, r, http.StatusOK, verifyInboxPage{Done: r.URL.Query().Get("done") == "answered"})
}

func (s *Server) renderVerifyInbox(w http.ResponseWriter, r *http.Request, code int, p verifyInboxPage) {
	p.consoleView = s.newConsoleView(r, "verify/inbox")
	items, err := rumor.Inbox(r.Context(), s.DB, p.User)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	now := s.Now()
	for _, it := range items {
		p.Items = append(p.Items, verifyInboxRow{InboxItem: it, Late: it.Deadline.Before(now)})
	}
	s.render(w, r, code, "console_verify_inbox.html", p)
}

func (s *Server) pageVerifyAnswer(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminForm)
	id, err := pathID(r)
	findings, statement := r.PostFormValue("findings"), r.PostFormValue("statement")
	if err != nil {
		err = apperr.New(apperr.NotFound, "核实请求不存在", "No such verification request")
	} else {
		err = rumor.AnswerRequest(r.Context(), s.DB, auth.FromContext(r.Context()), id, findings, statement, s.Now())
	}
	if err == nil {
		http.Redirect(w, r, "/console/verify/inbox?done=answered", http.StatusSeeOther)
		return
	}
	if apperr.CodeOf(err) == apperr.Internal || apperr.CodeOf(err) == apperr.NotFound {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderVerifyInbox(w, r, status(apperr.CodeOf(err)), verifyInboxPage{Problem: s.userMessage(err, i18n.FromRequest(r)),
		FormID: id, Findings: findings, Statement: statement})
}
