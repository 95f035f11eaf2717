package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"qinglang/internal/config"
	"qinglang/internal/outbox"
)

// OutboxOptions says how much an outbox run sends.
type OutboxOptions struct {
	Events        int
	ReceiverDelay time.Duration // how long the receiver takes to answer
	Config        *config.Config
	Log           *slog.Logger
}

// OutboxResult is one run's figures; the JSON names are a contract for
// scripts.
type OutboxResult struct {
	Events          int     `json:"events"`
	DeliveriesPerS  float64 `json:"deliveries_per_s"`
	DelayP50        float64 `json:"delay_p50_ms"`
	DelayP99        float64 `json:"delay_p99_ms"`
	Attempts        int     `json:"attempts"`
	EnqueuePerS     float64 `json:"enqueue_per_s"`
	Seconds         float64 `json:"seconds"`
	ReceiverDelayMS float64 `json:"receiver_delay_ms"`
	Database        string  `json:"database"`
}

// benchTargets spreads events over several receivers' worth of targets,
// as notices to a city's partner platforms are; one target would be
// delivered one event at a time.
const benchTargets = 16

// Outbox enqueues Events events, one per transaction as a notice would,
// from 8 goroutines into a running qinglang, and measures how fast its
// outbox worker delivers them to a loopback receiver that checks every
// signature, and how long each took from commit to arrival.
func Outbox(ctx context.Context, opt OutboxOptions) (*OutboxResult, error) {
	if opt.Events < 1 {
		return nil, fmt.Errorf("bench: events must be at least 1")
	}
	rc := &benchReceiver{secret: []byte("bench-webhook-secret"), delay: opt.ReceiverDelay,
		seen: map[string]bool{}, want: opt.Events, done: make(chan struct{})}
	url, closeRC, err := rc.start()
	if err != nil {
		return nil, err
	}
	defer closeRC()
	a, err := startApp(ctx, opt.Config, opt.Log)
	if err != nil {
		return nil, err
	}
	defer a.stop()
	a.SetOutboxSecrets(func(context.Context, string) ([]byte, error) { return rc.secret, nil })

	var seq atomic.Int64
	start := time.Now()
	took, _, err := drive(ctx, opt.Events, 8, func(ctx context.Context) error {
		i := seq.Add(1)
		now := time.Now()
		payload, _ := json.Marshal(map[string]any{"seq": i, "created_at": now.Format(time.RFC3339Nano)})
		e := outbox.Event{Topic: "notice.created", Key: fmt.Sprintf("bench:%d", i),
			Target: fmt.Sprintf("platform:%d", i%benchTargets), URL: url, Payload: payload}
		err := a.DB.Write(ctx, func(tx *sql.Tx) error {
			_, err := outbox.Enqueue(ctx, tx, now, e)
			return err
		})
		a.Outbox.Kick()
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bench: enqueue: %w", err)
	}
	wait := time.NewTimer(10*time.Minute + time.Duration(opt.Events)*opt.ReceiverDelay)
	defer wait.Stop()
	select {
	case <-rc.done:
	case <-wait.C:
		return nil, fmt.Errorf("bench: only %d of %d events arrived", rc.count(), opt.Events)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	all := rc.last.Sub(start)
	res := &OutboxResult{Events: opt.Events, Database: string(a.DB.Dialect), Seconds: round2(all.Seconds()),
		DeliveriesPerS:  round2(float64(opt.Events) / all.Seconds()),
		EnqueuePerS:     round2(float64(opt.Events) / took.Seconds()),
		DelayP50:        round2(rc.delays.Percentile(50)),
		DelayP99:        round2(rc.delays.Percentile(99)),
		ReceiverDelayMS: round2(float64(opt.ReceiverDelay.Microseconds()) / 1000)}
	// The last arrivals are still being recorded; count attempts once
	// every event is marked delivered.
	for pending, until := 1, time.Now().Add(time.Minute); pending > 0; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(until) {
			return nil, fmt.Errorf("bench: %d events arrived but are not marked delivered", pending)
		}
		if err := a.DB.Read().QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE delivered_at IS NULL`).Scan(&pending); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	if err := a.DB.Read().QueryRowContext(ctx, `SELECT count(*) FROM outbox_attempts`).Scan(&res.Attempts); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	return res, nil
}

// benchReceiver is a webhook endpoint that verifies, dedupes by key and
// notes each event's delay from its commit (created_at in the payload).
type benchReceiver struct {
	secret []byte
	delay  time.Duration
	mu     sync.Mutex
	seen   map[string]bool
	delays Latencies
	last   time.Time
	want   int
	done   chan struct{}
}

func (rc *benchReceiver) start() (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("bench: receiver: %w", err)
	}
	srv := &http.Server{Handler: rc, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/webhook", func() { srv.Close() }, nil
}

func (rc *benchReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	now := time.Now()
	if err := outbox.Verify(rc.secret, r.Header, body, now, 5*time.Minute); err != nil {
		// A 401 is a failed attempt: it shows in the attempts count.
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var p struct {
		CreatedAt time.Time `json:"created_at"`
	}
	json.Unmarshal(body, &p)
	time.Sleep(rc.delay)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if key := r.Header.Get(outbox.HeaderKey); !rc.seen[key] {
		rc.seen[key] = true
		rc.delays = append(rc.delays, now.Sub(p.CreatedAt))
		rc.last = now
		if len(rc.seen) == rc.want {
			close(rc.done)
		}
	}
}

func (rc *benchReceiver) count() int {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return len(rc.seen)
}

// Table is the run as a readable table.
func (r *OutboxResult) Table() *Table {
	t := &Table{Header: []string{"events", "enqueued/s", "delivered/s", "delay p50 ms", "delay p99 ms", "attempts"}}
	t.Add(r.Events, fmt.Sprintf("%.0f", r.EnqueuePerS), fmt.Sprintf("%.0f", r.DeliveriesPerS), r.DelayP50, r.DelayP99, r.Attempts)
	return t
}
