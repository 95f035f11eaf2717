package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// RejectReason is why a report is not accepted; the reporter reads it.
type RejectReason string

var rejectReasons = map[RejectReason]i18n.Text{
	"invalid":               {Zh: "举报信息无效或无法核实", En: "The report is invalid or cannot be verified"},
	"out_of_scope":          {Zh: "不属于本中心受理范围", En: "Outside the center's remit"},
	"insufficient_evidence": {Zh: "证据不足，请补充链接或截图后重新举报", En: "Insufficient evidence; report again with links or screenshots"},
	"duplicate":             {Zh: "重复举报，已并入同一事项处理", En: "Duplicate of a report already being handled"},
	"not_harmful":           {Zh: "经核查未发现违法和不良信息", En: "No illegal or harmful content was found"},
}

// RejectReasons lists the reason codes in a stable order.
func RejectReasons() []RejectReason {
	return []RejectReason{"invalid", "out_of_scope", "insufficient_evidence", "duplicate", "not_harmful"}
}

// Label is the reason as the reporter reads it.
func (r RejectReason) Label() i18n.Text { return rejectReasons[r] }

// MaxNote bounds staff notes and replies.
const MaxNote = 5000

// caseHead is what a transition needs to know about a case.
type caseHead struct {
	ID        int64
	Status    Status
	Category  string
	Zone      string
	CreatedAt time.Time
	Canonical *int64
}

// lockCase reads a case for a change, locking its row on PostgreSQL so two
// staff acting at once are serialized (SQLite has a single writer).
func (s *Service) lockCase(ctx context.Context, tx *sql.Tx, id int64) (*caseHead, error) {
	q := `SELECT id, status, category, zone, created_at, canonical_id FROM reports WHERE id = $1`
	if s.db.Dialect == store.Postgres {
		q += " FOR UPDATE"
	}
	c := &caseHead{}
	var canonical sql.NullInt64
	err := tx.QueryRowContext(ctx, q, id).Scan(&c.ID, &c.Status, &c.Category, &c.Zone, &c.CreatedAt, &canonical)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "案件不存在", "No such case")
	}
	if err != nil {
		return nil, fmt.Errorf("report: lock case: %w", err)
	}
	if canonical.Valid {
		c.Canonical = &canonical.Int64
	}
	return c, nil
}

// change is one staff act on one case: it checks permission, runs body in
// a transaction with the case locked, applies the lifecycle rule for op (if
// any), and writes the timeline entry and the audit entry in the same
// transaction.
type change struct {
	perm   auth.Permission
	op     Op     // "" for acts that keep the status
	action Action // timeline action
	note   string
	public bool                                           // the reporter sees the timeline entry
	body   func(tx *sql.Tx, c *caseHead, to Status) error // extra work, may be nil
	due    func(now time.Time, p *sla.Policy) *time.Time  // the new stage due time; nil keeps it
	// lateNote, when set, makes the note after body ran (it names what
	// body found, such as the departments of a transfer).
	lateNote func() string
}

func (s *Service) apply(ctx context.Context, p *auth.Principal, id int64, ch change) error {
	if err := p.Require(ch.perm); err != nil {
		return err
	}
	if utf8.RuneCountInString(ch.note) > MaxNote {
		return apperr.Fields(apperr.Field("note", "too_long", fmt.Sprintf("内容最多 %d 字", MaxNote), fmt.Sprintf("note: at most %d characters", MaxNote)))
	}
	policy, err := s.policy(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		c, err := s.lockCase(ctx, tx, id)
		if err != nil {
			return err
		}
		to := c.Status
		if ch.op != "" {
			if to, err = Next(ch.op, c.Status); err != nil {
				return err
			}
		}
		if ch.body != nil {
			if err := ch.body(tx, c, to); err != nil {
				return err
			}
		}
		set := `UPDATE reports SET status = $1, updated_at = $2 WHERE id = $3`
		args := []any{string(to), now, id}
		if ch.due != nil {
			set = `UPDATE reports SET status = $1, updated_at = $2, stage_due_at = $4 WHERE id = $3`
			args = append(args, ch.due(now, policy))
		}
		if _, err := tx.ExecContext(ctx, set, args...); err != nil {
			return fmt.Errorf("report: update case: %w", err)
		}
		if ch.lateNote != nil {
			ch.note = joinNonEmpty("。", ch.lateNote(), ch.note)
		}
		if err := addStaffEvent(ctx, tx, id, now, p, ch.action, c.Status, to, ch.note, ch.public); err != nil {
			return err
		}
		return s.audit(ctx, tx, now, p, "case."+string(ch.action), id, string(c.Status)+"→"+string(to)+" "+clip(ch.note, 200))
	})
}

func addStaffEvent(ctx context.Context, tx *sql.Tx, reportID int64, at time.Time, p *auth.Principal, action Action, from, to Status, note string, public bool) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_events (report_id, at, actor_kind, actor_id, action, from_status, to_status, note, public)
		VALUES ($1,$2,'staff',$3,$4,$5,$6,$7,$8)`, reportID, at, p.UserID, string(action), string(from), string(to), note, public)
	if err != nil {
		return fmt.Errorf("report: event: %w", err)
	}
	return nil
}

// audit records a staff act (or, with p nil, the reporter's).
func (s *Service) audit(ctx context.Context, tx *sql.Tx, at time.Time, p *auth.Principal, action string, reportID int64, detail string) error {
	e := audit.Entry{At: at, Action: action, Target: "report:" + strconv.FormatInt(reportID, 10), Detail: detail, Actor: "reporter"}
	if p != nil {
		e.ActorID, e.Actor = &p.UserID, p.Username
	}
	return audit.Append(ctx, tx, s.db.Dialect, e)
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func dueIn(stage sla.Stage) func(time.Time, *sla.Policy) *time.Time {
	return func(now time.Time, p *sla.Policy) *time.Time { d := p.Due(stage, now); return &d }
}

func noDue(time.Time, *sla.Policy) *time.Time { return nil }
