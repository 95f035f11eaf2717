package store_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"

	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestMigrateAndTimes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ok, err := db.SchemaUpToDate(ctx)
		if err != nil || !ok {
			t.Fatalf("schema up to date = %v, %v", ok, err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		at := time.Date(2026, 11, 27, 9, 5, 1, 123456000, time.UTC)
		err = db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO districts (code, name_zh, name_en, kind) VALUES ($1,$2,$3,$4)`, "xn", "兴宁区", "Xingning", "district")
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO platforms (code, name, created_at) VALUES ($1,$2,$3)`, "p1", "平台", at)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var got time.Time
		var name string
		if err := db.Read().QueryRowContext(ctx, `SELECT name, created_at FROM platforms WHERE code=$1`, "p1").Scan(&name, &got); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) || name != "平台" {
			t.Fatalf("read back %q %v, want 平台 %v", name, got, at)
		}
	})
}

func TestWriteRollsBackOnlyTheFailingCaller(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make([]error, 40)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				errs[i] = db.Write(ctx, func(tx *sql.Tx) error {
					code := "d" + string(rune('A'+i%26)) + string(rune('a'+i/26))
					if _, err := tx.ExecContext(ctx, `INSERT INTO departments (code, name_zh, name_en) VALUES ($1,'部门','Dept')`, code); err != nil {
						return err
					}
					if i%4 == 0 {
						return errors.New("refused")
					}
					return nil
				})
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if (i%4 == 0) != (err != nil) {
				t.Fatalf("caller %d: err=%v", i, err)
			}
		}
		var n int
		db.Read().QueryRowContext(ctx, `SELECT count(*) FROM departments`).Scan(&n)
		if n != 30 {
			t.Fatalf("%d departments committed, want 30", n)
		}
		err := db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO departments (code, name_zh, name_en) VALUES ('dBa','x','x')`)
			return err
		})
		if !store.IsUniqueViolation(err) {
			t.Fatalf("duplicate code: %v, want a unique violation", err)
		}
	})
}
