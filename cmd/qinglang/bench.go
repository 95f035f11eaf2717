package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"qinglang/internal/app"
	"qinglang/internal/bench"
	"qinglang/internal/config"
)

// benchCmd: bench intake [--reports N] [--clients C] [--json] [config flags]
func benchCmd(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "intake" {
		fmt.Println("qinglang bench intake [--reports N] [--clients C] [--json] [--durability normal|full] [--db postgres://…]")
		fmt.Println("  Starts qinglang on a fresh temporary database and files N reports with C concurrent clients:")
		fmt.Println("  first through the report service directly (the ceiling), then over loopback HTTP (POST /api/v1/reports).")
		fmt.Println("  With --db postgres://… each phase runs in a schema of its own, dropped afterwards.")
		fmt.Println("  --json prints the figures as one JSON object on the last line.")
		if len(args) > 0 && args[0] == "help" {
			return nil
		}
		return errUsage
	}
	fs := flag.NewFlagSet("bench intake", flag.ContinueOnError)
	reports := fs.Int("reports", 20000, "reports to file in each phase")
	clients := fs.Int("clients", 32, "concurrent clients")
	asJSON := fs.Bool("json", false, "print the figures as JSON on the last line")
	rest, err := splitFlags(fs, args[1:])
	if err != nil {
		return err
	}
	cfg, err := config.Parse("bench", rest, getenv)
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
