// Package monitor brings outside content in for monitoring (巡查监测):
// RSS and Atom feeds polled on a schedule, and CSV files of items an
// editor uploads. Everything lands in monitored_items, and OnItems tells
// the rumor matching what arrived.
package monitor

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// The bounds of a feed's polling interval: often enough to catch a rumor
// on its first day, rarely enough not to burden a small site.
const (
	MinInterval = 5 * time.Minute
	MaxInterval = 24 * time.Hour
)

// Service keeps the feed registry, polls feeds and imports items.
type Service struct {
	DB     *store.DB
	Log    *slog.Logger
	Client *http.Client // nil: 15 s timeout, at most 5 redirects
	// OnItems is told the ids of newly stored items, after their
	// transaction committed. It runs in the poller's goroutine (or the
	// importing request's), so it should hand heavy work off.
	OnItems func(ctx context.Context, ids []int64)
	Tick    time.Duration // between looks for due feeds; 0 means 30 s
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// FeedInput is what an editor sets on a feed.
type FeedInput struct {
	Name, URL string
	Interval  time.Duration
}

func (in *FeedInput) check() error {
	in.Name, in.URL = strings.TrimSpace(in.Name), strings.TrimSpace(in.URL)
	var errs []apperr.FieldError
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 100 {
		errs = append(errs, apperr.Field("name", "invalid", "请填写名称（100 字以内）", "Give a name of at most 100 characters"))
	}
	if u, err := url.Parse(in.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.URL) > 2048 {
		errs = append(errs, apperr.Field("url", "invalid", "须为 http:// 或 https:// 开头的完整地址", "Must be a full http:// or https:// address"))
	}
	if in.Interval < MinInterval || in.Interval > MaxInterval {
		errs = append(errs, apperr.Field("interval", "range", "抓取间隔须在 5 分钟到 1 天（1440 分钟）之间", "The interval must be between 5 minutes and 1 day (1440 minutes)"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

var (
	errNoFeed    = apperr.New(apperr.NotFound, "订阅源不存在", "No such feed")
	errDuplicate = apperr.Fields(apperr.Field("url", "duplicate", "该地址已登记为订阅源", "This address is already a feed"))
)

// AddFeed registers a feed; it is first polled at once.
func (s *Service) AddFeed(ctx context.Context, p *auth.Principal, in FeedInput) (int64, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return 0, err
	}
	if err := in.check(); err != nil {
		return 0, err
	}
	now := s.now()
	var id int64
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO feeds (name, url, interval_s, next_poll_at, created_at) VALUES ($1,$2,$3,$4,$4) RETURNING id`,
			in.Name, in.URL, int(in.Interval/time.Second), now).Scan(&id); err != nil {
			return err
		}
		return s.audit(ctx, tx, p, now, "feed.add", id, in.Name+" "+in.URL)
	})
	return id, s.writeErr(err)
}

// UpdateFeed changes a feed's name, address or interval. A new address
// starts afresh: the old one's validators and errors do not apply to it.
func (s *Service) UpdateFeed(ctx context.Context, p *auth.Principal, id int64, in FeedInput) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	now := s.now()
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET name = $1, interval_s = $2,
			etag = CASE WHEN url = $3 THEN etag ELSE '' END, last_modified = CASE WHEN url = $3 THEN last_modified ELSE '' END,
			error_count = CASE WHEN url = $3 THEN error_count ELSE 0 END, last_error = CASE WHEN url = $3 THEN last_error ELSE '' END,
			next_poll_at = CASE WHEN url = $3 THEN next_poll_at ELSE $4 END, url = $3 WHERE id = $5`,
			in.Name, int(in.Interval/time.Second), in.URL, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoFeed
		}
		return s.audit(ctx, tx, p, now, "feed.update", id, fmt.Sprintf("%s %s 每 %d 分钟", in.Name, in.URL, int(in.Interval/time.Minute)))
	})
	return s.writeErr(err)
}

// SetDisabled stops or resumes polling a feed. Resuming polls it at once
// with a clean error count.
func (s *Service) SetDisabled(ctx context.Context, p *auth.Principal, id int64, disabled bool) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	now := s.now()
	action := map[bool]string{true: "feed.disable", false: "feed.enable"}[disabled]
	return s.DB.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET disabled = $1, next_poll_at = $2, error_count = 0 WHERE id = $3`, disabled, now, id)
		if err != nil {
			return fmt.Errorf("monitor: disable feed: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoFeed
		}
		return s.audit(ctx, tx, p, now, action, id, "")
	})
}

func (s *Service) audit(ctx context.Context, tx *sql.Tx, p *auth.Principal, now time.Time, action string, id int64, detail string) error {
	return audit.Append(ctx, tx, s.DB.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
		Action: action, Target: fmt.Sprintf("feed:%d", id), Detail: detail})
}

func (s *Service) writeErr(err error) error {
	switch {
	case err == nil:
		return nil
	case store.IsUniqueViolation(err):
		return errDuplicate
	}
	if _, ok := apperr.As(err); ok {
		return err
	}
	return fmt.Errorf("monitor: save feed: %w", err)
}
