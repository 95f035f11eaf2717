package outbox

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// round claims due events and starts one delivery per target, each
// target's events one after another in id order (a receiver sees a notice
// before its withdrawal). It returns once every target has a slot, not
// when they finish: a slow receiver holds its own slot, not the others'
// next events. wg and delivered collect the deliveries' ends.
func (w *Worker) round(ctx context.Context, wg *sync.WaitGroup, delivered *atomic.Int64) (int, error) {
	start := w.now()
	events, err := claim(ctx, w.DB, start, w.busyTargets())
	if err != nil || len(events) == 0 {
		return 0, err
	}
	// Start no delivery that could still be running when the claim runs
	// out, or another process could take the event while it is in flight.
	deadline := start.Add(lockFor - requestTimeout)
	for _, g := range byTarget(events) {
		target := g[0].ev.Target
		w.setBusy(target, true)
		select {
		case w.slots <- struct{}{}:
		case <-ctx.Done():
			w.giveBack(ctx, g)
			w.setBusy(target, false)
			continue
		}
		wg.Go(func() {
			delivered.Add(int64(w.deliverTarget(ctx, g, deadline)))
			<-w.slots
			w.setBusy(target, false)
			w.Kick() // the target may have more due events, left out of this claim
		})
	}
	return len(events), nil
}

func (w *Worker) setBusy(target string, busy bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if busy {
		w.busy[target] = true
	} else {
		delete(w.busy, target)
	}
}

func (w *Worker) busyTargets() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.busy))
	for t := range w.busy {
		out = append(out, t)
	}
	return out
}

// byTarget splits events (in id order) by target, keeping id order inside
// each group and ordering groups by their first event.
func byTarget(events []claimed) [][]claimed {
	var groups [][]claimed
	at := map[string]int{}
	for _, e := range events {
		i, ok := at[e.ev.Target]
		if !ok {
			i = len(groups)
			at[e.ev.Target] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], e)
	}
	return groups
}

// deliverTarget delivers one target's events in order. After a failure the
// rest wait for the next round instead of overtaking the failed one or
// each paying a timeout against a receiver that is down.
func (w *Worker) deliverTarget(ctx context.Context, events []claimed, deadline time.Time) int {
	secret, serr := w.secret(ctx, events[0].ev.Target)
	delivered := 0
	for i, e := range events {
		if ctx.Err() != nil || w.now().After(deadline) {
			w.giveBack(ctx, events[i:])
			return delivered
		}
		switch w.deliver(ctx, e, secret, serr) {
		case ok:
			delivered++
			continue
		case aborted:
			w.giveBack(ctx, events[i:])
		case failed:
			w.giveBack(ctx, events[i+1:])
		}
		return delivered
	}
	return delivered
}

func (w *Worker) secret(ctx context.Context, target string) ([]byte, error) {
	if w.Secret == nil {
		return nil, nil
	}
	return w.Secret(ctx, target)
}

// giveBack releases events this round will not deliver. It runs even when
// ctx has ended (shutdown), so a restart finds them unlocked.
func (w *Worker) giveBack(ctx context.Context, events []claimed) {
	if len(events) == 0 {
		return
	}
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.id
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := release(ctx, w.DB, ids); err != nil {
		w.Log.Error("outbox: give back claimed events", "ids", ids, "err", err)
	}
}
