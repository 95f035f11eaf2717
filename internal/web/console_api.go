package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
)

// The staff API: the console's domain calls over JSON, for a bearer token
// or the console session (with X-CSRF-Token on writes).

func (s *Server) apiQueue(w http.ResponseWriter, r *http.Request) {
	p, lang := auth.FromContext(r.Context()), i18n.FromRequest(r)
	f, page, err := parseQueueQuery(r.URL.Query(), p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.Reports.Queue(r.Context(), p, f, s.Now())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := queueJSON{Items: []queueItemJSON{}, Total: res.Total, TotalCapped: res.TotalCapped, Page: page, PerPage: queuePerPage}
	for _, it := range res.Items {
		out.Items = append(out.Items, queueItemOf(it, lang))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.apiError(w, r, errNoCase)
		return
	}
	s.writeCase(w, r, http.StatusOK, id)
}

func (s *Server) writeCase(w http.ResponseWriter, r *http.Request, code int, id int64) {
	d, err := s.Reports.Case(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, code, caseDetailOf(d, i18n.FromRequest(r), s.Now()))
}

// apiCaseAction runs one action and answers with the case as it is now.
// Actions without input (accept, close) may come with no body at all.
func (s *Server) apiCaseAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := caseID(r)
		if !ok {
			s.apiError(w, r, errNoCase)
			return
		}
		var in caseInput
		if r.ContentLength != 0 {
			if err := decodeJSON(w, r, &in); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		if err := s.runCaseAction(r.Context(), auth.FromContext(r.Context()), id, action, in); err != nil {
			s.apiError(w, r, err)
			return
		}
		s.writeCase(w, r, http.StatusOK, id)
	}
}

func (s *Server) apiBatch(w http.ResponseWriter, r *http.Request) {
	var in struct {
		IDs      []int64 `json:"ids"`
		Op       string  `json:"op"`
		Assignee string  `json:"assignee"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.runBatch(r.Context(), auth.FromContext(r.Context()), i18n.FromRequest(r), in.Op, in.Assignee, in.IDs)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	done := 0
	for _, x := range res {
		if x.OK {
			done++
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": res, "done": done, "refused": len(res) - done})
}

func (s *Server) apiReveal(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.apiError(w, r, errNoCase)
		return
	}
	rep, zone, err := s.Reports.RevealReporter(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if zone == nil {
		zone = map[string]any{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"reporter": rep, "zone_fields": zone})
}

func (s *Server) apiTransfers(w http.ResponseWriter, r *http.Request) {
	rows, err := s.Reports.DepartmentTransfers(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []transferJSON{}
	for _, t := range rows {
		j := transferOf(t.TransferRow)
		j.TrackingCode, j.CaseStatus = t.TrackingCode, t.CaseStatus
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"transfers": out})
}

// apiTransferAct accepts a transfer or feeds back on it ({"feedback": …}).
func (s *Server) apiTransferAct(act string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Feedback string `json:"feedback"`
		}
		tid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			err = apperr.New(apperr.NotFound, "移交不存在", "No such transfer")
		} else if r.ContentLength != 0 || act == "feedback" {
			err = decodeJSON(w, r, &in)
		}
		if err == nil {
			err = s.transferAct(r, act, tid, in.Feedback)
		}
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"id": tid, "done": act})
	}
}
