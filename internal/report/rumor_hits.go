package report

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// RumorHit is a rumor that an incoming report resembles. Linked hits are
// above the matching threshold; the others are near misses kept for an
// editor to review.
type RumorHit struct {
	RumorID int64
	Score   float64
	Linked  bool
}

// DebunkNotice tells a reporter that what they report was already debunked,
// and where.
type DebunkNotice struct {
	RumorID int64        `json:"rumor_id"`
	Title   string       `json:"title"`
	Verdict string       `json:"verdict"`
	Links   []DebunkLink `json:"links"`
}

// DebunkLink is one place a rumor is refuted.
type DebunkLink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// SetRumorMatcher makes every submitted report matched against the rumor
// database; match returns the hits for a report's text.
func (s *Service) SetRumorMatcher(match func(text string) []RumorHit) { s.matchRumors = match }

// recordHits stores a report's rumor matches in its own transaction and
// counts the linked ones on their rumors.
func recordHits(ctx context.Context, tx *sql.Tx, reportID int64, hits []RumorHit, now time.Time) error {
	for _, h := range hits {
		status := "near_miss"
		if h.Linked {
			status = "linked"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_matches (kind, subject_id, rumor_id, score, status, created_at) VALUES ('report',$1,$2,$3,$4,$5)`,
			reportID, h.RumorID, h.Score, status, now); err != nil {
			return fmt.Errorf("report: rumor match: %w", err)
		}
		if h.Linked {
			if _, err := tx.ExecContext(ctx, `UPDATE rumors SET match_count = match_count + 1, last_seen_at = $1,
				first_seen_at = COALESCE(first_seen_at, $1) WHERE id = $2`, now, h.RumorID); err != nil {
				return fmt.Errorf("report: rumor count: %w", err)
			}
		}
	}
	return nil
}

// debunksFor lists the debunked rumors linked to a report, with where they
// are refuted.
func debunksFor(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, reportID int64) ([]DebunkNotice, error) {
	rows, err := q.QueryContext(ctx, `SELECT r.id, r.title, r.verdict, COALESCE(d.title, ''), COALESCE(d.url, '')
		FROM rumor_matches m JOIN rumors r ON r.id = m.rumor_id LEFT JOIN rumor_debunks d ON d.rumor_id = r.id
		WHERE m.kind = 'report' AND m.subject_id = $1 AND m.status IN ('linked', 'confirmed') AND r.verdict IN ('rumor', 'false', 'misleading')
		ORDER BY m.score DESC, r.id, d.id`, reportID)
	if err != nil {
		return nil, fmt.Errorf("report: debunks: %w", err)
	}
	defer rows.Close()
	var out []DebunkNotice
	for rows.Next() {
		var n DebunkNotice
		var l DebunkLink
		if err := rows.Scan(&n.RumorID, &n.Title, &n.Verdict, &l.Title, &l.URL); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].RumorID != n.RumorID {
			n.Links = []DebunkLink{}
			out = append(out, n)
		}
		if l.URL != "" {
			last := &out[len(out)-1]
			last.Links = append(last.Links, l)
		}
	}
	return out, rows.Err()
}
