package bench

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"

	"qinglang/internal/app"
	"qinglang/internal/config"
)

// benchApp is a whole qinglang started for one phase on a database of its
// own, so a phase never measures (or touches) anyone's data.
type benchApp struct {
	*app.Main
	stop func()
}

// startApp starts qinglang on a fresh temporary data folder, on loopback
// with rate limiting off (the bench is one client hammering the server).
// With a PostgreSQL URL the phase gets a schema of its own, dropped at stop;
// any other database setting is replaced by SQLite in the temporary folder.
func startApp(ctx context.Context, base *config.Config, log *slog.Logger) (*benchApp, error) {
	cfg := *base
	cfg.Addr, cfg.RatePerMinute, cfg.DatabaseURL = "127.0.0.1:0", 0, ""
	dir, err := os.MkdirTemp("", "qinglang-bench-")
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	cfg.DataDir = dir
	cleanup := func() { os.RemoveAll(dir) }
	if isPostgres(base.DatabaseURL) {
		u, drop, err := freshSchema(ctx, base.DatabaseURL)
		if err != nil {
			cleanup()
			return nil, err
		}
		cfg.DatabaseURL = u
		cleanup = func() { drop(); os.RemoveAll(dir) }
	}
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	m, err := app.Open(ctx, &cfg, log)
	if err != nil {
		cleanup()
		return nil, err
	}
	stop, err := m.Start()
	if err != nil {
		m.Close()
		cleanup()
		return nil, err
	}
	return &benchApp{Main: m, stop: func() { stop(); cleanup() }}, nil
}

func isPostgres(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

// freshSchema creates an empty schema and returns a URL whose connections
// use it, and a function that drops it.
func freshSchema(ctx context.Context, base string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, fmt.Errorf("bench: %w", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("bench: create schema: %w", err)
	}
	drop := func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	}
	u, err := url.Parse(base)
	if err != nil {
		drop()
		return "", nil, fmt.Errorf("bench: %w", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}
