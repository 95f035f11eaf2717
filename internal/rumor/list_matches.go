package rumor

import (
	"context"
	"fmt"
	"time"

	"qinglang/internal/store"
)

// Match statuses as stored in rumor_matches.
const (
	MatchLinked    = "linked"    // above the link threshold, linked at intake
	MatchNearMiss  = "near_miss" // below it: waits for an editor
	MatchConfirmed = "confirmed" // a near miss an editor linked
	MatchDismissed = "dismissed" // a near miss an editor turned down
)

// Match is a report or monitored item that resembled a rumor, with what
// an editor needs to judge it without opening it: the rumor, the score
// and the start of the text.
type Match struct {
	ID         int64     `json:"id"`
	Kind       string    `json:"kind"` // report or item
	SubjectID  int64     `json:"subject_id"`
	RumorID    int64     `json:"rumor_id"`
	RumorTitle string    `json:"rumor_title"`
	Score      float64   `json:"score"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"created_at"`
	// Label names the subject: a report's tracking code, an item's
	// title; URL is an item's address.
	Label   string `json:"label"`
	URL     string `json:"url,omitempty"`
	Preview string `json:"preview"`
	// SubjectStatus is a report's case status ("" for items).
	SubjectStatus string `json:"subject_status,omitempty"`
}

// MatchFilter narrows the matches; zero fields match all.
type MatchFilter struct {
	Status  string
	RumorID int64
	Limit   int
}

// ListMatches returns matches, newest first. The review queue asks for
// near misses; a rumor's page for all of its own.
func ListMatches(ctx context.Context, db *store.DB, f MatchFilter) ([]Match, error) {
	q := `SELECT m.id, m.kind, m.subject_id, m.rumor_id, r.title, m.score, m.status, m.created_at,
		COALESCE(rep.tracking_code, it.title, ''), COALESCE(it.url, ''), COALESCE(rep.content, it.text, ''), COALESCE(rep.status, '')
		FROM rumor_matches m JOIN rumors r ON r.id = m.rumor_id
		LEFT JOIN reports rep ON m.kind = 'report' AND rep.id = m.subject_id
		LEFT JOIN monitored_items it ON m.kind = 'item' AND it.id = m.subject_id WHERE 1=1`
	var args []any
	arg := func(v any) string { args = append(args, v); return fmt.Sprintf("$%d", len(args)) }
	if f.Status != "" {
		q += ` AND m.status = ` + arg(f.Status)
	}
	if f.RumorID != 0 {
		q += ` AND m.rumor_id = ` + arg(f.RumorID)
	}
	q += ` ORDER BY m.created_at DESC, m.id DESC LIMIT ` + arg(listLimit(f.Limit))
	rows, err := db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("rumor: matches: %w", err)
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		if err := rows.Scan(&m.ID, &m.Kind, &m.SubjectID, &m.RumorID, &m.RumorTitle, &m.Score, &m.Status, &m.CreatedAt,
			&m.Label, &m.URL, &m.Preview, &m.SubjectStatus); err != nil {
			return nil, err
		}
		m.Preview = preview(m.Preview, 120)
		out = append(out, m)
	}
	return out, rows.Err()
}

// CountMatches counts the matches in one status, for the queue's tab.
func CountMatches(ctx context.Context, db *store.DB, status string) (int, error) {
	var n int
	if err := db.Read().QueryRowContext(ctx, `SELECT count(*) FROM rumor_matches WHERE status = $1`, status).Scan(&n); err != nil {
		return 0, fmt.Errorf("rumor: count matches: %w", err)
	}
	return n, nil
}
