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

// MaxImportBytes bounds an uploaded import file.
const MaxImportBytes = 10 << 20

// RowError is what is wrong with one cell of an import file.
type RowError struct {
	Row    int    // as the spreadsheet numbers it: the header is row 1
	Column string // column key, see ColumnLabel
	Reason i18n.Text
}

// RowDone is an imported row: its platform created or updated.
type RowDone struct {
	Row        int
	Code       string
	Created    bool
	SecretMade bool // a webhook secret was made: rotate it on the platform page to see one
}

// ImportResult is the report of an import.
type ImportResult struct {
	Mode    ImportMode
	Rows    int // data rows in the file
	Applied bool
	Done    []RowDone
	Errors  []RowError
}

// Counts returns how many platforms were created and updated.
func (r ImportResult) Counts() (created, updated int) {
	for _, d := range r.Done {
		if d.Created {
			created++
		} else {
			updated++
		}
	}
	return
}

// Summary says in one sentence what the import did.
func (r ImportResult) Summary() i18n.Text {
	c, u := r.Counts()
	bad := badRows(r.Errors)
	switch {
	case bad == 0:
		return i18n.Text{Zh: fmt.Sprintf("全部 %d 行已导入：新建 %d 个平台，更新 %d 个。", r.Rows, c, u),
			En: fmt.Sprintf("All %d rows imported: %d platforms created, %d updated.", r.Rows, c, u)}
	case !r.Applied:
		return i18n.Text{Zh: fmt.Sprintf("共 %d 行，其中 %d 行有误。按「全部正确才导入」方式，本次没有导入任何平台；请修正下列各行后重新上传。", r.Rows, bad),
			En: fmt.Sprintf("%d rows, %d of them bad. In all-or-nothing mode nothing was imported; fix the rows below and upload again.", r.Rows, bad)}
	}
	return i18n.Text{Zh: fmt.Sprintf("共 %d 行：已导入 %d 行（新建 %d 个，更新 %d 个）；%d 行有误，未导入，见下表。", r.Rows, c+u, c, u, bad),
		En: fmt.Sprintf("%d rows: %d imported (%d created, %d updated); %d bad rows were not imported, listed below.", r.Rows, c+u, c, u, bad)}
}

func badRows(errs []RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Row] = true
	}
	return len(seen)
}

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
