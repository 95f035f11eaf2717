package report

import (
	"context"
	"database/sql"
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
	"qinglang/internal/category"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// ReplyTemplate is a canned answer to the reporter (答复模板). Its body may
// hold the placeholders {{tracking_code}}, {{category}} and {{date}}.
type ReplyTemplate struct {
	ID        int64
	Code      string
	Title     string
	Body      string
	Category  string // "" fits every category
	UpdatedAt time.Time
}

var (
	templateCodeRe = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)
	placeholderRe  = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)
	placeholders   = map[string]bool{"tracking_code": true, "category": true, "date": true}
)

// Render fills a template for a case: {{date}} is the day the report was
// filed (Beijing time), the day a reporter remembers.
func Render(t ReplyTemplate, d *CaseDetail) string {
	cat := d.Category
	if c, ok := category.LookupCategory(d.Category); ok {
		cat = c.Label.Zh
	}
	return placeholderRe.ReplaceAllStringFunc(t.Body, func(m string) string {
		switch placeholderRe.FindStringSubmatch(m)[1] {
		case "tracking_code":
			return d.TrackingCode
		case "category":
			return cat
		case "date":
			return d.CreatedAt.In(sla.Beijing).Format("2006年1月2日")
		}
		return m
	})
}

// Templates lists the templates an analyst may use for category, those
// for any category included; "" lists every template (for the admin page).
func (s *Service) Templates(ctx context.Context, p *auth.Principal, cat string) ([]ReplyTemplate, error) {
	if err := p.Require(auth.CaseView); err != nil {
		return nil, err
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, code, title, body, category, updated_at FROM reply_templates
		WHERE $1 = '' OR category = '' OR category = $1 ORDER BY category, code`, cat)
	if err != nil {
		return nil, fmt.Errorf("report: templates: %w", err)
	}
	defer rows.Close()
	var out []ReplyTemplate
	for rows.Next() {
		var t ReplyTemplate
		if err := rows.Scan(&t.ID, &t.Code, &t.Title, &t.Body, &t.Category, &t.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveTemplate creates a template (ID 0) or replaces one, and returns its id.
func (s *Service) SaveTemplate(ctx context.Context, p *auth.Principal, t ReplyTemplate) (int64, error) {
	if err := p.Require(auth.AdminSettings); err != nil {
		return 0, err
	}
	t.Code, t.Title, t.Body = strings.TrimSpace(t.Code), cleanText(t.Title), cleanText(t.Body)
	if err := checkTemplate(t); err != nil {
		return 0, err
	}
	now := s.now()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		action := "admin.template.update"
		var err error
		if t.ID == 0 {
			action = "admin.template.create"
			err = tx.QueryRowContext(ctx, `INSERT INTO reply_templates (code, title, body, category, updated_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
				t.Code, t.Title, t.Body, t.Category, now).Scan(&t.ID)
		} else {
			err = tx.QueryRowContext(ctx, `UPDATE reply_templates SET code = $1, title = $2, body = $3, category = $4, updated_at = $5 WHERE id = $6 RETURNING id`,
				t.Code, t.Title, t.Body, t.Category, now, t.ID).Scan(&t.ID)
		}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return apperr.New(apperr.NotFound, "答复模板不存在", "No such reply template")
		case store.IsUniqueViolation(err):
			return apperr.Fields(apperr.Field("code", "taken", "模板代码「"+t.Code+"」已被使用", "code: "+quote(t.Code)+" is taken"))
		case err != nil:
			return fmt.Errorf("report: save template: %w", err)
		}
		return s.templateAudit(ctx, tx, now, p, action, t.ID, t.Code+" "+t.Title)
	})
	return t.ID, err
}

// DeleteTemplate removes a template.
func (s *Service) DeleteTemplate(ctx context.Context, p *auth.Principal, id int64) error {
	if err := p.Require(auth.AdminSettings); err != nil {
		return err
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var code string
		err := tx.QueryRowContext(ctx, `DELETE FROM reply_templates WHERE id = $1 RETURNING code`, id).Scan(&code)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "答复模板不存在", "No such reply template")
		}
		if err != nil {
			return fmt.Errorf("report: delete template: %w", err)
		}
		return s.templateAudit(ctx, tx, now, p, "admin.template.delete", id, code)
	})
}

func checkTemplate(t ReplyTemplate) error {
	var errs []apperr.FieldError
	if !templateCodeRe.MatchString(t.Code) {
		errs = append(errs, apperr.Field("code", "bad_format", "「模板代码」须为 1-40 个小写字母、数字、_ 或 -", "code: 1-40 of a-z, 0-9, _ or -"))
	}
	if n := utf8.RuneCountInString(t.Title); n == 0 || n > 100 {
		errs = append(errs, apperr.Field("title", "length", "「模板名称」须为 1-100 字", "title: 1 to 100 characters"))
	}
	if n := utf8.RuneCountInString(t.Body); n == 0 || n > MaxNote {
		errs = append(errs, apperr.Field("body", "length", fmt.Sprintf("「模板内容」须为 1-%d 字", MaxNote), fmt.Sprintf("body: 1 to %d characters", MaxNote)))
	}
	for _, m := range placeholderRe.FindAllStringSubmatch(t.Body, -1) {
		if !placeholders[m[1]] {
			errs = append(errs, apperr.Field("body", "placeholder", "未知的占位符 "+m[0]+"，可用 {{tracking_code}}、{{category}}、{{date}}",
				"body: unknown placeholder "+m[0]+"; use {{tracking_code}}, {{category}} or {{date}}"))
			break
		}
	}
	if _, ok := category.LookupCategory(t.Category); t.Category != "" && !ok {
		errs = append(errs, apperr.Field("category", "unknown", "举报类型不存在", "category: unknown category"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

// templateAudit records a change of a reply template.
func (s *Service) templateAudit(ctx context.Context, tx *sql.Tx, at time.Time, p *auth.Principal, action string, id int64, detail string) error {
	return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: at, ActorID: &p.UserID, Actor: p.Username, Action: action,
		Target: "reply_template:" + strconv.FormatInt(id, 10), Detail: detail})
}
