package reminder_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/pii"
	"qinglang/internal/reminder"
	"qinglang/internal/report"
	"qinglang/internal/store"
)

// now is 2025-11-27 10:00 Beijing time.
var now = time.Date(2025, 11, 27, 2, 0, 0, 0, time.UTC)

type fixture struct {
	t      *testing.T
	db     *store.DB
	users  map[string]int64
	depts  map[string]int64
	worker *reminder.Worker
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	f := &fixture{t: t, db: db, users: map[string]int64{}, depts: map[string]int64{}}
	ctx := context.Background()
	f.exec2(func(tx *sql.Tx) error {
		for _, code := range []string{"police", "market"} {
			id, err := org.AddDepartment(ctx, tx, org.Department{Code: code, Name: i18n.Text{Zh: map[string]string{"police": "公安局", "market": "市场监管局"}[code]}})
			if err != nil {
				return err
			}
			f.depts[code] = id
		}
		for _, u := range []struct {
			name string
			role auth.Role
			dept string
		}{{"op1", auth.Operator, ""}, {"op2", auth.Operator, ""}, {"op3", auth.Operator, ""}, {"an1", auth.Analyst, ""}, {"an2", auth.Analyst, ""},
			{"police1", auth.DeptHandler, "police"}, {"market1", auth.DeptHandler, "market"}, {"market2", auth.DeptHandler, "market"}} {
			nu := auth.NewUser{Username: u.name, Role: u.role}
			if u.dept != "" {
				d := f.depts[u.dept]
				nu.DepartmentID = &d
			}
			id, err := auth.CreateUser(ctx, tx, nu, "password-123456", now)
			if err != nil {
				return err
			}
			f.users[u.name] = id
		}
		_, err := tx.Exec(`UPDATE users SET disabled = $1 WHERE username = 'op3'`, true)
		return err
	})
	f.worker = &reminder.Worker{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return now }}
	return f
}

func (f *fixture) exec2(fn func(tx *sql.Tx) error) {
	f.t.Helper()
	if err := f.db.Write(context.Background(), fn); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) exec(q string, args ...any) {
	f.t.Helper()
	f.exec2(func(tx *sql.Tx) error { _, err := tx.Exec(q, args...); return err })
}

// newCase files a report and returns its id and tracking code.
func (f *fixture) newCase() (int64, string) {
	keys, _ := pii.New(bytes.Repeat([]byte{1}, 32))
	rec, err := report.NewService(f.db, keys, nil).Submit(context.Background(), report.Submission{Category: "fraud", Content: "刷单返利诈骗", URLs: []string{"https://example.com/a"},
		Reporter: report.Reporter{Anonymous: true}}, "web")
	if err != nil {
		f.t.Fatal(err)
	}
	var id int64
	f.db.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&id)
	return id, rec.TrackingCode
}

func (f *fixture) run(times int) {
	f.t.Helper()
	for range times {
		if err := f.worker.Once(context.Background()); err != nil {
			f.t.Fatal(err)
		}
	}
}

// inbox returns who got a notification, by username, and the texts.
func (f *fixture) inbox() (names []string, texts []string) {
	rows, err := f.db.Read().Query(`SELECT u.username, n.text FROM notifications n JOIN users u ON u.id = n.user_id ORDER BY u.username, n.id`)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n, t string
		rows.Scan(&n, &t)
		names, texts = append(names, n), append(texts, t)
	}
	return names, texts
}
