// Package store opens qinglang's database, SQLite or PostgreSQL, applies the
// embedded migrations and runs writes. One SQL text serves both dialects
// wherever they agree ($1 placeholders work positionally on SQLite too);
// where they differ the two versions stand side by side.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"modernc.org/sqlite"               // registers "sqlite"
)

// Dialect names the database behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tune how a database is opened.
type Options struct {
	// Full makes every commit reach stable storage before it returns
	// (SQLite synchronous=FULL). Without it a commit survives a killed
	// process but not a power loss.
	Full bool
}

// DB is an open database. Reads go through a pool; writes go through Write,
// which on SQLite funnels every transaction through one connection and
// commits concurrent callers together.
type DB struct {
	Dialect Dialect
	read    *sql.DB
	write   *sql.DB
	batch   *batcher
}

// Open connects to url: "sqlite:PATH", a plain file path, or "postgres://…".
func Open(ctx context.Context, rawURL string, opt Options) (*DB, error) {
	if strings.HasPrefix(rawURL, "postgres://") || strings.HasPrefix(rawURL, "postgresql://") {
		return openPostgres(ctx, rawURL)
	}
	return openSQLite(ctx, strings.TrimPrefix(rawURL, "sqlite:"), opt)
}

func openSQLite(ctx context.Context, path string, opt Options) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: empty SQLite path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	sync := "NORMAL"
	if opt.Full {
		sync = "FULL"
	}
	// busy_timeout first so the other pragmas wait for a busy file too.
	pragmas := url.Values{}
	// temp_store in memory: every caller of Write runs in a savepoint,
	// whose statement journal would otherwise be written to a temporary
	// file page by page (13% of intake in a profile).
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(" + sync + ")", "temp_store(MEMORY)"} {
		pragmas.Add("_pragma", p)
	}
	dsn := "file:" + path + "?" + pragmas.Encode()
	write := sql.OpenDB(cachingConnector{dsn: dsn + "&_txlock=immediate", drv: &sqlite.Driver{}})
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	// Readers map the file and keep a larger page cache: queue queries
	// look reports up one by one, and memory is cheaper than syscalls.
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)&_pragma=mmap_size(1073741824)&_pragma=cache_size(-65536)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	read.SetMaxOpenConns(4)
	db := &DB{Dialect: SQLite, read: read, write: write}
	if err := write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.batch = newBatcher(write)
	return db, nil
}

func openPostgres(ctx context.Context, rawURL string) (*DB, error) {
	pool, err := sql.Open("pgx", rawURL)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(16)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: connect to PostgreSQL: %w", err)
	}
	return &DB{Dialect: Postgres, read: pool, write: pool}, nil
}

// Read returns the pool for queries.
func (db *DB) Read() *sql.DB { return db.read }

// Write runs fn in a transaction and commits it. On SQLite, concurrent
// callers share one commit (group commit), each inside its own savepoint,
// so one caller's failure rolls back only its own work.
func (db *DB) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.batch != nil {
		return db.batch.do(ctx, fn)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// Close stops the writer and closes the connections.
func (db *DB) Close() error {
	if db.batch != nil {
		db.batch.close()
	}
	err := db.read.Close()
	if db.write != db.read {
		if werr := db.write.Close(); err == nil {
			err = werr
		}
	}
	return err
}
