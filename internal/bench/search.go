package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/store"
)

// SearchOptions says how big a queue search run is.
type SearchOptions struct {
	Reports  int
	Queries  int
	Baseline int    // text queries repeated as a LIKE full scan
	Database string // a postgres:// URL, or "" for a temporary SQLite file
}

// SearchResult is one run's figures; the JSON names are a contract for
// scripts that track performance over time. Latencies are per queue
// call: the first page of 50 and the (capped) total.
type SearchResult struct {
	Reports      int     `json:"reports"`
	Queries      int     `json:"queries"`
	Database     string  `json:"database"`
	FillSeconds  float64 `json:"fill_seconds"`
	P50          float64 `json:"p50_ms"`
	P95          float64 `json:"p95_ms"`
	FiltersP50   float64 `json:"filters_p50_ms"`
	FiltersP95   float64 `json:"filters_p95_ms"`
	Text2P50     float64 `json:"text2_p50_ms"`
	Text2P95     float64 `json:"text2_p95_ms"`
	Text4P50     float64 `json:"text4_p50_ms"`
	Text4P95     float64 `json:"text4_p95_ms"`
	BaselineRuns int     `json:"baseline_runs"`
	BaselineP50  float64 `json:"baseline_p50_ms"`
	BaselineP95  float64 `json:"baseline_p95_ms"`
	// Mismatches counts baseline runs whose page differs from the indexed
	// query's: the index must find exactly what a scan finds.
	Mismatches int `json:"mismatches"`
}

// Search fills a fresh database with opt.Reports reports and times the
// staff queue the way operators use it.
func Search(ctx context.Context, opt SearchOptions, progress func(string)) (*SearchResult, error) {
	if opt.Reports < 1 || opt.Queries < 1 {
		return nil, fmt.Errorf("bench: reports and queries must be at least 1")
	}
	db, done, err := openBenchDB(ctx, opt.Database)
	if err != nil {
		return nil, err
	}
	defer done()
	now := time.Now().UTC().Truncate(time.Second)
	res := &SearchResult{Reports: opt.Reports, Queries: opt.Queries, Database: string(db.Dialect)}
	t := time.Now()
	if err := fill(ctx, db, opt.Reports, now); err != nil {
		return nil, err
	}
	res.FillSeconds = round2(time.Since(t).Seconds())
	progress(fmt.Sprintf("filled %d reports in %.1f s", opt.Reports, res.FillSeconds))

	keys, err := pii.New(make([]byte, 32))
	if err != nil {
		return nil, err
	}
	svc := report.NewService(db, keys, nil)
	op := &auth.Principal{Role: auth.Operator, Username: "bench"}
	queries := benchQueries(opt.Queries, now)
	byKind := map[string]Latencies{}
	var all Latencies
	pages := make([][]int64, len(queries))
	for i, q := range queries {
		t := time.Now()
		page, err := svc.Queue(ctx, op, q.f, now)
		if err != nil {
			return nil, fmt.Errorf("bench: %s query %+v: %w", q.kind, q.f, err)
		}
		d := time.Since(t)
		all, byKind[q.kind] = append(all, d), append(byKind[q.kind], d)
		pages[i] = pageIDs(page)
	}
	var base Latencies
	for i, q := range queries {
		if q.f.Text == "" || len(base) >= opt.Baseline {
			continue
		}
		q.f.TextScan = true
		t := time.Now()
		page, err := svc.Queue(ctx, op, q.f, now)
		if err != nil {
			return nil, fmt.Errorf("bench: baseline %+v: %w", q.f, err)
		}
		base = append(base, time.Since(t))
		if !slices.Equal(pageIDs(page), pages[i]) {
			res.Mismatches++
		}
	}
	res.P50, res.P95 = all.Percentile(50), all.Percentile(95)
	res.FiltersP50, res.FiltersP95 = byKind["filters"].Percentile(50), byKind["filters"].Percentile(95)
	res.Text2P50, res.Text2P95 = byKind["text2"].Percentile(50), byKind["text2"].Percentile(95)
	res.Text4P50, res.Text4P95 = byKind["text4"].Percentile(50), byKind["text4"].Percentile(95)
	res.BaselineRuns, res.BaselineP50, res.BaselineP95 = len(base), base.Percentile(50), base.Percentile(95)
	return res, nil
}

func pageIDs(p report.QueuePage) []int64 {
	ids := make([]int64, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ID
	}
	return ids
}

// openBenchDB opens a migrated, empty database: a schema of its own on
// PostgreSQL, a file in a temporary folder otherwise. done removes it.
func openBenchDB(ctx context.Context, url string) (*store.DB, func(), error) {
	cleanup := func() {}
	if isPostgres(url) {
		u, drop, err := freshSchema(ctx, url)
		if err != nil {
			return nil, nil, err
		}
		url, cleanup = u, drop
	} else {
		dir, err := os.MkdirTemp("", "qinglang-bench-search-")
		if err != nil {
			return nil, nil, fmt.Errorf("bench: %w", err)
		}
		url, cleanup = "sqlite:"+filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }
	}
	db, err := store.Open(ctx, url, store.Options{})
	if err != nil {
		cleanup()
		return nil, nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		cleanup()
		return nil, nil, err
	}
	return db, func() { db.Close(); cleanup() }, nil
}

// Table is the run as a readable table.
func (r *SearchResult) Table() *Table {
	t := &Table{Header: []string{"queries", "runs", "p50 ms", "p95 ms"}}
	n := r.Queries
	t.Add("filters only", (n+2)/3, r.FiltersP50, r.FiltersP95)
	t.Add("2-char text + filter", (n+1)/3, r.Text2P50, r.Text2P95)
	t.Add("4-char text", n/3, r.Text4P50, r.Text4P95)
	t.Add("all", n, r.P50, r.P95)
	t.Add("baseline: text as LIKE scan", r.BaselineRuns, r.BaselineP50, r.BaselineP95)
	return t
}
