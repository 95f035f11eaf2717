package rumor

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// pendingBatch bounds one round of clustering.
const pendingBatch = 500

// Once clusters the reports and monitored items of the window that have
// no cluster yet, oldest first, and returns how many it placed.
func (c *Clusterer) Once(ctx context.Context, now time.Time) (int, error) {
	c.mu.Lock()
	if c.lsh == nil {
		c.init()
	}
	c.mu.Unlock()
	subjects, err := c.pending(ctx, now)
	if err != nil {
		return 0, err
	}
	for i, s := range subjects {
		if _, err := c.assign(ctx, s); err != nil {
			return i, err
		}
	}
	return len(subjects), nil
}

func (c *Clusterer) pending(ctx context.Context, now time.Time) ([]Subject, error) {
	since := now.Add(-c.Window)
	var out []Subject
	rows, err := c.DB.Read().QueryContext(ctx, `SELECT r.id, r.content, r.urls, r.created_at,
		COALESCE((SELECT m.rumor_id FROM rumor_matches m WHERE m.kind = 'report' AND m.subject_id = r.id AND m.status IN ('linked','confirmed') ORDER BY m.score DESC LIMIT 1), 0)
		FROM reports r WHERE r.created_at >= $1
		AND NOT EXISTS (SELECT 1 FROM cluster_members cm WHERE cm.kind = 'report' AND cm.subject_id = r.id)
		ORDER BY r.id LIMIT $2`, since, pendingBatch)
	if err != nil {
		return nil, fmt.Errorf("rumor: pending reports: %w", err)
	}
	for rows.Next() {
		s := Subject{Kind: "report"}
		var urls string
		if err := rows.Scan(&s.ID, &s.Text, &urls, &s.At, &s.RumorID); err != nil {
			rows.Close()
			return nil, err
		}
		json.Unmarshal([]byte(urls), &s.URLs)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Images, err = c.imagesOf(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	rows, err = c.DB.Read().QueryContext(ctx, `SELECT i.id, i.title || ' ' || i.text, i.url, i.received_at,
		COALESCE((SELECT m.rumor_id FROM rumor_matches m WHERE m.kind = 'item' AND m.subject_id = i.id AND m.status IN ('linked','confirmed') ORDER BY m.score DESC LIMIT 1), 0)
		FROM monitored_items i WHERE i.received_at >= $1
		AND NOT EXISTS (SELECT 1 FROM cluster_members cm WHERE cm.kind = 'item' AND cm.subject_id = i.id)
		ORDER BY i.id LIMIT $2`, since, pendingBatch)
	if err != nil {
		return nil, fmt.Errorf("rumor: pending items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		s := Subject{Kind: "item"}
		var url string
		if err := rows.Scan(&s.ID, &s.Text, &url, &s.At, &s.RumorID); err != nil {
			return nil, err
		}
		if url != "" {
			s.URLs = []string{url}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// imagesOf returns the difference hashes of a report's image evidence.
func (c *Clusterer) imagesOf(ctx context.Context, reportID int64) ([]uint64, error) {
	rows, err := c.DB.Read().QueryContext(ctx, `SELECT b.dhash FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 WHERE e.report_id = $1 AND b.dhash IS NOT NULL`, reportID)
	if err != nil {
		return nil, fmt.Errorf("rumor: image hashes: %w", err)
	}
	defer rows.Close()
	var out []uint64
	for rows.Next() {
		var h int64 // stored signed: both databases' integers are signed
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, uint64(h))
	}
	return out, rows.Err()
}
