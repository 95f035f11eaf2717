// Package rumor is the rumor center: the rumor database with its claims and
// debunks, matching of incoming texts against it, clusters of look-alike
// reports and monitored items, early warnings and verification tasks.
package rumor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/store"
)

// Verdict is what the center concluded about a rumor.
type Verdict string

var verdictLabels = map[Verdict]i18n.Text{
	"rumor":      {Zh: "谣言", En: "Rumor"},
	"false":      {Zh: "不实", En: "False"},
	"misleading": {Zh: "误导", En: "Misleading"},
	"true":       {Zh: "属实", En: "True"},
	"unverified": {Zh: "待核实", En: "Unverified"},
}

// Verdicts lists the verdicts in display order.
func Verdicts() []Verdict { return []Verdict{"rumor", "false", "misleading", "true", "unverified"} }

// Label names the verdict.
func (v Verdict) Label() i18n.Text { return verdictLabels[v] }

// Debunked reports whether the verdict refutes the claim, so a reporter of
// it can be pointed at the debunk.
func (v Verdict) Debunked() bool { return v == "rumor" || v == "false" || v == "misleading" }

// Debunk is where a rumor is refuted.
type Debunk struct {
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// Rumor is an entry of the rumor database.
type Rumor struct {
	ID            int64
	Title         string
	Verdict       Verdict
	Topic         string
	Region        string
	Summary       string
	Claims        []string // wordings; the first is the canonical claim
	DepartmentIDs []int64
	Debunks       []Debunk
	FirstSeenAt   *time.Time
	LastSeenAt    *time.Time
	MatchCount    int
	UpdatedAt     time.Time
}

func (r *Rumor) validate() error {
	var errs []apperr.FieldError
	r.Title = strings.TrimSpace(r.Title)
	if n := utf8.RuneCountInString(r.Title); n == 0 || n > 200 {
		errs = append(errs, apperr.Field("title", "required", "请填写标题（200字以内）", "title: required, at most 200 characters"))
	}
	if _, ok := verdictLabels[r.Verdict]; !ok {
		errs = append(errs, apperr.Field("verdict", "unknown", "请选择结论：谣言、不实、误导、属实或待核实", "verdict: rumor, false, misleading, true or unverified"))
	}
	var claims []string
	for _, c := range r.Claims {
		if c = strings.TrimSpace(c); c != "" {
			claims = append(claims, c)
		}
	}
	r.Claims = claims
	if len(claims) == 0 || len(claims) > 50 {
		errs = append(errs, apperr.Field("claims", "required", "请至少填写一种说法（最多50种）", "claims: give one to 50 wordings"))
	}
	for _, d := range r.Debunks {
		if !strings.HasPrefix(d.URL, "https://") && !strings.HasPrefix(d.URL, "http://") && !strings.HasPrefix(d.URL, "/") {
			errs = append(errs, apperr.Field("debunks", "bad_url", "辟谣链接须为网址", "debunks: links must be URLs"))
			break
		}
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

// Save creates (ID 0) or updates a rumor with its claims, departments and
// debunks, and returns its id. The caller refreshes the matcher.
func Save(ctx context.Context, db *store.DB, p *auth.Principal, r Rumor, now time.Time) (int64, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return 0, err
	}
	if err := r.validate(); err != nil {
		return 0, err
	}
	id := r.ID
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if id == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO rumors (title, verdict, topic, region, summary, created_by, created_at, updated_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$7) RETURNING id`, r.Title, string(r.Verdict), r.Topic, r.Region, r.Summary, p.UserID, now).Scan(&id); err != nil {
				return fmt.Errorf("rumor: insert: %w", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE rumors SET title = $1, verdict = $2, topic = $3, region = $4, summary = $5, updated_at = $6 WHERE id = $7`,
				r.Title, string(r.Verdict), r.Topic, r.Region, r.Summary, now, id)
			if err != nil {
				return fmt.Errorf("rumor: update: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return apperr.New(apperr.NotFound, "谣言条目不存在", "No such rumor")
			}
			for _, q := range []string{`DELETE FROM rumor_claims WHERE rumor_id = $1`, `DELETE FROM rumor_departments WHERE rumor_id = $1`, `DELETE FROM rumor_debunks WHERE rumor_id = $1`} {
				if _, err := tx.ExecContext(ctx, q, id); err != nil {
					return err
				}
			}
		}
		for _, c := range r.Claims {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_claims (rumor_id, text) VALUES ($1,$2)`, id, c); err != nil {
				return err
			}
		}
		for _, d := range r.DepartmentIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_departments (rumor_id, department_id) VALUES ($1,$2)`, id, d); err != nil {
				return apperr.Fields(apperr.Field("departments", "unknown", "部门不存在", "departments: no such department"))
			}
		}
		for _, d := range r.Debunks {
			if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_debunks (rumor_id, title, url, published_at) VALUES ($1,$2,$3,$4)`, id, d.Title, d.URL, d.PublishedAt); err != nil {
				return err
			}
		}
		action := "rumor.update"
		if r.ID == 0 {
			action = "rumor.create"
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: action,
			Target: "rumor:" + strconv.FormatInt(id, 10), Detail: string(r.Verdict) + " " + r.Title})
	})
	return id, err
}

// Get reads one rumor.
func Get(ctx context.Context, db *store.DB, id int64) (*Rumor, error) {
	r := &Rumor{ID: id}
	var first, last sql.NullTime
	err := db.Read().QueryRowContext(ctx, `SELECT title, verdict, topic, region, summary, first_seen_at, last_seen_at, match_count, updated_at FROM rumors WHERE id = $1`, id).
		Scan(&r.Title, &r.Verdict, &r.Topic, &r.Region, &r.Summary, &first, &last, &r.MatchCount, &r.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "谣言条目不存在", "No such rumor")
	}
	if err != nil {
		return nil, fmt.Errorf("rumor: get: %w", err)
	}
	if first.Valid {
		r.FirstSeenAt = &first.Time
	}
	if last.Valid {
		r.LastSeenAt = &last.Time
	}
	if r.Claims, err = queryStrings(ctx, db, `SELECT text FROM rumor_claims WHERE rumor_id = $1 ORDER BY id`, id); err != nil {
		return nil, err
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT department_id FROM rumor_departments WHERE rumor_id = $1`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d int64
		rows.Scan(&d)
		r.DepartmentIDs = append(r.DepartmentIDs, d)
	}
	rows.Close()
	r.Debunks, err = debunksOf(ctx, db, id)
	return r, err
}

func queryStrings(ctx context.Context, db *store.DB, q string, args ...any) ([]string, error) {
	rows, err := db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func debunksOf(ctx context.Context, db *store.DB, id int64) ([]Debunk, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT title, url, published_at FROM rumor_debunks WHERE rumor_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Debunk
	for rows.Next() {
		var d Debunk
		var at sql.NullTime
		if err := rows.Scan(&d.Title, &d.URL, &at); err != nil {
			return nil, err
		}
		if at.Valid {
			d.PublishedAt = &at.Time
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
