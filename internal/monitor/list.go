package monitor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Feed is a monitored RSS or Atom source with its polling state.
type Feed struct {
	ID           int64
	Name, URL    string
	Interval     time.Duration
	NextPollAt   time.Time
	LastPolledAt *time.Time
	LastOKAt     *time.Time
	LastError    string // short and human, shown to editors as is
	ErrorCount   int
	Disabled     bool
	CreatedAt    time.Time
	Items        int // monitored items stored from it
}

const feedColumns = `id, name, url, interval_s, next_poll_at, last_polled_at, last_ok_at, last_error, error_count, disabled, created_at,
	(SELECT COUNT(*) FROM monitored_items m WHERE m.feed_id = feeds.id)`

// Feeds lists every feed, enabled ones first, by name.
func (s *Service) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.DB.Read().QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY disabled, name, id`)
	if err != nil {
		return nil, fmt.Errorf("monitor: feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FeedByID returns one feed.
func (s *Service) FeedByID(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.DB.Read().QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, errNoFeed
	}
	return f, err
}

func scanFeed(row interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var interval int
	var polled, ok sql.NullTime
	if err := row.Scan(&f.ID, &f.Name, &f.URL, &interval, &f.NextPollAt, &polled, &ok, &f.LastError, &f.ErrorCount, &f.Disabled, &f.CreatedAt, &f.Items); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return f, err
		}
		return f, fmt.Errorf("monitor: read feed: %w", err)
	}
	f.Interval = time.Duration(interval) * time.Second
	if polled.Valid {
		f.LastPolledAt = &polled.Time
	}
	if ok.Valid {
		f.LastOKAt = &ok.Time
	}
	return f, nil
}

// Item is a stored monitored item with the name of where it came from.
type Item struct {
	ID          int64
	Source      string // feed, platform, csv
	FeedID      *int64
	PlatformID  *int64
	From        string // the feed's or platform's name; "" for an import
	ExternalID  string
	URL, Title  string
	Text        string
	Author      string
	PublishedAt *time.Time
	ReceivedAt  time.Time
}

// ItemFilter narrows the item list. Zero values do not filter.
type ItemFilter struct {
	Source     string
	FeedID     int64
	PlatformID int64
	Query      string // words in the title or text
	Before     int64  // items with smaller ids only: the next page
	Limit      int    // 0 means 50
}

// Items lists the latest items, newest first. The text search is a plain
// LIKE scan: editors use it on recent items, which the id order reaches
// first, and matching proper is the rumor engine's work.
func (s *Service) Items(ctx context.Context, f ItemFilter) ([]Item, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.Source != "" {
		add("m.source = ?", f.Source)
	}
	if f.FeedID > 0 {
		add("m.feed_id = ?", f.FeedID)
	}
	if f.PlatformID > 0 {
		add("m.platform_id = ?", f.PlatformID)
	}
	if f.Before > 0 {
		add("m.id < ?", f.Before)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		add(`(m.title LIKE ? ESCAPE '\' OR m.text LIKE ? ESCAPE '\')`, "%"+likeEscape(q)+"%")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	q := `SELECT m.id, m.source, m.feed_id, m.platform_id, COALESCE(fd.name, p.name, ''), m.external_id, m.url, m.title, m.text, m.author,
		m.published_at, m.received_at FROM monitored_items m LEFT JOIN feeds fd ON fd.id = m.feed_id LEFT JOIN platforms p ON p.id = m.platform_id`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += fmt.Sprintf(" ORDER BY m.id DESC LIMIT %d", limit)
	rows, err := s.DB.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("monitor: items: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		var it Item
		var feed, plat sql.NullInt64
		var pub sql.NullTime
		if err := rows.Scan(&it.ID, &it.Source, &feed, &plat, &it.From, &it.ExternalID, &it.URL, &it.Title, &it.Text, &it.Author,
			&pub, &it.ReceivedAt); err != nil {
			return nil, fmt.Errorf("monitor: items: %w", err)
		}
		if feed.Valid {
			it.FeedID = &feed.Int64
		}
		if plat.Valid {
			it.PlatformID = &plat.Int64
		}
		if pub.Valid {
			it.PublishedAt = &pub.Time
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// likeEscape makes the user's % and _ literal in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
