package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
)

// maxBatch bounds how many transactions share one commit, so a long queue
// does not hold the first caller's answer for long.
const maxBatch = 128

var errClosed = errors.New("store: database closed")

type job struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	done chan error
}

// batcher owns SQLite's single write connection. It takes whatever
// transactions are waiting, runs each in a savepoint of one transaction and
// commits once: with synchronous=FULL that is one fsync for the whole batch
// instead of one per caller.
type batcher struct {
	db   *sql.DB
	jobs chan job
	quit chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

func newBatcher(db *sql.DB) *batcher {
	b := &batcher{db: db, jobs: make(chan job, maxBatch), quit: make(chan struct{})}
	b.wg.Add(1)
	go b.loop()
	return b
}

func (b *batcher) do(ctx context.Context, fn func(*sql.Tx) error) error {
	j := job{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case b.jobs <- j:
	case <-b.quit:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	// Once queued, wait for the outcome even if ctx ends: the caller must
	// know whether its write committed.
	return <-j.done
}

func (b *batcher) close() {
	b.once.Do(func() { close(b.quit) })
	b.wg.Wait()
}

func (b *batcher) loop() {
	defer b.wg.Done()
	batch := make([]job, 0, maxBatch)
	for {
		select {
		case j := <-b.jobs:
			batch = append(batch[:0], j)
		case <-b.quit:
			b.drain()
			return
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-b.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		b.run(batch)
	}
}

// drain fails the jobs still queued at close.
func (b *batcher) drain() {
	for {
		select {
		case j := <-b.jobs:
			j.done <- errClosed
		default:
			return
		}
	}
}

func (b *batcher) run(batch []job) {
	errs := make([]error, len(batch))
	tx, err := b.db.Begin()
	if err != nil {
		for _, j := range batch {
			j.done <- fmt.Errorf("store: begin: %w", err)
		}
		return
	}
	ok := 0
	for i, j := range batch {
		errs[i] = runSavepoint(tx, j)
		if errs[i] == nil {
			ok++
		}
	}
	if ok == 0 {
		tx.Rollback()
	} else if err := tx.Commit(); err != nil {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = fmt.Errorf("store: commit: %w", err)
			}
		}
	}
	for i, j := range batch {
		j.done <- errs[i]
	}
}

func runSavepoint(tx *sql.Tx, j job) (err error) {
	if err := j.ctx.Err(); err != nil {
		return err
	}
	if _, err := tx.Exec("SAVEPOINT job"); err != nil {
		return fmt.Errorf("store: savepoint: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: panic in transaction: %v", p)
		}
		if err != nil {
			if _, rerr := tx.Exec("ROLLBACK TO job"); rerr != nil {
				err = errors.Join(err, rerr)
			}
		}
		if _, rerr := tx.Exec("RELEASE job"); rerr != nil && err == nil {
			err = rerr
		}
	}()
	return j.fn(tx)
}
