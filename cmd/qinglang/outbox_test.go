package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"qinglang/internal/config"
	"qinglang/internal/outbox"
	"qinglang/internal/pii"
	"qinglang/internal/store"
)

// TestOutboxDeliversAfterKill is the outbox's promise: an event committed
// before a crash is delivered after the restart. The event is written
// straight into the database with the server stopped, as a notice's
// transaction would have, for a platform whose webhook secret is sealed
// with the server's key: the receiver checks the signature the server makes.
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

// openOutbox creates the database, a platform with a webhook secret and
// one committed event for it; the returned handle reads alongside the
// server (WAL).
func openOutbox(t *testing.T, data, key, url string) *store.DB {
	t.Helper()
	ctx := context.Background()
	cfg, err := config.Parse("serve", []string{"--data", data}, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	master, err := pii.LoadMaster(cfg.SecretKey, filepath.Join(data, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	keys, err := pii.New(master)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, cfg.Database(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO platforms (code, name, created_at, webhook_url, webhook_secret)
			VALUES ('kill', '测试平台', $1, $2, $3) RETURNING id`, time.Now().UTC(), url, keys.Seal(string(hookSecret))).Scan(&id); err != nil {
			return err
		}
		_, err := outbox.Enqueue(ctx, tx, time.Now(), outbox.Event{Topic: "notice.created", Key: key,
			Target: fmt.Sprintf("platform:%d", id), URL: url, Payload: []byte(`{"notice":{"id":1}}`)})
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

var hookSecret = []byte("whsec_kill-test")

// hook is a receiver that checks signatures and counts deliveries per
// Idempotency-Key on arrival, before it answers, as a receiver that acts
// and then crashes would.
type hook struct {
	t    *testing.T
	mu   sync.Mutex
	keys map[string]int
	bad  int
}

func startHook(t *testing.T, addr string, delay time.Duration) *hook {
	t.Helper()
	h := &hook{t: t, keys: map[string]int{}}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		if err := outbox.Verify(hookSecret, r.Header, body, time.Now(), time.Minute); err != nil {
			h.bad++
			h.mu.Unlock()
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
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
	if h.bad > 0 {
		h.t.Fatalf("%d deliveries failed the signature check", h.bad)
	}
	for _, n := range h.keys {
		deliveries += n
	}
	return len(h.keys), deliveries
}
