package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"qinglang/internal/search"
	"qinglang/internal/store"
)

const (
	fillChunk     = 50000 // rows per transaction
	fillStmtRows  = 32    // rows per multi-row INSERT: the driver looks up every parameter by a linear scan
	benchUsers    = 20
	benchDistrict = 15
	benchPlatform = 50
)

// benchRow is one report as the fill writes it: no reporter data (those
// columns stay NULL), which the queue never reads.
type benchRow struct {
	id                           int64
	category, zone, channel      string
	content, bigrams, status     string
	platform, district, assignee *int64
	created, updated             time.Time
	stageDue, replyDue           *time.Time
}

var reportCols = []string{"id", "tracking_code", "secret_hash", "category", "zone", "content", "channel", "platform_id", "district_id",
	"status", "anonymous", "created_at", "updated_at", "assignee_id", "stage_due_at", "reply_due_at"}

// fill writes n reports created over the year before now, in id order, as
// they would have come in. Rows are made on one goroutine while the other
// writes them, in transactions of fillChunk rows.
func fill(ctx context.Context, db *store.DB, n int, now time.Time) error {
	if err := fillReference(ctx, db, now); err != nil {
		return err
	}
	chunks := make(chan []benchRow, 1)
	go func() {
		defer close(chunks)
		rng := rand.New(rand.NewPCG(1, 2))
		start, step := now.Add(-365*24*time.Hour), 365*24*time.Hour/time.Duration(n)
		for lo := 0; lo < n && ctx.Err() == nil; lo += fillChunk {
			rows := make([]benchRow, 0, min(fillChunk, n-lo))
			for i := lo; i < lo+cap(rows); i++ {
				rows = append(rows, makeRow(rng, int64(i+1), start.Add(time.Duration(i)*step), now))
			}
			chunks <- rows
		}
	}()
	for rows := range chunks {
		if err := db.Write(ctx, func(tx *sql.Tx) error { return insertRows(ctx, tx, db.Dialect, rows) }); err != nil {
			for range chunks {
			}
			return fmt.Errorf("bench: fill: %w", err)
		}
	}
	return ctx.Err()
}

func makeRow(rng *rand.Rand, id int64, created, now time.Time) benchRow {
	r := benchRow{id: id, category: pick(rng, benchCategories), channel: pick(rng, benchChannels), created: created.UTC()}
	r.content = benchText(rng, r.category)
	r.bigrams = search.Bigrams(r.content)
	if rng.IntN(10) == 0 {
		r.zone = benchZones[rng.IntN(len(benchZones))]
	}
	if rng.IntN(10) < 3 {
		p := int64(1 + rng.IntN(benchPlatform))
		r.platform = &p
	}
	if rng.IntN(10) < 9 {
		d := int64(1 + rng.IntN(benchDistrict))
		r.district = &d
	}
	r.status = benchStatus(rng, now.Sub(created))
	if r.status != "submitted" && rng.IntN(10) < 7 {
		a := int64(1 + rng.IntN(benchUsers))
		r.assignee = &a
	}
	r.updated = r.created.Add(time.Duration(rng.IntN(72)) * time.Hour)
	if days, open := stageDays[r.status]; open {
		due := r.updated.Add(time.Duration(days) * 34 * time.Hour) // working days with weekends in between
		reply := r.created.Add(21 * 24 * time.Hour)
		r.stageDue, r.replyDue = &due, &reply
	}
	return r
}

func insertRows(ctx context.Context, tx *sql.Tx, d store.Dialect, rows []benchRow) error {
	if d == store.SQLite {
		return insertRowsJSON(ctx, tx, rows)
	}
	cols := append(reportCols[:len(reportCols):len(reportCols)], "search")
	for lo := 0; lo < len(rows); lo += fillStmtRows {
		part := rows[lo:min(lo+fillStmtRows, len(rows))]
		args := make([]any, 0, len(part)*len(cols))
		for _, r := range part {
			args = append(args, r.id, fmt.Sprintf("B%09d", r.id), []byte("bench"), r.category, r.zone, r.content, r.channel,
				r.platform, r.district, r.status, true, r.created, r.updated, r.assignee, r.stageDue, r.replyDue, r.bigrams)
		}
		q := "INSERT INTO reports (" + strings.Join(cols, ", ") + ") VALUES " + values(len(part), len(reportCols), "to_tsvector('simple', %s)")
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// sqliteTime is how the SQLite driver stores a time.Time (its String
// form); the queue compares these texts, so the fill must match.
const sqliteTime = "2006-01-02 15:04:05.999999999 -0700 MST"

// insertRowsJSON hands SQLite a whole batch as one JSON parameter. Binding
// thousands of parameters is slow in the driver, and each statement makes
// FTS5 flush its pending terms to a new segment.
func insertRowsJSON(ctx context.Context, tx *sql.Tx, rows []benchRow) error {
	tm := func(t *time.Time) any {
		if t == nil {
			return nil
		}
		return t.Format(sqliteTime)
	}
	for lo := 0; lo < len(rows); lo += 5000 {
		part := rows[lo:min(lo+5000, len(rows))]
		batch := make([][]any, len(part))
		for i, r := range part {
			batch[i] = []any{r.id, fmt.Sprintf("B%09d", r.id), r.category, r.zone, r.content, r.channel, r.platform, r.district,
				r.status, tm(&r.created), tm(&r.updated), r.assignee, tm(r.stageDue), tm(r.replyDue), r.bigrams}
		}
		js, err := json.Marshal(batch)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reports (`+strings.Join(reportCols, ", ")+`)
			SELECT j->>0, j->>1, X'62656e6368', j->>2, j->>3, j->>4, j->>5, j->>6, j->>7, j->>8, 1, j->>9, j->>10, j->>11, j->>12, j->>13
			FROM (SELECT value AS j FROM json_each($1))`, string(js)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reports_fts (rowid, bigrams) SELECT value->>0, value->>14 FROM json_each($1)`, string(js)); err != nil {
			return err
		}
	}
	return nil
}

// values writes rows groups of cols placeholders, plus one wrapped in
// last (a format with one %s) when last is set.
func values(rows, cols int, last string) string {
	var b strings.Builder
	n := 0
	for r := range rows {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("(")
		for c := range cols {
			if c > 0 {
				b.WriteString(",")
			}
			n++
			fmt.Fprintf(&b, "$%d", n)
		}
		if last != "" {
			n++
			b.WriteString("," + fmt.Sprintf(last, fmt.Sprintf("$%d", n)))
		}
		b.WriteString(")")
	}
	return b.String()
}

// fillReference adds the districts, platforms and staff the reports
// point at.
func fillReference(ctx context.Context, db *store.DB, now time.Time) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		for i := 1; i <= benchDistrict; i++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO districts (id, code, name_zh, name_en, kind) VALUES ($1,$2,$3,$4,'district')`,
				i, fmt.Sprintf("d%02d", i), fmt.Sprintf("第%d区", i), fmt.Sprintf("District %d", i)); err != nil {
				return fmt.Errorf("bench: districts: %w", err)
			}
		}
		for i := 1; i <= benchPlatform; i++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO platforms (id, code, name, created_at) VALUES ($1,$2,$3,$4)`,
				i, fmt.Sprintf("p%02d", i), fmt.Sprintf("平台%d", i), now); err != nil {
				return fmt.Errorf("bench: platforms: %w", err)
			}
		}
		for i := 1; i <= benchUsers; i++ {
			if _, err := tx.ExecContext(ctx, `INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ($1,$2,$2,'analyst','-',$3)`,
				i, fmt.Sprintf("staff%02d", i), now); err != nil {
				return fmt.Errorf("bench: users: %w", err)
			}
		}
		return nil
	})
}
