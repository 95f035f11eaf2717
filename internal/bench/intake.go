package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"qinglang/internal/config"
	"qinglang/internal/report"
)

// IntakeOptions says how much work an intake run does.
type IntakeOptions struct {
	Reports int
	Clients int
	// Config is the base configuration: its durability and database URL
	// are used; data folder, address and rate limit are the bench's own.
	Config *config.Config
	Log    *slog.Logger
}

// IntakeResult is one run's figures; the JSON names are a contract for
// scripts that track performance over time.
type IntakeResult struct {
	ReportsPerS    float64 `json:"reports_per_s"`
	CeilingPerS    float64 `json:"ceiling_per_s"`
	Ratio          float64 `json:"ratio"`
	P50            float64 `json:"p50_ms"`
	P99            float64 `json:"p99_ms"`
	CeilingP50     float64 `json:"ceiling_p50_ms"`
	CeilingP99     float64 `json:"ceiling_p99_ms"`
	Seconds        float64 `json:"seconds"`
	CeilingSeconds float64 `json:"ceiling_seconds"`
	Reports        int     `json:"reports"`
	Clients        int     `json:"clients"`
	Durability     string  `json:"durability"`
	Database       string  `json:"database"`
}

// sample is the one report every request carries, so the ceiling and the
// HTTP phase store identical rows and differ only by the HTTP path.
func sample() report.Submission {
	return report.Submission{
		Category: "fraud",
		Content:  "有人在群里发布“刷单返利”兼职广告，先让垫付小额订单再返佣金，之后以“任务未完成”为由要求继续转账，已有多人被骗。",
		URLs:     []string{"https://bbs.yongcheng-forum.example/thread-884213.html"},
		Channel:  "api",
		Reporter: report.Reporter{Anonymous: true},
	}
}

// Intake measures report intake twice on fresh databases: the ceiling
// (Reports.Submit called directly, no HTTP) and the real path (POST
// /api/v1/reports over loopback), both with the same concurrency.
func Intake(ctx context.Context, opt IntakeOptions) (*IntakeResult, error) {
	if opt.Reports < 1 || opt.Clients < 1 {
		return nil, fmt.Errorf("bench: reports and clients must be at least 1")
	}
	res := &IntakeResult{Reports: opt.Reports, Clients: opt.Clients, Durability: opt.Config.Durability}
	sub := sample()

	ceil, err := startApp(ctx, opt.Config, opt.Log)
	if err != nil {
		return nil, err
	}
	res.Database = string(ceil.DB.Dialect)
	took, lat, err := drive(ctx, opt.Reports, opt.Clients, func(ctx context.Context) error {
		_, err := ceil.Reports.Submit(ctx, sub, "api")
		return err
	})
	ceil.stop()
	if err != nil {
		return nil, fmt.Errorf("bench: ceiling: %w", err)
	}
	res.CeilingSeconds, res.CeilingPerS = round2(took.Seconds()), float64(opt.Reports)/took.Seconds()
	res.CeilingP50, res.CeilingP99 = round2(lat.Percentile(50)), round2(lat.Percentile(99))

	web, err := startApp(ctx, opt.Config, opt.Log)
	if err != nil {
		return nil, err
	}
	defer web.stop()
	body, _ := json.Marshal(sub)
	client := &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: opt.Clients, MaxIdleConns: opt.Clients},
	}
	defer client.CloseIdleConnections()
	url := web.URL() + "/api/v1/reports"
	took, lat, err = drive(ctx, opt.Reports, opt.Clients, func(ctx context.Context) error {
		return post(ctx, client, url, body)
	})
	if err != nil {
		return nil, fmt.Errorf("bench: http: %w", err)
	}
	res.Seconds, res.ReportsPerS = round2(took.Seconds()), float64(opt.Reports)/took.Seconds()
	res.P50, res.P99 = round2(lat.Percentile(50)), round2(lat.Percentile(99))
	res.Ratio = round2(res.ReportsPerS / res.CeilingPerS)
	res.ReportsPerS, res.CeilingPerS = round2(res.ReportsPerS), round2(res.CeilingPerS)
	return res, nil
}

// post files one report; only a 201 counts as acknowledged.
func post(ctx context.Context, client *http.Client, url string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// Read the whole answer so the connection goes back to the pool.
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("POST /api/v1/reports: %s: %s", resp.Status, bytes.TrimSpace(answer))
	}
	return nil
}

// drive runs fn n times from c goroutines and records each call's latency.
// The first failure stops the run: a benchmark that drops reports has no
// meaningful rate.
func drive(ctx context.Context, n, c int, fn func(context.Context) error) (time.Duration, Latencies, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	lat := make(Latencies, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(n) && ctx.Err() == nil; i = next.Add(1) - 1 {
				t := time.Now()
				if err := fn(ctx); err != nil {
					cancel(err)
					return
				}
				lat[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	took := time.Since(start)
	if err := context.Cause(ctx); err != nil {
		return 0, nil, err
	}
	return took, lat, nil
}

// Table is the run as a readable table.
func (r *IntakeResult) Table() *Table {
	t := &Table{Header: []string{"phase", "reports", "seconds", "reports/s", "p50 ms", "p99 ms"}}
	t.Add("ceiling (Submit, no HTTP)", r.Reports, r.CeilingSeconds, fmt.Sprintf("%.0f", r.CeilingPerS), r.CeilingP50, r.CeilingP99)
	t.Add("HTTP POST /api/v1/reports", r.Reports, r.Seconds, fmt.Sprintf("%.0f", r.ReportsPerS), r.P50, r.P99)
	return t
}
