package report_test

import (
	"context"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// span lists the indexes lo..hi-1, newest first as the queue orders them.
func span(lo, hi int) []int {
	var out []int
	for i := hi - 1; i >= lo; i-- {
		out = append(out, i)
	}
	return out
}

func desc(idx ...int) []int { slices.Sort(idx); slices.Reverse(idx); return idx }

func TestQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		fx := newQueueFixture(t, db)
		ctx := context.Background()
		run := func(who string, f report.QueueFilter) (report.QueuePage, []int) {
			t.Helper()
			page, err := fx.svc.Queue(ctx, fx.staff[who], f, fx.now)
			if err != nil {
				t.Fatalf("%s %+v: %v", who, f, err)
			}
			var got []int
			for _, it := range page.Items {
				got = append(got, slices.Index(fx.ids, it.ID))
			}
			return page, got
		}
		st := func(s ...report.Status) []report.Status { return s }
		idp := func(id int64) *int64 { return &id }
		withMaoChong := desc(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
		withZhaPian := append(span(20, 30), withMaoChong...)
		tests := []struct {
			name string
			who  string
			f    report.QueueFilter
			want []int
		}{
			{"all", "operator", report.QueueFilter{}, span(0, 40)},
			{"status", "analyst", report.QueueFilter{Statuses: st("assessing")}, span(0, 5)},
			{"statuses", "leader", report.QueueFilter{Statuses: st("assessing", "closed")}, span(0, 8)},
			{"category", "admin", report.QueueFilter{Category: "gambling"}, span(30, 39)},
			{"zone", "operator", report.QueueFilter{Zone: "algorithm"}, []int{39}},
			{"channel", "operator", report.QueueFilter{Channel: "wechat", Category: "rumor"}, desc(11, 14, 17)},
			{"district", "operator", report.QueueFilter{DistrictID: &fx.distID}, span(15, 20)},
			{"platform", "operator", report.QueueFilter{PlatformID: &fx.platID}, span(20, 25)},
			{"assignee", "operator", report.QueueFilter{AssigneeID: &fx.opID}, span(10, 15)},
			{"unassigned", "operator", report.QueueFilter{Unassigned: true, Category: "rumor"}, span(15, 20)},
			{"department", "operator", report.QueueFilter{DepartmentID: &fx.deptA}, desc(0, 1, 2, 30)},
			{"overdue", "operator", report.QueueFilter{Overdue: true}, desc(0, 1, 8, 9)},
			{"due soon", "operator", report.QueueFilter{DueSoon: true}, []int{2}},
			{"overdue or due soon", "operator", report.QueueFilter{Overdue: true, DueSoon: true}, desc(0, 1, 2, 8, 9)},
			{"date range", "operator", report.QueueFilter{From: fx.base.Add(5 * time.Minute), To: fx.base.Add(10 * time.Minute)}, span(5, 10)},
			{"two characters", "operator", report.QueueFilter{Text: "诈骗"}, withZhaPian},
			{"four characters", "operator", report.QueueFilter{Text: "冒充客服"}, withMaoChong},
			{"two terms", "operator", report.QueueFilter{Text: "冒充 客服"}, append(desc(31, 32), withMaoChong...)},
			{"text and filter", "operator", report.QueueFilter{Text: "诈骗", Statuses: st("closed")}, span(5, 8)},
			{"zone text field", "operator", report.QueueFilter{Text: "短剧"}, []int{39}},
			{"full-width and case", "operator", report.QueueFilter{Text: "ＡＰＰ下载"}, desc(30, 34, 35, 36, 37, 38, 39)},
			{"fts syntax", "operator", report.QueueFilter{Text: `诈骗"^* OR`}, nil},
			{"fts syntax as text", "operator", report.QueueFilter{Text: `"NEAR" bigrams:网络赌博 *`}, []int{33}},
			{"quote only", "operator", report.QueueFilter{Text: `"`}, []int{33}},
			{"one character falls back to LIKE", "operator", report.QueueFilter{Text: "骗"}, withZhaPian},
			{"scope: own department", "handler-a", report.QueueFilter{}, desc(0, 1, 2, 30)},
			{"scope: with text", "handler-a", report.QueueFilter{Text: "诈骗"}, desc(0, 1, 2)},
			{"scope: other department filter", "handler-a", report.QueueFilter{DepartmentID: &fx.deptB}, nil},
			{"scope: department b", "handler-b", report.QueueFilter{}, []int{3}},
			{"scope: no transfers", "handler-c", report.QueueFilter{}, nil},
			{"no match", "operator", report.QueueFilter{Category: "terror", DistrictID: idp(fx.distID)}, nil},
		}
		for _, tt := range tests {
			page, got := run(tt.who, tt.f)
			if !slices.Equal(got, tt.want) || page.Total != len(tt.want) || page.TotalCapped {
				t.Errorf("%s: got %v (total %d), want %v", tt.name, got, page.Total, tt.want)
			}
		}

		// Orders and paging.
		if _, got := run("operator", report.QueueFilter{Sort: "created_asc", Limit: 3}); !slices.Equal(got, []int{0, 1, 2}) {
			t.Errorf("created_asc: %v", got)
		}
		if _, got := run("operator", report.QueueFilter{Sort: "due_asc", Limit: 6}); !slices.Equal(got, []int{0, 1, 2, 9, 3, 4}) {
			t.Errorf("due_asc: %v", got)
		}
		if _, got := run("operator", report.QueueFilter{Sort: "updated_desc", Limit: 2}); !slices.Equal(got, []int{7, 39}) {
			t.Errorf("updated_desc: %v", got)
		}
		for _, p := range []struct{ limit, offset, total int }{{15, 0, 40}, {15, 15, 40}, {15, 30, 40}, {15, 45, 40}} {
			page, got := run("operator", report.QueueFilter{Limit: p.limit, Offset: p.offset})
			want := span(0, 40)[min(p.offset, 40):min(p.offset+p.limit, 40)]
			if !slices.Equal(got, want) || page.Total != p.total {
				t.Errorf("limit %d offset %d: %v (total %d), want %v", p.limit, p.offset, got, page.Total, want)
			}
		}

		// A text search with other filters is not counted on SQLite: its
		// total is what was paged through, marked as a lower bound.
		textAndStatus := report.QueueFilter{Text: "诈骗", Statuses: st("closed"), Limit: 2}
		if page, _ := run("operator", textAndStatus); db.Dialect == store.SQLite && (page.Total != 2 || !page.TotalCapped) ||
			db.Dialect == store.Postgres && (page.Total != 3 || page.TotalCapped) {
			t.Errorf("text and status: total %d capped %v", page.Total, page.TotalCapped)
		}
		if page, _ := run("operator", report.QueueFilter{Text: "诈骗", Statuses: st("closed"), Limit: 2, Offset: 2}); page.Total != 3 || page.TotalCapped {
			t.Errorf("text and status, last page: total %d capped %v, want 3", page.Total, page.TotalCapped)
		}

		// Counts behind a full page, with and without other conditions.
		for _, c := range []struct {
			f     report.QueueFilter
			total int
		}{{report.QueueFilter{Text: "诈骗", Limit: 5}, 20},
			{report.QueueFilter{Text: "骗", Limit: 5}, 20}, {report.QueueFilter{Category: "fraud", Limit: 5}, 20}} {
			if page, _ := run("operator", c.f); page.Total != c.total || page.TotalCapped || len(page.Items) != c.f.Limit {
				t.Errorf("count %+v: total %d capped %v, want %d", c.f, page.Total, page.TotalCapped, c.total)
			}
		}

		// What an item carries.
		page, _ := run("operator", report.QueueFilter{Limit: 40, Sort: "created_asc"})
		it := page.Items
		if !it[0].Overdue || it[0].DueSoon || !it[2].DueSoon || it[2].Overdue || !it[9].Overdue || it[5].Overdue || it[3].DueSoon {
			t.Errorf("due flags wrong: %+v %+v %+v", it[0], it[2], it[9])
		}
		if n := utf8.RuneCountInString(it[33].ContentPreview); n != 80 || it[33].TrackingCode == "" || it[17].DistrictID == nil {
			t.Errorf("item fields: preview %d runes, %+v", n, it[17])
		}

		// Refusals.
		for _, p := range []*auth.Principal{nil, fx.staff["editor"], {Role: auth.DeptHandler}} {
			if _, err := fx.svc.Queue(ctx, p, report.QueueFilter{}, fx.now); apperr.CodeOf(err) != apperr.Forbidden {
				t.Errorf("principal %+v: err %v, want forbidden", p, err)
			}
		}
		if _, err := fx.svc.Queue(ctx, fx.staff["operator"], report.QueueFilter{Sort: "content; DROP TABLE reports"}, fx.now); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unknown sort: %v", err)
		}
	})
}
