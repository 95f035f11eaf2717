package debunk

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"time"

	"qinglang/internal/auth"
)

// querier is a transaction or the read pool.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const articleColumns = `a.id, a.slug, a.title, a.summary, a.body_md, a.body_html, a.cover_url, a.tags, a.region, a.department_id,
	COALESCE(d.name_zh, ''), a.sources, a.status, a.created_at, a.updated_at, a.published_at, a.corrected_at, a.retracted_at,
	a.correction_note, a.retraction_reason`

const articleFrom = ` FROM articles a LEFT JOIN departments d ON d.id = a.department_id`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(r scanner) (Article, error) {
	var a Article
	var html, tags, sources string
	var dept sql.NullInt64
	var pub, cor, ret sql.NullTime
	if err := r.Scan(&a.ID, &a.Slug, &a.Title, &a.Summary, &a.BodyMD, &html, &a.CoverURL, &tags, &a.Region, &dept,
		&a.Department, &sources, &a.Status, &a.CreatedAt, &a.UpdatedAt, &pub, &cor, &ret, &a.CorrectionNote, &a.RetractionReason); err != nil {
		return a, err
	}
	a.BodyHTML = template.HTML(html) // sanitized when saved
	if tags != "" {
		a.Tags = strings.Split(tags, ",")
	}
	if dept.Valid {
		a.DepartmentID = &dept.Int64
	}
	json.Unmarshal([]byte(sources), &a.Sources)
	a.PublishedAt, a.CorrectedAt, a.RetractedAt = timePtr(pub), timePtr(cor), timePtr(ret)
	return a, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

func (s *Service) get(ctx context.Context, q querier, id int64) (*Article, error) {
	a, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleColumns+articleFrom+` WHERE a.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoArticle
	}
	if err != nil {
		return nil, fmt.Errorf("debunk: get: %w", err)
	}
	list := []Article{a}
	if err := claimsOf(ctx, q, list); err != nil {
		return nil, err
	}
	return &list[0], nil
}

// claimsOf fills in the claims of the articles.
func claimsOf(ctx context.Context, q querier, list []Article) error {
	if len(list) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]string, len(list))
	for i, a := range list {
		at[a.ID] = i
		ids[i] = fmt.Sprint(a.ID)
	}
	// The ids are integers we read ourselves, so joining them is safe.
	rows, err := q.QueryContext(ctx, `SELECT article_id, rumor_id, claim, verdict FROM article_claims WHERE article_id IN (`+strings.Join(ids, ",")+`) ORDER BY id`)
	if err != nil {
		return fmt.Errorf("debunk: claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid int64
		var rid sql.NullInt64
		var c Claim
		if err := rows.Scan(&aid, &rid, &c.Claim, &c.Verdict); err != nil {
			return fmt.Errorf("debunk: claims: %w", err)
		}
		if rid.Valid {
			c.RumorID = &rid.Int64
		}
		list[at[aid]].Claims = append(list[at[aid]].Claims, c)
	}
	return rows.Err()
}

// Get reads an article in any state, for editors.
func (s *Service) Get(ctx context.Context, id int64) (*Article, error) {
	return s.get(ctx, s.db.Read(), id)
}

// BySlug reads a public article (published, corrected or retracted).
func (s *Service) BySlug(ctx context.Context, slug string) (*Article, error) {
	var id int64
	err := s.db.Read().QueryRowContext(ctx, `SELECT id FROM articles WHERE slug = $1 AND status IN ('published', 'corrected', 'retracted')`, slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoArticle
	}
	if err != nil {
		return nil, fmt.Errorf("debunk: by slug: %w", err)
	}
	return s.get(ctx, s.db.Read(), id)
}

// ListFilter narrows the public list.
type ListFilter struct {
	Tag, Region, Verdict, Q string
	IncludeRetracted        bool
	Limit, Offset           int
}

// Public lists public articles, newest published first, with the total
// matching the filter for paging.
func (s *Service) Public(ctx context.Context, f ListFilter) ([]Article, int, error) {
	where := []string{"a.status IN ('published', 'corrected')"}
	if f.IncludeRetracted {
		where[0] = "a.status IN ('published', 'corrected', 'retracted')"
	}
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Tag != "" {
		where = append(where, "(',' || a.tags || ',') LIKE "+arg("%,"+escapeLike(f.Tag)+",%")+" ESCAPE '\\'")
	}
	if f.Region != "" {
		where = append(where, "a.region = "+arg(f.Region))
	}
	if f.Verdict != "" {
		where = append(where, "EXISTS (SELECT 1 FROM article_claims c WHERE c.article_id = a.id AND c.verdict = "+arg(f.Verdict)+")")
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := arg("%" + strings.ToLower(escapeLike(q)) + "%")
		where = append(where, "(lower(a.title) LIKE "+p+" ESCAPE '\\' OR lower(a.summary) LIKE "+p+" ESCAPE '\\' OR EXISTS (SELECT 1 FROM article_claims c WHERE c.article_id = a.id AND lower(c.claim) LIKE "+p+" ESCAPE '\\'))")
	}
	cond := " WHERE " + strings.Join(where, " AND ")
	var total int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT count(*) FROM articles a`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("debunk: public: %w", err)
	}
	list, err := s.query(ctx, `SELECT `+articleColumns+articleFrom+cond+` ORDER BY a.published_at DESC, a.id DESC`+page(f.Limit, f.Offset), args...)
	return list, total, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func page(limit, offset int) string {
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	return fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(offset, 0))
}

func (s *Service) query(ctx context.Context, q string, args ...any) ([]Article, error) {
	rows, err := s.db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("debunk: list: %w", err)
	}
	var list []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("debunk: list: %w", err)
		}
		list = append(list, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, claimsOf(ctx, s.db.Read(), list)
}

// List lists articles in a state ("" for all), most recently changed
// first, for editors.
func (s *Service) List(ctx context.Context, p *auth.Principal, status string, limit, offset int) ([]Article, error) {
	if err := p.Require(auth.RumorView); err != nil {
		return nil, err
	}
	if status == "" {
		return s.query(ctx, `SELECT `+articleColumns+articleFrom+` ORDER BY a.updated_at DESC, a.id DESC`+page(limit, offset))
	}
	return s.query(ctx, `SELECT `+articleColumns+articleFrom+` WHERE a.status = $1 ORDER BY a.updated_at DESC, a.id DESC`+page(limit, offset), status)
}

// Revisions lists an article's saved states, oldest first.
func (s *Service) Revisions(ctx context.Context, id int64) ([]Revision, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, article_id, at, by_user, status, title, summary, body_md, note
		FROM article_revisions WHERE article_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("debunk: revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var by sql.NullInt64
		if err := rows.Scan(&r.ID, &r.ArticleID, &r.At, &by, &r.Status, &r.Title, &r.Summary, &r.BodyMD, &r.Note); err != nil {
			return nil, fmt.Errorf("debunk: revisions: %w", err)
		}
		if by.Valid {
			r.ByUser = &by.Int64
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastChange is when a public article last changed (zero when there is
// none), for the feeds' ETag and Last-Modified.
func (s *Service) LastChange(ctx context.Context) (time.Time, error) {
	var t time.Time
	// ORDER BY rather than max(): SQLite returns an aggregate untyped.
	err := s.db.Read().QueryRowContext(ctx, `SELECT updated_at FROM articles WHERE status IN ('published', 'corrected', 'retracted')
		ORDER BY updated_at DESC LIMIT 1`).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("debunk: last change: %w", err)
	}
	return t.UTC(), nil
}
