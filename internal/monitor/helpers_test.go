package monitor_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/monitor"
	"qinglang/internal/store"
)

var editor = &auth.Principal{UserID: 1, Username: "editor", Role: auth.Editor}

// site is a loopback web server with one document per path. It answers
// conditional requests the way real servers do and records what it was
// asked, so tests can check the poller sent its validators.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	docs map[string]doc
	seen map[string][]http.Header // requests by path
}

type doc struct {
	body, ctype, etag string
	status            int
}

func newSite(t *testing.T) *site {
	s := &site{docs: map[string]doc{}, seen: map[string][]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		d, ok := s.docs[r.URL.Path]
		s.seen[r.URL.Path] = append(s.seen[r.URL.Path], r.Header.Clone())
		s.mu.Unlock()
		switch {
		case !ok:
			http.NotFound(w, r)
		case d.status != 0:
			w.WriteHeader(d.status)
		case d.etag != "" && r.Header.Get("If-None-Match") == d.etag:
			w.WriteHeader(http.StatusNotModified)
		default:
			if d.etag != "" {
				w.Header().Set("ETag", d.etag)
			}
			w.Header().Set("Content-Type", d.ctype)
			w.Write([]byte(d.body))
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(path, ctype, etag, body string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = doc{body: body, ctype: ctype, etag: etag}
	return s.URL + path
}

func (s *site) fail(path string, status int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = doc{status: status}
	return s.URL + path
}

func (s *site) requests(path string) []http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[path]
}

// clock is the service's time, moved by the tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newService(t *testing.T, db *store.DB) (*monitor.Service, *clock) {
	c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelError}))
	return &monitor.Service{DB: db, Log: log, Now: c.Now}, c
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func addFeed(t *testing.T, s *monitor.Service, name, url string) int64 {
	t.Helper()
	id, err := s.AddFeed(context.Background(), editor, monitor.FeedInput{Name: name, URL: url, Interval: 10 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func feed(t *testing.T, s *monitor.Service, id int64) monitor.Feed {
	t.Helper()
	f, err := s.FeedByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func rss(items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>网信办</title>`)
	for _, it := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>https://news.example.cn/%s</link><guid>%s</guid>
			<description><![CDATA[<p>网传<b>%s</b>&nbsp;消息</p><script>x()</script>]]></description>
			<pubDate>Mon, 02 Mar 2026 09:30:00 +0800</pubDate></item>`, it, it, it, it)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}
