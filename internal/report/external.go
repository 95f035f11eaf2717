package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"qinglang/internal/store"
)

// ExternalRef is a partner platform's own id of a forwarded report.
type ExternalRef struct {
	PlatformID int64
	ID         string
}

// DuplicateError answers a forwarded report whose external id the platform
// sent before: it names the case filed the first time. Its secret cannot
// be repeated (only its hash is kept).
type DuplicateError struct {
	TrackingCode string
	Status       Status
	CreatedAt    time.Time
}

func (e *DuplicateError) Error() string {
	return "report: already forwarded as " + e.TrackingCode
}

// findExternal returns the case a platform filed under ref earlier.
func findExternal(ctx context.Context, tx *sql.Tx, ref *ExternalRef) error {
	d := &DuplicateError{}
	err := tx.QueryRowContext(ctx, `SELECT r.tracking_code, r.status, r.created_at FROM platform_report_refs x JOIN reports r ON r.id = x.report_id
		WHERE x.platform_id = $1 AND x.external_id = $2`, ref.PlatformID, ref.ID).Scan(&d.TrackingCode, &d.Status, &d.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("report: external ref: %w", err)
	}
	return d
}

// saveExternal records ref for a new report. Two requests racing with the
// same ref on PostgreSQL meet at the primary key; the loser's transaction
// rolls back and its retry finds the winner's case.
func saveExternal(ctx context.Context, tx *sql.Tx, ref *ExternalRef, reportID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO platform_report_refs (platform_id, external_id, report_id, created_at) VALUES ($1,$2,$3,$4)`,
		ref.PlatformID, ref.ID, reportID, now)
	if store.IsUniqueViolation(err) {
		return errCodeTaken // retried: the retry finds the first case
	}
	return err
}
