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
	"slices"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/blob"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
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
	w := &world{}
	var units ids
	err := m.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if w.depts, w.plats, units, err = seedOrg(ctx, tx, now); err != nil {
			return err
		}
		accounts, w.crew, err = seedAccounts(ctx, tx, w.depts, w.plats, units, now)
		return err
	})
	if err != nil {
		return nil, err
	}

	// The service takes every time from the demo's clock, set to each
	// act's back-dated moment: created_at, the timeline, the SLA due
	// times and the audit log agree, as if the reports had come in and
	// been handled over the last 90 days. The calendar comes first, so
	// the due times skip its holidays.
	var clock time.Time
	w.svc = report.NewService(m.DB, m.Keys, func() time.Time { return clock })
	clock = now.AddDate(0, 0, -91)
	if err := seedCalendar(ctx, m.DB, w.crew["admin"]); err != nil {
		return nil, err
	}
	if err := seedTemplates(ctx, w.svc, w.crew["admin"]); err != nil {
		return nil, err
	}
	// The rumor database comes before the reports, and reports are
	// matched at intake as in the app, so reporters of a debunked rumor
	// are pointed at its debunk.
	rumors, err := seedRumors(ctx, m.DB, w, now)
	if err != nil {
		return nil, err
	}
	matcher, err := rumor.NewMatcher(ctx, m.DB)
	if err != nil {
		return nil, err
	}
	w.svc.SetRumorMatcher(matcherFor(matcher))
	files, err := newEvidenceFiles(ctx, m, w.svc)
	if err != nil {
		return nil, err
	}
	g := &generator{rng: rng, now: now, files: files}
	all, err := g.submitAll(ctx, w.svc, w.crew["operator"], &clock)
	if err != nil {
		return nil, err
	}
	var acts []timed
	for i, s := range all {
		acts = append(acts, schedule(rng, s, plan(rng, s, all[:i]), now)...)
	}
	slices.SortStableFunc(acts, func(a, b timed) int { return a.at.Compare(b.at) })
	for _, a := range acts {
		clock = a.at
		if err := a.do(ctx, w, a.s); err != nil {
			return nil, fmt.Errorf("demo: case %s (%s → %s) at %s: %w", a.s.code, a.s.category, a.s.target, a.at.Format(time.DateTime), err)
		}
	}
	// The rumor center: a debunked rumor goes round again in the last
	// two hours, the monitoring sweep brings in items, departments are
	// asked to verify, and clustering raises the early warning.
	if err := seedBurst(ctx, g, w.svc, &clock); err != nil {
		return nil, err
	}
	if err := seedMonitoring(ctx, m.DB, w, now, &clock); err != nil {
		return nil, err
	}
	if err := seedVerification(ctx, m.DB, w, rumors, now); err != nil {
		return nil, err
	}
	if err := clusterAll(ctx, m.DB, now); err != nil {
		return nil, err
	}
	// The debunk desk last: its service keeps the wall clock, so its acts
	// are the newest and the audit chain stays in time order.
	members, err := seedArticles(ctx, m.DB, m.Keys, w, rumors, units, time.Now().UTC())
	if err != nil {
		return nil, err
	}
	return append(accounts, members...), nil
}

// submitAll files the reports in the order they came in, so case numbers
// grow with time as in a working center; op looks each one up as the
// operator's queue would.
func (g *generator) submitAll(ctx context.Context, svc *report.Service, op *auth.Principal, clock *time.Time) ([]*seeded, error) {
	n := 300 + g.rng.IntN(101)
	type fated struct {
		i      int
		at     time.Time
		target report.Status
	}
	fates := make([]fated, n)
	for i := range fates {
		at, target := g.fate(i)
		fates[i] = fated{i, at, target}
	}
	slices.SortStableFunc(fates, func(a, b fated) int { return a.at.Compare(b.at) })
	all := make([]*seeded, 0, n)
	for _, f := range fates {
		*clock = f.at
		sub, s, err := g.submission(ctx, f.i, f.at)
		if err != nil {
			return nil, err
		}
		rec, err := svc.Submit(ctx, sub, "web")
		if err != nil {
			return nil, fmt.Errorf("demo: report %d (%s/%s): %w", f.i, s.category, s.zone, err)
		}
		s.code, s.secret, s.target = rec.TrackingCode, rec.Secret, f.target
		if s.id, err = svc.CaseIDByCode(ctx, op, rec.TrackingCode); err != nil {
			return nil, err
		}
		all = append(all, &s)
	}
	return all, nil
}

// timed is an act at its moment.
type timed struct {
	at time.Time
	s  *seeded
	act
}

// schedule gives s's acts their moments: each after the one before and
// before now, however old the report is.
func schedule(rng *rand.Rand, s *seeded, acts []act, now time.Time) []timed {
	t := s.at
	out := make([]timed, 0, len(acts))
	for _, a := range acts {
		t = t.Add(min(time.Duration(float64(a.typical)*(0.3+rng.Float64())), now.Sub(t)/2))
		out = append(out, timed{t, s, a})
	}
	return out
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
