package reminder

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/store"
)

// Notification is a reminder as the console lists it.
type Notification struct {
	ID        int64
	Kind      string // case_overdue, case_due_soon, transfer_overdue, transfer_due_soon
	ReportID  *int64
	Text      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// Unread counts a user's unread notifications (the badge in the console).
func Unread(ctx context.Context, db *store.DB, userID int64) (int, error) {
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("reminder: unread: %w", err)
	}
	return n, nil
}

// List returns a user's latest notifications, unread first.
func List(ctx context.Context, db *store.DB, userID int64, limit int) ([]Notification, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT id, kind, report_id, text, created_at, read_at FROM notifications
		WHERE user_id = $1 ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT $2`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("reminder: list: %w", err)
	}
	defer rows.Close()
	var out []Notification
	for rows.Next() {
		var n Notification
		var report sql.NullInt64
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.Kind, &report, &n.Text, &n.CreatedAt, &read); err != nil {
			return nil, fmt.Errorf("reminder: list: %w", err)
		}
		if report.Valid {
			n.ReportID = &report.Int64
		}
		if read.Valid {
			n.ReadAt = &read.Time
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkRead marks notifications of userID as read; no ids marks them all.
// Ids of other users' notifications are ignored, not errors: the list a
// page posts back may be stale.
func MarkRead(ctx context.Context, db *store.DB, userID int64, ids []int64) error {
	q := `UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL`
	args := []any{time.Now().UTC(), userID}
	if len(ids) > 0 {
		marks := make([]string, len(ids))
		for i, id := range ids {
			args = append(args, id)
			marks[i] = fmt.Sprintf("$%d", len(args))
		}
		q += " AND id IN (" + strings.Join(marks, ",") + ")"
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("reminder: mark read: %w", err)
		}
		return nil
	})
}
