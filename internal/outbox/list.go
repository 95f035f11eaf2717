package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/store"
)

const itemColumns = `id, topic, idempotency_key, target, url, payload, created_at, attempts, next_attempt_at, delivered_at, dead_at, last_error`

// DeadLetters lists the events given up on, the latest first: what an
// operator checks after a receiver's long outage, and resends.
func DeadLetters(ctx context.Context, db *store.DB, limit int) ([]Item, error) {
	return items(ctx, db, `SELECT `+itemColumns+` FROM outbox WHERE dead_at IS NOT NULL ORDER BY dead_at DESC, id DESC LIMIT $1`, limit)
}

// Recent lists a target's latest events in every state, for its page in
// the console ("did our notice reach them?").
func Recent(ctx context.Context, db *store.DB, target string, limit int) ([]Item, error) {
	return items(ctx, db, `SELECT `+itemColumns+` FROM outbox WHERE target = $2 ORDER BY id DESC LIMIT $1`, limit, target)
}

func items(ctx context.Context, db *store.DB, query string, args ...any) ([]Item, error) {
	rows, err := db.Read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: list: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		var payload string
		var delivered, dead sql.NullTime
		if err := rows.Scan(&it.ID, &it.Event.Topic, &it.Event.Key, &it.Event.Target, &it.Event.URL, &payload,
			&it.CreatedAt, &it.Attempts, &it.NextAttemptAt, &delivered, &dead, &it.LastError); err != nil {
			return nil, fmt.Errorf("outbox: list: %w", err)
		}
		it.Event.Payload = []byte(payload)
		it.DeliveredAt, it.DeadAt = delivered.Time, dead.Time
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox: list: %w", err)
	}
	return out, nil
}

// Attempts lists an event's delivery attempts, oldest first.
func Attempts(ctx context.Context, db *store.DB, id int64) ([]Attempt, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT id, at, status, error, duration_ms FROM outbox_attempts WHERE outbox_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("outbox: attempts: %w", err)
	}
	defer rows.Close()
	var out []Attempt
	for rows.Next() {
		var a Attempt
		var ms int64
		if err := rows.Scan(&a.ID, &a.At, &a.Status, &a.Error, &ms); err != nil {
			return nil, fmt.Errorf("outbox: attempts: %w", err)
		}
		a.Duration = time.Duration(ms) * time.Millisecond
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox: attempts: %w", err)
	}
	return out, nil
}

// Resend makes a dead event due now; its attempts stay on record. It is
// still past GiveUp, so if the receiver is still failing, the next failed
// attempt puts it straight back on the dead letters rather than starting
// another 48 hours of retries nobody asked for.
func Resend(ctx context.Context, db *store.DB, id int64, now time.Time) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		var dead sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT dead_at FROM outbox WHERE id = $1`, id).Scan(&dead)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "没有这条待发事件", "No such outgoing event")
		}
		if err != nil {
			return fmt.Errorf("outbox: resend: %w", err)
		}
		if !dead.Valid {
			return apperr.New(apperr.Conflict, "只能重发已放弃投递的事件", "Only events given up on can be resent")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET dead_at = NULL, locked_until = NULL, next_attempt_at = $1 WHERE id = $2`, now.UTC(), id); err != nil {
			return fmt.Errorf("outbox: resend: %w", err)
		}
		return nil
	})
}
