package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"qinglang/internal/app"
	"qinglang/internal/bench"
	"qinglang/internal/config"
)

// benchCmd: bench intake|search|outbox [flags]
func benchCmd(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) > 0 && args[0] == "search" {
		return benchSearch(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "match" {
		return benchMatch(args[1:])
	}
	if len(args) > 0 && args[0] == "outbox" {
		return benchOutbox(ctx, args[1:], getenv)
	}
	if len(args) > 0 && args[0] == "public" {
		return benchPublic(ctx, args[1:], getenv)
	}
	if len(args) == 0 || args[0] != "intake" {
		fmt.Println("qinglang bench intake [--reports N] [--clients C] [--json] [--durability normal|full] [--db postgres://…]")
		fmt.Println("  Starts qinglang on a fresh temporary database and files N reports with C concurrent clients:")
		fmt.Println("  first through the report service directly (the ceiling), then over loopback HTTP (POST /api/v1/reports).")
		fmt.Println("  With --db postgres://… each phase runs in a schema of its own, dropped afterwards.")
		fmt.Println("  --json prints the figures as one JSON object on the last line.")
		fmt.Println("qinglang bench search [--reports N] [--queries Q] [--baseline B] [--json] [--db postgres://…]")
		fmt.Println("  Fills a fresh temporary database with N reports (default 1,000,000) and times Q staff queue queries")
		fmt.Println("  (filters, two- and four-character text), then B of the text queries as a LIKE scan for comparison.")
		fmt.Println("qinglang bench match [--rumors N] [--texts T] [--sample S] [--json]")
		fmt.Println("  Indexes N generated rumor claims (default 100,000) and matches T texts (half repeat a claim inside")
		fmt.Println("  unrelated posts) on all cores, then S of them by brute force (every claim scored) as the baseline.")
		fmt.Println("qinglang bench outbox [--events N] [--receivers-delay D] [--json] [--db postgres://…]")
		fmt.Println("  Starts qinglang on a fresh temporary database, enqueues N webhook events (default 5000) while its")
		fmt.Println("  outbox worker delivers them to a loopback receiver that answers after D (e.g. 50ms; default 0).")
		fmt.Println("qinglang bench public [--requests N] [--concurrency C] [--json]")
		fmt.Println("  Starts qinglang on a fresh temporary database, publishes 20 debunk articles, then requests")
		fmt.Println("  GET /articles/{slug}, /feeds/debunk.atom and /feeds/debunk.json N times each (default 50,000)")
		fmt.Println("  with C keep-alive clients (default 64) over loopback; the server logs at info level into io.Discard.")
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	fs := flag.NewFlagSet("bench intake", flag.ContinueOnError)
	reports := fs.Int("reports", 20000, "reports to file in each phase")
	clients := fs.Int("clients", 32, "concurrent clients")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	cfg, err := benchConfig(fs, args[1:], getenv)
	if err != nil {
		return err
	}
	fmt.Printf("intake: %d reports, %d clients, durability %s …\n", *reports, *clients, cfg.Durability)
	res, err := bench.Intake(ctx, bench.IntakeOptions{
		Reports: *reports, Clients: *clients, Config: cfg,
		Log: app.NewLogger(os.Stderr, "warn"),
	})
	if err != nil {
		return err
	}
	res.Table().Write(os.Stdout)
	fmt.Printf("ratio http/ceiling %.2f · durability %s · database %s\n", res.Ratio, res.Durability, res.Database)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, res)
	}
	return nil
}

// benchSearch: bench search [--reports N] [--queries Q] [--baseline B] [--json] [--db URL]
func benchSearch(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench search", flag.ContinueOnError)
	reports := fs.Int("reports", 1000000, "reports to fill the database with")
	queries := fs.Int("queries", 200, "queue queries to time")
	baseline := fs.Int("baseline", 20, "text queries to repeat as a LIKE scan")
	db := fs.String("db", "", "postgres://… to run on PostgreSQL (a schema of its own); default a temporary SQLite file")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Printf("search: filling %d reports, then %d queries …\n", *reports, *queries)
	res, err := bench.Search(ctx, bench.SearchOptions{Reports: *reports, Queries: *queries, Baseline: *baseline, Database: *db},
		func(s string) { fmt.Println(s) })
	if err != nil {
		return err
	}
	res.Table().Write(os.Stdout)
	fmt.Printf("database %s · fill %.1f s · baseline runs whose page differs from the index: %d\n", res.Database, res.FillSeconds, res.Mismatches)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, res)
	}
	return nil
}

// benchOutbox: bench outbox [--events N] [--receivers-delay D] [--json] [config flags]
func benchOutbox(ctx context.Context, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("bench outbox", flag.ContinueOnError)
	events := fs.Int("events", 5000, "events to enqueue and deliver")
	delay := fs.Duration("receivers-delay", 0, "how long the receiver takes to answer each delivery")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	cfg, err := benchConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	fmt.Printf("outbox: %d events, receiver answers after %s …\n", *events, *delay)
	res, err := bench.Outbox(ctx, bench.OutboxOptions{Events: *events, ReceiverDelay: *delay, Config: cfg,
		Log: app.NewLogger(os.Stderr, "warn")})
	if err != nil {
		return err
	}
	res.Table().Write(os.Stdout)
	fmt.Printf("database %s · %.1f s from first enqueue to last arrival\n", res.Database, res.Seconds)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, res)
	}
	return nil
}

// benchMatch: bench match [--rumors N] [--texts T] [--sample S] [--json]
func benchMatch(args []string) error {
	fs := flag.NewFlagSet("bench match", flag.ContinueOnError)
	rumors := fs.Int("rumors", 100000, "rumor claims to index")
	texts := fs.Int("texts", 100000, "texts to match")
	sample := fs.Int("sample", 200, "texts to match again by brute force")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Printf("match: %d rumors, %d texts, brute force on %d …\n", *rumors, *texts, *sample)
	res, err := bench.Match(bench.MatchOptions{Rumors: *rumors, Texts: *texts, Sample: *sample},
		func(s string) { fmt.Println(s) })
	if err != nil {
		return err
	}
	res.Table().Write(os.Stdout)
	fmt.Printf("CPU %.1f µs per text: %.0f texts/s on %d cores with the machine to itself\n",
		res.CPUPerText, res.CPUBoundTextsPerS, res.Workers)
	fmt.Printf("speed ratio index/brute force %.0f× · recall vs brute force %.3f (no-match agreement %.3f) · "+
		"planted claims found %.3f · false matches %d · %d bytes per rumor\n",
		res.SpeedRatio, res.RecallVsBrute, res.NoMatchAgreement, res.PlantedRecall, res.FalseMatches, res.BytesPerRumor)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, res)
	}
	return nil
}

// benchPublic: bench public [--requests N] [--concurrency C] [--json] [config flags]
func benchPublic(ctx context.Context, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("bench public", flag.ContinueOnError)
	requests := fs.Int("requests", 50000, "requests per URL kind")
	concurrency := fs.Int("concurrency", 64, "concurrent keep-alive clients")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	cfg, err := benchConfig(fs, args, getenv)
	if err != nil {
		return err
	}
	fmt.Printf("public: %d requests per URL kind, %d clients, %d CPUs shared by server and clients …\n", *requests, *concurrency, runtime.NumCPU())
	// Production logging (info level, every request formatted), written nowhere.
	res, err := bench.Public(ctx, bench.PublicOptions{Requests: *requests, Concurrency: *concurrency, Config: cfg,
		Log: app.NewLogger(io.Discard, "info")})
	if err != nil {
		return err
	}
	res.Table().Write(os.Stdout)
	if *asJSON {
		return bench.WriteJSON(os.Stdout, struct {
			ArticleRPS  float64 `json:"article_rps"`
			FeedRPS     float64 `json:"feed_rps"`
			ArticleP99  float64 `json:"article_p99_ms"`
			FeedP99     float64 `json:"feed_p99_ms"`
			Requests    int     `json:"requests"`
			Concurrency int     `json:"concurrency"`
		}{res.ArticleRPS, res.FeedRPS, res.ArticleP99, res.FeedP99, res.Requests, res.Concurrency})
	}
	return nil
}

// benchConfig parses a bench's own flags and the configuration flags that
// follow them (--db, --durability …).
func benchConfig(fs *flag.FlagSet, args []string, getenv func(string) string) (*config.Config, error) {
	rest, err := splitFlags(fs, args)
	if err != nil {
		return nil, err
	}
	return config.Parse("bench", rest, getenv)
}
