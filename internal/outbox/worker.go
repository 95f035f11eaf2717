package outbox

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"qinglang/internal/store"
)

const (
	// batchSize bounds one claim, so one round's work stays well inside
	// the lock it takes.
	batchSize = 100
	// lockFor is how long a claim keeps other processes off an event. A
	// process killed mid-round leaves its claims locked this long on
	// PostgreSQL; on SQLite Run clears them at start.
	lockFor = 2 * time.Minute
	// requestTimeout bounds one delivery: a receiver that hangs costs
	// this much, not the whole round.
	requestTimeout = 10 * time.Second
)

// defaultBackoff spaces retries so a receiver that is down for minutes is
// retried quickly once back, and one down for a weekend is not hammered.
var defaultBackoff = []time.Duration{5 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute}

// Worker delivers due events. Several processes sharing PostgreSQL may run
// one each: claims keep them off each other's events.
type Worker struct {
	DB     *store.DB
	Client *http.Client // nil: 10 s timeout, redirects not followed
	Log    *slog.Logger
	Now    func() time.Time
	// Secret returns a target's signing secret. It is asked at delivery,
	// not at enqueue, so a rotated secret applies to events already
	// queued. An empty secret sends the event unsigned.
	Secret      func(ctx context.Context, target string) ([]byte, error)
	Poll        time.Duration   // between looks for due events when not kicked; 0 means 1 s
	Backoff     []time.Duration // delay after the n-th failure; the last repeats
	GiveUp      time.Duration   // age after which a failing event is dead; 0 means 48 h
	Concurrency int             // targets delivered in parallel; 0 means 8

	initOnce sync.Once
	kick     chan struct{}
	client   *http.Client
	slots    chan struct{} // one per delivery running, up to Concurrency
	mu       sync.Mutex
	busy     map[string]bool // targets being delivered to now
}

func (w *Worker) init() {
	w.initOnce.Do(func() {
		w.kick = make(chan struct{}, 1)
		w.slots = make(chan struct{}, w.concurrency())
		w.busy = map[string]bool{}
		w.client = w.Client
		if w.client == nil {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.MaxIdleConnsPerHost = w.concurrency()
			w.client = &http.Client{Timeout: requestTimeout, Transport: t,
				// A redirected POST turns into a GET in net/http: better a
				// failed attempt the operator sees than a silent GET.
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		}
	})
}

// Kick asks for a round now; call it after committing a transaction that
// enqueued. It never blocks: a kick pending already covers this one.
func (w *Worker) Kick() {
	w.init()
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Run delivers until ctx ends: a round at once, then whenever kicked (a
// commit, a target done) or every Poll. A full batch means more may be
// due, so it goes on at once. It returns when its deliveries have ended.
func (w *Worker) Run(ctx context.Context) {
	w.init()
	var wg sync.WaitGroup
	defer wg.Wait()
	var delivered atomic.Int64 // Run tells of deliveries in the log, one line each
	if w.DB.Dialect == store.SQLite {
		// Only this process delivers from a SQLite file, so any claim left
		// is from a process that died mid-round: redeliver now, not in 2 min.
		if err := releaseAll(ctx, w.DB); err != nil {
			w.Log.Error("outbox: release stale claims", "err", err)
		}
	}
	t := time.NewTicker(w.poll())
	defer t.Stop()
	for {
		claimed, err := w.round(ctx, &wg, &delivered)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			w.Log.Error("outbox round failed", "err", err)
		} else if claimed == batchSize {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-w.kick:
		case <-t.C:
		}
	}
}

// Once runs one round to its end and reports how many events it
// delivered; for tests and tools, not alongside Run on the same Worker.
func (w *Worker) Once(ctx context.Context) (delivered int, err error) {
	w.init()
	var wg sync.WaitGroup
	var n atomic.Int64
	_, err = w.round(ctx, &wg, &n)
	wg.Wait()
	return int(n.Load()), err
}

func (w *Worker) now() time.Time {
	if w.Now != nil {
		return w.Now().UTC()
	}
	return time.Now().UTC()
}

func (w *Worker) poll() time.Duration { return orDefault(w.Poll, time.Second) }

func (w *Worker) giveUp() time.Duration { return orDefault(w.GiveUp, 48*time.Hour) }

func (w *Worker) concurrency() int {
	if w.Concurrency > 0 {
		return w.Concurrency
	}
	return 8
}

// backoff is the delay after an event's n-th failed attempt (n from 1).
func (w *Worker) backoff(n int) time.Duration {
	b := w.Backoff
	if len(b) == 0 {
		b = defaultBackoff
	}
	return b[min(max(n-1, 0), len(b)-1)]
}

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
