package rumor

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/bits"
	"strconv"
	"sync"
	"time"

	"qinglang/internal/store"
	"qinglang/internal/textsim"
)

// Subject is a report or monitored item to place in a cluster.
type Subject struct {
	Kind    string // report or item
	ID      int64
	Text    string
	URLs    []string
	Images  []uint64 // difference hashes of its image evidence
	At      time.Time
	RumorID int64 // the rumor it is linked to, if any
}

func (s Subject) key() string { return s.Kind + ":" + strconv.FormatInt(s.ID, 10) }

// Similarity thresholds for joining a cluster.
const (
	textJoin     = 0.5 // estimated Jaccard similarity of character bigrams
	imageJoin    = 6   // Hamming distance of difference hashes
	shingleWidth = 2
)

// Clusterer gathers look-alike reports and items into clusters: the same
// canonical URL, a near-identical image, a near-duplicate text, or a link
// to the same rumor. It keeps recent signatures in memory and records every
// decision in cluster_members, so it rebuilds itself after a restart and
// picks up whatever arrived meanwhile.
type Clusterer struct {
	DB     *store.DB
	Log    *slog.Logger
	Window time.Duration // how far back look-alikes are searched (default 30 days)
	Poll   time.Duration // how often to look for new subjects when not kicked (default 2 s)
	Alerts *AlertRule    // evaluated when a cluster grows; nil raises none
	// Matcher, when set, matches monitored items against the rumor
	// database as they are clustered (reports are matched at intake).
	Matcher *Matcher

	mu        sync.Mutex
	lsh       *textsim.LSH
	sigs      map[string]*textsim.Signature
	clusterOf map[string]int64
	byURL     map[string]int64
	byRumor   map[int64]int64
	images    []imageEntry
	kickOnce  sync.Once
	kick      chan struct{}
}

type imageEntry struct {
	hash    uint64
	cluster int64
}

func (c *Clusterer) init() {
	if c.Window == 0 {
		c.Window = 30 * 24 * time.Hour
	}
	if c.Poll == 0 {
		c.Poll = 2 * time.Second
	}
	c.lsh = textsim.NewLSH(0, 0)
	c.sigs, c.clusterOf = map[string]*textsim.Signature{}, map[string]int64{}
	c.byURL, c.byRumor = map[string]int64{}, map[int64]int64{}
	c.images = nil
}

// kicks is the channel that wakes the worker, made once whoever asks first.
func (c *Clusterer) kicks() chan struct{} {
	c.kickOnce.Do(func() { c.kick = make(chan struct{}, 1) })
	return c.kick
}

// Kick makes the worker look for new subjects now.
func (c *Clusterer) Kick() {
	select {
	case c.kicks() <- struct{}{}:
	default:
	}
}

// Run rebuilds the in-memory index from recent members, then clusters new
// subjects as they arrive, until ctx ends.
func (c *Clusterer) Run(ctx context.Context) {
	c.mu.Lock()
	c.init()
	c.mu.Unlock()
	if err := c.rebuild(ctx, time.Now()); err != nil {
		c.Log.Error("cluster rebuild", "err", err)
	}
	t := time.NewTicker(c.Poll)
	defer t.Stop()
	for {
		if _, err := c.Once(ctx, time.Now()); err != nil && ctx.Err() == nil {
			c.Log.Error("clustering", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-c.kicks():
		}
	}
}

// signature is what a member keeps for the rebuild: its MinHash, URLs and
// image hashes.
type signature struct {
	Text   []byte   `json:"t,omitempty"`
	URLs   []string `json:"u,omitempty"`
	Images []uint64 `json:"i,omitempty"`
	Rumor  int64    `json:"r,omitempty"`
}

func encodeSig(s *textsim.Signature) []byte {
	b := make([]byte, 8*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func decodeSig(b []byte) *textsim.Signature {
	if len(b) != 8*textsim.SignatureSize {
		return nil
	}
	var s textsim.Signature
	for i := range s {
		s[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return &s
}

// rebuild loads the members of the window into memory.
func (c *Clusterer) rebuild(ctx context.Context, now time.Time) error {
	rows, err := c.DB.Read().QueryContext(ctx, `SELECT kind, subject_id, cluster_id, signature FROM cluster_members WHERE added_at >= $1 ORDER BY added_at`, now.Add(-c.Window))
	if err != nil {
		return fmt.Errorf("rumor: rebuild clusters: %w", err)
	}
	defer rows.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	for rows.Next() {
		var s Subject
		var cluster int64
		var raw []byte
		if err := rows.Scan(&s.Kind, &s.ID, &cluster, &raw); err != nil {
			return err
		}
		var sig signature
		json.Unmarshal(raw, &sig)
		c.remember(s.key(), cluster, decodeSig(sig.Text), sig.URLs, sig.Images, sig.Rumor)
	}
	return rows.Err()
}

func (c *Clusterer) remember(key string, cluster int64, sig *textsim.Signature, urls []string, images []uint64, rumor int64) {
	c.clusterOf[key] = cluster
	if sig != nil {
		c.sigs[key] = sig
		c.lsh.Add(key, sig)
	}
	for _, u := range urls {
		c.byURL[u] = cluster
	}
	for _, h := range images {
		c.images = append(c.images, imageEntry{h, cluster})
	}
	if rumor != 0 {
		c.byRumor[rumor] = cluster
	}
}

// find returns the cluster s belongs with, and why; 0 for a new cluster.
func (c *Clusterer) find(s Subject, sig *textsim.Signature, urls []string) (int64, string) {
	for _, u := range urls {
		if id, ok := c.byURL[u]; ok {
			return id, "url"
		}
	}
	for _, h := range s.Images {
		for _, e := range c.images {
			if bits.OnesCount64(h^e.hash) <= imageJoin {
				return e.cluster, "image"
			}
		}
	}
	if s.RumorID != 0 {
		if id, ok := c.byRumor[s.RumorID]; ok {
			return id, "rumor"
		}
	}
	best, bestSim := "", 0.0
	for _, k := range c.lsh.Candidates(sig) {
		if sim := c.sigs[k].Similarity(sig); sim > bestSim {
			best, bestSim = k, sim
		}
	}
	if bestSim >= textJoin {
		return c.clusterOf[best], "text"
	}
	return 0, "new"
}

// assign places s in a cluster and records it, in one transaction, and
// returns the cluster.
func (c *Clusterer) assign(ctx context.Context, s Subject) (int64, error) {
	norm := textsim.Normalize(s.Text)
	var sig *textsim.Signature
	if norm != "" {
		v := textsim.MinHash(textsim.Shingles(norm, shingleWidth))
		sig = &v
	}
	var urls []string
	for _, u := range s.URLs {
		if cu := textsim.CanonicalURL(u); cu != "" {
			urls = append(urls, cu)
		}
	}
	var hits []Hit
	if s.Kind == "item" && c.Matcher != nil {
		hits = c.Matcher.Match(s.Text, 5)
		for _, h := range hits {
			if h.Linked && s.RumorID == 0 {
				s.RumorID = h.RumorID
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	cluster, reason := c.find(s, sig, urls)
	raw := signature{URLs: urls, Images: s.Images, Rumor: s.RumorID}
	if sig != nil {
		raw.Text = encodeSig(sig)
	}
	blob, _ := json.Marshal(raw)
	err := c.DB.Write(ctx, func(tx *sql.Tx) error {
		if err := recordItemHits(ctx, tx, s, hits); err != nil {
			return err
		}
		if cluster == 0 {
			label := []rune(norm)
			if len(label) > 60 {
				label = label[:60]
			}
			var rumor *int64
			if s.RumorID != 0 {
				rumor = &s.RumorID
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO clusters (label, rumor_id, size, first_at, last_at) VALUES ($1,$2,0,$3,$3) RETURNING id`,
				string(label), rumor, s.At).Scan(&cluster); err != nil {
				return fmt.Errorf("rumor: new cluster: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO cluster_members (kind, subject_id, cluster_id, reason, signature, added_at) VALUES ($1,$2,$3,$4,$5,$6)`,
			s.Kind, s.ID, cluster, reason, blob, s.At); err != nil {
			return fmt.Errorf("rumor: cluster member: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE clusters SET size = size + 1, last_at = CASE WHEN last_at < $1 THEN $1 ELSE last_at END,
			rumor_id = COALESCE(rumor_id, $2) WHERE id = $3`, s.At, nullID(s.RumorID), cluster); err != nil {
			return err
		}
		if c.Alerts != nil && reason != "new" {
			return c.Alerts.evaluate(ctx, tx, c.DB.Dialect, cluster, s.At)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	c.remember(s.key(), cluster, sig, urls, s.Images, s.RumorID)
	return cluster, nil
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// recordItemHits stores a monitored item's rumor matches and counts the
// linked ones on their rumors.
func recordItemHits(ctx context.Context, tx *sql.Tx, s Subject, hits []Hit) error {
	for _, h := range hits {
		status := "near_miss"
		if h.Linked {
			status = "linked"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_matches (kind, subject_id, rumor_id, score, status, created_at) VALUES ('item',$1,$2,$3,$4,$5)`,
			s.ID, h.RumorID, h.Score, status, s.At); err != nil {
			return fmt.Errorf("rumor: item match: %w", err)
		}
		if h.Linked {
			if _, err := tx.ExecContext(ctx, `UPDATE rumors SET match_count = match_count + 1, last_seen_at = $1, first_seen_at = COALESCE(first_seen_at, $1) WHERE id = $2`,
				s.At, h.RumorID); err != nil {
				return err
			}
		}
	}
	return nil
}
