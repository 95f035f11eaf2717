package org

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

// Codes are stable identifiers that imports and the API use, so they are
// plain ASCII; names are what people read.
var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

var districtKinds = map[string]bool{"district": true, "county": true, "city": true, "zone": true}

// Departments lists the departments by code.
func Departments(ctx context.Context, db *store.DB) ([]Department, error) {
	return list(ctx, db, `SELECT id, code, name_zh, name_en, is_police FROM departments ORDER BY code`, func(r *sql.Rows) (Department, error) {
		var d Department
		return d, r.Scan(&d.ID, &d.Code, &d.Name.Zh, &d.Name.En, &d.IsPolice)
	})
}

// Units lists the units by code.
func Units(ctx context.Context, db *store.DB) ([]Unit, error) {
	return list(ctx, db, `SELECT id, code, name, kind FROM units ORDER BY code`, func(r *sql.Rows) (Unit, error) {
		var u Unit
		return u, r.Scan(&u.ID, &u.Code, &u.Name, &u.Kind)
	})
}

// SaveDepartment creates a department (ID 0) or updates one; it returns the id.
func SaveDepartment(ctx context.Context, db *store.DB, p *auth.Principal, d Department) (int64, error) {
	d.Code, d.Name.Zh, d.Name.En = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name.Zh), strings.TrimSpace(d.Name.En)
	errs := checkCodeName(d.Code, "name_zh", d.Name.Zh, "中文名称")
	errs = append(errs, checkName("name_en", d.Name.En, "英文名称", false)...)
	return save(ctx, db, p, "department", d.ID, d, errs,
		`INSERT INTO departments (code, name_zh, name_en, is_police) VALUES ($1,$2,$3,$4) RETURNING id`,
		`UPDATE departments SET code = $1, name_zh = $2, name_en = $3, is_police = $4 WHERE id = $5 RETURNING id`,
		d.Code, d.Name.Zh, d.Name.En, d.IsPolice)
}

// SaveUnit creates a unit (ID 0) or updates one; it returns the id.
func SaveUnit(ctx context.Context, db *store.DB, p *auth.Principal, u Unit) (int64, error) {
	u.Code, u.Name, u.Kind = strings.TrimSpace(u.Code), strings.TrimSpace(u.Name), strings.TrimSpace(u.Kind)
	errs := checkCodeName(u.Code, "name", u.Name, "名称")
	errs = append(errs, checkName("kind", u.Kind, "类型", false)...)
	return save(ctx, db, p, "unit", u.ID, u, errs,
		`INSERT INTO units (code, name, kind) VALUES ($1,$2,$3) RETURNING id`,
		`UPDATE units SET code = $1, name = $2, kind = $3 WHERE id = $4 RETURNING id`,
		u.Code, u.Name, u.Kind)
}

// SaveDistrict creates a district (ID 0) or updates one; sort orders the
// district lists of the forms.
func SaveDistrict(ctx context.Context, db *store.DB, p *auth.Principal, d District, sort int) (int64, error) {
	d.Code, d.Name.Zh, d.Name.En = strings.TrimSpace(d.Code), strings.TrimSpace(d.Name.Zh), strings.TrimSpace(d.Name.En)
	errs := checkCodeName(d.Code, "name_zh", d.Name.Zh, "中文名称")
	errs = append(errs, checkName("name_en", d.Name.En, "英文名称", false)...)
	if !districtKinds[d.Kind] {
		errs = append(errs, apperr.Field("kind", "unknown", "请选择区划类型：市辖区、县、县级市或开发区", "kind: district, county, city or zone"))
	}
	return save(ctx, db, p, "district", d.ID, struct {
		District
		Sort int
	}{d, sort}, errs,
		`INSERT INTO districts (code, name_zh, name_en, kind, sort) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		`UPDATE districts SET code = $1, name_zh = $2, name_en = $3, kind = $4, sort = $5 WHERE id = $6 RETURNING id`,
		d.Code, d.Name.Zh, d.Name.En, d.Kind, sort)
}

// save runs one create or update with its audit entry ("admin.org.<kind>",
// the new values as detail) in one transaction. A taken code is a field
// error; the update query takes the id as its last argument.
func save(ctx context.Context, db *store.DB, p *auth.Principal, kind string, id int64, value any, errs []apperr.FieldError,
	insert, update string, args ...any) (int64, error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return 0, err
	}
	if len(errs) > 0 {
		return 0, apperr.Fields(errs...)
	}
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if id == 0 {
			err = tx.QueryRowContext(ctx, insert, args...).Scan(&id)
		} else {
			err = tx.QueryRowContext(ctx, update, append(args, id)...).Scan(&id)
		}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return apperr.New(apperr.NotFound, "要修改的记录不存在", "No such "+kind)
		case store.IsUniqueViolation(err):
			return apperr.Fields(apperr.Field("code", "taken", fmt.Sprintf("代码「%s」已被使用", args[0]), fmt.Sprintf("code: %q is taken", args[0])))
		case err != nil:
			return fmt.Errorf("org: save %s: %w", kind, err)
		}
		detail, _ := json.Marshal(value)
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: time.Now(), ActorID: &p.UserID, Actor: p.Username,
			Action: "admin.org." + kind, Target: kind + ":" + strconv.FormatInt(id, 10), Detail: string(detail)})
	})
	return id, err
}

func checkCodeName(code, nameField, name, zh string) []apperr.FieldError {
	var errs []apperr.FieldError
	if !codeRe.MatchString(code) {
		errs = append(errs, apperr.Field("code", "bad_format", "「代码」须为 1-40 个小写字母、数字、_ 或 -，以字母或数字开头",
			"code: 1-40 of a-z, 0-9, _ or -, starting with a letter or digit"))
	}
	return append(errs, checkName(nameField, name, zh, true)...)
}

func checkName(field, v, zh string, required bool) []apperr.FieldError {
	n := utf8.RuneCountInString(v)
	switch {
	case required && n == 0:
		return []apperr.FieldError{apperr.Field(field, "required", "请填写「"+zh+"」", field+": required")}
	case n > 100:
		return []apperr.FieldError{apperr.Field(field, "too_long", "「"+zh+"」最多 100 字", field+": at most 100 characters")}
	}
	return nil
}

func list[T any](ctx context.Context, db *store.DB, q string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := db.Read().QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("org: %w", err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("org: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
