package demo

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"qinglang/internal/report"
)

// The staff lifecycle (issue 3) will own transitions and their rules. Until
// it exists, the demo moves its reports along by writing timeline entries
// and statuses directly, here and nowhere else, following DESIGN section 3.

// step is one timeline entry; typical is how long it usually takes after
// the entry before it.
type step struct {
	action   report.Action
	from, to report.Status
	actor    string
	actorID  *int64
	note     string
	public   bool
	typical  time.Duration
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

// plan lists the steps that take s from submitted to its target status.
// earlier are the reports filed before it, one of which a merge points to;
// who are the accounts' ids by username.
func plan(rng *rand.Rand, s seeded, earlier []seeded, who ids) []step {
	h := time.Hour
	op, an := ptr(who["operator"]), ptr(who["analyst"])
	accept := step{"accepted", report.Submitted, report.Assessing, "staff", op, "已受理，进入研判。", true, 8 * h}
	switch s.target {
	case report.Rejected:
		reason := pick(rng, rejections)
		if rng.IntN(4) == 0 {
			return []step{accept, {"rejected", report.Assessing, report.Rejected, "staff", an, reason, true, 30 * h}}
		}
		return []step{{"rejected", report.Submitted, report.Rejected, "staff", op, reason, true, 10 * h}}
	case report.Merged:
		canon := earlier[rng.IntN(len(earlier))]
		return []step{{"merged", report.Submitted, report.Merged, "staff", op, "与案件 " + canon.code + " 反映同一问题，已并案处理。", true, 6 * h}}
	case report.Assessing:
		return []step{accept}
	}
	topic := s.category
	if s.zone != "" {
		topic = s.zone
	}
	dept := pick(rng, transferTo[topic])
	deptName := departmentNames()[dept]
	// Disposal goes to the platform that hosts the content; content
	// elsewhere goes through the site's access provider, or to a department.
	byNotice := s.target == report.Disposing || s.platform != "" && s.target != report.Transferred && rng.IntN(3) > 0
	steps := []step{accept}
	reply := pick(rng, replies["transferred"])
	if byNotice {
		name := platformNames()[s.platform]
		if name == "" {
			name = "网站接入服务商"
		}
		steps = append(steps, step{"notice_sent", report.Assessing, report.Disposing, "staff", an, "已向" + name + "发出处置通知，要求2个工作日内处置并反馈。", false, 30 * h})
		if s.target == report.Disposing && rng.IntN(2) == 0 {
			return steps
		}
		var liaison *int64
		if s.platform == "yongcheng_bbs" {
			liaison = ptr(who["liaison"])
		}
		steps = append(steps, step{"platform_reply", report.Disposing, report.Disposing, "platform", liaison, name + "反馈：已删除相关内容，并对发布账号予以禁言处理。", false, 20 * h})
		reply = pick(rng, replies["removed"])
		if s.target == report.Disposing {
			return steps
		}
	} else {
		steps = append(steps, step{"transferred", report.Assessing, report.Transferred, "staff", an, "已移交" + deptName + "依法处理。", true, 40 * h})
		if s.target == report.Transferred && rng.IntN(2) == 0 {
			return steps
		}
		handler := ptr(who[dept]) // nil for departments without a demo account
		fb := feedbackOf[dept]
		if fb == "" {
			fb = "已核实并处理，相关内容已删除，已发布情况说明。"
		}
		steps = append(steps, step{"feedback", report.Transferred, report.Transferred, "staff", handler, deptName + "反馈：" + fb, false, 5 * 24 * h})
		if s.target == report.Transferred {
			return steps
		}
	}
	if s.category == "rumor" {
		reply = replies["rumor"][0]
	}
	last := steps[len(steps)-1].to
	steps = append(steps, step{"replied", last, report.Replied, "staff", an, reply, true, 20 * h})
	if s.target == report.Closed {
		steps = append(steps, step{"closed", report.Replied, report.Closed, "staff", an, "案件办结。", true, 3 * 24 * h})
	}
	return steps
}

func ptr(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// advance writes s's steps, its status, and sometimes the reporter's
// rating of the answer. Each step comes after the one before and before
// now, however old the report is.
func advance(ctx context.Context, tx *sql.Tx, rng *rand.Rand, s seeded, steps []step, now time.Time) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM reports WHERE tracking_code = $1`, s.code).Scan(&id); err != nil {
		return fmt.Errorf("demo: find %s: %w", s.code, err)
	}
	t := s.at
	var answer int64
	for _, st := range steps {
		t = t.Add(min(time.Duration(float64(st.typical)*(0.3+rng.Float64())), now.Sub(t)/2))
		var eid int64
		err := tx.QueryRowContext(ctx, `INSERT INTO report_events (report_id, at, actor_kind, actor_id, action, from_status, to_status, note, public)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`, id, t, st.actor, st.actorID, string(st.action), string(st.from), string(st.to), st.note, st.public).Scan(&eid)
		if err != nil {
			return fmt.Errorf("demo: event: %w", err)
		}
		if st.action == "replied" || st.action == "rejected" {
			answer = eid
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = $1, updated_at = $2 WHERE id = $3`, string(s.target), t, id); err != nil {
		return fmt.Errorf("demo: status: %w", err)
	}
	if answer == 0 || rng.IntN(5) >= 2 {
		return nil
	}
	satisfied := rng.IntN(4) > 0
	comment := pick(rng, ratingComments[satisfied])
	t = t.Add(now.Sub(t) / 3)
	if _, err := tx.ExecContext(ctx, `INSERT INTO report_ratings (report_id, reply_event_id, satisfied, comment, created_at) VALUES ($1,$2,$3,$4,$5)`,
		id, answer, satisfied, comment, t); err != nil {
		return fmt.Errorf("demo: rating: %w", err)
	}
	note := map[bool]string{true: "满意", false: "不满意"}[satisfied]
	if comment != "" {
		note += "：" + comment
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO report_events (report_id, at, actor_kind, action, from_status, to_status, note, public)
		VALUES ($1,$2,'reporter','rated',$3,$3,$4,$5)`, id, t, string(s.target), note, true)
	return err
}
