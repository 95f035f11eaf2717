package web

import (
	"context"
	"strconv"
	"strings"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
)

// caseAction is a staff action on one case: the permission it needs and
// when the lifecycle allows it, so the case page shows only the forms
// that can succeed. The domain checks both again.
type caseAction struct {
	perm auth.Permission
	op   report.Op       // a lifecycle action: report.Next decides
	in   []report.Status // otherwise: the statuses it applies to
}

var (
	openStatuses = []report.Status{report.Submitted, report.Assessing, report.Disposing, report.Transferred}
	caseActions  = map[string]caseAction{
		"accept":       {auth.CaseScreen, report.OpAccept, nil},
		"reject":       {auth.CaseScreen, report.OpReject, nil},
		"merge":        {auth.CaseScreen, report.OpMerge, nil},
		"recategorize": {auth.CaseScreen, "", []report.Status{report.Submitted, report.Assessing}},
		"assess":       {auth.CaseAssess, "", []report.Status{report.Assessing, report.Disposing, report.Transferred}},
		"notify":       {auth.CaseAssess, report.OpNotify, nil},
		"transfer":     {auth.CaseAssess, report.OpTransfer, nil},
		"disposal":     {auth.CaseAssess, report.OpNotify, nil},
		"reply":        {auth.CaseAssess, report.OpReply, nil},
		"close":        {auth.CaseAssess, report.OpClose, nil},
		"reopen":       {auth.CaseAssess, report.OpReopen, nil},
		"assign":       {auth.CaseAssign, "", openStatuses},
	}
)

// actionsFor names the actions p may take on a case in status st.
func actionsFor(p *auth.Principal, st report.Status) map[string]bool {
	out := map[string]bool{}
	for name, a := range caseActions {
		if !p.Can(a.perm) {
			continue
		}
		if a.op != "" {
			_, err := report.Next(a.op, st)
			out[name] = err == nil
			continue
		}
		for _, s := range a.in {
			out[name] = out[name] || s == st
		}
	}
	return out
}

// caseInput is every action's input, from a console form or a JSON body;
// each action reads its own fields.
type caseInput struct {
	Note        string  `json:"note"`
	Reason      string  `json:"reason"`    // reject
	Canonical   string  `json:"canonical"` // merge: the tracking code of the case to merge into
	Category    string  `json:"category"`  // recategorize
	Zone        string  `json:"zone"`
	Platform    int64   `json:"platform_id"` // notify
	What        string  `json:"what"`
	Location    string  `json:"location"`
	Why         string  `json:"reason_text"`
	Deadline    string  `json:"deadline"`       // YYYY-MM-DD, optional
	Departments []int64 `json:"department_ids"` // transfer
	Kind        string  `json:"kind"`           // disposal
	Outcome     string  `json:"outcome"`
	Text        string  `json:"text"`     // reply
	Assignee    string  `json:"assignee"` // assign: "me", a user id, or "" to unassign
	Template    int64   `json:"-"`        // the reply template last chosen in the form
}

// runCaseAction calls the domain for one action.
func (s *Server) runCaseAction(ctx context.Context, p *auth.Principal, id int64, action string, in caseInput) error {
	rs := s.Reports
	switch action {
	case "accept":
		return rs.Accept(ctx, p, id, in.Note)
	case "reject":
		return rs.Reject(ctx, p, id, report.RejectReason(in.Reason), in.Note)
	case "merge":
		if strings.TrimSpace(in.Canonical) == "" {
			return apperr.Fields(apperr.Field("canonical", "required", "请填写要并入案件的查询码", "canonical: the tracking code of the case to merge into"))
		}
		target, err := rs.CaseIDByCode(ctx, p, in.Canonical)
		if err != nil {
			return err
		}
		return rs.Merge(ctx, p, id, target, in.Note)
	case "recategorize":
		return rs.Recategorize(ctx, p, id, in.Category, in.Zone)
	case "assess":
		return rs.Assess(ctx, p, id, in.Note)
	case "notify":
		deadline, err := deadlineOf(in.Deadline)
		if err != nil {
			return err
		}
		return rs.Notify(ctx, p, id, report.NoticeInput{PlatformID: in.Platform, What: in.What, Location: in.Location, Reason: in.Why, Deadline: deadline})
	case "transfer":
		return rs.Transfer(ctx, p, id, in.Departments, in.Note)
	case "disposal":
		return rs.RecordDisposal(ctx, p, id, in.Kind, in.Outcome)
	case "reply":
		return rs.Reply(ctx, p, id, in.Text)
	case "close":
		return rs.Close(ctx, p, id, in.Note)
	case "reopen":
		return rs.Reopen(ctx, p, id, in.Note)
	case "assign":
		who, err := assigneeOf(p, in.Assignee)
		if err != nil {
			return err
		}
		return rs.Assign(ctx, p, id, who)
	}
	return apperr.New(apperr.NotFound, "没有这项操作", "No such action")
}

// deadlineOf reads a notice deadline day: the platform has until the end
// of that day, Beijing time. No day means the SLA's.
func deadlineOf(v string) (time.Time, error) {
	d, err := day(v)
	if err != nil {
		return d, apperr.Fields(apperr.Field("deadline", "bad_format", "处置期限格式应为 2006-01-02", "deadline: a date as YYYY-MM-DD"))
	}
	if d.IsZero() {
		return d, nil
	}
	return d.AddDate(0, 0, 1).UTC(), nil
}

func assigneeOf(p *auth.Principal, v string) (*int64, error) {
	switch v = strings.TrimSpace(v); v {
	case "", "none", "unassigned":
		return nil, nil
	case "me":
		return &p.UserID, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return nil, apperr.Fields(apperr.Field("assignee", "invalid", "请选择承办人", "assignee: me, a user id, or empty to unassign"))
	}
	return &n, nil
}
