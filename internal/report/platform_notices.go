package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"qinglang/internal/apperr"
)

// PlatformNotice is a notice as its platform sees it: what to do, where
// and why, and its own answer. The case shows only by its tracking code.
type PlatformNotice struct {
	ID          int64
	Case        string
	Category    string
	What        string
	Location    string
	Reason      string
	Deadline    time.Time
	CreatedAt   time.Time
	Status      string // sent, answered
	Response    string
	Note        string
	RespondedAt *time.Time
	RespondedBy string
	EvidenceIDs []string
}

// Overdue tells whether the notice is unanswered past its deadline, or
// was answered after it.
func (n PlatformNotice) Overdue(now time.Time) bool {
	if n.RespondedAt != nil {
		return n.RespondedAt.After(n.Deadline)
	}
	return now.After(n.Deadline)
}

// NoticeFilter narrows and pages a platform's notices.
type NoticeFilter struct {
	Status  string    // "", sent, answered
	Since   time.Time // created at or after; zero for all
	Page    int       // from 1
	PerPage int       // 1-200, default 50
	ID      int64     // one notice only; 0 for all
}

// PlatformNotices lists one platform's notices, newest first, and how
// many match in all. The caller has established that the platform is the
// one asking (its API key, or its liaison's scope).
func (s *Service) PlatformNotices(ctx context.Context, platformID int64, f NoticeFilter) ([]PlatformNotice, int, error) {
	if f.Status != "" && f.Status != "sent" && f.Status != "answered" {
		return nil, 0, apperr.Fields(apperr.Field("status", "unknown", "status 须为 sent（待反馈）或 answered（已反馈）", "status: sent or answered"))
	}
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	if f.PerPage > 200 {
		f.PerPage = 200
	}
	if f.Page <= 0 {
		f.Page = 1
	}
	where := `n.platform_id = $1 AND ($2 = '' OR n.status = $2) AND n.created_at >= $3 AND ($4 = 0 OR n.id = $4)`
	args := []any{platformID, f.Status, f.Since.UTC(), f.ID}
	db := s.db.Read()
	var total int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM notices n WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("report: platform notices: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT n.id, r.tracking_code, r.category, n.what, n.location, n.reason, n.deadline, n.created_at,
		n.status, n.response, n.response_note, n.responded_at, n.responded_by, n.response_evidence
		FROM notices n JOIN reports r ON r.id = n.report_id WHERE `+where+` ORDER BY n.id DESC LIMIT $5 OFFSET $6`,
		append(args, f.PerPage, (f.Page-1)*f.PerPage)...)
	if err != nil {
		return nil, 0, fmt.Errorf("report: platform notices: %w", err)
	}
	defer rows.Close()
	var out []PlatformNotice
	for rows.Next() {
		var n PlatformNotice
		var at sql.NullTime
		var ev string
		if err := rows.Scan(&n.ID, &n.Case, &n.Category, &n.What, &n.Location, &n.Reason, &n.Deadline, &n.CreatedAt,
			&n.Status, &n.Response, &n.Note, &at, &n.RespondedBy, &ev); err != nil {
			return nil, 0, fmt.Errorf("report: platform notices: %w", err)
		}
		if at.Valid {
			n.RespondedAt = &at.Time
		}
		json.Unmarshal([]byte(ev), &n.EvidenceIDs)
		out = append(out, n)
	}
	return out, total, rows.Err()
}
