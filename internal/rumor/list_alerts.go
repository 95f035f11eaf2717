package rumor

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/store"
)

// Alert statuses as stored.
const (
	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertClosed       = "closed"
)

// AlertRow is an alert with its handling so far.
type AlertRow struct {
	Alert
	Note           string     `json:"note"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
}

// ListAlerts returns the alerts in status ("" for all), newest first.
func ListAlerts(ctx context.Context, db *store.DB, status string, limit int) ([]AlertRow, error) {
	q := `SELECT a.id, COALESCE(a.cluster_id, 0), a.topic, a.rule, a.window_count, a.baseline, a.status, a.raised_at,
		COALESCE(c.label, a.topic), a.note, a.acknowledged_at, a.closed_at
		FROM alerts a LEFT JOIN clusters c ON c.id = a.cluster_id`
	args := []any{listLimit(limit)}
	if status != "" {
		q += ` WHERE a.status = $2`
		args = append(args, status)
	}
	rows, err := db.Read().QueryContext(ctx, q+` ORDER BY a.raised_at DESC, a.id DESC LIMIT $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("rumor: alerts: %w", err)
	}
	defer rows.Close()
	var out []AlertRow
	for rows.Next() {
		var a AlertRow
		var acked, closed sql.NullTime
		if err := rows.Scan(&a.ID, &a.ClusterID, &a.Topic, &a.Rule, &a.WindowCount, &a.Baseline, &a.Status, &a.RaisedAt,
			&a.Label, &a.Note, &acked, &closed); err != nil {
			return nil, err
		}
		a.AcknowledgedAt, a.ClosedAt = timePtr(acked), timePtr(closed)
		out = append(out, a)
	}
	return out, rows.Err()
}

// OpenAlerts counts the open alerts, for the badge in the console's
// navigation on every page: one count over the (status, raised_at) index.
func OpenAlerts(ctx context.Context, db *store.DB) (int, error) {
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT count(*) FROM alerts WHERE status = 'open'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("rumor: open alerts: %w", err)
	}
	return n, nil
}
