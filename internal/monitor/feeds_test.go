package monitor_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/monitor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestFeedRegistry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := newService(t, db)
		for _, in := range []monitor.FeedInput{
			{Name: "", URL: "https://a.example.cn/rss", Interval: time.Hour},
			{Name: "x", URL: "ftp://a.example.cn/rss", Interval: time.Hour},
			{Name: "x", URL: "https://a.example.cn/rss", Interval: time.Minute},
			{Name: "x", URL: "https://a.example.cn/rss", Interval: 48 * time.Hour},
		} {
			if _, err := s.AddFeed(ctx, editor, in); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%+v accepted: %v", in, err)
			}
		}
		analyst := &auth.Principal{UserID: 2, Username: "an", Role: auth.Analyst}
		if _, err := s.AddFeed(ctx, analyst, monitor.FeedInput{Name: "x", URL: "https://a.example.cn/rss", Interval: time.Hour}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("analyst added a feed: %v", err)
		}
		id := addFeed(t, s, "甲", "https://a.example.cn/rss")
		if _, err := s.AddFeed(ctx, editor, monitor.FeedInput{Name: "乙", URL: "https://a.example.cn/rss", Interval: time.Hour}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("duplicate address: %v", err)
		}
		if err := s.UpdateFeed(ctx, editor, id, monitor.FeedInput{Name: "甲二", URL: "https://b.example.cn/atom", Interval: 2 * time.Hour}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetDisabled(ctx, editor, id, true); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateFeed(ctx, editor, 999, monitor.FeedInput{Name: "x", URL: "https://c.example.cn/", Interval: time.Hour}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("update of a missing feed: %v", err)
		}
		feeds, _ := s.Feeds(ctx)
		if len(feeds) != 1 || feeds[0].Name != "甲二" || feeds[0].Interval != 2*time.Hour || !feeds[0].Disabled {
			t.Fatalf("feeds: %+v", feeds)
		}
		// A disabled feed is not polled, however due.
		if n, _ := s.Once(ctx); n != 0 {
			t.Errorf("a disabled feed was polled")
		}
		page, _ := audit.List(ctx, db, audit.Filter{Target: "feed:" + strconv.FormatInt(id, 10), Limit: 10})
		if len(page.Entries) != 3 {
			t.Errorf("audit has %d entries for the feed, want add, update, disable", len(page.Entries))
		}
	})
}

func TestImportCSV(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := newService(t, db)
		var told int
		s.OnItems = func(_ context.Context, ids []int64) { told += len(ids) }
		good := "\ufeff编号,链接,标题,正文,作者,发布时间\n" +
			"w1,https://weibo.com/1,学校停课,\"网传明天全市停课，\"\"假的\"\"\",网友甲,2026-03-01 08:30\n" +
			"w2,,,自来水有毒,,\n\n"
		res, err := s.ImportCSV(ctx, editor, strings.NewReader(good))
		if err != nil || res.Added != 2 || told != 2 {
			t.Fatalf("import: %+v %v (told %d)", res, err, told)
		}
		items, _ := s.Items(ctx, monitor.ItemFilter{Source: "csv", Query: "停课"})
		if len(items) != 1 || items[0].Text != `网传明天全市停课，"假的"` || items[0].PublishedAt == nil ||
			!items[0].PublishedAt.Equal(time.Date(2026, 3, 1, 0, 30, 0, 0, time.UTC)) {
			t.Fatalf("imported item: %+v", items)
		}
		// English headers, GB18030 as Excel writes it; w1 is known.
		gbk, _ := simplifiedchinese.GB18030.NewEncoder().String("external_id,text\nw1,旧的\nw3,新的谣言\n")
		if res, err := s.ImportCSV(ctx, editor, strings.NewReader(gbk)); err != nil || res.Added != 1 || res.Duplicates != 1 {
			t.Fatalf("second import: %+v %v", res, err)
		}
		if items, _ := s.Items(ctx, monitor.ItemFilter{Query: "新的谣言"}); len(items) != 1 {
			t.Errorf("GB18030 text not stored readably")
		}
		// One bad row refuses the file and names each bad row.
		bad := "external_id,url,text,published_at\nw4,https://a.cn/,好,\nw5,javascript:x,正文,\nw6,,,\nw7,,正文,昨天\nw4,,重复,\n"
		_, err = s.ImportCSV(ctx, editor, strings.NewReader(bad))
		e, ok := apperr.As(err)
		if !ok || len(e.Fields) != 4 || !strings.HasPrefix(e.Fields[0].Zh, "第 3 行") || !strings.Contains(e.Fields[3].Zh, "第 2 行重复") {
			t.Fatalf("bad file: %v", err)
		}
		if items, _ := s.Items(ctx, monitor.ItemFilter{Source: "csv"}); len(items) != 3 {
			t.Errorf("a refused file stored items: %d", len(items))
		}
		if _, err := s.ImportCSV(ctx, editor, strings.NewReader("标题\n只有标题\n")); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("file without id and text columns: %v", err)
		}
	})
}
