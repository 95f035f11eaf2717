package platform

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
)

// Filter narrows List. Zero values do not filter.
type Filter struct {
	Query      string // part of the code, name or a domain
	Kind       Kind
	DistrictID int64
	Disabled   *bool
}

const columns = `p.id, p.code, p.name, p.kind, p.domains, p.district_id, COALESCE(d.name_zh, ''), p.contacts, p.webhook_url,
	p.webhook_secret IS NOT NULL, COALESCE(p.entrance, ''), p.disabled, p.created_at
	FROM platforms p LEFT JOIN districts d ON d.id = p.district_id`

var errNoPlatform = apperr.New(apperr.NotFound, "平台不存在", "No such platform")

// List returns the platforms that match f, by code.
func (r *Registry) List(ctx context.Context, f Filter) ([]Platform, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "$?", "$"+strconv.Itoa(len(args))))
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		add(`(lower(p.code) LIKE $? OR lower(p.name) LIKE $? OR lower(p.domains) LIKE $?)`, "%"+q+"%")
	}
	if f.Kind != "" {
		add(`p.kind = $?`, string(f.Kind))
	}
	if f.DistrictID != 0 {
		add(`p.district_id = $?`, f.DistrictID)
	}
	if f.Disabled != nil {
		add(`p.disabled = $?`, *f.Disabled)
	}
	q := `SELECT ` + columns
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := r.db.Read().QueryContext(ctx, q+" ORDER BY p.code", args...)
	if err != nil {
		return nil, fmt.Errorf("platform: list: %w", err)
	}
	defer rows.Close()
	var out []Platform
	for rows.Next() {
		p, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Get reads one platform.
func (r *Registry) Get(ctx context.Context, id int64) (Platform, error) {
	return r.one(ctx, r.db.Read(), `p.id = $1`, id)
}

// GetByCode reads one platform by its code.
func (r *Registry) GetByCode(ctx context.Context, code string) (Platform, error) {
	return r.one(ctx, r.db.Read(), `p.code = $1`, code)
}

func (r *Registry) one(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, cond string, arg any) (Platform, error) {
	p, err := scan(q.QueryRowContext(ctx, `SELECT `+columns+` WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return p, errNoPlatform
	}
	return p, err
}

func scan(row interface{ Scan(...any) error }) (Platform, error) {
	var p Platform
	var domains, contacts string
	var district sql.NullInt64
	err := row.Scan(&p.ID, &p.Code, &p.Name, &p.Kind, &domains, &district, &p.District, &contacts, &p.WebhookURL,
		&p.HasSecret, &p.Entrance, &p.Disabled, &p.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	if err != nil {
		return p, fmt.Errorf("platform: read: %w", err)
	}
	p.Domains = splitDomains(domains)
	if district.Valid {
		p.DistrictID = &district.Int64
	}
	if err := json.Unmarshal([]byte(contacts), &p.Contacts); err != nil {
		return p, fmt.Errorf("platform: contacts of %s: %w", p.Code, err)
	}
	return p, nil
}

// splitDomains reads the stored list: comma-separated, as the first
// schema kept it.
func splitDomains(s string) []string {
	var out []string
	for _, d := range strings.Split(s, ",") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func equalFold(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), b) }
