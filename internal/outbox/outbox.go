// Package outbox delivers outgoing events (notices to platforms, alerts to
// units) at least once. An event is written in the same transaction as the
// change that causes it (DESIGN section 7), so a crash between the commit
// and the delivery loses nothing: the worker finds the row after a restart
// and posts it, signed, to the receiver's webhook until it answers 2xx or
// the event is old enough to give up on.
//
// Receivers may see an event more than once (a crash after their answer
// but before ours is recorded, a timeout after they processed it); every
// delivery carries the same Idempotency-Key so they can drop repeats.
package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Event is what a domain change wants sent.
type Event struct {
	Topic   string // notice.created, alert.raised, article.published …
	Key     string // idempotency key, unique across all events
	Target  string // who it goes to, e.g. "platform:12", "unit:3"
	URL     string // webhook URL at the time of the event
	Payload []byte // JSON body, sent and signed as is
}

// Item is an event with its delivery state, for the console's lists.
type Item struct {
	ID            int64
	Event         Event
	CreatedAt     time.Time
	Attempts      int
	NextAttemptAt time.Time
	DeliveredAt   time.Time // zero until delivered
	DeadAt        time.Time // zero unless given up on
	LastError     string
}

// Attempt is one try at delivering an event.
type Attempt struct {
	ID       int64
	At       time.Time
	Status   int // HTTP status, 0 when no answer came
	Error    string
	Duration time.Duration
}

// Enqueue records e in the caller's transaction, due at once. Enqueueing
// a key that exists already changes nothing and returns the existing id,
// so a retried domain operation cannot send its event twice.
func Enqueue(ctx context.Context, tx *sql.Tx, now time.Time, e Event) (int64, error) {
	if e.Topic == "" || e.Key == "" || e.Target == "" || e.URL == "" {
		return 0, errors.New("outbox: event needs a topic, key, target and URL")
	}
	if !json.Valid(e.Payload) {
		return 0, fmt.Errorf("outbox: payload of %s is not JSON", e.Key)
	}
	now = now.UTC()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO outbox (topic, idempotency_key, target, url, payload, created_at, next_attempt_at)
		VALUES ($1,$2,$3,$4,$5,$6,$6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
		e.Topic, e.Key, e.Target, e.URL, string(e.Payload), now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// DO NOTHING returns no row for a conflict: the key is there.
		err = tx.QueryRowContext(ctx, `SELECT id FROM outbox WHERE idempotency_key = $1`, e.Key).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("outbox: enqueue %s: %w", e.Key, err)
	}
	return id, nil
}
