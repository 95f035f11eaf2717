package debunk

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"qinglang/internal/outbox"
)

// Payload is the body of an article webhook, the contract with alliance
// members:
//
//	{
//	  "event": "article.published" | "article.corrected" | "article.retracted",
//	  "article": {
//	    "id": 12, "slug": "2026-11-27-12", "title": "…", "summary": "…",
//	    "url": "https://…/articles/2026-11-27-12",
//	    "published_at": "2026-11-27T09:30:00Z",
//	    "corrected_at": "…", "correction_note": "…",      // once corrected
//	    "retracted_at": "…", "retraction_reason": "…",    // once retracted
//	    "claims": [{"claim": "…", "verdict": "rumor|false|misleading|true|unverified"}]
//	  }
//	}
//
// Times are RFC 3339 in UTC. Deliveries are signed (outbox.Verify) and
// carry an Idempotency-Key per member and event.
func Payload(event string, a *Article, articleURL string) []byte {
	type claim struct {
		Claim   string `json:"claim"`
		Verdict string `json:"verdict"`
	}
	type article struct {
		ID               int64      `json:"id"`
		Slug             string     `json:"slug"`
		Title            string     `json:"title"`
		Summary          string     `json:"summary"`
		URL              string     `json:"url"`
		PublishedAt      *time.Time `json:"published_at"`
		CorrectedAt      *time.Time `json:"corrected_at,omitempty"`
		CorrectionNote   string     `json:"correction_note,omitempty"`
		RetractedAt      *time.Time `json:"retracted_at,omitempty"`
		RetractionReason string     `json:"retraction_reason,omitempty"`
		Claims           []claim    `json:"claims"`
	}
	out := article{ID: a.ID, Slug: a.Slug, Title: a.Title, Summary: a.Summary, URL: articleURL,
		PublishedAt: a.PublishedAt, CorrectedAt: a.CorrectedAt, CorrectionNote: a.CorrectionNote,
		RetractedAt: a.RetractedAt, RetractionReason: a.RetractionReason, Claims: []claim{}}
	for _, c := range a.Claims {
		out.Claims = append(out.Claims, claim{c.Claim, c.Verdict})
	}
	b, _ := json.Marshal(struct {
		Event   string  `json:"event"`
		Article article `json:"article"`
	}{event, out})
	return b
}

// notify enqueues event for every alliance member with a webhook, in the
// caller's transaction. The key names the member too: the outbox keys are
// unique across all events, and each member gets its own delivery.
func (s *Service) notify(ctx context.Context, tx *sql.Tx, now time.Time, a *Article, event, key string) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, webhook_url FROM units WHERE webhook_url <> '' ORDER BY id`)
	if err != nil {
		return fmt.Errorf("debunk: members: %w", err)
	}
	type member struct {
		id  int64
		url string
	}
	var members []member
	for rows.Next() {
		var m member
		if err := rows.Scan(&m.id, &m.url); err != nil {
			rows.Close()
			return fmt.Errorf("debunk: members: %w", err)
		}
		members = append(members, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	body := Payload(event, a, s.base()+a.Path())
	for _, m := range members {
		if _, err := outbox.Enqueue(ctx, tx, now, outbox.Event{Topic: event, Key: fmt.Sprintf("%s-unit-%d", key, m.id),
			Target: UnitTarget(m.id), URL: m.url, Payload: body}); err != nil {
			return err
		}
	}
	return nil
}
