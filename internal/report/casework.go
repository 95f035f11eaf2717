package report

import (
	"context"
	"database/sql"
	"errors"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/category"
	"qinglang/internal/sla"
)

// Accept takes a submitted report into assessment (受理).
func (s *Service) Accept(ctx context.Context, p *auth.Principal, id int64, note string) error {
	return s.apply(ctx, p, id, change{perm: auth.CaseScreen, op: OpAccept, action: "accepted", note: cleanText(note), public: true, due: dueIn(sla.Assess)})
}

// Reject refuses a report with a reason code; the reporter reads the
// reason and the note as the center's answer and may rate it.
func (s *Service) Reject(ctx context.Context, p *auth.Principal, id int64, reason RejectReason, note string) error {
	label, ok := rejectReasons[reason]
	if !ok {
		return apperr.Fields(apperr.Field("reason", "unknown", "请选择不予受理的理由", "reason: choose one of invalid, out_of_scope, insufficient_evidence, duplicate, not_harmful"))
	}
	text := label.Zh
	if note = cleanText(note); note != "" {
		text += "。" + note
	}
	return s.apply(ctx, p, id, change{perm: auth.CaseScreen, op: OpReject, action: "rejected", note: text, public: true, due: noDue,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			_, err := tx.ExecContext(ctx, `UPDATE reports SET reject_reason = $1 WHERE id = $2`, string(reason), c.ID)
			return err
		}})
}

// Merge links a duplicate to its canonical case; the duplicate then
// follows the canonical case's replies.
func (s *Service) Merge(ctx context.Context, p *auth.Principal, id, canonicalID int64, note string) error {
	if id == canonicalID {
		return apperr.Fields(apperr.Field("canonical", "self", "不能与自身并案", "canonical: a case cannot be merged into itself"))
	}
	return s.apply(ctx, p, id, change{perm: auth.CaseScreen, op: OpMerge, action: "merged", note: cleanText(note), public: true, due: noDue,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			var st Status
			var canon sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT status, canonical_id FROM reports WHERE id = $1`, canonicalID).Scan(&st, &canon)
			if errors.Is(err, sql.ErrNoRows) {
				return apperr.Fields(apperr.Field("canonical", "unknown", "要并入的案件不存在", "canonical: no such case"))
			}
			if err != nil {
				return err
			}
			if st == Merged || canon.Valid {
				return apperr.Fields(apperr.Field("canonical", "merged", "不能并入一个已被并案的案件，请并入其主案件", "canonical: that case is itself merged; merge into its canonical case"))
			}
			if st == Rejected {
				return apperr.Fields(apperr.Field("canonical", "rejected", "不能并入一个不予受理的案件", "canonical: that case was rejected"))
			}
			// Cases merged into this one follow the new canonical case.
			if _, err := tx.ExecContext(ctx, `UPDATE reports SET canonical_id = $1 WHERE canonical_id = $2`, canonicalID, c.ID); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `UPDATE reports SET canonical_id = $1 WHERE id = $2`, canonicalID, c.ID)
			return err
		}})
}

// Recategorize fixes the category or zone of an open case.
func (s *Service) Recategorize(ctx context.Context, p *auth.Principal, id int64, cat, zone string) error {
	if _, ok := category.LookupCategory(cat); !ok {
		return apperr.Fields(apperr.Field("category", "unknown", "举报类型不存在", "category: unknown category"))
	}
	if _, ok := category.LookupZone(zone); zone != "" && !ok {
		return apperr.Fields(apperr.Field("zone", "unknown", "举报专区不存在", "zone: unknown zone"))
	}
	return s.apply(ctx, p, id, change{perm: auth.CaseScreen, action: "recategorized", public: false,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			if c.Status != Submitted && c.Status != Assessing {
				return apperr.New(apperr.Conflict, "只有待受理或研判中的案件可以调整类型", "Only submitted or assessing cases can be recategorized")
			}
			if c.Zone != zone && c.Zone != "" {
				return apperr.Fields(apperr.Field("zone", "locked", "专区举报的专区字段不能转换，只能调整类型", "zone: a zone report keeps its zone; only the category can change"))
			}
			_, err := tx.ExecContext(ctx, `UPDATE reports SET category = $1 WHERE id = $2`, cat, c.ID)
			return err
		}, note: "→ " + cat})
}

// Assess records the analyst's judgement without moving the case.
func (s *Service) Assess(ctx context.Context, p *auth.Principal, id int64, note string) error {
	note = cleanText(note)
	if note == "" {
		return apperr.Fields(apperr.Field("note", "required", "请填写研判意见", "note: write the assessment"))
	}
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, action: "assessed", note: note, public: false,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			if c.Status != Assessing && c.Status != Disposing && c.Status != Transferred {
				return apperr.New(apperr.Conflict, "案件不在研判处置阶段", "The case is not being assessed")
			}
			return nil
		}})
}

// Disposal kinds recorded on a case besides notices and transfers.
var disposalKinds = map[string]string{
	"interview":    "约谈网站负责人",
	"inspection":   "实地检查",
	"site_closure": "关停网站/注销备案",
}

// RecordDisposal records an interview, inspection or site closure with its
// outcome.
func (s *Service) RecordDisposal(ctx context.Context, p *auth.Principal, id int64, kind, outcome string) error {
	label, ok := disposalKinds[kind]
	if !ok {
		return apperr.Fields(apperr.Field("kind", "unknown", "请选择处置方式：约谈、实地检查或关停注销", "kind: interview, inspection or site_closure"))
	}
	outcome = cleanText(outcome)
	if outcome == "" {
		return apperr.Fields(apperr.Field("outcome", "required", "请填写处置结果", "outcome: describe the result"))
	}
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpNotify, action: "disposal", note: label + "：" + outcome, public: false,
		due: dueIn(sla.Notice)})
}

// Reply answers the reporter; a canonical case's reply reaches the cases
// merged into it too.
func (s *Service) Reply(ctx context.Context, p *auth.Principal, id int64, text string) error {
	text = cleanText(text)
	if text == "" {
		return apperr.Fields(apperr.Field("text", "required", "请填写答复内容", "text: write the reply"))
	}
	now := s.now()
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpReply, action: "replied", note: text, public: true, due: noDue,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			rows, err := tx.QueryContext(ctx, `SELECT id, status FROM reports WHERE canonical_id = $1`, c.ID)
			if err != nil {
				return err
			}
			type merged struct {
				id int64
				st Status
			}
			var ms []merged
			for rows.Next() {
				var m merged
				if err := rows.Scan(&m.id, &m.st); err != nil {
					rows.Close()
					return err
				}
				ms = append(ms, m)
			}
			rows.Close()
			for _, m := range ms {
				if err := addStaffEvent(ctx, tx, m.id, now, p, "replied", m.st, m.st, text, true); err != nil {
					return err
				}
			}
			return rows.Err()
		}})
}

// Close ends a replied or rejected case.
func (s *Service) Close(ctx context.Context, p *auth.Principal, id int64, note string) error {
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpClose, action: "closed", note: cleanText(note), public: true, due: noDue})
}

// Reopen takes a case back into assessment.
func (s *Service) Reopen(ctx context.Context, p *auth.Principal, id int64, note string) error {
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpReopen, action: "reopened", note: cleanText(note), public: true, due: dueIn(sla.Assess)})
}

// Assign gives a case to a staff member, or takes it back (userID nil).
func (s *Service) Assign(ctx context.Context, p *auth.Principal, id int64, userID *int64) error {
	note := "取消分派"
	return s.apply(ctx, p, id, change{perm: auth.CaseAssign, action: "assigned", public: false,
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			if userID != nil {
				var role, name string
				var disabled bool
				err := tx.QueryRowContext(ctx, `SELECT role, display_name, disabled FROM users WHERE id = $1`, *userID).Scan(&role, &name, &disabled)
				if err != nil || disabled {
					return apperr.Fields(apperr.Field("assignee", "unknown", "被分派人不存在或已停用", "assignee: no such active user"))
				}
				if !auth.Role(role).Can(auth.CaseScreen) && !auth.Role(role).Can(auth.CaseAssess) {
					return apperr.Fields(apperr.Field("assignee", "role", "只能分派给受理员或研判员", "assignee: only operators and analysts take cases"))
				}
				note = "分派给 " + name
			}
			_, err := tx.ExecContext(ctx, `UPDATE reports SET assignee_id = $1 WHERE id = $2`, userID, c.ID)
			return err
		}}.withNote(func() string { return note }))
}

// BatchResult is the outcome of a batch action on one case.
type BatchResult struct {
	ID  int64
	Err error
}

// Batch runs act on every case in ids, each in its own transaction, so one
// refused case does not hold back the others; the results say which.
func (s *Service) Batch(ctx context.Context, ids []int64, act func(id int64) error) []BatchResult {
	out := make([]BatchResult, 0, len(ids))
	for _, id := range ids {
		out = append(out, BatchResult{ID: id, Err: act(id)})
	}
	return out
}
