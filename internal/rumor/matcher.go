package rumor

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	"qinglang/internal/store"
	"qinglang/internal/textsim"
)

// Thresholds of a match score (weighted containment of the claim in the
// text, 0–1): at or above Link a text is linked to the rumor; between
// NearMiss and Link it is kept for an editor to review. `qinglang eval
// match` measures them.
const (
	DefaultLink     = 0.6
	DefaultNearMiss = 0.4
)

// Matcher holds every claim of the rumor database in a textsim index and
// answers which rumors a text repeats. Match is safe for concurrent use;
// Reload swaps in a new index built from the database.
type Matcher struct {
	db             *store.DB
	Link, NearMiss float64

	mu      sync.RWMutex
	ix      *textsim.Index
	verdict map[int64]Verdict
}

// NewMatcher builds a matcher from the rumor database.
func NewMatcher(ctx context.Context, db *store.DB) (*Matcher, error) {
	m := &Matcher{db: db, Link: DefaultLink, NearMiss: DefaultNearMiss}
	return m, m.Reload(ctx)
}

// Reload rebuilds the index after rumors changed.
func (m *Matcher) Reload(ctx context.Context) error {
	rows, err := m.db.Read().QueryContext(ctx, `SELECT c.rumor_id, c.text, r.verdict FROM rumor_claims c JOIN rumors r ON r.id = c.rumor_id`)
	if err != nil {
		return fmt.Errorf("rumor: load claims: %w", err)
	}
	defer rows.Close()
	ix := textsim.NewIndexWith(textsim.Options{Threshold: m.NearMiss})
	verdict := map[int64]Verdict{}
	for rows.Next() {
		var id int64
		var text string
		var v Verdict
		if err := rows.Scan(&id, &text, &v); err != nil {
			return err
		}
		ix.Add(strconv.FormatInt(id, 10), text)
		verdict[id] = v
	}
	if err := rows.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	m.ix, m.verdict = ix, verdict
	m.mu.Unlock()
	return nil
}

// Hit is a rumor a text resembles.
type Hit struct {
	RumorID int64
	Score   float64
	Verdict Verdict
	Linked  bool // at or above the link threshold
}

// Match returns the rumors text repeats, best first: linked ones and near
// misses.
func (m *Matcher) Match(text string, limit int) []Hit {
	m.mu.RLock()
	ix, verdict := m.ix, m.verdict
	m.mu.RUnlock()
	var out []Hit
	for _, c := range ix.Match(text, limit) {
		if c.Score < m.NearMiss {
			continue
		}
		id, err := strconv.ParseInt(c.ID, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, Hit{RumorID: id, Score: c.Score, Verdict: verdict[id], Linked: c.Score >= m.Link})
	}
	return out
}
