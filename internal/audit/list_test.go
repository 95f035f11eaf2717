package audit_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i, e := range []audit.Entry{
			{Actor: "admin", Action: "admin.user.create", Target: "user:7"},
			{Actor: "analyst", Action: "case.accepted", Target: "report:12"},
			{Actor: "analyst", Action: "case.replied", Target: "report:120"},
			{Actor: "operator", Action: "case_x", Target: "report:12"}, // "_" must not match any character
			{Actor: "analyst", Action: "case.closed", Target: "report:12"},
		} {
			e.At = time.Now().Add(time.Duration(i) * time.Second)
			if err := db.Write(ctx, func(tx *sql.Tx) error { return audit.Append(ctx, tx, db.Dialect, e) }); err != nil {
				t.Fatal(err)
			}
		}
		ids := func(f audit.Filter) ([]int64, int64) {
			t.Helper()
			p, err := audit.List(ctx, db, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, e := range p.Entries {
				out = append(out, e.ID)
			}
			return out, p.Next
		}
		for _, c := range []struct {
			f    audit.Filter
			want []int64
			next int64
		}{
			{audit.Filter{}, []int64{5, 4, 3, 2, 1}, 0},
			{audit.Filter{Action: "case."}, []int64{5, 3, 2}, 0},
			{audit.Filter{Target: "report:12"}, []int64{5, 4, 3, 2}, 0},
			{audit.Filter{Actor: "analyst", Limit: 2}, []int64{5, 3}, 3},
			{audit.Filter{Actor: "analyst", Limit: 2, Before: 3}, []int64{2}, 0},
		} {
			got, next := ids(c.f)
			if len(got) != len(c.want) || next != c.next {
				t.Errorf("%+v: %v next %d, want %v next %d", c.f, got, next, c.want, c.next)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%+v: %v, want %v", c.f, got, c.want)
					break
				}
			}
		}
	})
}
