package report

import (
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/sla"
)

// NoticeInput is a notice to a partner platform: what to act on, where it
// is, why, and by when.
type NoticeInput struct {
	PlatformID int64
	What       string
	Location   string // URL or in-app location
	Reason     string
	Deadline   time.Time // zero: the SLA's notice stage
}

// Notify sends a disposal notice to a partner platform (通知平台处置).
func (s *Service) Notify(ctx context.Context, p *auth.Principal, id int64, in NoticeInput) error {
	in.What, in.Location, in.Reason = cleanText(in.What), cleanText(in.Location), cleanText(in.Reason)
	var errs []apperr.FieldError
	for _, f := range []struct{ name, v, zh string }{{"what", in.What, "处置内容"}, {"location", in.Location, "信息位置"}, {"reason", in.Reason, "处置依据"}} {
		if f.v == "" {
			errs = append(errs, apperr.Field(f.name, "required", "请填写「"+f.zh+"」", f.name+": required"))
		} else if utf8.RuneCountInString(f.v) > 2000 {
			errs = append(errs, apperr.Field(f.name, "too_long", "「"+f.zh+"」最多 2000 字", f.name+": at most 2000 characters"))
		}
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	var deadline time.Time
	name := ""
	enqueued := false
	err := s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpNotify, action: "notice_sent", public: true,
		due: func(now time.Time, pol *sla.Policy) *time.Time {
			return &deadline
		},
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			var webhook string
			var disabled bool
			err := tx.QueryRowContext(ctx, `SELECT name, webhook_url, disabled FROM platforms WHERE id = $1`, in.PlatformID).Scan(&name, &webhook, &disabled)
			if err != nil {
				return apperr.Fields(apperr.Field("platform", "unknown", "平台不存在", "platform: no such platform"))
			}
			if disabled {
				return apperr.Fields(apperr.Field("platform", "disabled", "该平台已停用，不能向其发送处置通知", "platform: the platform is disabled"))
			}
			now := s.now()
			deadline = in.Deadline
			if deadline.IsZero() {
				pol, err := s.policy(ctx)
				if err != nil {
					return err
				}
				deadline = pol.Due(sla.Notice, now)
			}
			if !deadline.After(now) {
				return apperr.Fields(apperr.Field("deadline", "past", "处置期限须晚于现在", "deadline: must be in the future"))
			}
			var noticeID int64
			err = tx.QueryRowContext(ctx, `INSERT INTO notices (report_id, platform_id, what, location, reason, deadline, status, created_by, created_at)
				VALUES ($1,$2,$3,$4,$5,$6,'sent',$7,$8) RETURNING id`, c.ID, in.PlatformID, in.What, in.Location, in.Reason, deadline, p.UserID, now).Scan(&noticeID)
			if err != nil {
				return fmt.Errorf("report: notice: %w", err)
			}
			if webhook == "" {
				return nil
			}
			enqueued = true
			return s.enqueueNotice(ctx, tx, c, in.PlatformID, webhook, NoticePayload{ID: noticeID, What: in.What, Location: in.Location,
				Reason: in.Reason, Deadline: deadline.UTC(), CreatedAt: now})
		}}.withNote(func() string { return "已通知「" + name + "」处置" }))
	if err == nil && enqueued && s.kick != nil {
		s.kick()
	}
	return err
}
