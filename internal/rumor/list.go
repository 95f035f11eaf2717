package rumor

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/store"
)

// ListFilter narrows the rumor database for the console. Empty fields
// match everything.
type ListFilter struct {
	Query   string // in the title or any wording of a claim
	Verdict Verdict
	Topic   string
	Region  string // district code; "-" for rumors of the whole city
	Limit   int    // default and at most 200
}

// maxList bounds a list: the console pages show the most recent, and a
// search narrows further.
const maxList = 200

func listLimit(n int) int {
	if n <= 0 || n > maxList {
		return maxList
	}
	return n
}

// likeArg makes s a LIKE pattern that finds s anywhere, with the
// pattern characters in s taken literally (ESCAPE '\').
func likeArg(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// List returns the rumors that pass f, the most recently seen or changed
// first. Claims, departments and debunks are left out: Get has them.
func List(ctx context.Context, db *store.DB, f ListFilter) ([]Rumor, error) {
	q := `SELECT id, title, verdict, topic, region, summary, first_seen_at, last_seen_at, match_count, updated_at FROM rumors WHERE 1=1`
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if s := strings.TrimSpace(f.Query); s != "" {
		p := arg(likeArg(s))
		q += ` AND (title LIKE ` + p + ` ESCAPE '\' OR EXISTS (SELECT 1 FROM rumor_claims c WHERE c.rumor_id = rumors.id AND c.text LIKE ` + p + ` ESCAPE '\'))`
	}
	if f.Verdict != "" {
		q += ` AND verdict = ` + arg(string(f.Verdict))
	}
	if f.Topic != "" {
		q += ` AND topic = ` + arg(f.Topic)
	}
	switch f.Region {
	case "":
	case "-":
		q += ` AND region = ''`
	default:
		q += ` AND region = ` + arg(f.Region)
	}
	q += ` ORDER BY COALESCE(last_seen_at, updated_at) DESC, id DESC LIMIT ` + arg(listLimit(f.Limit))
	rows, err := db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("rumor: list: %w", err)
	}
	defer rows.Close()
	var out []Rumor
	for rows.Next() {
		var r Rumor
		var first, last sql.NullTime
		if err := rows.Scan(&r.ID, &r.Title, &r.Verdict, &r.Topic, &r.Region, &r.Summary, &first, &last, &r.MatchCount, &r.UpdatedAt); err != nil {
			return nil, err
		}
		r.FirstSeenAt, r.LastSeenAt = timePtr(first), timePtr(last)
		out = append(out, r)
	}
	return out, rows.Err()
}

// Topics lists the topics in use, for the filter and the form's
// suggestions: topics are free text so the center can add one any day.
func Topics(ctx context.Context, db *store.DB) ([]string, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT DISTINCT topic FROM rumors WHERE topic != '' ORDER BY topic`)
	if err != nil {
		return nil, fmt.Errorf("rumor: topics: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	return &t.Time
}

// preview shortens a text for a list row.
func preview(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
