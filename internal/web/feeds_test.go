package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"qinglang/internal/debunk"
)

var feedPaths = []struct{ path, kind, ctype string }{
	{"/feeds/debunk.atom", "atom", "application/atom+xml"},
	{"/feeds/debunk.rss", "rss", "application/rss+xml"},
	{"/feeds/debunk.json", "json", "application/feed+json"},
}

// TestFeeds parses the three feeds with gofeed and checks that a
// correction and a retraction reach subscribers.
func TestFeeds(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		d := newDebunkDesk(ts)
		ctx := context.Background()
		corrected := d.publish(waterArticle(d.rumor("自来水有毒谣言", waterClaim)))
		retracted := d.publish(debunk.Article{Slug: "metro-closed", Title: "网传“地铁全线停运”不实", Summary: "地铁运营正常。",
			BodyMD: "地铁运营正常 & 准点。", Claims: []debunk.Claim{{Claim: "地铁明天起全线停运", Verdict: "false"}}})
		d.publish(debunk.Article{Slug: "school-holiday", Title: "网传“中小学提前放假”不实", BodyMD: "教育局未发布此通知。",
			Claims: []debunk.Claim{{Claim: "中小学下周提前放假", Verdict: "false"}}})
		if err := ts.Debunk.Correct(ctx, d.editor, corrected, "检测日期应为5月3日 <b>", ""); err != nil {
			t.Fatal(err)
		}
		if err := ts.Debunk.Retract(ctx, d.editor, retracted, "来源有误"); err != nil {
			t.Fatal(err)
		}

		p := gofeed.NewParser()
		for _, fp := range feedPaths {
			r := ts.get(fp.path)
			if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), fp.ctype) {
				t.Fatalf("%s: %d %s", fp.path, r.Status, r.Header.Get("Content-Type"))
			}
			if cc := r.Header.Get("Cache-Control"); cc != "public, max-age=60" {
				t.Errorf("%s Cache-Control %q", fp.path, cc)
			}
			f, err := p.ParseString(string(r.Body))
			if err != nil {
				t.Fatalf("%s does not parse: %v\n%s", fp.path, err, r.Body)
			}
			if f.FeedType != fp.kind || len(f.Items) != 3 {
				t.Fatalf("%s: type %s, %d items", fp.path, f.FeedType, len(f.Items))
			}
			byLink := map[string]*gofeed.Item{}
			for _, it := range f.Items {
				byLink[strings.TrimPrefix(it.Link, ts.URL)] = it
				if it.PublishedParsed == nil || it.Title == "" {
					t.Errorf("%s item %q lacks a date or title", fp.path, it.Link)
				}
			}
			c := byLink["/articles/tap-water-safe"]
			if c == nil || !strings.HasPrefix(c.Title, "【更正】") || !strings.Contains(c.Content+c.Description, "检测日期应为5月3日 &lt;b&gt;") {
				t.Errorf("%s: the correction is not carried: %+v", fp.path, c)
			}
			x := byLink["/articles/metro-closed"]
			if x == nil || !strings.HasPrefix(x.Title, "【已撤回】") || !strings.Contains(x.Content+x.Description, "来源有误") {
				t.Errorf("%s: the retraction is not carried: %+v", fp.path, x)
			}
		}
	})
}

func TestFeedConditionalGet(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	d := newDebunkDesk(ts)
	id := d.publish(waterArticle(d.rumor("自来水有毒谣言", waterClaim)))
	for _, fp := range feedPaths {
		r := ts.get(fp.path)
		etag, lm := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("%s: ETag %q Last-Modified %q", fp.path, etag, lm)
		}
		if nm := ts.get(fp.path, "If-None-Match", etag); nm.Status != http.StatusNotModified || len(nm.Body) != 0 {
			t.Errorf("%s If-None-Match: %d, want 304", fp.path, nm.Status)
		}
		if nm := ts.get(fp.path, "If-Modified-Since", lm); nm.Status != http.StatusNotModified {
			t.Errorf("%s If-Modified-Since: %d, want 304", fp.path, nm.Status)
		}
		old := time.Now().Add(-48 * time.Hour).UTC().Format(http.TimeFormat)
		if m := ts.get(fp.path, "If-Modified-Since", old); m.Status != http.StatusOK {
			t.Errorf("%s If-Modified-Since long ago: %d, want 200", fp.path, m.Status)
		}
		if m := ts.get(fp.path, "If-None-Match", `"other"`); m.Status != http.StatusOK {
			t.Errorf("%s other ETag: %d, want 200", fp.path, m.Status)
		}
	}
	etag := ts.get("/feeds/debunk.atom").Header.Get("ETag")
	time.Sleep(10 * time.Millisecond)
	if err := ts.Debunk.Correct(context.Background(), d.editor, id, "更正说明", ""); err != nil {
		t.Fatal(err)
	}
	r := ts.get("/feeds/debunk.atom", "If-None-Match", etag)
	if r.Status != http.StatusOK || r.Header.Get("ETag") == etag || !strings.Contains(string(r.Body), "【更正】") {
		t.Errorf("after a correction: %d, ETag %q (was %q)", r.Status, r.Header.Get("ETag"), etag)
	}
}
