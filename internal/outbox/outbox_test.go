package outbox_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"qinglang/internal/outbox"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// A committed event arrives signed; a redelivery after a lost answer
// carries the same key, so the receiver acts on it once.
func TestCommittedEventArrivesOncePerKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rc := newReceiver(t, time.Now)
		// Processed, but the answer "got lost": the sender must retry.
		rc.answer = func(n int) int { return map[bool]int{true: 500, false: 200}[n == 1] }
		srv := rc.serve()
		w := newWorker(db, nil)
		w.Backoff = []time.Duration{time.Millisecond}
		id := enqueue(t, db, time.Now(), event("notice:7:created", "platform:12", srv.URL))
		if again := enqueue(t, db, time.Now(), event("notice:7:created", "platform:12", srv.URL)); again != id {
			t.Fatalf("same key enqueued twice: ids %d and %d", id, again)
		}
		for range 50 {
			if _, d := rc.counts(); d == 2 {
				break
			}
			if _, err := w.Once(ctx); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Millisecond)
		}
		if keys, deliveries := rc.counts(); keys != 1 || deliveries != 2 || rc.bad != 0 {
			t.Fatalf("receiver saw %d keys in %d deliveries (%d badly signed), want 1 key in 2", keys, deliveries, rc.bad)
		}
		it := item(t, db, "platform:12", id)
		if it.DeliveredAt.IsZero() || it.Attempts != 2 {
			t.Fatalf("after delivery: delivered_at %v, attempts %d", it.DeliveredAt, it.Attempts)
		}
		as, err := outbox.Attempts(ctx, db, id)
		if err != nil || len(as) != 2 || as[0].Status != 500 || as[0].Error == "" || as[1].Status != 200 {
			t.Fatalf("attempts %+v, %v", as, err)
		}
		if n, _ := w.Once(ctx); n != 0 {
			t.Fatalf("a delivered event was delivered again (%d)", n)
		}
	})
}

func TestRolledBackEventNeverArrives(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rc := newReceiver(t, time.Now)
		srv := rc.serve()
		boom := errors.New("the notice failed validation")
		err := db.Write(ctx, func(tx *sql.Tx) error {
			if _, err := outbox.Enqueue(ctx, tx, time.Now(), event("notice:8:created", "platform:12", srv.URL)); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("write: %v", err)
		}
		if n, err := newWorker(db, nil).Once(ctx); n != 0 || err != nil {
			t.Fatalf("delivered %d, %v", n, err)
		}
		if _, d := rc.counts(); d != 0 {
			t.Fatalf("receiver got %d deliveries of a rolled-back event", d)
		}
	})
}

// Each target's events arrive in the order they were enqueued, while
// targets are delivered in parallel; Kick starts a round without waiting
// for the poll.
func TestPerTargetOrderAndKick(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		rc := newReceiver(t, time.Now)
		srv := rc.serve()
		w := newWorker(db, nil)
		w.Poll = time.Hour
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.Run(ctx); close(done) }()
		defer func() { cancel(); <-done }()
		target := map[int64]string{}
		for i := range 30 {
			tg := fmt.Sprintf("platform:%d", i%3)
			target[enqueue(t, db, time.Now(), event(fmt.Sprintf("k%d", i), tg, srv.URL))] = tg
		}
		w.Kick()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if _, d := rc.counts(); d == 30 {
				break
			}
		}
		rc.mu.Lock()
		defer rc.mu.Unlock()
		if len(rc.order) != 30 {
			t.Fatalf("kicked worker delivered %d of 30", len(rc.order))
		}
		per := map[string][]int64{}
		for _, id := range rc.order {
			per[target[id]] = append(per[target[id]], id)
		}
		for tg, ids := range per {
			if !slices.IsSorted(ids) {
				t.Errorf("%s received out of order: %v", tg, ids)
			}
		}
	})
}
