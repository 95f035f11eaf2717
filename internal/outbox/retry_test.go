package outbox_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/outbox"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// A receiver that is down costs attempts, not the event: once it listens
// again on the same address the event arrives.
func TestReceiverDownThenUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close() // down: connections are refused
		w := newWorker(db, clk.Now)
		id := enqueue(t, db, clk.Now(), event("notice:9:created", "platform:12", "http://"+addr+"/hook"))

		var last time.Time
		for i, wait := range []time.Duration{0, time.Second, 2 * time.Second} {
			clk.Add(wait)
			if n, err := w.Once(ctx); n != 0 || err != nil {
				t.Fatalf("round %d: delivered %d, %v", i, n, err)
			}
			it := item(t, db, "platform:12", id)
			if it.Attempts != i+1 || it.LastError == "" || !it.NextAttemptAt.After(last) || !it.DeadAt.IsZero() {
				t.Fatalf("round %d: %+v", i, it)
			}
			last = it.NextAttemptAt
		}
		if want := clk.Now().Add(4 * time.Second); !last.Equal(want) {
			t.Fatalf("third backoff: next attempt %v, want %v", last, want)
		}
		if n, _ := w.Once(ctx); n != 0 {
			t.Fatal("retried before the backoff ran out")
		}
		as, _ := outbox.Attempts(ctx, db, id)
		for _, a := range as {
			if a.Status != 0 || a.Error == "" {
				t.Fatalf("attempt against a closed port: %+v", a)
			}
		}

		rc := newReceiver(t, clk.Now)
		ln, err = net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("listen again on %s: %v", addr, err)
		}
		srv := httptest.NewUnstartedServer(rc)
		srv.Listener.Close()
		srv.Listener = ln
		srv.Start()
		defer srv.Close()
		clk.Add(4 * time.Second)
		if n, err := w.Once(ctx); n != 1 || err != nil {
			t.Fatalf("receiver back: delivered %d, %v", n, err)
		}
		if keys, d := rc.counts(); keys != 1 || d != 1 {
			t.Fatalf("receiver saw %d keys, %d deliveries", keys, d)
		}
	})
}

// Past GiveUp the event is a dead letter; Resend gives it one more go.
func TestGiveUpAndResend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		rc := newReceiver(t, clk.Now)
		rc.answer = func(int) int { return http.StatusServiceUnavailable }
		srv := rc.serve()
		w := newWorker(db, clk.Now)
		w.GiveUp = time.Hour
		id := enqueue(t, db, clk.Now(), event("alert:3", "unit:3", srv.URL))
		w.Once(ctx)
		clk.Add(2 * time.Hour)
		w.Once(ctx)
		dead, err := outbox.DeadLetters(ctx, db, 10)
		if err != nil || len(dead) != 1 || dead[0].ID != id || dead[0].Attempts != 2 || dead[0].DeadAt.IsZero() {
			t.Fatalf("dead letters %+v, %v", dead, err)
		}
		clk.Add(time.Hour)
		if n, _ := w.Once(ctx); n != 0 {
			t.Fatal("a dead event was retried")
		}
		if err := outbox.Resend(ctx, db, id+1000, clk.Now()); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("resend of an unknown event: %v", err)
		}

		rc.mu.Lock()
		rc.answer = nil
		rc.mu.Unlock()
		if err := outbox.Resend(ctx, db, id, clk.Now()); err != nil {
			t.Fatal(err)
		}
		if n, err := w.Once(ctx); n != 1 || err != nil {
			t.Fatalf("after resend: delivered %d, %v", n, err)
		}
		it := item(t, db, "unit:3", id)
		if it.Attempts != 3 || it.DeliveredAt.IsZero() || !it.DeadAt.IsZero() {
			t.Fatalf("after resend: %+v", it)
		}
		if err := outbox.Resend(ctx, db, id, clk.Now()); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("resend of a delivered event: %v", err)
		}
	})
}

func TestGoneIsDeadAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := newClock()
		rc := newReceiver(t, clk.Now)
		rc.answer = func(int) int { return http.StatusGone }
		srv := rc.serve()
		w := newWorker(db, clk.Now)
		id := enqueue(t, db, clk.Now(), event("notice:10:created", "platform:5", srv.URL))
		w.Once(ctx)
		clk.Add(time.Hour)
		w.Once(ctx)
		it := item(t, db, "platform:5", id)
		if it.DeadAt.IsZero() || it.Attempts != 1 {
			t.Fatalf("after 410: %+v", it)
		}
		if _, d := rc.counts(); d != 1 {
			t.Fatalf("receiver that said 410 got %d deliveries", d)
		}
	})
}
