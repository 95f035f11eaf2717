// Package app wires qinglang together: configuration in, a running server
// out. Commands and end-to-end tests start the whole program through Main.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"qinglang/internal/blob"
	"qinglang/internal/challenge"
	"qinglang/internal/config"
	"qinglang/internal/debunk"
	"qinglang/internal/evidence"
	"qinglang/internal/monitor"
	"qinglang/internal/outbox"
	"qinglang/internal/pii"
	"qinglang/internal/platform"
	"qinglang/internal/reminder"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/web"
)

// Main is one running qinglang process.
type Main struct {
	Config  *config.Config
	Log     *slog.Logger
	DB      *store.DB
	Keys    *pii.Keys
	Blobs   blob.Store
	Reports *report.Service
	// Platforms is the partner platform registry; it also signs webhooks
	// (the outbox asks it for each platform's secret).
	Platforms *platform.Registry
	Web       *web.Server
	// Reminders runs while the server serves (Serve starts it, Close
	// stops it), so commands that only open the database send nothing.
	Reminders *reminder.Worker
	// Outbox delivers webhooks while the server serves. Domain code that
	// commits an outbox.Enqueue calls Outbox.Kick so delivery starts now
	// rather than at the next poll.
	Outbox *outbox.Worker
	// Monitor polls the monitored feeds while the server serves. Rumor
	// matching sets Monitor.OnItems to hear of every new item.
	Monitor *monitor.Service
	// Rumors matches texts against the rumor database; Clusterer gathers
	// look-alike reports and items and raises early warnings.
	Rumors    *rumor.Matcher
	Clusterer *rumor.Clusterer
	// Debunk publishes debunk articles and syndicates them to the alliance
	// members (the outbox asks it for each member's secret).
	Debunk *debunk.Service

	srv           *http.Server
	ln            net.Listener
	stopWorkers   func()
	outboxSecrets atomic.Pointer[SecretFunc]
}

// SecretFunc returns the webhook signing secret of an outbox target.
type SecretFunc func(ctx context.Context, target string) ([]byte, error)

// SetOutboxSecrets installs the lookup of targets' signing secrets (the
// platform registry provides it). It may be called while the worker runs;
// until it is, events go out unsigned.
func (m *Main) SetOutboxSecrets(f SecretFunc) { m.outboxSecrets.Store(&f) }

// Open opens storage, applies migrations and builds the services; it does
// not listen yet.
func Open(ctx context.Context, cfg *config.Config, log *slog.Logger) (*Main, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("app: data folder: %w", err)
	}
	master, err := pii.LoadMaster(cfg.SecretKey, filepath.Join(cfg.DataDir, "secret.key"))
	if err != nil {
		return nil, err
	}
	keys, err := pii.New(master)
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, cfg.Database(), store.Options{Full: cfg.Durability == "full"})
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	blobs, err := blob.NewLocal(filepath.Join(cfg.DataDir, "evidence"))
	if err != nil {
		db.Close()
		return nil, err
	}
	spool := filepath.Join(cfg.DataDir, "spool")
	if err := os.MkdirAll(spool, 0o700); err != nil {
		db.Close()
		return nil, err
	}
	m := &Main{Config: cfg, Log: log, DB: db, Keys: keys, Blobs: blobs}
	m.Reports = report.NewService(db, keys, nil)
	m.Reports.SetPackageKey(report.PackageKey(master))
	m.Reminders = &reminder.Worker{DB: db, Log: log, BaseURL: cfg.BaseURL,
		Mail: reminder.SMTP{Addr: cfg.SMTPAddr, From: cfg.SMTPFrom, User: cfg.SMTPUser, Password: cfg.SMTPPassword}}
	m.Outbox = &outbox.Worker{DB: db, Log: log, Secret: func(ctx context.Context, target string) ([]byte, error) {
		if f := m.outboxSecrets.Load(); f != nil {
			return (*f)(ctx, target)
		}
		return nil, nil
	}}
	m.Platforms = platform.New(db, keys, nil)
	m.SetOutboxSecrets(func(ctx context.Context, target string) ([]byte, error) {
		if secret, ok, err := m.alertSecret(target); ok {
			return secret, err
		}
		if strings.HasPrefix(target, "unit:") {
			return m.Debunk.UnitSecret(ctx, target)
		}
		return m.Platforms.SecretFor(ctx, target)
	})
	m.Reports.SetOutbox(m.Outbox.Kick)
	m.Debunk = debunk.New(db, keys, m.Outbox.Kick)
	m.Debunk.SetBaseURL(cfg.BaseURL)
	m.Reports.SetBaseURL(cfg.BaseURL)
	m.Monitor = &monitor.Service{DB: db, Log: log}
	if err := m.openRumors(ctx); err != nil {
		db.Close()
		return nil, err
	}
	m.Web, err = web.New(web.Deps{
		Config:     cfg,
		Log:        log,
		DB:         db,
		Reports:    m.Reports,
		Evidence:   &evidence.Ingester{Store: blobs, TempDir: spool, MaxBytes: cfg.MaxUploadBytes},
		Pow:        challenge.NewIssuer(master, cfg.PowBits, 2*time.Hour),
		Platforms:  m.Platforms,
		OutboxKick: m.Outbox.Kick,
		Monitor:    m.Monitor,
		Rumors:     m.Rumors,
		Debunk:     m.Debunk,
	})
	if err != nil {
		db.Close()
		return nil, err
	}
	return m, nil
}

// Listen binds the configured address (":0" picks a free port).
func (m *Main) Listen() error {
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("app: listen: %w", err)
	}
	m.ln = ln
	m.srv = &http.Server{
		Handler:           m.Web.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // evidence uploads over slow mobile links
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
	return nil
}

// URL is the base URL the server listens on.
func (m *Main) URL() string { return "http://" + m.ln.Addr().String() }

// Serve answers requests until ctx ends, then shuts down gracefully.
func (m *Main) Serve(ctx context.Context) error {
	m.startWorkers(ctx)
	errc := make(chan error, 1)
	go func() { errc <- m.srv.Serve(m.ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownTimeout)
	defer cancel()
	if err := m.srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Start listens and serves in the background; for tests and benchmarks.
// The returned function stops the server and closes everything.
func (m *Main) Start() (stop func(), err error) {
	if err := m.Listen(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { m.Serve(ctx); close(done) }()
	return func() { cancel(); <-done; m.Close() }, nil
}

// startWorkers runs the background workers until ctx ends or Close.
func (m *Main) startWorkers(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { m.Reminders.Run(ctx) })
	wg.Go(func() { m.Outbox.Run(ctx) })
	wg.Go(func() { m.Monitor.Run(ctx) })
	wg.Go(func() { m.Clusterer.Run(ctx) })
	m.stopWorkers = func() { cancel(); wg.Wait() }
}

// Close stops the workers and releases storage. The server must have stopped.
func (m *Main) Close() error {
	if m.stopWorkers != nil {
		m.stopWorkers()
	}
	m.Web.Close()
	return m.DB.Close()
}
