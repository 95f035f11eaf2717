package audit

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"qinglang/internal/store"
)

// Filter narrows the audit listing. Action and Target match a prefix, so
// "case." finds every case act and "report:12" one case's entries; Actor
// is a username, matched exactly.
type Filter struct {
	Action, Target, Actor string
	Before                int64 // list entries with a smaller id; 0 starts at the newest
	Limit                 int
}

// Page is a slice of the log, newest first. Next is the Before of the
// following page, 0 when there is none.
type Page struct {
	Entries []Entry
	Next    int64
}

// List reads the log newest first. Paging by id rather than offset keeps
// a page stable while new entries are appended at the head.
func List(ctx context.Context, db *store.DB, f Filter) (Page, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	var conds []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.Action != "" {
		add("action LIKE $%d ESCAPE '\\'", likePrefix(f.Action))
	}
	if f.Target != "" {
		add("target LIKE $%d ESCAPE '\\'", likePrefix(f.Target))
	}
	if f.Actor != "" {
		add("actor = $%d", f.Actor)
	}
	if f.Before > 0 {
		add("id < $%d", f.Before)
	}
	q := `SELECT id, at, actor_id, actor, action, target, detail, prev_hash, hash FROM audit_log`
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	// One row more than the page tells whether another page follows.
	q += fmt.Sprintf(" ORDER BY id DESC LIMIT %d", f.Limit+1)
	rows, err := db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return Page{}, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	var p Page
	for rows.Next() {
		var e Entry
		var actorID sql.NullInt64
		if err := rows.Scan(&e.ID, &e.At, &actorID, &e.Actor, &e.Action, &e.Target, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return Page{}, fmt.Errorf("audit: list: %w", err)
		}
		if actorID.Valid {
			e.ActorID = &actorID.Int64
		}
		p.Entries = append(p.Entries, e)
	}
	if len(p.Entries) > f.Limit {
		p.Entries = p.Entries[:f.Limit]
		p.Next = p.Entries[f.Limit-1].ID
	}
	return p, rows.Err()
}

// likePrefix escapes LIKE's wildcards so a filter is taken literally.
func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}
