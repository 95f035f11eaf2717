package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// responseLabels are a platform's possible answers to a notice, as the
// reporter reads them on the timeline.
var responseLabels = map[string]i18n.Text{
	"removed":      {Zh: "已删除", En: "Removed"},
	"restricted":   {Zh: "已限制", En: "Restricted"},
	"no_violation": {Zh: "未发现违规", En: "No violation found"},
	"not_found":    {Zh: "未找到", En: "Not found"},
}

// ResponseLabel names a notice response code.
func ResponseLabel(code string) i18n.Text { return responseLabels[code] }

// Responder is who answers a notice: a platform through its API key, or
// its liaison in the console.
type Responder struct {
	PlatformID int64
	Actor      string // audit actor: "platform:<code>" or the liaison's username
	ActorID    *int64 // the liaison's user id; nil for an API key
	By         string // kept on the notice: the key's display prefix, or "user:<username>"
}

// LiaisonResponder is the responder for a platform liaison signed in to
// the console: the notices of their own platform only.
func LiaisonResponder(p *auth.Principal) (Responder, error) {
	if err := p.Require(auth.NoticeRespond); err != nil {
		return Responder{}, err
	}
	if p.PlatformID == nil {
		return Responder{}, apperr.New(apperr.Forbidden, "您的账号没有关联平台", "Your account is not tied to a platform")
	}
	return Responder{PlatformID: *p.PlatformID, Actor: p.Username, ActorID: &p.UserID, By: "user:" + p.Username}, nil
}

// NoticeResponse is a platform's answer to a notice.
type NoticeResponse struct {
	Response    string   `json:"response"` // removed, restricted, no_violation, not_found
	Note        string   `json:"note,omitempty"`
	EvidenceIDs []string `json:"evidence_ids,omitempty"`
}

var errNoNotice = apperr.New(apperr.NotFound, "处置通知不存在", "No such notice")

// RespondNotice records a platform's answer (平台反馈处置结果) on the notice
// and the case timeline, where the reporter sees the outcome. A notice of
// another platform does not exist for the responder; a notice is answered
// once. When the case is being disposed and this was its last open notice,
// the case stays in disposing, since the analyst still replies to the
// reporter, but its stage due moves to the assessment limit from now:
// the analyst's turn has come.
func (s *Service) RespondNotice(ctx context.Context, who Responder, noticeID int64, in NoticeResponse) error {
	policy, err := s.policy(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		lock := ""
		if s.db.Dialect == store.Postgres {
			lock = " FOR UPDATE OF n"
		}
		var reportID, platformID int64
		var status, code string
		err := tx.QueryRowContext(ctx, `SELECT n.report_id, n.platform_id, n.status, p.code FROM notices n JOIN platforms p ON p.id = n.platform_id
			WHERE n.id = $1`+lock, noticeID).Scan(&reportID, &platformID, &status, &code)
		if errors.Is(err, sql.ErrNoRows) || err == nil && platformID != who.PlatformID {
			return errNoNotice
		}
		if err != nil {
			return fmt.Errorf("report: respond: %w", err)
		}
		if err := checkResponse(&in); err != nil {
			return err
		}
		if status != "sent" {
			return apperr.New(apperr.Conflict, "该通知已经反馈过处置结果，不能重复反馈", "This notice has been answered already")
		}
		c, err := s.lockCase(ctx, tx, reportID)
		if err != nil {
			return err
		}
		fields := make([]string, len(in.EvidenceIDs))
		for i := range fields {
			fields[i] = "evidence_ids[" + strconv.Itoa(i) + "]"
		}
		if err := claimEvidence(ctx, tx, reportID, nil, in.EvidenceIDs, fields); err != nil {
			return err
		}
		ev, _ := json.Marshal(nonNil(in.EvidenceIDs))
		if _, err := tx.ExecContext(ctx, `UPDATE notices SET status = 'answered', response = $1, response_note = $2, responded_at = $3,
			responded_by = $4, response_evidence = $5 WHERE id = $6`, in.Response, in.Note, now, who.By, string(ev), noticeID); err != nil {
			return fmt.Errorf("report: respond: %w", err)
		}
		var open int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM notices WHERE report_id = $1 AND status = 'sent'`, reportID).Scan(&open); err != nil {
			return fmt.Errorf("report: respond: %w", err)
		}
		set, args := `UPDATE reports SET updated_at = $1 WHERE id = $2`, []any{now, reportID}
		if c.Status == Disposing && open == 0 {
			set, args = `UPDATE reports SET updated_at = $1, stage_due_at = $3 WHERE id = $2`, append(args, policy.Due(sla.Assess, now))
		}
		if _, err := tx.ExecContext(ctx, set, args...); err != nil {
			return fmt.Errorf("report: respond: %w", err)
		}
		if err := addEvent(ctx, tx, reportID, now, "platform", "platform_reply", c.Status, c.Status, ResponseLabel(in.Response).Zh, true); err != nil {
			return err
		}
		actor := who.Actor
		if actor == "" {
			actor = "platform:" + code
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: who.ActorID, Actor: actor, Action: "case.platform_reply",
			Target: "report:" + strconv.FormatInt(reportID, 10),
			Detail: fmt.Sprintf("notice:%d platform:%s response=%s by=%s %s", noticeID, code, in.Response, who.By, clip(in.Note, 200))})
	})
}

func checkResponse(in *NoticeResponse) error {
	in.Response, in.Note = strings.TrimSpace(in.Response), cleanText(in.Note)
	var errs []apperr.FieldError
	if _, ok := responseLabels[in.Response]; !ok {
		errs = append(errs, apperr.Field("response", "unknown", "「处置结果」须为 removed（已删除）、restricted（已限制）、no_violation（未发现违规）或 not_found（未找到）",
			"response: one of removed, restricted, no_violation, not_found"))
	}
	if in.Response == "no_violation" && in.Note == "" {
		errs = append(errs, apperr.Field("note", "required", "认为未发现违规时，请在「说明」中写明理由", "note: say why no violation was found"))
	}
	if utf8.RuneCountInString(in.Note) > 2000 {
		errs = append(errs, apperr.Field("note", "too_long", "「说明」最多 2000 字", "note: at most 2000 characters"))
	}
	if len(in.EvidenceIDs) > MaxEvidence {
		errs = append(errs, apperr.Field("evidence_ids", "too_many", fmt.Sprintf("证据文件最多 %d 个", MaxEvidence), fmt.Sprintf("evidence_ids: at most %d files", MaxEvidence)))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}
