// Package audit keeps the append-only, hash-chained audit log: every state
// change, login, permission change and look at personal data. Each entry's
// hash covers its content and the previous entry's hash, so changing or
// removing a row breaks the chain at that row.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/store"
)

// Entry is one audited act.
type Entry struct {
	ID       int64
	At       time.Time
	ActorID  *int64
	Actor    string // username, "system" or "reporter"
	Action   string // e.g. "case.accept", "login", "pii.view"
	Target   string // e.g. "report:123", "user:7"
	Detail   string
	PrevHash string
	Hash     string
}

// hash is SHA-256 over a canonical JSON array of the entry's fields.
func (e Entry) hash() string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatInt(*e.ActorID, 10)
	}
	b, _ := json.Marshal([]string{strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano), actor,
		e.Actor, e.Action, e.Target, e.Detail, e.PrevHash})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Append adds e to the log inside tx, the transaction of the act it
// records, so the act and its audit entry commit together or not at all.
func Append(ctx context.Context, tx *sql.Tx, d store.Dialect, e Entry) error {
	lock := ""
	if d == store.Postgres {
		lock = " FOR UPDATE" // serializes writers; SQLite has one writer anyway
	}
	var lastID int64
	if err := tx.QueryRowContext(ctx, `SELECT last_id, last_hash FROM audit_head WHERE id = 1`+lock).Scan(&lastID, &e.PrevHash); err != nil {
		return fmt.Errorf("audit: head: %w", err)
	}
	e.ID = lastID + 1
	// Microseconds: what PostgreSQL keeps, so the hash survives a round trip.
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Hash = e.hash()
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor_id, actor, action, target, detail, prev_hash, hash)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, e.ID, e.At, e.ActorID, e.Actor, e.Action, e.Target, e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1`, e.ID, e.Hash); err != nil {
		return fmt.Errorf("audit: head: %w", err)
	}
	return nil
}

// Broken names the first entry where the chain does not hold.
type Broken struct {
	ID     int64
	Reason string
}

func (b *Broken) Error() string {
	return fmt.Sprintf("audit log broken at entry %d: %s", b.ID, b.Reason)
}

// Result summarizes a verified log.
type Result struct {
	Entries int64
	Head    string // hash of the last entry: record it elsewhere to detect a cut tail
}

// Verify walks the whole log in order and recomputes every hash. It returns
// a *Broken error naming the first entry that was changed, or that follows
// a removed entry, or a head that does not match the last entry.
func Verify(ctx context.Context, db *store.DB) (Result, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT id, at, actor_id, actor, action, target, detail, prev_hash, hash FROM audit_log ORDER BY id`)
	if err != nil {
		return Result{}, fmt.Errorf("audit: read: %w", err)
	}
	defer rows.Close()
	var res Result
	var prev Entry
	for rows.Next() {
		var e Entry
		var actorID sql.NullInt64
		if err := rows.Scan(&e.ID, &e.At, &actorID, &e.Actor, &e.Action, &e.Target, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return res, fmt.Errorf("audit: read: %w", err)
		}
		if actorID.Valid {
			e.ActorID = &actorID.Int64
		}
		switch {
		case e.ID != prev.ID+1:
			return res, &Broken{prev.ID + 1, fmt.Sprintf("entry missing (next present is %d)", e.ID)}
		case e.PrevHash != prev.Hash:
			return res, &Broken{e.ID, "previous hash does not match entry " + strconv.FormatInt(prev.ID, 10)}
		case e.hash() != e.Hash:
			return res, &Broken{e.ID, "content changed after it was written"}
		}
		prev = e
		res.Entries++
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	res.Head = prev.Hash
	var headID int64
	var headHash string
	if err := db.Read().QueryRowContext(ctx, `SELECT last_id, last_hash FROM audit_head WHERE id = 1`).Scan(&headID, &headHash); err != nil {
		return res, fmt.Errorf("audit: head: %w", err)
	}
	if headID != prev.ID || headHash != prev.Hash {
		return res, &Broken{prev.ID + 1, fmt.Sprintf("entries after %d were removed (the head records %d)", prev.ID, headID)}
	}
	return res, nil
}
