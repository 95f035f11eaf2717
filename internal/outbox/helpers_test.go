package outbox_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"qinglang/internal/outbox"
	"qinglang/internal/store"
)

var secret = []byte("s3cret-of-platform-12")

// clock is a settable time, so backoff and give-up can be tested without
// waiting for them.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now().UTC().Truncate(time.Second)} }

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// receiver is a webhook endpoint as a careful platform writes one: it
// checks the signature, then dedupes by Idempotency-Key.
type receiver struct {
	t     *testing.T
	now   func() time.Time
	mu    sync.Mutex
	keys  map[string]int // deliveries per key
	order []int64        // delivery ids in arrival order
	bad   int            // deliveries refused for their signature
	// answer chooses the status for the n-th delivery (from 1); nil: 200.
	answer   func(n int) int
	inFlight map[string]bool
	overlap  int // a key delivered while its previous delivery was still running
	delay    time.Duration
}

func newReceiver(t *testing.T, now func() time.Time) *receiver {
	return &receiver{t: t, now: now, keys: map[string]int{}, inFlight: map[string]bool{}}
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	key := r.Header.Get(outbox.HeaderKey)
	if err := outbox.Verify(secret, r.Header, body, rc.now(), 5*time.Minute); err != nil {
		rc.mu.Lock()
		rc.bad++
		rc.mu.Unlock()
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	rc.mu.Lock()
	if rc.inFlight[key] {
		rc.overlap++
	}
	rc.inFlight[key] = true
	rc.keys[key]++
	id, _ := strconv.ParseInt(r.Header.Get(outbox.HeaderDelivery), 10, 64)
	rc.order = append(rc.order, id)
	n := 0
	for _, c := range rc.keys {
		n += c
	}
	status := http.StatusOK
	if rc.answer != nil {
		status = rc.answer(n)
	}
	rc.mu.Unlock()
	time.Sleep(rc.delay)
	rc.mu.Lock()
	delete(rc.inFlight, key)
	rc.mu.Unlock()
	w.WriteHeader(status)
}

// counts returns distinct keys and deliveries.
func (rc *receiver) counts() (keys, deliveries int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, c := range rc.keys {
		deliveries += c
	}
	return len(rc.keys), deliveries
}

func (rc *receiver) serve() *httptest.Server {
	s := httptest.NewServer(rc)
	rc.t.Cleanup(s.Close)
	return s
}

func newWorker(db *store.DB, now func() time.Time) *outbox.Worker {
	return &outbox.Worker{DB: db, Now: now, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Secret:  func(context.Context, string) ([]byte, error) { return secret, nil },
		Backoff: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}}
}

func enqueue(t *testing.T, db *store.DB, now time.Time, e outbox.Event) int64 {
	t.Helper()
	var id int64
	err := db.Write(context.Background(), func(tx *sql.Tx) (err error) {
		id, err = outbox.Enqueue(context.Background(), tx, now, e)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func event(key, target, url string) outbox.Event {
	return outbox.Event{Topic: "notice.created", Key: key, Target: target, URL: url,
		Payload: []byte(`{"notice":{"id":7,"title":"网传“邕江大桥裂缝”谣言帖","deadline":"2026-03-02T18:00:00+08:00"}}`)}
}

func item(t *testing.T, db *store.DB, target string, id int64) outbox.Item {
	t.Helper()
	items, err := outbox.Recent(context.Background(), db, target, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.ID == id {
			return it
		}
	}
	t.Fatalf("event %d not listed for %s", id, target)
	return outbox.Item{}
}
