package monitor_test

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qinglang/internal/monitor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestPollConditional(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, clk := newService(t, db)
		var hooked []int64
		s.OnItems = func(_ context.Context, ids []int64) { hooked = append(hooked, ids...) }
		web := newSite(t)
		id := addFeed(t, s, "辟谣平台", web.serve("/rss", "application/rss+xml", `"v1"`, rss("a1", "a2", "a3")))

		if n, err := s.Once(ctx); err != nil || n != 1 {
			t.Fatalf("first round: polled %d, %v", n, err)
		}
		items, _ := s.Items(ctx, monitor.ItemFilter{FeedID: id})
		if len(items) != 3 || len(hooked) != 3 {
			t.Fatalf("first poll stored %d items, hook saw %d; want 3", len(items), len(hooked))
		}
		it := items[len(items)-1]
		if it.Source != "feed" || it.ExternalID != "a1" || it.URL != "https://news.example.cn/a1" || it.Text != "网传a1 消息" || it.From != "辟谣平台" {
			t.Errorf("item: %+v", it)
		}
		if it.PublishedAt == nil || !it.PublishedAt.Equal(time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)) {
			t.Errorf("published: %v", it.PublishedAt)
		}

		// Not due yet: nothing is fetched.
		if n, _ := s.Once(ctx); n != 0 || len(web.requests("/rss")) != 1 {
			t.Fatalf("a feed not due was polled (%d rounds, %d requests)", n, len(web.requests("/rss")))
		}
		clk.add(10 * time.Minute)
		if n, _ := s.Once(ctx); n != 1 {
			t.Fatalf("due feed not polled")
		}
		reqs := web.requests("/rss")
		if got := reqs[len(reqs)-1].Get("If-None-Match"); got != `"v1"` {
			t.Errorf("second poll sent If-None-Match %q, want the stored ETag", got)
		}
		if items, _ := s.Items(ctx, monitor.ItemFilter{FeedID: id}); len(items) != 3 || len(hooked) != 3 {
			t.Errorf("a 304 stored items: %d", len(items))
		}
		if f := feed(t, s, id); f.LastError != "" || f.LastOKAt == nil || f.Items != 3 {
			t.Errorf("feed after 304: %+v", f)
		}

		// The feed changes: only the new entry is stored, and told.
		web.serve("/rss", "application/rss+xml", `"v2"`, rss("a4", "a3", "a2", "a1"))
		clk.add(10 * time.Minute)
		s.Once(ctx)
		if items, _ := s.Items(ctx, monitor.ItemFilter{FeedID: id}); len(items) != 4 || items[0].ExternalID != "a4" {
			t.Errorf("changed feed: %d items", len(items))
		}
		if len(hooked) != 4 || hooked[3] == hooked[2] {
			t.Errorf("hook saw %v", hooked)
		}
	})
}

func TestPollFormats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, _ := newService(t, db)
		web := newSite(t)
		atom := addFeed(t, s, "Atom", web.serve("/atom", "application/atom+xml", "", `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>市场监管</title>
<entry><id>tag:example.cn,2026:1</id><title type="html">关于&lt;b&gt;自来水&lt;/b&gt;的说明</title>
<link rel="alternate" href="/notice/1"/><link rel="edit" href="/edit/1"/>
<author><name>市场监管局</name><email>x@example.cn</email></author>
<updated>2026-03-01T08:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>自来水</p><p>符合标准</p></div></content></entry>
</feed>`))
		gbk, _ := simplifiedchinese.GBK.NewEncoder().String(`<?xml version="1.0" encoding="GBK"?><rss version="2.0"><channel>
<item><title>网传某小区自来水有毒</title><description>经检测，水质符合国家标准。</description><link>http://gov.example.cn/1</link></item></channel></rss>`)
		gb := addFeed(t, s, "GBK", web.serve("/gbk", "text/xml", "", gbk))
		rdf := addFeed(t, s, "RDF", web.serve("/rdf", "application/rdf+xml", "", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<item rdf:about="http://rdf.example.cn/9"><title>旧闻</title><description>正文</description><dc:date>2026-02-01T00:00:00+08:00</dc:date><dc:creator>记者</dc:creator></item></rdf:RDF>`))
		if _, err := s.Once(ctx); err != nil {
			t.Fatal(err)
		}
		one := func(id int64) monitor.Item {
			items, _ := s.Items(ctx, monitor.ItemFilter{FeedID: id})
			if len(items) != 1 {
				t.Fatalf("feed %d: %d items (error %q)", id, len(items), feed(t, s, id).LastError)
			}
			return items[0]
		}
		if it := one(atom); it.ExternalID != "tag:example.cn,2026:1" || it.Title != "关于自来水的说明" || it.URL != web.URL+"/notice/1" ||
			it.Text != "自来水\n符合标准" || it.Author != "市场监管局" {
			t.Errorf("atom: %+v", it)
		}
		if it := one(gb); it.Title != "网传某小区自来水有毒" || it.Text != "经检测，水质符合国家标准。" || it.ExternalID != "http://gov.example.cn/1" {
			t.Errorf("gbk: %+v", it)
		}
		if it := one(rdf); it.ExternalID != "http://rdf.example.cn/9" || it.Author != "记者" || it.PublishedAt == nil {
			t.Errorf("rdf: %+v", it)
		}
	})
}

func TestPollFailures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s, clk := newService(t, db)
		web := newSite(t)
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		closed := "http://" + ln.Addr().String() + "/feed"
		ln.Close()
		cases := []struct {
			name, url, want string
		}{
			{"truncated", web.serve("/cut", "application/rss+xml", "", rss("b1", "b2")[:200]), "不是有效的 RSS/Atom"},
			{"html", web.serve("/page", "text/html", "", `<!doctype html><html><head><title>首页</title></head><body><p>欢迎</body></html>`), "网页"},
			{"status", web.fail("/500", 500), "HTTP 500"},
			{"closed", closed, "连接失败: 连接被拒绝"},
			{"deep", web.serve("/deep", "text/xml", "", "<rss>"+strings.Repeat("<a>", 20000)), "不是有效的 RSS/Atom"},
			{"ok", web.serve("/ok", "application/rss+xml", "", rss("c1")), ""},
		}
		ids := map[string]int64{}
		for _, c := range cases {
			ids[c.name] = addFeed(t, s, c.name, c.url)
		}
		if n, err := s.Once(ctx); err != nil || n != len(cases) {
			t.Fatalf("round polled %d of %d: %v", n, len(cases), err)
		}
		for _, c := range cases {
			f := feed(t, s, ids[c.name])
			switch {
			case c.want == "" && (f.LastError != "" || f.Items != 1):
				t.Errorf("%s: error %q, %d items", c.name, f.LastError, f.Items)
			case c.want != "" && (!strings.Contains(f.LastError, c.want) || f.ErrorCount != 1 || f.Items != 0):
				t.Errorf("%s: error %q (count %d), want %q", c.name, f.LastError, f.ErrorCount, c.want)
			case c.want != "" && !f.NextPollAt.Equal(clk.Now().Add(20*time.Minute)):
				t.Errorf("%s: next poll %v, want interval × 2", c.name, f.NextPollAt)
			}
		}
		// Failing again doubles the wait again; success resets it.
		clk.add(20 * time.Minute)
		s.Once(ctx)
		if f := feed(t, s, ids["closed"]); f.ErrorCount != 2 || !f.NextPollAt.Equal(clk.Now().Add(40*time.Minute)) {
			t.Errorf("second failure: count %d, next %v", f.ErrorCount, f.NextPollAt)
		}
		web.serve("/500", "application/rss+xml", "", rss("d1"))
		clk.add(40 * time.Minute)
		if res, err := s.PollNow(ctx, editor, ids["status"]); err != nil || res.New != 1 || res.Error != "" {
			t.Fatalf("poll now: %+v %v", res, err)
		}
		if f := feed(t, s, ids["status"]); f.ErrorCount != 0 || f.LastError != "" || !f.NextPollAt.Equal(clk.Now().Add(10*time.Minute)) {
			t.Errorf("after recovery: %+v", f)
		}
	})
}

// panicky is a transport that panics on /boom, standing in for any input
// that trips a bug somewhere in a poll.
type panicky struct{}

func (panicky) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/boom" {
		panic("bug")
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestPanicsDoNotStopPoller(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	s, _ := newService(t, db)
	s.Client = &http.Client{Transport: panicky{}}
	s.OnItems = func(context.Context, []int64) { panic("matching broke") }
	web := newSite(t)
	boom := addFeed(t, s, "boom", web.serve("/boom", "application/rss+xml", "", rss("z1")))
	a := addFeed(t, s, "a", web.serve("/a", "application/rss+xml", "", rss("x1")))
	b := addFeed(t, s, "b", web.serve("/b", "application/rss+xml", "", rss("y1")))
	if n, err := s.Once(ctx); n != 3 || err != nil {
		t.Fatalf("polled %d: %v", n, err)
	}
	if f := feed(t, s, boom); !strings.HasPrefix(f.LastError, "内部错误") || f.ErrorCount != 1 {
		t.Errorf("panicking feed: %q", f.LastError)
	}
	if feed(t, s, a).Items != 1 || feed(t, s, b).Items != 1 {
		t.Error("items lost to a panicking hook")
	}
}
