package audit_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func appendN(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		uid := int64(i)
		err := db.Write(ctx, func(tx *sql.Tx) error {
			return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: time.Now(), ActorID: &uid, Actor: "operator1",
				Action: "case.accept", Target: "report:" + string(rune('0'+i)), Detail: "受理"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// tamper runs SQL past the append-only triggers, as someone with direct
// database access could.
func tamper(t *testing.T, db *store.DB, q string) {
	t.Helper()
	ctx := context.Background()
	err := db.Write(ctx, func(tx *sql.Tx) error {
		drop := []string{"DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"}
		if db.Dialect == store.Postgres {
			drop = []string{"DROP TRIGGER audit_log_no_change ON audit_log"}
		}
		for _, d := range drop {
			if _, err := tx.ExecContext(ctx, d); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, q)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVerify(t *testing.T) {
	cases := []struct {
		name, sql string
		brokenAt  int64
		reason    string
	}{
		{"intact", "", 0, ""},
		{"edited detail", "UPDATE audit_log SET detail = '改过' WHERE id = 3", 3, "content changed"},
		{"edited actor", "UPDATE audit_log SET actor = 'admin' WHERE id = 1", 1, "content changed"},
		{"deleted middle", "DELETE FROM audit_log WHERE id = 2", 2, "missing"},
		{"deleted tail", "DELETE FROM audit_log WHERE id = 5", 5, "removed"},
		{"rehashed row", "UPDATE audit_log SET detail = 'x', hash = 'abc' WHERE id = 4", 4, "content changed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				appendN(t, db, 5)
				if c.sql != "" {
					tamper(t, db, c.sql)
				}
				res, err := audit.Verify(context.Background(), db)
				if c.brokenAt == 0 {
					if err != nil || res.Entries != 5 {
						t.Fatalf("intact log: %d entries, %v", res.Entries, err)
					}
					return
				}
				var b *audit.Broken
				if !errors.As(err, &b) || b.ID != c.brokenAt || !strings.Contains(b.Reason, c.reason) {
					t.Fatalf("got %v, want broken at %d (%s)", err, c.brokenAt, c.reason)
				}
			})
		})
	}
}

func TestAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		appendN(t, db, 1)
		ctx := context.Background()
		for _, q := range []string{"UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log"} {
			err := db.Write(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q); return err })
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Fatalf("%s: %v, want refused", q, err)
			}
		}
	})
}
