package debunk_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"qinglang/internal/outbox"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// member is an alliance member's webhook endpoint: it checks the
// signature with its secret and keeps the events in arrival order,
// dropping repeats by Idempotency-Key.
type member struct {
	mu     sync.Mutex
	secret []byte
	down   bool
	seen   map[string]bool
	events []string // "event slug"
	bad    int
}

func (m *member) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	}
	if err := outbox.Verify(m.secret, r.Header, body, time.Now(), 5*time.Minute); err != nil {
		m.bad++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p struct {
		Event   string `json:"event"`
		Article struct {
			Slug   string `json:"slug"`
			URL    string `json:"url"`
			Claims []struct{ Claim, Verdict string }
		} `json:"article"`
	}
	if err := json.Unmarshal(body, &p); err != nil || len(p.Article.Claims) == 0 || !strings.HasPrefix(p.Article.URL, "https://piyao.example.gov.cn/articles/") {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	if key := r.Header.Get(outbox.HeaderKey); !m.seen[key] {
		m.seen[key] = true
		m.events = append(m.events, p.Event+" "+p.Article.Slug)
	}
}

func (m *member) setDown(v bool) { m.mu.Lock(); m.down = v; m.mu.Unlock() }

func (m *member) got() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.events...)
}

func TestDeliveryToMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		a, b := &member{seen: map[string]bool{}}, &member{seen: map[string]bool{}}
		sa, sb := httptest.NewServer(a), httptest.NewServer(b)
		defer sa.Close()
		defer sb.Close()
		_, secA := d.unit("member_a", sa.URL+"/hook")
		_, secB := d.unit("member_b", sb.URL+"/hook")
		a.secret, b.secret = []byte(secA), []byte(secB)
		if secA == "" || secA == secB {
			t.Fatalf("secrets %q %q", secA, secB)
		}

		var mu sync.Mutex
		clock := time.Now()
		now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
		advance := func() { mu.Lock(); clock = clock.Add(2 * time.Second); mu.Unlock() }
		w := &outbox.Worker{DB: db, Now: now, Secret: d.s.UnitSecret, Backoff: []time.Duration{time.Second},
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}

		first := d.publish("第一篇")
		if _, err := w.Once(ctx); err != nil {
			t.Fatal(err)
		}
		// Member B goes down; events keep coming.
		b.setDown(true)
		if err := d.s.Correct(ctx, d.editor, first, "更正数据", ""); err != nil {
			t.Fatal(err)
		}
		second := d.publish("第二篇")
		if err := d.s.Retract(ctx, d.editor, first, "撤回原因"); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			advance()
			w.Once(ctx)
		}
		b.setDown(false)
		for range 5 {
			advance()
			w.Once(ctx)
		}
		fa, _ := d.s.Get(ctx, first)
		sc, _ := d.s.Get(ctx, second)
		want := []string{"article.published " + fa.Slug, "article.corrected " + fa.Slug, "article.published " + sc.Slug, "article.retracted " + fa.Slug}
		for name, m := range map[string]*member{"a": a, "b": b} {
			if got := m.got(); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("member %s got %v, want %v", name, got, want)
			}
			if m.bad != 0 {
				t.Errorf("member %s: %d badly signed deliveries", name, m.bad)
			}
		}
		if n := d.count(`SELECT count(*) FROM outbox WHERE delivered_at IS NULL`); n != 0 {
			t.Errorf("%d events undelivered", n)
		}
	})
}
