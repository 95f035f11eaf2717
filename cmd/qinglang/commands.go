package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"qinglang/internal/app"
	"qinglang/internal/config"
)

type command struct {
	name, args, help string
	run              func(ctx context.Context, args []string, getenv func(string) string) error
}

func commands() []command {
	return []command{
		{"serve", "[flags]", "run the platform", serve},
		{"demo", "[flags]", "run the platform with demo data (a fresh demo folder, ./qinglang-demo by default)", demoCmd},
		{"migrate", "[flags]", "apply database migrations and exit", migrate},
		{"user", "add|passwd …", "manage staff accounts (qinglang user help)", user},
		{"bench", "KIND [flags]", "measure performance: intake, search, match or outbox (qinglang bench help)", benchCmd},
		{"eval", "match [flags]", "precision and recall of rumor matching (qinglang eval help)", evalCmd},
		{"audit", "verify [flags]", "check the audit log's hash chain", auditCmd},
		{"evidence", "verify FILE.zip", "check an evidence package (--key-file: also its signature)", evidenceCmd},
		{"help", "", "show this help", nil},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string) error {
	if len(args) == 0 {
		args = []string{"help"}
	}
	for _, c := range commands() {
		if c.name == args[0] && c.run != nil {
			return c.run(ctx, args[1:], getenv)
		}
	}
	if args[0] != "help" && args[0] != "-h" && args[0] != "--help" {
		usage()
		return fmt.Errorf("unknown command %q", args[0])
	}
	usage()
	return nil
}

func usage() {
	fmt.Println("qinglang (清朗) — internet reporting center and joint rumor-debunking platform")
	fmt.Println("\nUsage: qinglang <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Printf("  %-8s %-16s %s\n", c.name, c.args, c.help)
	}
	fmt.Println("\nFlags and environment variables (flags win) of serve, demo, migrate, user, bench and audit verify:")
	fmt.Print(config.Help())
}

func serve(ctx context.Context, args []string, getenv func(string) string) error {
	cfg, err := config.Parse("serve", args, getenv)
	if err != nil {
		return err
	}
	return serveWith(ctx, cfg, nil)
}

// serveWith opens the platform, runs before (if any) on it, and serves.
func serveWith(ctx context.Context, cfg *config.Config, before func(*app.Main) error) error {
	log := app.NewLogger(os.Stderr, cfg.LogLevel)
	m, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer m.Close()
	if before != nil {
		if err := before(m); err != nil {
			return err
		}
	}
	if err := m.Listen(); err != nil {
		return err
	}
	log.Info("qinglang listening", "url", m.URL(), "database", string(m.DB.Dialect), "data", cfg.DataDir)
	fmt.Printf("\n清朗 qinglang is running at %s  (Ctrl-C stops it)\n\n", m.URL())
	return m.Serve(ctx)
}

func migrate(ctx context.Context, args []string, getenv func(string) string) error {
	cfg, err := config.Parse("migrate", args, getenv)
	if err != nil {
		return err
	}
	m, err := app.Open(ctx, cfg, app.NewLogger(os.Stderr, cfg.LogLevel))
	if err != nil {
		return err
	}
	fmt.Println("database is up to date:", cfg.Database())
	return m.Close()
}

var errUsage = errors.New("wrong usage; see qinglang help")
