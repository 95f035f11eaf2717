package monitor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// item is one entry of a feed or row of an import, ready to store.
type item struct {
	externalID, url, title, text, author string
	published                            *time.Time
}

// insertItemSQL stores an item unless its feed has it already: the
// unique index on (feed_id, external_id) makes a re-served entry a no-op,
// and RETURNING gives no row for it.
const insertItemSQL = `INSERT INTO monitored_items (source, feed_id, external_id, url, title, text, author, published_at, received_at)
	VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON CONFLICT DO NOTHING RETURNING id`

func insertItem(ctx context.Context, tx *sql.Tx, source string, feedID *int64, it item, now time.Time) (int64, bool, error) {
	var pub *time.Time
	if it.published != nil {
		u := it.published.UTC()
		pub = &u
	}
	var id int64
	err := tx.QueryRowContext(ctx, insertItemSQL, source, feedID, it.externalID, it.url, it.title, it.text, it.author, pub, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("monitor: store item: %w", err)
	}
	return id, true, nil
}

// recordSuccess stores a poll's new items and the feed's fresh state in
// one transaction, so validators are only kept together with the items
// they vouch for: were they saved alone, a crash would turn the next
// poll into a 304 and lose the items for good.
func (s *Service) recordSuccess(ctx context.Context, f claimed, got fetched, items []item) Result {
	now := s.now()
	etag, modified := f.etag, f.lastModified
	if !got.notModified {
		etag, modified = got.etag, got.lastModified
	}
	var ids []int64
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		ids = ids[:0]
		for _, it := range items {
			id, isNew, err := insertItem(ctx, tx, "feed", &f.id, it, now)
			if err != nil {
				return err
			}
			if isNew {
				ids = append(ids, id)
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE feeds SET etag = $1, last_modified = $2, last_error = '', error_count = 0,
			last_ok_at = $3, last_polled_at = $3, next_poll_at = $4 WHERE id = $5`, etag, modified, now, now.Add(f.interval), f.id)
		return err
	})
	if err != nil {
		if ctx.Err() == nil {
			s.Log.Error("monitor: store feed items", "feed_id", f.id, "err", err)
		}
		msg := "保存失败，稍后重试"
		s.recordFailure(ctx, f, msg)
		return Result{Error: msg}
	}
	s.notify(ctx, ids)
	return Result{New: len(ids), NotModified: got.notModified}
}

// notify hands new item ids to OnItems. Matching is not this package's
// work: a panic there is logged and does not take the poller down.
func (s *Service) notify(ctx context.Context, ids []int64) {
	if s.OnItems == nil || len(ids) == 0 {
		return
	}
	defer func() {
		if p := recover(); p != nil {
			s.Log.Error("monitor: OnItems panicked", "panic", p, "items", len(ids))
		}
	}()
	s.OnItems(ctx, ids)
}
