package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestAuditVerify(t *testing.T) {
	for _, dbKind := range []string{"sqlite", "postgres"} {
		t.Run(dbKind, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			url := "sqlite:" + filepath.Join(dir, "audit.db")
			dropTriggers := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
			if dbKind == "postgres" {
				url = storetest.PostgresURL(t)
				dropTriggers = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
			}
			db, err := store.Open(ctx, url, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if err := db.Write(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q, args...); return err }); err != nil {
					t.Fatal(err)
				}
			}
			for i := range 5 {
				err := db.Write(ctx, func(tx *sql.Tx) error {
					return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: time.Now(), Actor: "admin", Action: "admin.sla", Target: "sla:accept", Detail: fmt.Sprint(i + 1)})
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			verify := func() (string, error) {
				var out strings.Builder
				err := auditVerify(ctx, []string{"verify", "--db", url, "--data", dir}, func(string) string { return "" }, &out)
				return out.String(), err
			}
			if out, err := verify(); err != nil || !strings.HasPrefix(out, "audit log OK: 5 entries, head ") {
				t.Fatalf("intact log: %q %v", out, err)
			}

			// A DBA drops the guard and edits entry 3.
			for _, q := range dropTriggers {
				exec(q)
			}
			exec(`UPDATE audit_log SET detail = 'edited' WHERE id = 3`)
			if out, err := verify(); err == nil || !strings.Contains(err.Error(), "entry 3") || !strings.HasPrefix(out, "audit log BROKEN at entry 3: content changed") {
				t.Errorf("edited entry: %q %v", out, err)
			}
			exec(`UPDATE audit_log SET detail = '3' WHERE id = 3`)
			if _, err := verify(); err != nil {
				t.Fatalf("restored log: %v", err)
			}
			exec(`DELETE FROM audit_log WHERE id = 2`)
			if out, err := verify(); err == nil || !strings.Contains(err.Error(), "entry 2") || !strings.HasPrefix(out, "audit log BROKEN at entry 2: entry missing") {
				t.Errorf("deleted entry: %q %v", out, err)
			}
		})
	}
}
