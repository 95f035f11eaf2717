package store_test

import (
	"context"
	"database/sql"
	"testing"

	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// The write connection keeps statements compiled; reusing one must not
// disturb rows still open on it, nor carry a failure into the next use.
func TestCachedStatementsOnTheWriteConnection(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	const insert = `INSERT INTO departments (code, name_zh, name_en) VALUES ($1,'部门','Dept')`
	const list = `SELECT code FROM departments ORDER BY code`
	err := db.Write(ctx, func(tx *sql.Tx) error {
		for _, code := range []string{"a", "b", "c"} {
			if _, err := tx.ExecContext(ctx, insert, code); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, insert, "a"); !store.IsUniqueViolation(err) {
			t.Errorf("duplicate through a cached statement: %v", err)
		}
		if _, err := tx.ExecContext(ctx, insert, "d"); err != nil {
			t.Errorf("cached statement after a failure: %v", err)
		}
		rows, err := tx.QueryContext(ctx, list)
		if err != nil {
			return err
		}
		defer rows.Close()
		var outer, inner []string
		for rows.Next() {
			var code, first string
			rows.Scan(&code)
			// The same text while its rows are open takes the uncached path.
			if err := tx.QueryRowContext(ctx, list).Scan(&first); err != nil {
				return err
			}
			outer, inner = append(outer, code), append(inner, first)
		}
		if len(outer) != 4 || outer[3] != "d" || inner[3] != "a" {
			t.Errorf("nested use of one statement: outer %v, inner %v", outer, inner)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}
