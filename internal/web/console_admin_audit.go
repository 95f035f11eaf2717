package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"qinglang/internal/audit"
)

// auditPage lists the audit log, newest first, and shows the outcome of
// a chain check when one was just run.
type auditPage struct {
	adminPage
	Filter  audit.Filter
	Entries []audit.Entry
	NextURL string
	Verify  *verifyResult
}

// verifyResult is what the chain check found: the whole log intact, or
// the first entry where it is not.
type verifyResult struct {
	OK      bool
	Entries int64
	Head    string
	Broken  *audit.Broken
}

func (s *Server) pageAdminAudit(w http.ResponseWriter, r *http.Request) {
	s.renderAudit(w, r, nil)
}

func (s *Server) renderAudit(w http.ResponseWriter, r *http.Request, v *verifyResult) {
	p := auditPage{adminPage: s.adminPage(w, r, "admin/audit", adminForm{}), Verify: v}
	q := r.URL.Query()
	p.Filter = audit.Filter{Action: strings.TrimSpace(q.Get("action")), Target: strings.TrimSpace(q.Get("target")),
		Actor: strings.TrimSpace(q.Get("actor")), Limit: 50}
	p.Filter.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	page, err := audit.List(r.Context(), s.DB, p.Filter)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Entries = page.Entries
	if page.Next != 0 {
		next := url.Values{}
		for k, v := range map[string]string{"action": p.Filter.Action, "target": p.Filter.Target, "actor": p.Filter.Actor} {
			if v != "" {
				next.Set(k, v)
			}
		}
		next.Set("before", strconv.FormatInt(page.Next, 10))
		p.NextURL = "/console/admin/audit?" + next.Encode()
	}
	s.render(w, r, http.StatusOK, "console_admin_audit.html", p)
}

// pageAdminAuditVerify walks the whole chain. It answers with the page
// itself: the result is of the moment and belongs in no address.
func (s *Server) pageAdminAuditVerify(w http.ResponseWriter, r *http.Request) {
	res, err := audit.Verify(r.Context(), s.DB)
	v := &verifyResult{OK: err == nil, Entries: res.Entries, Head: res.Head}
	if err != nil && !errors.As(err, &v.Broken) {
		s.consoleError(w, r, false, err)
		return
	}
	if v.Broken != nil {
		s.Log.Warn("audit chain broken", "entry", v.Broken.ID, "reason", v.Broken.Reason)
	}
	s.renderAudit(w, r, v)
}
