package report

import (
	"context"
	"crypto/hmac"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// ErrNoCase is the one answer to an unknown code and to a wrong secret, so
// the answer does not tell which codes exist.
var ErrNoCase = apperr.New(apperr.NotFound,
	"查询码或查询密码不正确，请核对后重试", "No case matches this tracking code and secret; check both and try again")

// Event is one entry of the reporter's timeline.
type Event struct {
	ID     int64
	At     time.Time
	Action Action
	Status Status
	Note   string
}

// Material is what the reporter added after filing.
type Material struct {
	At    time.Time
	Text  string
	Files int
}

// CaseView is what the holder of a tracking code and secret may see.
type CaseView struct {
	id            int64
	due           time.Time // assessment due time if the case is reopened
	TrackingCode  string
	Status        Status
	Category      string
	Zone          string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Timeline      []Event
	Materials     []Material
	EvidenceCount int
	// Reply is the latest answer of the center (a reply or a refusal), if any.
	Reply *Event
	// Rated tells whether the latest reply has been rated.
	Rated bool
	// Debunks are the debunked rumors the report matched.
	Debunks []DebunkNotice
}

// CanAddMaterial tells whether the reporter may still add material.
func (v *CaseView) CanAddMaterial() bool { return v.Status != Closed && v.Status != Merged }

// CanRate tells whether there is a reply the reporter has not rated yet.
func (v *CaseView) CanRate() bool { return v.Reply != nil && !v.Rated }

// Track opens a case with its tracking code and secret.
func (s *Service) Track(ctx context.Context, code, secret string) (*CaseView, error) {
	v, err := s.open(ctx, s.db.Read(), code, secret)
	if err != nil {
		return nil, err
	}
	return v, s.loadDetails(ctx, v)
}

// open checks code and secret in constant time whether or not the code
// exists, and reads the case's head.
func (s *Service) open(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, code, secret string) (*CaseView, error) {
	code, secret = ParseTrackingCode(code), NormalizeSecret(secret)
	given := s.keys.TokenHash(secret)
	v := &CaseView{}
	var stored []byte
	err := q.QueryRowContext(ctx, `SELECT id, tracking_code, secret_hash, status, category, zone, created_at, updated_at FROM reports WHERE tracking_code = $1`, code).
		Scan(&v.id, &v.TrackingCode, &stored, &v.Status, &v.Category, &v.Zone, &v.CreatedAt, &v.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		stored = make([]byte, len(given))
	} else if err != nil {
		return nil, fmt.Errorf("report: track: %w", err)
	}
	if !hmac.Equal(stored, given) || code == "" || secret == "" {
		return nil, ErrNoCase
	}
	return v, nil
}

func (s *Service) loadDetails(ctx context.Context, v *CaseView) error {
	db := s.db.Read()
	rows, err := db.QueryContext(ctx, `SELECT id, at, action, to_status, note FROM report_events WHERE report_id = $1 AND public ORDER BY id`, v.id)
	if err != nil {
		return fmt.Errorf("report: timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Event
		if err := rows.Scan(&e.ID, &e.At, &e.Action, &e.Status, &e.Note); err != nil {
			return err
		}
		v.Timeline = append(v.Timeline, e)
		if e.Action == "replied" || e.Action == "rejected" {
			last := e
			v.Reply = &last
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if v.Reply != nil {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM report_ratings WHERE reply_event_id = $1`, v.Reply.ID).Scan(&n); err != nil {
			return err
		}
		v.Rated = n > 0
	}
	mrows, err := db.QueryContext(ctx, `SELECT m.created_at, m.content, (SELECT count(*) FROM evidence e WHERE e.material_id = m.id)
		FROM report_materials m WHERE m.report_id = $1 ORDER BY m.id`, v.id)
	if err != nil {
		return fmt.Errorf("report: materials: %w", err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var m Material
		if err := mrows.Scan(&m.At, &m.Text, &m.Files); err != nil {
			return err
		}
		v.Materials = append(v.Materials, m)
	}
	if err := mrows.Err(); err != nil {
		return err
	}
	if v.Debunks, err = debunksFor(ctx, db, v.id); err != nil {
		return err
	}
	return db.QueryRowContext(ctx, `SELECT count(*) FROM evidence WHERE report_id = $1`, v.id).Scan(&v.EvidenceCount)
}

// MaxMaterial bounds the text of one addition.
const MaxMaterial = 2000

// AddMaterial adds text and files to an open case.
func (s *Service) AddMaterial(ctx context.Context, code, secret, text string, evidenceIDs []string) error {
	text = cleanText(text)
	var errs []apperr.FieldError
	if n := utf8.RuneCountInString(text); n > MaxMaterial {
		errs = append(errs, apperr.Field("text", "too_long", fmt.Sprintf("「补充说明」最多 %d 字，当前 %d 字", MaxMaterial, n), fmt.Sprintf("text: at most %d characters, got %d", MaxMaterial, n)))
	}
	if len(evidenceIDs) > MaxEvidence {
		errs = append(errs, apperr.Field("evidence_ids", "too_many", fmt.Sprintf("证据文件最多 %d 个", MaxEvidence), fmt.Sprintf("evidence_ids: at most %d files", MaxEvidence)))
	}
	for i, id := range evidenceIDs {
		if !idRe.MatchString(id) {
			errs = append(errs, apperr.Field(fmt.Sprintf("evidence_ids[%d]", i), "bad_format", "证据编号格式不正确", fmt.Sprintf("evidence_ids[%d]: not an evidence id", i)))
		}
	}
	if text == "" && len(evidenceIDs) == 0 && len(errs) == 0 {
		errs = append(errs, apperr.Field("text", "required", "请填写补充说明或上传证据文件", "text: write something or attach a file"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		v, err := s.open(ctx, tx, code, secret)
		if err != nil {
			return err
		}
		if !v.CanAddMaterial() {
			return apperr.New(apperr.Conflict, "案件已办结或已并案，不能再补充材料", "The case is closed or merged; material can no longer be added")
		}
		var mid int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO report_materials (report_id, content, created_at) VALUES ($1,$2,$3) RETURNING id`, v.id, text, now).Scan(&mid); err != nil {
			return fmt.Errorf("report: material: %w", err)
		}
		ids, fields := indexed("evidence_ids", evidenceIDs)
		if err := claimEvidence(ctx, tx, v.id, &mid, ids, fields); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reports SET updated_at = $1 WHERE id = $2`, now, v.id); err != nil {
			return err
		}
		return addEvent(ctx, tx, v.id, now, "reporter", "material_added", v.Status, v.Status, "", true)
	})
}

// MaxComment bounds a rating's comment.
const MaxComment = 500

// Rate records the reporter's rating of the latest reply.
func (s *Service) Rate(ctx context.Context, code, secret string, satisfied bool, comment string) error {
	comment = cleanText(comment)
	if n := utf8.RuneCountInString(comment); n > MaxComment {
		return apperr.Fields(apperr.Field("comment", "too_long", fmt.Sprintf("「评价意见」最多 %d 字", MaxComment), fmt.Sprintf("comment: at most %d characters", MaxComment)))
	}
	now := s.now()
	policy, err := s.policy(ctx)
	if err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		v, err := s.open(ctx, tx, code, secret)
		if err != nil {
			return err
		}
		v.due = policy.Due(sla.Assess, now)
		var replyID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM report_events WHERE report_id = $1 AND public AND action IN ('replied','rejected') ORDER BY id DESC LIMIT 1`, v.id).Scan(&replyID)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.Conflict, "案件尚未答复，答复后才能评价", "There is no reply to rate yet")
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO report_ratings (report_id, reply_event_id, satisfied, comment, created_at) VALUES ($1,$2,$3,$4,$5)`,
			v.id, replyID, satisfied, comment, now)
		if err != nil {
			if store.IsUniqueViolation(err) {
				return apperr.New(apperr.Conflict, "该答复已评价过", "This reply has already been rated")
			}
			return fmt.Errorf("report: rate: %w", err)
		}
		note := "满意"
		if !satisfied {
			note = "不满意"
		}
		if comment != "" {
			note += "：" + comment
		}
		if err := addEvent(ctx, tx, v.id, now, "reporter", "rated", v.Status, v.Status, note, true); err != nil {
			return err
		}
		if satisfied {
			return nil
		}
		return s.reopenForReporter(ctx, tx, v, now)
	})
}

// indexed drops repeated ids and names each kept one by its place in the
// request ("evidence_ids[2]").
func indexed(field string, ids []string) (kept, fields []string) {
	for i, id := range ids {
		if !slices.Contains(kept, id) {
			kept = append(kept, id)
			fields = append(fields, fmt.Sprintf("%s[%d]", field, i))
		}
	}
	return kept, fields
}

// reopenForReporter takes a case back into assessment when its reporter is
// not satisfied with the answer (DESIGN section 3: reopen on appeal). A
// merged case is answered through its canonical case and stays merged.
func (s *Service) reopenForReporter(ctx context.Context, tx *sql.Tx, v *CaseView, now time.Time) error {
	to, err := Next(OpReopen, v.Status)
	if err != nil {
		return nil // merged, or already reopened: the rating alone is recorded
	}
	if _, err := tx.ExecContext(ctx, `UPDATE reports SET status = $1, stage_due_at = $2, updated_at = $3 WHERE id = $4`, string(to), v.due, now, v.id); err != nil {
		return fmt.Errorf("report: reopen: %w", err)
	}
	if err := addEvent(ctx, tx, v.id, now, "reporter", "reopened", v.Status, to, "举报人对答复不满意，案件重新研判", true); err != nil {
		return err
	}
	return s.audit(ctx, tx, now, nil, "case.reopened", v.id, string(v.Status)+"→"+string(to)+" reporter not satisfied")
}
