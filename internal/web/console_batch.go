package web

import (
	"context"
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// maxBatch bounds one batch: four queue pages.
const maxBatch = 200

// batchResult is the outcome of a batch action on one case.
type batchResult struct {
	ID           int64        `json:"id"`
	TrackingCode string       `json:"tracking_code"`
	OK           bool         `json:"ok"`
	Error        *errorDetail `json:"error,omitempty"`
}

// runBatch applies op to every case, each on its own, and says per case
// whether it was done or refused and why. Wrong input or a role that may
// not do op at all refuses the whole batch before any case is touched.
func (s *Server) runBatch(ctx context.Context, p *auth.Principal, lang, op, assignee string, ids []int64) ([]batchResult, error) {
	var act func(id int64) error
	switch op {
	case "accept":
		act = func(id int64) error { return s.Reports.Accept(ctx, p, id, "") }
	case "reject_duplicate":
		act = func(id int64) error { return s.Reports.Reject(ctx, p, id, "duplicate", "") }
	case "assign":
		who, err := assigneeOf(p, assignee)
		if err != nil {
			return nil, err
		}
		act = func(id int64) error { return s.Reports.Assign(ctx, p, id, who) }
	default:
		return nil, apperr.Fields(apperr.Field("op", "unknown", "请选择批量操作", "op: accept, reject_duplicate or assign"))
	}
	perm := auth.CaseScreen
	if op == "assign" {
		perm = auth.CaseAssign
	}
	if err := p.Require(perm); err != nil {
		return nil, err
	}
	switch {
	case len(ids) == 0:
		return nil, apperr.Fields(apperr.Field("ids", "required", "请先勾选案件", "ids: select at least one case"))
	case len(ids) > maxBatch:
		return nil, apperr.Fields(apperr.Field("ids", "too_many", "一次最多处理 200 件", "ids: at most 200 cases at once"))
	}
	codes, err := s.Reports.TrackingCodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []batchResult
	for _, r := range s.Reports.Batch(ctx, ids, act) {
		br := batchResult{ID: r.ID, TrackingCode: codes[r.ID], OK: r.Err == nil}
		if r.Err != nil {
			e, ok := apperr.As(r.Err)
			if !ok {
				return nil, r.Err // a database failure is not a refusal
			}
			br.Error = &errorDetail{Code: string(e.Code), Message: s.userMessage(r.Err, lang)}
		}
		out = append(out, br)
	}
	return out, nil
}

// batchPage shows a batch's results case by case.
type batchPage struct {
	consoleView
	Op      string
	Results []batchResult
	Done    int
	Back    string
}

func (s *Server) pageBatch(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		s.consoleError(w, r, false, s.formError(err))
		return
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	p := batchPage{consoleView: s.newConsoleView(r, "home"), Op: r.PostFormValue("op"), Back: sameSite(r.PostFormValue("back"))}
	if p.Back == "/" {
		p.Back = "/console"
	}
	res, err := s.runBatch(r.Context(), p.User, p.Lang, p.Op, r.PostFormValue("assignee"), ids)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, x := range res {
		if x.OK {
			p.Done++
		}
	}
	p.Results = res
	s.render(w, r, http.StatusOK, "console_batch.html", p)
}
