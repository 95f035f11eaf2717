package platform

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
)

// ImportMode says what an import does when some rows are bad.
type ImportMode string

const (
	// AllOrNothing imports nothing if any row is bad, and reports them all.
	AllOrNothing ImportMode = "all_or_nothing"
	// GoodOnly imports the good rows and reports the bad ones.
	GoodOnly ImportMode = "good_only"
)

// Import reads a CSV or XLSX file of platforms, checks every row, and
// then, in one transaction, creates the new codes and updates the known
// ones, as mode says. An empty cell leaves a known platform's value as it
// is; a contact in the file replaces the platform's contact of that name
// or becomes its first contact.
func (r *Registry) Import(ctx context.Context, p *auth.Principal, file io.Reader, mode ImportMode) (ImportResult, error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return ImportResult{}, err
	}
	if mode == "" {
		mode = AllOrNothing
	}
	if mode != AllOrNothing && mode != GoodOnly {
		return ImportResult{}, apperr.Fields(apperr.Field("mode", "unknown", "导入方式须为 all_or_nothing 或 good_only", "mode: all_or_nothing or good_only"))
	}
	data, err := readAll(file, MaxImportBytes)
	if err != nil {
		return ImportResult{}, err
	}
	rows, err := readSheet(data)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Mode: mode, Rows: len(rows)}
	now := r.now()
	err = r.db.Write(ctx, func(tx *sql.Tx) error {
		good, errs, err := r.checkRows(ctx, tx, rows)
		if err != nil {
			return err
		}
		res.Errors = errs
		if len(errs) > 0 && mode == AllOrNothing {
			return nil
		}
		res.Applied = true
		for _, g := range good {
			out, err := r.write(ctx, tx, &g.pl, now)
			if err != nil {
				return fmt.Errorf("platform: import row %d: %w", g.row, err)
			}
			if err := r.auditChange(ctx, tx, p.Username, &p.UserID, now, g.pl, out, "import"); err != nil {
				return err
			}
			res.Done = append(res.Done, RowDone{Row: g.row, Code: g.pl.Code, Created: out.Created, SecretMade: out.Secret != ""})
		}
		return nil
	})
	return res, err
}

type goodRow struct {
	row int
	pl  Platform
}

// listSep splits a cell of several domains: ; , newline, the full-width
// forms a Chinese keyboard types, or spaces.
var listSep = regexp.MustCompile(`[;,；，、\s]+`)

// checkRows turns rows into platforms (merged onto the known ones) and
// collects every row's problems.
func (r *Registry) checkRows(ctx context.Context, tx *sql.Tx, rows []sheetRow) ([]goodRow, []RowError, error) {
	districts, err := districtIndex(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	var good []goodRow
	var errs []RowError
	firstRow := map[string]int{}
	for _, row := range rows {
		c := row.cells
		bad := func(col, zh, en string) { errs = append(errs, RowError{row.n, col, i18n.Text{Zh: zh, En: en}}) }
		before := len(errs)
		code := strings.TrimSpace(c["code"])
		pl, err := r.one(ctx, tx, `p.code = $1`, code)
		if err != nil && !errors.Is(err, errNoPlatform) {
			return nil, nil, err
		}
		if n, dup := firstRow[code]; dup && code != "" {
			bad("code", fmt.Sprintf("平台代码「%s」与第 %d 行重复", code, n), fmt.Sprintf("code %q repeats row %d", code, n))
		} else {
			firstRow[code] = row.n
		}
		pl.Code = code
		if v, ok := c["name"]; ok || pl.ID == 0 {
			pl.Name = v
		}
		if v := c["kind"]; v != "" {
			if k, ok := parseKind(v); ok {
				pl.Kind = k
			} else {
				bad("kind", "类型不认识："+v+"（可填：新闻网站、论坛社区、短视频、直播、社交、电商、搜索、应用商店、其他）", "unknown kind: "+v)
			}
		}
		if v := c["domains"]; v != "" {
			pl.Domains = listSep.Split(v, -1)
		}
		if v := c["district"]; v != "" {
			if id, ok := districts[strings.ToLower(v)]; ok {
				pl.DistrictID = &id
			} else {
				bad("district", "所在地区不存在："+v+"（填地区代码或中文名称）", "unknown district: "+v+" (give its code or Chinese name)")
			}
		}
		if v := c["webhook_url"]; v != "" {
			pl.WebhookURL = v
		}
		if name := c["contact_name"]; name != "" || c["contact_phone"] != "" || c["contact_email"] != "" {
			pl.Contacts = mergeContact(pl.Contacts, Contact{Name: name, Phone: c["contact_phone"], Email: c["contact_email"]})
		}
		for _, fe := range clean(&pl) {
			bad(columnOf(fe.Field), fe.Zh, fe.En)
		}
		if len(errs) == before {
			good = append(good, goodRow{row.n, pl})
		}
	}
	return good, errs, nil
}

// mergeContact puts c first, replacing a contact of the same name.
func mergeContact(have []Contact, c Contact) []Contact {
	out := []Contact{c}
	for _, h := range have {
		if h.Name != c.Name {
			out = append(out, h)
		}
	}
	return out
}

// columnOf maps a validation field to the import column it came from.
func columnOf(field string) string {
	switch {
	case strings.HasSuffix(field, ".phone"):
		return "contact_phone"
	case strings.HasSuffix(field, ".email"):
		return "contact_email"
	case strings.HasPrefix(field, "contacts"):
		return "contact_name"
	}
	return field
}

// districtIndex finds a district by code or Chinese name (lower-cased).
func districtIndex(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code, name_zh FROM districts`)
	if err != nil {
		return nil, fmt.Errorf("platform: districts: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var code, name string
		if err := rows.Scan(&id, &code, &name); err != nil {
			return nil, err
		}
		out[strings.ToLower(code)], out[name] = id, id
	}
	return out, rows.Err()
}
