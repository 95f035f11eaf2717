package sla

import (
	"testing"
	"time"
)

func bj(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, Beijing)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddWorkingDays(t *testing.T) {
	// National Day 2026: 1-7 October off, Sunday 27 September and Saturday 10 October worked.
	cal := Calendar{
		Holidays: map[string]bool{"2026-10-01": true, "2026-10-02": true, "2026-10-05": true, "2026-10-06": true, "2026-10-07": true},
		Workdays: map[string]bool{"2026-09-27": true, "2026-10-10": true},
	}
	cases := []struct {
		from string
		n    int
		want string // the due moment: midnight at the end of that day
	}{
		{"2026-11-27 10:00", 1, "2026-12-01 00:00"}, // Friday → end of Monday
		{"2026-11-23 23:59", 1, "2026-11-25 00:00"}, // Monday night → end of Tuesday
		{"2026-11-28 09:00", 1, "2026-12-01 00:00"}, // Saturday → end of Monday
		{"2026-09-25 09:00", 1, "2026-09-28 00:00"}, // Friday → the worked Sunday
		{"2026-09-30 09:00", 1, "2026-10-09 00:00"}, // before the holiday → Thursday 8th
		{"2026-09-30 09:00", 3, "2026-10-11 00:00"}, // 8th, 9th, worked Saturday 10th
		{"2026-11-27 10:00", 15, "2026-12-19 00:00"},
		{"2026-11-27 10:00", 0, "2026-11-28 00:00"}, // zero days: end of the same day
	}
	for _, c := range cases {
		got := cal.AddWorkingDays(bj(c.from), c.n)
		if !got.Equal(bj(c.want)) {
			t.Errorf("%s + %d working days = %s, want %s", c.from, c.n, got.In(Beijing).Format("2006-01-02 15:04"), c.want)
		}
	}
}

func TestDueUsesStageDays(t *testing.T) {
	p := &Policy{Days: map[Stage]int{Accept: 1, Reply: 15}}
	from := bj("2026-11-27 10:00")
	if !p.Due(Accept, from).Before(p.Due(Reply, from)) {
		t.Fatal("reply is due before acceptance")
	}
}
