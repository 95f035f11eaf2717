package main

import (
	"context"
	"database/sql"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"qinglang/internal/outbox"
	"qinglang/internal/store"
)

// TestOutboxDeliversAfterKill is the outbox's promise: an event committed
// before a crash is delivered after the restart. The event is written
// straight into the database with the server stopped, as a notice's
// transaction would have, so the test needs no domain code.
func TestOutboxDeliversAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "qinglang")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	t.Run("receiver down, killed after a failed attempt", func(t *testing.T) {
		data, addr, hookAddr := t.TempDir(), freeAddr(t), freeAddr(t)
		db := openOutbox(t, data, "kill:down", "http://"+hookAddr+"/hook")
		srv := startServer(t, bin, data, addr)
		waitFor(t, "a failed attempt", func() bool { return count(t, db, `SELECT count(*) FROM outbox_attempts WHERE error <> ''`) > 0 })
		srv.Process.Kill()
		srv.Wait()

		rc := startHook(t, hookAddr, 0)
		startServer(t, bin, data, addr)
		waitFor(t, "delivery", func() bool { return count(t, db, `SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL`) == 1 })
		time.Sleep(1500 * time.Millisecond) // room for a wrong second delivery
		if keys, n := rc.counts(); keys != 1 || n != 1 {
			t.Fatalf("receiver saw %d keys in %d deliveries, want 1 in 1", keys, n)
		}
	})

	t.Run("killed with the delivery in flight", func(t *testing.T) {
		data, addr, hookAddr := t.TempDir(), freeAddr(t), freeAddr(t)
		db := openOutbox(t, data, "kill:inflight", "http://"+hookAddr+"/hook")
		rc := startHook(t, hookAddr, 2*time.Second)
		srv := startServer(t, bin, data, addr)
		waitFor(t, "the delivery to start", func() bool { _, n := rc.counts(); return n > 0 })
		srv.Process.Kill()
		srv.Wait()
		if count(t, db, `SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL`) != 0 {
			t.Fatal("marked delivered before the receiver answered")
		}

		startServer(t, bin, data, addr)
		waitFor(t, "delivery", func() bool { return count(t, db, `SELECT count(*) FROM outbox WHERE delivered_at IS NOT NULL`) == 1 })
		keys, n := rc.counts()
		if keys != 1 || n < 2 {
			t.Fatalf("receiver saw %d keys in %d deliveries, want 1 key redelivered", keys, n)
		}
		t.Logf("in-flight delivery: %d deliveries of the one key after SIGKILL and restart", n)
	})
}

// openOutbox creates the database and commits one event for the receiver
// at url; the returned handle reads alongside the server (WAL).
func openOutbox(t *testing.T, data, key, url string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "qinglang.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		_, err := outbox.Enqueue(ctx, tx, time.Now(), outbox.Event{Topic: "notice.created", Key: key,
			Target: "test:kill", URL: url, Payload: []byte(`{"notice":{"id":1}}`)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func count(t *testing.T, db *store.DB, query string) (n int) {
	t.Helper()
	if err := db.Read().QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}

// hook is a receiver that counts deliveries per Idempotency-Key on arrival,
// before it answers, as a receiver that acts and then crashes would.
type hook struct {
	mu   sync.Mutex
	keys map[string]int
}

func startHook(t *testing.T, addr string, delay time.Duration) *hook {
	t.Helper()
	h := &hook{keys: map[string]int{}}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.keys[r.Header.Get(outbox.HeaderKey)]++
		h.mu.Unlock()
		time.Sleep(delay)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return h
}

func (h *hook) counts() (keys, deliveries int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, n := range h.keys {
		deliveries += n
	}
	return len(h.keys), deliveries
}
