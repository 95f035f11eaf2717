package web

import (
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// rateLimiter keeps one token bucket per client and forgets clients that
// have been quiet for a while, so memory stays bounded.
type rateLimiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	clients map[string]*client
	done    chan struct{}
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(perMinute, burst int) *rateLimiter {
	l := &rateLimiter{every: rate.Limit(float64(perMinute) / 60), burst: burst, clients: map[string]*client{}, done: make(chan struct{})}
	if perMinute == 0 {
		l.every = rate.Inf
	}
	go l.sweep()
	return l
}

// allow takes a token for key, or says how long to wait for one.
func (l *rateLimiter) allow(key string) (bool, time.Duration) {
	if l.every == rate.Inf {
		return true, 0
	}
	now := time.Now()
	l.mu.Lock()
	c, ok := l.clients[key]
	if !ok {
		c = &client{lim: rate.NewLimiter(l.every, l.burst)}
		l.clients[key] = c
	}
	c.seen = now
	l.mu.Unlock()
	r := c.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

func (l *rateLimiter) sweep() {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case now := <-t.C:
			l.mu.Lock()
			for k, c := range l.clients {
				if now.Sub(c.seen) > 10*time.Minute {
					delete(l.clients, k)
				}
			}
			l.mu.Unlock()
		}
	}
}

func (l *rateLimiter) stop() { close(l.done) }

func retryAfter(d time.Duration) string {
	return strconv.Itoa(int(d/time.Second) + 1)
}

// failCounter counts failures per client in a fixed window: after max
// failures the client is refused until the window ends. It throttles
// guessing of tracking secrets.
type failCounter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	byKey  map[string]*failWindow
}

type failWindow struct {
	start time.Time
	n     int
}

func newFailCounter(max int, window time.Duration) *failCounter {
	return &failCounter{max: max, window: window, byKey: map[string]*failWindow{}}
}

// blocked reports whether key has used up its failures, and for how long.
func (f *failCounter) blocked(key string, now time.Time) (bool, time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.byKey[key]
	if !ok || now.Sub(w.start) >= f.window {
		return false, 0
	}
	if w.n >= f.max {
		return true, f.window - now.Sub(w.start)
	}
	return false, 0
}

// fail records one failure of key.
func (f *failCounter) fail(key string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w, ok := f.byKey[key]
	if !ok || now.Sub(w.start) >= f.window {
		if len(f.byKey) > 100000 { // a flood of addresses: forget the old ones
			for k, old := range f.byKey {
				if now.Sub(old.start) >= f.window {
					delete(f.byKey, k)
				}
			}
		}
		w = &failWindow{start: now}
		f.byKey[key] = w
	}
	w.n++
}
