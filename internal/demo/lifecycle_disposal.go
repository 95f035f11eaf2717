package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"qinglang/internal/category"
	"qinglang/internal/report"
)

// dispose is how a case is handled: a notice to the partner platform
// that hosts the content, a site closure for sites outside them, or a
// transfer to the department in charge with its acceptance and feedback.
// It returns the acts and the reply that fits them.
func dispose(rng *rand.Rand, s *seeded) ([]act, string) {
	an := "analyst"
	topic := s.category
	if s.zone != "" {
		topic = s.zone
	}
	reply := pick(rng, replies["transferred"])
	if s.category == "rumor" {
		reply = replies["rumor"][0]
	}
	byNotice := s.platform != "" && (s.target == report.Disposing || s.target != report.Transferred && rng.IntN(3) > 0)
	switch {
	case byNotice:
		if s.category != "rumor" {
			reply = pick(rng, replies["removed"])
		}
		return append([]act{{30 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Notify(ctx, w.crew[an], s.id, report.NoticeInput{PlatformID: w.plats[s.platform],
				What: "删除或屏蔽所举报的" + categoryName(s.category) + "信息，并处置发布账号", Location: s.url,
				Reason: "违反《网络信息内容生态治理规定》，经核查属实"})
		}}}, platformAnswer(s)...), reply
	case s.target == report.Disposing:
		return []act{{30 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.RecordDisposal(ctx, w.crew[an], s.id, "site_closure", "该网站未备案，已协调接入服务商关停并注销相关域名解析。")
		}}}, reply
	}
	dept := pick(rng, transferTo[topic])
	acts := []act{{40 * h, func(ctx context.Context, w *world, s *seeded) error {
		return w.svc.Transfer(ctx, w.crew[an], s.id, []int64{w.depts[dept]}, "请依法核查处理并反馈结果。")
	}}}
	if s.target == report.Transferred && rng.IntN(3) == 0 {
		return acts, reply // still waiting for the department to take it
	}
	acts = append(acts, act{24 * h, func(ctx context.Context, w *world, s *seeded) error {
		t, err := w.transferOf(ctx, dept, s.id)
		if err != nil {
			return err
		}
		return w.svc.AcceptTransfer(ctx, w.crew[dept], t)
	}})
	if s.target == report.Transferred && rng.IntN(2) == 0 {
		return acts, reply
	}
	fb := feedbackOf[dept]
	if fb == "" {
		fb = "已核实并处理，相关内容已删除，已发布情况说明。"
	}
	return append(acts, act{4 * 24 * h, func(ctx context.Context, w *world, s *seeded) error {
		t, err := w.transferOf(ctx, dept, s.id)
		if err != nil {
			return err
		}
		return w.svc.Feedback(ctx, w.crew[dept], t, fb)
	}}), reply
}

// transferOf finds a case's transfer in the department's own inbox, as
// its handler would.
func (w *world) transferOf(ctx context.Context, dept string, reportID int64) (int64, error) {
	ts, err := w.svc.DepartmentTransfers(ctx, w.crew[dept])
	if err != nil {
		return 0, err
	}
	for _, t := range ts {
		if t.ReportID == reportID && t.Status != "fed_back" {
			return t.ID, nil
		}
	}
	return 0, fmt.Errorf("demo: no open transfer of case %d in %s", reportID, dept)
}

func categoryName(code string) string {
	if c, ok := category.LookupCategory(code); ok {
		return strings.TrimSpace(c.Label.Zh)
	}
	return ""
}
