package web

import (
	"net/http"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/platform"
	"qinglang/internal/report"
)

// liaisonPage is a platform liaison's own platform's notices, each open
// one with its answer form: the same answer as the platform API's.
type liaisonPage struct {
	adminPage
	Status    string
	Notices   []report.PlatformNotice
	Total     int
	Responses []string
	FailedID  int64 // the notice whose answer was refused, to show its errors there
	now       time.Time
}

// ResponseLabel names a response code in the page's language.
func (p liaisonPage) ResponseLabel(code string) string { return p.In(report.ResponseLabel(code)) }

// Overdue tells whether a notice is late.
func (p liaisonPage) Overdue(n report.PlatformNotice) bool { return n.Overdue(p.now) }

func (s *Server) pageLiaisonNotices(w http.ResponseWriter, r *http.Request) {
	s.renderLiaison(w, r, http.StatusOK, 0, adminForm{})
}

func (s *Server) renderLiaison(w http.ResponseWriter, r *http.Request, code int, failed int64, f adminForm) {
	p := liaisonPage{adminPage: s.adminPage(w, r, "platform/notices", f), Status: r.URL.Query().Get("status"),
		Responses: platform.Responses(), FailedID: failed, now: s.Now()}
	who, err := report.LiaisonResponder(p.User)
	if err == nil {
		p.Notices, p.Total, err = s.Reports.PlatformNotices(r.Context(), who.PlatformID, report.NoticeFilter{Status: p.Status, PerPage: 200})
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, code, "console_platform_notices.html", p)
}

func (s *Server) pageLiaisonRespond(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		err = apperr.New(apperr.NotFound, "处置通知不存在", "No such notice")
	}
	if err == nil {
		err = parseAdminForm(w, r)
	}
	var who report.Responder
	if err == nil {
		who, err = report.LiaisonResponder(auth.FromContext(r.Context()))
	}
	if err == nil {
		err = s.Reports.RespondNotice(r.Context(), who, id, report.NoticeResponse{Response: r.PostFormValue("response"), Note: r.PostFormValue("note")})
	}
	if err != nil {
		if e, ok := apperr.As(err); ok && e.Code == apperr.NotFound {
			s.consoleError(w, r, false, err)
			return
		}
		if f, code, ok := s.adminFailed(w, r, "respond", err); ok {
			s.renderLiaison(w, r, code, id, f)
		}
		return
	}
	http.Redirect(w, r, "/console/platform/notices#notice-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
