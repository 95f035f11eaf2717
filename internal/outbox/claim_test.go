package outbox_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// Two workers (two serve processes on one PostgreSQL) share the queue
// without delivering an event twice: the receiver always answers 200, so
// any second delivery would be a double claim.
func TestTwoWorkersNeverShareAnEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		rc := newReceiver(t, time.Now)
		rc.delay = time.Millisecond // keep deliveries in flight long enough to overlap
		srv := rc.serve()
		const events = 300
		for i := range events {
			enqueue(t, db, time.Now(), event(fmt.Sprintf("e%d", i), fmt.Sprintf("platform:%d", i%7), srv.URL))
		}
		var wg sync.WaitGroup
		total := make([]int, 2)
		for i := range total {
			w := newWorker(db, nil)
			w.Concurrency = 4
			wg.Go(func() {
				for range 40 {
					n, err := w.Once(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					total[i] += n
					if keys, _ := rc.counts(); keys == events {
						return
					}
				}
			})
		}
		wg.Wait()
		keys, deliveries := rc.counts()
		if keys != events || deliveries != events || rc.overlap != 0 || total[0]+total[1] != events {
			t.Fatalf("%d keys, %d deliveries, %d overlapping, workers delivered %v; want %d of each, no overlap",
				keys, deliveries, rc.overlap, total, events)
		}
		if db.Dialect == store.Postgres && (total[0] == 0 || total[1] == 0) {
			t.Logf("one worker took everything (%v): the claim race was not exercised this run", total)
		}
	})
}
