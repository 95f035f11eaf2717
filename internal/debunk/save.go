package debunk

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	verdicts    = map[string]bool{"rumor": true, "false": true, "misleading": true, "true": true, "unverified": true}
)

func isWebURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

func (a *Article) validate() error {
	var errs []apperr.FieldError
	a.Title = strings.TrimSpace(a.Title)
	a.Summary = strings.TrimSpace(a.Summary)
	a.Slug = strings.TrimSpace(a.Slug)
	a.CoverURL = strings.TrimSpace(a.CoverURL)
	if n := utf8.RuneCountInString(a.Title); n == 0 || n > 200 {
		errs = append(errs, apperr.Field("title", "required", "请填写标题（200字以内）", "title: required, at most 200 characters"))
	}
	if utf8.RuneCountInString(a.Summary) > 500 {
		errs = append(errs, apperr.Field("summary", "too_long", "摘要不超过500字", "summary: at most 500 characters"))
	}
	if len(a.BodyMD) > 200_000 {
		errs = append(errs, apperr.Field("body", "too_long", "正文过长", "body: too long"))
	}
	if a.Slug != "" && (len(a.Slug) > 100 || !slugPattern.MatchString(a.Slug)) {
		errs = append(errs, apperr.Field("slug", "bad_slug", "链接名只能用小写字母、数字和连字符", "slug: lowercase letters, digits and hyphens only"))
	}
	if a.CoverURL != "" && !isWebURL(a.CoverURL) && !strings.HasPrefix(a.CoverURL, "/") {
		errs = append(errs, apperr.Field("cover_url", "bad_url", "封面图须为网址", "cover_url: must be a URL"))
	}
	var tags []string
	for _, t := range a.Tags {
		t = strings.TrimSpace(strings.ReplaceAll(t, ",", " "))
		if t != "" {
			tags = append(tags, t)
		}
	}
	a.Tags = tags
	if len(tags) > 20 {
		errs = append(errs, apperr.Field("tags", "too_many", "标签最多20个", "tags: at most 20"))
	}
	var sources []Source
	for _, src := range a.Sources {
		src.Title, src.URL = strings.TrimSpace(src.Title), strings.TrimSpace(src.URL)
		if src.Title == "" && src.URL == "" {
			continue
		}
		if src.URL != "" && !isWebURL(src.URL) {
			errs = append(errs, apperr.Field("sources", "bad_url", "依据链接须为 http(s) 网址", "sources: links must be http(s) URLs"))
			break
		}
		sources = append(sources, src)
	}
	a.Sources = sources
	var claims []Claim
	for _, c := range a.Claims {
		c.Claim = strings.TrimSpace(c.Claim)
		if c.Claim == "" {
			continue
		}
		if !verdicts[c.Verdict] {
			errs = append(errs, apperr.Field("claims", "unknown_verdict", "请为每条说法选择结论：谣言、不实、误导、属实或待核实", "claims: each needs a verdict: rumor, false, misleading, true or unverified"))
			break
		}
		claims = append(claims, c)
	}
	a.Claims = claims
	if len(claims) == 0 || len(claims) > 20 {
		errs = append(errs, apperr.Field("claims", "required", "请至少填写一条核查的说法（最多20条）", "claims: give one to 20 claims"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

var (
	errNoArticle = apperr.New(apperr.NotFound, "文章不存在", "No such article")
	errPublished = apperr.New(apperr.Conflict, "文章已发布，请通过更正修改", "The article is published; change it through a correction")
)

// Save creates (ID 0, as a draft) or updates a draft or in-review article
// and returns its id. Every save is a revision.
func (s *Service) Save(ctx context.Context, p *auth.Principal, a Article) (int64, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return 0, err
	}
	if err := a.validate(); err != nil {
		return 0, err
	}
	now := s.now()
	html := string(Render(a.BodyMD))
	sources, _ := json.Marshal(a.Sources)
	if a.Sources == nil {
		sources = []byte("[]")
	}
	tags := strings.Join(a.Tags, ",")
	id := a.ID
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		status := Draft
		if id == 0 {
			// The slug column is unique and required; a placeholder holds
			// it until the id the generated slug is made of is known.
			slug := a.Slug
			if slug == "" {
				slug = "new-" + strconv.FormatInt(now.UnixNano(), 36)
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO articles (slug, title, summary, body_md, body_html, cover_url, tags, region, department_id, sources, status, created_by, created_at, updated_at)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$13) RETURNING id`,
				slug, a.Title, a.Summary, a.BodyMD, html, a.CoverURL, tags, a.Region, a.DepartmentID, string(sources), Draft, p.UserID, now).Scan(&id); err != nil {
				return saveErr(err)
			}
			if a.Slug == "" {
				if _, err := tx.ExecContext(ctx, `UPDATE articles SET slug = $1 WHERE id = $2`, defaultSlug(now, id), id); err != nil {
					return saveErr(err)
				}
			}
		} else {
			var err error
			if status, err = lockStatus(ctx, tx, id); err != nil {
				return err
			}
			if status != Draft && status != Review {
				return errPublished
			}
			slug := a.Slug
			if slug == "" {
				slug = defaultSlug(now, id)
				tx.QueryRowContext(ctx, `SELECT slug FROM articles WHERE id = $1`, id).Scan(&slug)
			}
			if res, err := tx.ExecContext(ctx, `UPDATE articles SET slug = $1, title = $2, summary = $3, body_md = $4, body_html = $5, cover_url = $6, tags = $7,
				region = $8, department_id = $9, sources = $10, updated_at = $11 WHERE id = $12 AND status IN ('draft', 'review')`,
				slug, a.Title, a.Summary, a.BodyMD, html, a.CoverURL, tags, a.Region, a.DepartmentID, string(sources), now, id); err != nil {
				return saveErr(err)
			} else if n, _ := res.RowsAffected(); n == 0 {
				return errPublished
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_claims WHERE article_id = $1`, id); err != nil {
				return fmt.Errorf("debunk: save: %w", err)
			}
		}
		for _, c := range a.Claims {
			if _, err := tx.ExecContext(ctx, `INSERT INTO article_claims (article_id, rumor_id, claim, verdict) VALUES ($1,$2,$3,$4)`,
				id, c.RumorID, c.Claim, c.Verdict); err != nil {
				return apperr.Fields(apperr.Field("claims", "unknown_rumor", "关联的谣言条目不存在", "claims: no such rumor"))
			}
		}
		if _, err := addRevision(ctx, tx, id, now, p, status, a.Title, a.Summary, a.BodyMD, ""); err != nil {
			return err
		}
		action := "article.update"
		if a.ID == 0 {
			action = "article.create"
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: action,
			Target: target(id), Detail: a.Title})
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

func saveErr(err error) error {
	if store.IsUniqueViolation(err) {
		return apperr.Fields(apperr.Field("slug", "taken", "链接名已被使用", "slug: already taken"))
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if strings.Contains(strings.ToLower(err.Error()), "foreign key") {
		return apperr.Fields(apperr.Field("department", "unknown", "部门不存在", "department: no such department"))
	}
	return fmt.Errorf("debunk: save: %w", err)
}

// defaultSlug names an article by its day and id: unique, stable, and
// readable in a shared link.
func defaultSlug(t time.Time, id int64) string {
	return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02") + "-" + strconv.FormatInt(id, 10)
}

func target(id int64) string { return "article:" + strconv.FormatInt(id, 10) }

// lockStatus reads an article's status inside a write transaction.
func lockStatus(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var status string
	err := tx.QueryRowContext(ctx, `SELECT status FROM articles WHERE id = $1`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", errNoArticle
	}
	if err != nil {
		return "", fmt.Errorf("debunk: status: %w", err)
	}
	return status, nil
}

func addRevision(ctx context.Context, tx *sql.Tx, id int64, now time.Time, p *auth.Principal, status, title, summary, body, note string) (int64, error) {
	var rid int64
	err := tx.QueryRowContext(ctx, `INSERT INTO article_revisions (article_id, at, by_user, status, title, summary, body_md, note)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, id, now, p.UserID, status, title, summary, body, note).Scan(&rid)
	if err != nil {
		return 0, fmt.Errorf("debunk: revision: %w", err)
	}
	return rid, nil
}
