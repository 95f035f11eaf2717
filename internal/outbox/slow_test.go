package outbox_test

import (
	"context"
	"testing"
	"time"

	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// A platform whose webhook takes seconds to answer holds its own slot,
// not every other target's new events.
func TestSlowTargetDoesNotHoldOthers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		slow := newReceiver(t, time.Now)
		slow.delay = 700 * time.Millisecond
		slowSrv := slow.serve()
		fast := newReceiver(t, time.Now)
		fastSrv := fast.serve()
		w := newWorker(db, nil)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { w.Run(ctx); close(done) }()
		defer func() { cancel(); <-done }()

		for _, k := range []string{"s1", "s2", "s3"} {
			enqueue(t, db, time.Now(), event(k, "platform:slow", slowSrv.URL))
		}
		w.Kick()
		for _, n := slow.counts(); n == 0; _, n = slow.counts() {
			time.Sleep(5 * time.Millisecond)
		}
		start := time.Now()
		enqueue(t, db, time.Now(), event("f1", "platform:fast", fastSrv.URL))
		w.Kick()
		for _, n := fast.counts(); n == 0; _, n = fast.counts() {
			if time.Since(start) > 5*time.Second {
				t.Fatal("the fast target's event never arrived")
			}
			time.Sleep(5 * time.Millisecond)
		}
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Fatalf("fast target waited %v behind the slow one", took)
		}
		if _, n := slow.counts(); n == 3 {
			t.Fatal("the slow target finished first; the test proves nothing")
		}
	})
}
