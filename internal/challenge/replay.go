package challenge

import (
	"container/heap"
	"sync"
)

// defaultReplayCapacity bounds the memory the replay cache can take (about
// 100 bytes an entry, so about 10 MB). Every entry is a solved challenge that
// also passed the rate limits, so a legitimate reporting center never comes
// near it within one TTL.
const defaultReplayCapacity = 100_000

// replayCache remembers the salts of used tokens until they expire, after
// which the expiry check refuses them anyway.
type replayCache struct {
	mu       sync.Mutex
	capacity int
	used     map[string]struct{}
	byExpiry expiryHeap
}

func newReplayCache(capacity int) *replayCache {
	return &replayCache{capacity: capacity, used: make(map[string]struct{})}
}

// add records salt as used until expires (Unix seconds) and reports whether it
// was new. now must be the same clock Verify compares expiry against, so that
// an entry is only dropped once its token is refused as expired.
func (c *replayCache) add(salt string, expires, now int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.used[salt]; ok {
		return false
	}
	for len(c.byExpiry) > 0 && c.byExpiry[0].expires <= now {
		c.evict()
	}
	// When full, forget the entry closest to expiry: it leaves the shortest
	// window for a replay. Refusing instead would let a flood of solved
	// challenges lock every reporter out, and the rate limit still applies
	// to any replay.
	for len(c.byExpiry) >= c.capacity {
		c.evict()
	}
	c.used[salt] = struct{}{}
	heap.Push(&c.byExpiry, replayEntry{salt: salt, expires: expires})
	return true
}

func (c *replayCache) evict() {
	e := heap.Pop(&c.byExpiry).(replayEntry)
	delete(c.used, e.salt)
}

func (c *replayCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.used)
}

type replayEntry struct {
	salt    string
	expires int64
}

// expiryHeap is a min-heap on expiry, so dropping expired entries costs
// O(log n) each instead of a scan of the whole cache.
type expiryHeap []replayEntry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(a, b int) bool { return h[a].expires < h[b].expires }
func (h expiryHeap) Swap(a, b int)      { h[a], h[b] = h[b], h[a] }
func (h *expiryHeap) Push(x any)        { *h = append(*h, x.(replayEntry)) }
func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
