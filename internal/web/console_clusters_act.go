package web

import (
	"context"
	"fmt"
	"net/http"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// pageClusterAct runs one case action on every report of a cluster and
// shows the result per case, as the queue's batch does. The route asks
// for case.assign; accepting and rejecting also need case.screen, which
// the action checks before any case is touched.
func (s *Server) pageClusterAct(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := pathID(r)
	if err == nil {
		err = parseAdminForm(w, r)
	}
	var ms []rumor.Member
	if err == nil {
		// The cluster must exist: an unknown one is a 404, not "no reports".
		if _, err = rumor.GetCluster(ctx, s.DB, id, s.Now()); err == nil {
			ms, err = rumor.ClusterMembers(ctx, s.DB, id)
		}
	}
	p := batchPage{consoleView: s.newConsoleView(r, "clusters"), Op: r.PostFormValue("op"), Back: "/console/clusters/" + itoa(id)}
	if err == nil {
		p.Results, err = s.actOnCluster(ctx, p.User, p.Lang, p.Op, r.PostFormValue("assignee"), rumor.MemberReports(ms))
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, x := range p.Results {
		if x.OK {
			p.Done++
		}
	}
	s.render(w, r, http.StatusOK, "console_cluster_act.html", p)
}

// actOnCluster is the queue's batch over the cluster's reports, with one
// difference: rejecting as duplicates keeps the first report, which the
// others repeat, and names it in the reason the reporters read.
func (s *Server) actOnCluster(ctx context.Context, p *auth.Principal, lang, op, assignee string, ids []int64) ([]batchResult, error) {
	if len(ids) == 0 && (op == "accept" || op == "reject_duplicate" || op == "assign") {
		return nil, apperr.New(apperr.Conflict, "本类没有举报，只有监测内容", "This cluster holds monitored items only")
	}
	if op != "reject_duplicate" {
		return s.runBatch(ctx, p, lang, op, assignee, ids)
	}
	if err := p.Require(auth.CaseScreen); err != nil {
		return nil, err
	}
	codes, err := s.Reports.TrackingCodes(ctx, ids[:1])
	if err != nil {
		return nil, err
	}
	t := consoleCatalog["clusters.duplicate_of"]
	// The reporter reads the note in Chinese on the tracking page.
	note := fmt.Sprintf(t.Zh, codes[ids[0]])
	rest := ids[1:]
	if len(rest) == 0 {
		return nil, apperr.New(apperr.Conflict, "本类只有一件举报，没有重复举报", "This cluster has only one report: nothing duplicates it")
	}
	if len(rest) > maxBatch {
		return nil, apperr.Fields(apperr.Field("ids", "too_many", "一次最多处理 200 件", "ids: at most 200 cases at once"))
	}
	all, err := s.Reports.TrackingCodes(ctx, rest)
	if err != nil {
		return nil, err
	}
	var out []batchResult
	for _, res := range s.Reports.Batch(ctx, rest, func(id int64) error { return s.Reports.Reject(ctx, p, id, "duplicate", note) }) {
		br := batchResult{ID: res.ID, TrackingCode: all[res.ID], OK: res.Err == nil}
		if res.Err != nil {
			e, ok := apperr.As(res.Err)
			if !ok {
				return nil, res.Err
			}
			br.Error = &errorDetail{Code: string(e.Code), Message: s.userMessage(res.Err, lang)}
		}
		out = append(out, br)
	}
	return out, nil
}
