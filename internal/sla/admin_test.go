package sla_test

import (
	"context"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/sla"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		admin := &auth.Principal{UserID: 1, Username: "admin", Role: auth.Admin}
		analyst := &auth.Principal{UserID: 2, Username: "an", Role: auth.Analyst}
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := sla.SetDays(ctx, db, analyst, sla.Accept, 2); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("analyst changed the SLA: %v", err)
		}
		for _, c := range []struct {
			stage sla.Stage
			days  int
			field string
		}{{"lunch", 2, "stage"}, {sla.Accept, 0, "days"}, {sla.Accept, 61, "days"}} {
			e, ok := apperr.As(sla.SetDays(ctx, db, admin, c.stage, c.days))
			if !ok || len(e.Fields) != 1 || e.Fields[0].Field != c.field {
				t.Errorf("%s %d: %v", c.stage, c.days, e)
			}
		}
		must(sla.SetDays(ctx, db, admin, sla.Accept, 2))

		// 2025-10-01 (Wed) to 10-08 off, Saturday 10-11 worked.
		for d := 1; d <= 8; d++ {
			must(sla.SetHoliday(ctx, db, admin, time.Date(2025, 10, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), "holiday", "国庆节"))
		}
		must(sla.SetHoliday(ctx, db, admin, "2025-10-11", "workday", "国庆调休"))
		must(sla.SetHoliday(ctx, db, admin, "2026-01-01", "holiday", "元旦"))
		must(sla.SetHoliday(ctx, db, admin, "2026-01-01", "holiday", "元旦节")) // changes the name
		e, _ := apperr.As(sla.SetHoliday(ctx, db, admin, "2025-02-30", "feast", ""))
		if e == nil || len(e.Fields) != 2 || e.Fields[0].Field != "day" || e.Fields[1].Field != "kind" {
			t.Errorf("bad holiday: %v", e)
		}
		must(sla.DeleteHoliday(ctx, db, admin, "2025-10-08"))
		if err := sla.DeleteHoliday(ctx, db, admin, "2025-10-08"); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("second delete: %v", err)
		}

		days, err := sla.Holidays(ctx, db, 2025)
		must(err)
		if len(days) != 8 || days[0].Day != "2025-10-01" || days[7] != (sla.Holiday{"2025-10-11", "workday", "国庆调休"}) {
			t.Errorf("2025: %+v", days)
		}
		if next, _ := sla.Holidays(ctx, db, 2026); len(next) != 1 || next[0].Name != "元旦节" {
			t.Errorf("2026: %+v", next)
		}

		p, err := sla.Load(ctx, db)
		must(err)
		// Filed Tuesday 30 Sept; 2 working days: 8 Oct (now worked again), 9 Oct.
		from := time.Date(2025, 9, 30, 10, 0, 0, 0, sla.Beijing)
		if got, want := p.Due(sla.Accept, from), time.Date(2025, 10, 10, 0, 0, 0, 0, sla.Beijing); !got.Equal(want) {
			t.Errorf("due %v, want %v", got.In(sla.Beijing), want)
		}
		var n int
		db.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE actor = 'admin' AND (action LIKE 'admin.sla%' OR action LIKE 'admin.holiday%')`).Scan(&n)
		if n != 1+8+3+1 {
			t.Errorf("audit entries %d", n)
		}
		if _, err := audit.Verify(ctx, db); err != nil {
			t.Error(err)
		}
	})
}
