package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"qinglang/internal/report"
)

// The demo moves its reports along through report.Service's own workflow,
// acting as its operator, analyst and department handlers, so every
// transition obeys the lifecycle's rules, sets its SLA due times and is
// audited like a real one. Only the clock is the demo's: each act runs at
// its back-dated moment.

// act is one thing done to a report; typical is how long it usually
// comes after the act before it.
type act struct {
	typical time.Duration
	do      func(ctx context.Context, w *world, s *seeded) error
}

// world is what the acts work with.
type world struct {
	svc   *report.Service
	crew  crew
	depts ids
	plats ids
}

// transferTo says which department takes which kind of case.
var transferTo = map[string][]string{
	"fraud": {"police", "finance"}, "gambling": {"police"}, "terror": {"police"}, "porn": {"police", "culture"},
	"vulgar": {"culture", "cac"}, "rumor": {"health", "education", "cac"}, "infringement": {"market"},
	"other": {"police", "market"}, "enterprise_infringement": {"market"}, "cyberviolence": {"police"},
	"elderly_fraud": {"police", "market"}, "algorithm": {"cac", "telecom"}, "practitioner": {"press"},
	"historical_nihilism": {"cac"},
}

var feedbackOf = map[string]string{
	"police":  "已受理并立案调查，涉案账号已依法处置。",
	"market":  "已核实情况，责令涉事主体删除侵权信息并立案查处。",
	"finance": "已将涉嫌非法集资线索纳入监测，并提示相关平台风险。",
}

var assessments = []string{
	"经研判，该信息涉嫌违法，证据较充分，建议依法处置。",
	"链接可访问，内容与举报一致，需平台或主管部门进一步处理。",
	"同类线索近期多发，建议从严处置并关注是否有关联账号。",
}

const h = time.Hour

// plan lists the acts that take s from submitted to its target status.
// earlier are the reports filed before it, one of which a merge joins.
func plan(rng *rand.Rand, s *seeded, earlier []*seeded) []act {
	op, an := "operator", "analyst"
	accept := []act{
		{8 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Accept(ctx, w.crew[op], s.id, "已受理，进入研判。")
		}},
		{1 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Assign(ctx, w.crew[op], s.id, &w.crew[an].UserID)
		}},
	}
	switch s.target {
	case report.Submitted:
		if rng.IntN(2) == 0 { // half the new reports already have someone screening them
			return []act{{2 * h, func(ctx context.Context, w *world, s *seeded) error {
				return w.svc.Assign(ctx, w.crew[op], s.id, &w.crew[op].UserID)
			}}}
		}
		return nil
	case report.Rejected:
		r := pick(rng, rejections)
		if rng.IntN(4) == 0 {
			return append(accept, act{30 * h, func(ctx context.Context, w *world, s *seeded) error {
				return w.svc.Reject(ctx, w.crew[an], s.id, r.reason, r.note)
			}})
		}
		return []act{{10 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Reject(ctx, w.crew[op], s.id, r.reason, r.note)
		}}}
	case report.Merged:
		canon := canonicalFor(rng, earlier)
		if canon == nil {
			s.target = report.Submitted
			return nil
		}
		return []act{{6 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Merge(ctx, w.crew[op], s.id, canon.id, "与案件 "+canon.code+" 反映同一问题，已并案处理。")
		}}}
	case report.Assessing:
		return accept
	}
	steps := accept
	if rng.IntN(3) == 0 {
		note := pick(rng, assessments)
		steps = append(steps, act{20 * h, func(ctx context.Context, w *world, s *seeded) error { return w.svc.Assess(ctx, w.crew[an], s.id, note) }})
	}
	disposal, reply := dispose(rng, s)
	steps = append(steps, disposal...)
	if s.target == report.Disposing || s.target == report.Transferred {
		return steps
	}
	steps = append(steps, act{20 * h, func(ctx context.Context, w *world, s *seeded) error { return w.svc.Reply(ctx, w.crew[an], s.id, reply) }})
	if s.target == report.Closed {
		steps = append(steps, rating(rng, true)...)
		return append(steps, act{3 * 24 * h, func(ctx context.Context, w *world, s *seeded) error {
			return w.svc.Close(ctx, w.crew[an], s.id, "案件办结。")
		}})
	}
	return append(steps, rating(rng, rng.IntN(4) > 0)...)
}

// canonicalFor picks an earlier report a duplicate can join: one that
// will not itself be rejected or merged.
func canonicalFor(rng *rand.Rand, earlier []*seeded) *seeded {
	var ok []*seeded
	for _, e := range earlier {
		if e.target != report.Rejected && e.target != report.Merged {
			ok = append(ok, e)
		}
	}
	if len(ok) == 0 {
		return nil
	}
	return ok[rng.IntN(len(ok))]
}

// rating is the reporter's rating of the answer, two times in five. An
// unhappy reporter's rating reopens the case, as it would in life.
func rating(rng *rand.Rand, satisfied bool) []act {
	if rng.IntN(5) >= 2 {
		return nil
	}
	comment := pick(rng, ratingComments[satisfied])
	return []act{{2 * 24 * h, func(ctx context.Context, w *world, s *seeded) error {
		return w.svc.Rate(ctx, s.code, s.secret, satisfied, comment)
	}}}
}
