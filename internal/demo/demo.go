// Package demo fills an empty qinglang with a believable city: Nanning's
// districts, departments, partner platforms and alliance units, an account
// for every role, and a few hundred reports in every state of the
// lifecycle, so the platform can be shown and tried without real data.
package demo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"qinglang/internal/blob"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/store"
)

// Target is what the demo writes into: an open, migrated database, the
// keys that seal reporters' personal data, and the evidence store.
type Target struct {
	DB      *store.DB
	Keys    *pii.Keys
	Blobs   blob.Store
	TempDir string // spool for evidence checks
}

// ErrNotEmpty refuses to seed a database that already has accounts: demo
// data mixed into a real center's data could not be told apart.
var ErrNotEmpty = errors.New("demo: the database already has accounts; the demo only seeds an empty database")

type generator struct {
	rng   *rand.Rand
	now   time.Time
	files *evidenceFiles
}

// Seed writes the demo data. rng makes it reproducible (tests pass a fixed
// seed); passwords are random regardless.
func Seed(ctx context.Context, m Target, rng *rand.Rand) (Accounts, error) {
	var users int
	if err := m.DB.Read().QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&users); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if users > 0 {
		return nil, ErrNotEmpty
	}
	now := time.Now().UTC()
	var accounts Accounts
	var who ids
	err := m.DB.Write(ctx, func(tx *sql.Tx) error {
		depts, plats, units, err := seedOrg(ctx, tx, now)
		if err != nil {
			return err
		}
		accounts, who, err = seedAccounts(ctx, tx, depts, plats, units, now)
		return err
	})
	if err != nil {
		return nil, err
	}

	// Submit takes its time from the service's clock. The demo's service
	// reads the report's back-dated moment, so created_at, the first
	// timeline entry and the campaigns' open periods agree, as if the
	// reports had come in over the last 90 days.
	var clock time.Time
	reports := report.NewService(m.DB, m.Keys, func() time.Time { return clock })
	files, err := newEvidenceFiles(ctx, m, reports)
	if err != nil {
		return nil, err
	}
	g := &generator{rng: rng, now: now, files: files}
	n := 300 + rng.IntN(101)
	all := make([]seeded, 0, n)
	for i := range n {
		at, target := g.fate(i)
		clock = at
		sub, s, err := g.submission(ctx, i, at)
		if err != nil {
			return nil, err
		}
		rec, err := reports.Submit(ctx, sub, "web")
		if err != nil {
			return nil, fmt.Errorf("demo: report %d (%s/%s): %w", i, s.category, s.zone, err)
		}
		s.code, s.target = rec.TrackingCode, target
		all = append(all, s)
	}
	err = m.DB.Write(ctx, func(tx *sql.Tx) error {
		for i, s := range all {
			if s.target == report.Submitted {
				continue
			}
			if err := advance(ctx, tx, rng, s, plan(rng, s, all[:i], who), now); err != nil {
				return err
			}
		}
		return nil
	})
	return accounts, err
}

// fate picks when the i-th report came in and how far it has got: the
// first ones take every status in turn, so each occurs; after that older
// reports are further along, as in a working center.
func (g *generator) fate(i int) (time.Time, report.Status) {
	if st := report.Statuses(); i < len(st) {
		return when(g.rng, g.now, 10), st[i]
	}
	at := when(g.rng, g.now, 0)
	var mix []choice
	switch age := g.now.Sub(at); {
	case age < 24*time.Hour:
		mix = []choice{{"submitted", 70}, {"assessing", 20}, {"rejected", 10}}
	case age < 7*24*time.Hour:
		mix = []choice{{"submitted", 20}, {"assessing", 20}, {"disposing", 15}, {"transferred", 10}, {"replied", 20}, {"rejected", 15}}
	default:
		mix = []choice{{"submitted", 3}, {"assessing", 5}, {"disposing", 7}, {"transferred", 10}, {"replied", 22},
			{"closed", 38}, {"rejected", 13}, {"merged", 2}}
	}
	return at, report.Status(weighted(g.rng, mix))
}
