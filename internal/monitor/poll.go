package monitor

import (
	"context"
	"database/sql"
	"fmt"
	"runtime/debug"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/store"
)

const (
	// claimBatch feeds are taken per claim and polled one after another;
	// at the 15 s fetch timeout a batch ends well inside claimLease.
	claimBatch = 4
	// claimLease keeps other processes off a claimed feed. A process that
	// dies mid-poll leaves the feed due again after this long.
	claimLease = 2 * time.Minute
)

// claimed is a feed a poller holds for one poll.
type claimed struct {
	id                 int64
	name, url          string
	interval           time.Duration
	etag, lastModified string
	errors             int
}

// claimSQL takes due feeds by pushing their next poll out by the lease. On
// PostgreSQL, FOR UPDATE SKIP LOCKED lets several servers claim at once
// without waiting on or taking each other's feeds; SQLite has one writer.
const claimSQL = `UPDATE feeds SET next_poll_at = $1, last_polled_at = $2 WHERE id IN (
	SELECT id FROM feeds WHERE NOT disabled AND next_poll_at <= $2 ORDER BY next_poll_at, id LIMIT %d %s)
	RETURNING id, name, url, interval_s, etag, last_modified, error_count`

func (s *Service) claim(ctx context.Context, now time.Time) ([]claimed, error) {
	lock := ""
	if s.DB.Dialect == store.Postgres {
		lock = "FOR UPDATE SKIP LOCKED"
	}
	var out []claimed
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(claimSQL, claimBatch, lock), now.Add(claimLease), now)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c claimed
			var interval int
			if err := rows.Scan(&c.id, &c.name, &c.url, &interval, &c.etag, &c.lastModified, &c.errors); err != nil {
				return err
			}
			c.interval = time.Duration(interval) * time.Second
			out = append(out, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("monitor: claim feeds: %w", err)
	}
	return out, nil
}

// Run polls due feeds every Tick until ctx ends.
func (s *Service) Run(ctx context.Context) {
	every := s.Tick
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := s.Once(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("monitor: poll round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Once polls every feed due now and reports how many it polled. A feed
// that fails is recorded on the feed; only trouble with the database
// itself ends the round with an error.
func (s *Service) Once(ctx context.Context) (int, error) {
	polled := 0
	for ctx.Err() == nil {
		feeds, err := s.claim(ctx, s.now())
		if err != nil {
			return polled, err
		}
		for _, f := range feeds {
			s.poll(ctx, f)
			polled++
		}
		if len(feeds) < claimBatch {
			break
		}
	}
	return polled, ctx.Err()
}

// PollNow polls one feed at once, whether due or not, for the console's
// "poll now" button, and returns what came of it.
func (s *Service) PollNow(ctx context.Context, p *auth.Principal, id int64) (Result, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return Result{}, err
	}
	now := s.now()
	var c claimed
	var interval int
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `UPDATE feeds SET next_poll_at = $1, last_polled_at = $2 WHERE id = $3
			RETURNING id, name, url, interval_s, etag, last_modified, error_count`, now.Add(claimLease), now, id).
			Scan(&c.id, &c.name, &c.url, &interval, &c.etag, &c.lastModified, &c.errors)
		if err == sql.ErrNoRows {
			return errNoFeed
		} else if err != nil {
			return fmt.Errorf("monitor: poll now: %w", err)
		}
		return s.audit(ctx, tx, p, now, "feed.poll", id, "")
	})
	if err != nil {
		return Result{}, err
	}
	c.interval = time.Duration(interval) * time.Second
	return s.poll(ctx, c), nil
}

// Result is what one poll of a feed came to.
type Result struct {
	New         int    // items stored
	NotModified bool   // the server answered 304
	Error       string // as recorded on the feed; "" on success
}

// poll fetches, parses and stores one feed and records the outcome on it.
// Nothing a feed serves may stop the poller: a panic in parsing is caught
// here and recorded like any other failure.
func (s *Service) poll(ctx context.Context, f claimed) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			s.Log.Error("monitor: panic polling feed", "feed_id", f.id, "panic", p, "stack", string(debug.Stack()))
			res = Result{Error: "内部错误: 处理该订阅源时出现异常"}
			s.recordFailure(ctx, f, res.Error)
		}
	}()
	got, err := s.fetch(ctx, f)
	if err == nil && got.notModified {
		return Result{NotModified: true, Error: s.recordSuccess(ctx, f, got, nil).Error}
	}
	var items []item
	if err == nil {
		items, err = parseFeed(got.body, got.contentType, f.url)
	}
	if err != nil {
		res.Error = describe(err)
		// Shutting down is not the feed's fault: leave its error count
		// alone; the claim runs out and the next process polls it.
		if ctx.Err() == nil {
			s.recordFailure(ctx, f, res.Error)
		}
		return res
	}
	return s.recordSuccess(ctx, f, got, items)
}

// backoff is the wait after the n-th failure in a row: the interval
// doubled per failure, so a site that is down is asked less and less
// often, but at least once a day.
func backoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for i := 0; i < failures && d < MaxInterval; i++ {
		d *= 2
	}
	return min(d, MaxInterval)
}

func (s *Service) recordFailure(ctx context.Context, f claimed, msg string) {
	now := s.now()
	next := now.Add(backoff(f.interval, f.errors+1))
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE feeds SET last_error = $1, error_count = error_count + 1, next_poll_at = $2, last_polled_at = $3 WHERE id = $4`,
			msg, next, now, f.id)
		return err
	})
	if err != nil && ctx.Err() == nil {
		s.Log.Error("monitor: record feed failure", "feed_id", f.id, "err", err)
	}
	s.Log.Warn("monitor: feed failed", "feed_id", f.id, "feed", f.name, "error", msg, "failures", f.errors+1)
}
