package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/outbox"
)

// outboxPage lists the webhook events the worker gave up on, each with
// its attempts, so an operator can see why and send it again once the
// receiver is back.
type outboxPage struct {
	adminPage
	Dead     []outbox.Item
	Attempts map[int64][]outbox.Attempt
}

func (s *Server) pageAdminOutbox(w http.ResponseWriter, r *http.Request) {
	s.renderOutbox(w, r, http.StatusOK, adminForm{})
}

func (s *Server) renderOutbox(w http.ResponseWriter, r *http.Request, code int, f adminForm) {
	p := outboxPage{adminPage: s.adminPage(w, r, "admin/outbox", f), Attempts: map[int64][]outbox.Attempt{}}
	var err error
	p.Dead, err = outbox.DeadLetters(r.Context(), s.DB, 200)
	for _, it := range p.Dead {
		if err == nil {
			p.Attempts[it.ID], err = outbox.Attempts(r.Context(), s.DB, it.ID)
		}
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, code, "console_platform_outbox.html", p)
}

// pageAdminOutboxResend makes a dead event due again and kicks delivery.
// The resend is audited by the outbox's own delivery log, not here: it
// changes no record of the center, only when a delivery is tried.
func (s *Server) pageAdminOutboxResend(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		err = apperr.New(apperr.NotFound, "没有这条待发事件", "No such outgoing event")
	} else {
		err = outbox.Resend(r.Context(), s.DB, id, s.Now())
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "resend", err); ok {
			s.renderOutbox(w, r, code, f)
		}
		return
	}
	if s.OutboxKick != nil {
		s.OutboxKick()
	}
	s.adminDone(w, r, "/console/admin/outbox", "admin.flash.resent")
}
