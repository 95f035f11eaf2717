package sla

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// The admin edits the policy here; the caller then calls
// report.Service.ReloadSLA so new due times follow at once. Due times
// already set are kept: a case is held to the limit it was given.

// MaxDays bounds a stage's working days.
const MaxDays = 60

// Holiday is a day of the calendar that differs from a Monday-to-Friday week.
type Holiday struct {
	Day  string // YYYY-MM-DD, Beijing time
	Kind string // holiday, or workday for a weekend day worked (调休)
	Name string // e.g. 春节
}

// SetDays sets the working days allowed for a stage.
func SetDays(ctx context.Context, db *store.DB, p *auth.Principal, stage Stage, days int) error {
	if err := p.Require(auth.AdminSettings); err != nil {
		return err
	}
	if _, ok := stageLabels[stage]; !ok {
		return apperr.Fields(apperr.Field("stage", "unknown", "时限环节不存在", "stage: one of accept, assess, notice, feedback, reply"))
	}
	if days < 1 || days > MaxDays {
		return apperr.Fields(apperr.Field("days", "range", fmt.Sprintf("「%s时限」须为 1-%d 个工作日", stage.Label().Zh, MaxDays),
			fmt.Sprintf("days: 1 to %d working days", MaxDays)))
	}
	return change(ctx, db, p, "admin.sla", "sla:"+string(stage), strconv.Itoa(days)+" working days", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sla_settings (stage, days) VALUES ($1,$2) ON CONFLICT (stage) DO UPDATE SET days = excluded.days`, string(stage), days)
		return err
	})
}

// SetHoliday adds a day to the calendar or changes it.
func SetHoliday(ctx context.Context, db *store.DB, p *auth.Principal, day, kind, name string) error {
	if err := p.Require(auth.AdminSettings); err != nil {
		return err
	}
	day, name = strings.TrimSpace(day), strings.TrimSpace(name)
	var errs []apperr.FieldError
	if err := checkDay(day); err != nil {
		errs = append(errs, *err)
	}
	if kind != "holiday" && kind != "workday" {
		errs = append(errs, apperr.Field("kind", "unknown", "请选择「节假日」或「调休上班」", "kind: holiday or workday"))
	}
	if utf8.RuneCountInString(name) > 50 {
		errs = append(errs, apperr.Field("name", "too_long", "「名称」最多 50 字", "name: at most 50 characters"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return change(ctx, db, p, "admin.holiday", "holiday:"+day, kind+" "+name, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO holidays (day, kind, name) VALUES ($1,$2,$3)
			ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name`, day, kind, name)
		return err
	})
}

// DeleteHoliday returns a day to the ordinary week.
func DeleteHoliday(ctx context.Context, db *store.DB, p *auth.Principal, day string) error {
	if err := p.Require(auth.AdminSettings); err != nil {
		return err
	}
	if err := checkDay(day); err != nil {
		return apperr.Fields(*err)
	}
	return change(ctx, db, p, "admin.holiday.delete", "holiday:"+day, "", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM holidays WHERE day = $1`, day)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return apperr.New(apperr.NotFound, "日历中没有这一天", "That day is not in the calendar")
		}
		return err
	})
}

// Holidays lists a year's calendar days in order.
func Holidays(ctx context.Context, db *store.DB, year int) ([]Holiday, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT day, kind, name FROM holidays WHERE day >= $1 AND day < $2 ORDER BY day`,
		fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-01-01", year+1))
	if err != nil {
		return nil, fmt.Errorf("sla: holidays: %w", err)
	}
	defer rows.Close()
	var out []Holiday
	for rows.Next() {
		var h Holiday
		if err := rows.Scan(&h.Day, &h.Kind, &h.Name); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func checkDay(day string) *apperr.FieldError {
	if t, err := time.Parse(time.DateOnly, day); err != nil || t.Format(time.DateOnly) != day {
		fe := apperr.Field("day", "bad_format", "「日期」格式应为 2025-10-01", "day: a date such as 2025-10-01")
		return &fe
	}
	return nil
}

// change runs one settings change with its audit entry in one transaction.
func change(ctx context.Context, db *store.DB, p *auth.Principal, action, target, detail string, body func(*sql.Tx) error) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		if err := body(tx); err != nil {
			if _, ok := apperr.As(err); ok {
				return err
			}
			return fmt.Errorf("sla: %s: %w", action, err)
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: time.Now(), ActorID: &p.UserID, Actor: p.Username,
			Action: action, Target: target, Detail: detail})
	})
}
