package outbox

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"qinglang/internal/store"
)

// claimed is an event a worker holds the lock of.
type claimed struct {
	id        int64
	ev        Event
	createdAt time.Time
	attempts  int
}

// claim locks the oldest due events for this worker, leaving out the
// targets it is still delivering to: their later events wait until the
// earlier ones are done, which keeps each target's order in this process.
func claim(ctx context.Context, db *store.DB, now time.Time, busy []string) ([]claimed, error) {
	query := claimSQLite
	if db.Dialect == store.Postgres {
		query = claimPostgres
	}
	skip, _ := json.Marshal(busy)
	var out []claimed
	err := db.Write(ctx, func(tx *sql.Tx) error {
		out = out[:0] // a retried transaction starts over
		rows, err := tx.QueryContext(ctx, query, now.Add(lockFor), now, string(skip), batchSize)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			var payload string
			if err := rows.Scan(&c.id, &c.ev.Topic, &c.ev.Key, &c.ev.Target, &c.ev.URL, &payload, &c.createdAt, &c.attempts); err != nil {
				return err
			}
			c.ev.Payload = []byte(payload)
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("outbox: claim: %w", err)
	}
	// RETURNING gives no order; delivery order is id order.
	slices.SortFunc(out, func(a, b claimed) int { return cmp.Compare(a.id, b.id) })
	return out, nil
}

// release gives claimed events back undelivered, due as they were, so the
// next round (here or in another process) takes them without waiting for
// the lock to run out.
func release(ctx context.Context, db *store.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET locked_until = NULL WHERE id = $1 AND delivered_at IS NULL`, id); err != nil {
				return fmt.Errorf("outbox: release: %w", err)
			}
		}
		return nil
	})
}

func releaseAll(ctx context.Context, db *store.DB) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET locked_until = NULL
			WHERE locked_until IS NOT NULL AND delivered_at IS NULL AND dead_at IS NULL`)
		return err
	})
}
