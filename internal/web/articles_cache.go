package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// renderCache keeps rendered public pages and feeds in memory. Everything
// in it was rendered at one state of the debunk articles (their
// LastChange): when that moves on, the whole cache is dropped at once, so
// a correction or a retraction shows on the next request.
type renderCache struct {
	mu      sync.RWMutex
	stamp   time.Time
	entries map[string]cached

	// The last LastChange read and when it was read (see debunkStamp).
	seen, seenAt time.Time
}

// stampTTL is how long a LastChange read stands for the current state.
const stampTTL = time.Second

func (c *renderCache) recentStamp(now time.Time) (time.Time, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.seen, !c.seenAt.IsZero() && now.Sub(c.seenAt) < stampTTL
}

func (c *renderCache) noteStamp(t, now time.Time) {
	c.mu.Lock()
	c.seen, c.seenAt = t, now
	c.mu.Unlock()
}

// forgetStamp makes the next request read LastChange again: this server
// just changed an article.
func (c *renderCache) forgetStamp() {
	c.mu.Lock()
	c.seenAt = time.Time{}
	c.mu.Unlock()
}

// cached is one rendered answer with its validator.
type cached struct {
	body  []byte
	ctype string
	etag  string
}

// maxCached bounds the cache: a crawler walking every filter of the list
// must not grow it without end. Past it, answers are rendered uncached.
const maxCached = 4096

func (c *renderCache) get(stamp time.Time, key string) (cached, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if !c.stamp.Equal(stamp) {
		return cached{}, false
	}
	e, ok := c.entries[key]
	return e, ok
}

func (c *renderCache) put(stamp time.Time, key string, e cached) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stamp.Equal(stamp) {
		if stamp.Before(c.stamp) {
			return // rendered from an older state than the cache holds
		}
		c.stamp, c.entries = stamp, map[string]cached{}
	}
	if c.entries == nil {
		c.entries = map[string]cached{}
	}
	if len(c.entries) < maxCached {
		c.entries[key] = e
	}
}

func newCached(body []byte, ctype string, stamp time.Time) cached {
	sum := sha256.Sum256(body)
	return cached{body: body, ctype: ctype,
		etag: `"` + hex.EncodeToString(sum[:8]) + "-" + strconv.FormatInt(stamp.UnixNano(), 36) + `"`}
}

// serveCached answers with a cached body, or 304 when the client's copy
// (If-None-Match, or If-Modified-Since against the articles' last change)
// is still good.
func serveCached(w http.ResponseWriter, r *http.Request, e cached, modified time.Time, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", e.ctype)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", e.etag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	if notModified(r, e.etag, modified) {
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(e.body)
	}
}

// notModified applies RFC 9110: If-None-Match wins over If-Modified-Since.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range splitETags(inm) {
			if t == "*" || t == etag || t == "W/"+etag {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !modified.IsZero() {
		t, err := http.ParseTime(ims)
		return err == nil && !modified.Truncate(time.Second).After(t)
	}
	return false
}

func splitETags(s string) []string {
	var out []string
	for _, f := range bytes.Split([]byte(s), []byte(",")) {
		if t := string(bytes.TrimSpace(f)); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// renderBytes executes a portal page into bytes, for the cache.
func (s *Server) renderBytes(page string, v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages.tmpl[page].ExecuteTemplate(&buf, "layout", v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
