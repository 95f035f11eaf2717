// Package org holds the organisation around cases: districts, departments,
// partner platforms and alliance units.
package org

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/i18n"
	"qinglang/internal/store"
)

// District is a county-level division or development zone of the city.
type District struct {
	ID   int64
	Code string
	Name i18n.Text
	Kind string // district, county, city, zone
}

// Department is a government department that takes transfers.
type Department struct {
	ID       int64
	Code     string
	Name     i18n.Text
	IsPolice bool
}

// Platform is a partner platform (重点网络平台).
type Platform struct {
	ID      int64
	Code    string
	Name    string
	Kind    string
	Domains string
}

// Unit is an alliance member unit (辟谣联盟成员单位) or another unit.
type Unit struct {
	ID   int64
	Code string
	Name string
	Kind string
}

// Districts lists the districts in their display order.
func Districts(ctx context.Context, db *store.DB) ([]District, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT id, code, name_zh, name_en, kind FROM districts ORDER BY sort, id`)
	if err != nil {
		return nil, fmt.Errorf("org: districts: %w", err)
	}
	defer rows.Close()
	var out []District
	for rows.Next() {
		var d District
		if err := rows.Scan(&d.ID, &d.Code, &d.Name.Zh, &d.Name.En, &d.Kind); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// AddDistrict creates a district.
func AddDistrict(ctx context.Context, tx *sql.Tx, d District, sort int) (int64, error) {
	return insertID(ctx, tx, `INSERT INTO districts (code, name_zh, name_en, kind, sort) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		d.Code, d.Name.Zh, d.Name.En, d.Kind, sort)
}

// AddDepartment creates a department.
func AddDepartment(ctx context.Context, tx *sql.Tx, d Department) (int64, error) {
	return insertID(ctx, tx, `INSERT INTO departments (code, name_zh, name_en, is_police) VALUES ($1,$2,$3,$4) RETURNING id`,
		d.Code, d.Name.Zh, d.Name.En, d.IsPolice)
}

// AddPlatform creates a partner platform.
func AddPlatform(ctx context.Context, tx *sql.Tx, p Platform, now time.Time) (int64, error) {
	return insertID(ctx, tx, `INSERT INTO platforms (code, name, kind, domains, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
		p.Code, p.Name, p.Kind, p.Domains, now)
}

// AddUnit creates a unit.
func AddUnit(ctx context.Context, tx *sql.Tx, u Unit) (int64, error) {
	return insertID(ctx, tx, `INSERT INTO units (code, name, kind) VALUES ($1,$2,$3) RETURNING id`, u.Code, u.Name, u.Kind)
}

func insertID(ctx context.Context, tx *sql.Tx, q string, args ...any) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("org: %w", err)
	}
	return id, nil
}
