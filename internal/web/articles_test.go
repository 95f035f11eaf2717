package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/debunk"
	"qinglang/internal/rumor"
)

// debunkDesk publishes articles through the debunk service as an editor.
type debunkDesk struct {
	ts     *testServer
	editor *auth.Principal
}

func newDebunkDesk(ts *testServer) *debunkDesk {
	ts.t.Helper()
	ctx := context.Background()
	u := auth.NewUser{Username: "editor.debunk", DisplayName: "李编辑", Role: auth.Editor}
	var id int64
	err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = auth.CreateUser(ctx, tx, u, staffPassword, time.Now())
		return err
	})
	if err != nil {
		ts.t.Fatal(err)
	}
	return &debunkDesk{ts: ts, editor: &auth.Principal{UserID: id, Username: u.Username, DisplayName: u.DisplayName, Role: auth.Editor}}
}

// rumor adds a rumor with one claim and refreshes the matcher.
func (d *debunkDesk) rumor(title, claim string) int64 {
	d.ts.t.Helper()
	ctx := context.Background()
	id, err := rumor.Save(ctx, d.ts.DB, d.editor, rumor.Rumor{Title: title, Verdict: "rumor", Topic: "health", Claims: []string{claim}}, time.Now().UTC())
	if err != nil {
		d.ts.t.Fatal(err)
	}
	if err := d.ts.Rumors.Reload(ctx); err != nil {
		d.ts.t.Fatal(err)
	}
	return id
}

// publish saves, submits and publishes a, and returns its id.
func (d *debunkDesk) publish(a debunk.Article) int64 {
	d.ts.t.Helper()
	ctx := context.Background()
	id, err := d.ts.Debunk.Save(ctx, d.editor, a)
	if err != nil {
		d.ts.t.Fatalf("save: %v", err)
	}
	if err := d.ts.Debunk.Submit(ctx, d.editor, id); err != nil {
		d.ts.t.Fatalf("submit: %v", err)
	}
	if err := d.ts.Debunk.Publish(ctx, d.editor, id); err != nil {
		d.ts.t.Fatalf("publish: %v", err)
	}
	return id
}

const waterClaim = "本市自来水厂检出剧毒物质，市民近期千万不要饮用自来水"

func waterArticle(rumorID int64) debunk.Article {
	return debunk.Article{Slug: "tap-water-safe", Title: "网传“自来水检出剧毒物质”系谣言",
		Summary: "市水务局核实：全市供水水质检测全部合格。",
		BodyMD:  "经市水务局核实，全市各水厂出厂水**全部合格**。<script>alert(1)</script>",
		Tags:    []string{"饮水安全"}, Region: "市辖区", CoverURL: "https://example.gov.cn/cover.jpg",
		Sources: []debunk.Source{{Title: "市水务局通报", URL: "https://example.gov.cn/water/1"}},
		Claims: []debunk.Claim{{RumorID: &rumorID, Claim: waterClaim, Verdict: "rumor"},
			{Claim: "喝了自来水的人已经住院", Verdict: "false"}}}
}

// jsonLD takes the JSON-LD out of an article page.
func jsonLD(t *testing.T, page string) []map[string]any {
	t.Helper()
	const open = `<script type="application/ld+json">`
	i := strings.Index(page, open)
	if i < 0 {
		t.Fatalf("no JSON-LD on the page")
	}
	rest := page[i+len(open):]
	j := strings.Index(rest, "</script>")
	var out []map[string]any
	if err := json.Unmarshal([]byte(rest[:j]), &out); err != nil {
		t.Fatalf("JSON-LD is not JSON (%v): %s", err, rest[:j])
	}
	return out
}

func TestArticlePage(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		d := newDebunkDesk(ts)
		if r := ts.get("/articles/tap-water-safe"); r.Status != http.StatusNotFound {
			t.Fatalf("before publishing: %d, want 404", r.Status)
		}
		id := d.publish(waterArticle(d.rumor("自来水有毒谣言", waterClaim)))

		r := ts.get("/articles/tap-water-safe")
		page := string(r.Body)
		if r.Status != http.StatusOK {
			t.Fatalf("article page: %d %s", r.Status, page)
		}
		for _, want := range []string{"网传“自来水检出剧毒物质”系谣言", `<strong>全部合格</strong>`, "市水务局通报",
			`property="og:type" content="article"`, `property="og:title"`, `property="og:url" content="` + ts.URL + `/articles/tap-water-safe"`,
			`property="og:image" content="https://example.gov.cn/cover.jpg"`, "service.weibo.com/share/share.php",
			`/articles/tap-water-safe/qr.png`, "谣言", "不实", "饮水安全"} {
			if !strings.Contains(page, want) {
				t.Errorf("article page lacks %q", want)
			}
		}
		if strings.Contains(page, "<script>alert(1)") {
			t.Error("the body's script tag reached the page")
		}

		reviews := jsonLD(t, page)
		if len(reviews) != 2 {
			t.Fatalf("%d ClaimReviews, want one per claim (2)", len(reviews))
		}
		for i, cr := range reviews {
			for _, k := range []string{"@context", "@type", "claimReviewed", "reviewRating", "author", "datePublished", "url", "itemReviewed"} {
				if cr[k] == nil || cr[k] == "" {
					t.Errorf("ClaimReview %d lacks %s: %v", i, k, cr)
				}
			}
			if cr["@type"] != "ClaimReview" || cr["@context"] != "https://schema.org" {
				t.Errorf("ClaimReview %d: @type %v @context %v", i, cr["@type"], cr["@context"])
			}
			rating, _ := cr["reviewRating"].(map[string]any)
			if rating["@type"] != "Rating" || rating["bestRating"] != 5.0 || rating["worstRating"] != 1.0 || rating["ratingValue"] != 1.0 {
				t.Errorf("ClaimReview %d rating: %v", i, rating)
			}
			if author, _ := cr["author"].(map[string]any); author["@type"] != "Organization" || author["name"] == "" {
				t.Errorf("ClaimReview %d author: %v", i, author)
			}
			if item, _ := cr["itemReviewed"].(map[string]any); item["@type"] != "Claim" {
				t.Errorf("ClaimReview %d itemReviewed: %v", i, item)
			}
			if _, err := time.Parse(time.RFC3339, cr["datePublished"].(string)); err != nil {
				t.Errorf("ClaimReview %d datePublished: %v", i, err)
			}
		}
		if reviews[0]["claimReviewed"] != waterClaim || reviews[1]["reviewRating"].(map[string]any)["alternateName"] != "不实" {
			t.Errorf("ClaimReviews do not follow the claims: %v", reviews)
		}

		qr := ts.get("/articles/tap-water-safe/qr.png")
		if qr.Status != http.StatusOK || qr.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("qr: %d %s", qr.Status, qr.Header.Get("Content-Type"))
		}
		if _, err := png.Decode(bytes.NewReader(qr.Body)); err != nil {
			t.Errorf("qr is not a PNG: %v", err)
		}

		home := string(ts.get("/").Body)
		if !strings.Contains(home, "最新辟谣") || !strings.Contains(home, "权威辟谣") || !strings.Contains(home, "查谣言") {
			t.Errorf("home lacks the latest debunks or the nav entries")
		}

		// The page is cached and validated; a correction is a new page.
		etag := r.Header.Get("ETag")
		if nm := ts.get("/articles/tap-water-safe", "If-None-Match", etag); etag == "" || nm.Status != http.StatusNotModified {
			t.Errorf("If-None-Match %q: %d, want 304", etag, nm.Status)
		}
		ctx := context.Background()
		if err := ts.Debunk.Correct(ctx, d.editor, id, "第二段的检测日期应为5月3日", ""); err != nil {
			t.Fatal(err)
		}
		r = ts.get("/articles/tap-water-safe", "If-None-Match", etag)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "第二段的检测日期应为5月3日") || !strings.Contains(string(r.Body), "更正") {
			t.Errorf("after the correction: %d, banner missing", r.Status)
		}
		if err := ts.Debunk.Retract(ctx, d.editor, id, "核实结论有误，撤回待重新核查"); err != nil {
			t.Fatal(err)
		}
		page = string(ts.get("/articles/tap-water-safe").Body)
		for _, want := range []string{"已撤回", "核实结论有误，撤回待重新核查", `class="article retracted"`, "全部合格"} {
			if !strings.Contains(page, want) {
				t.Errorf("retracted page lacks %q", want)
			}
		}

		list := string(ts.get("/articles").Body)
		if !strings.Contains(list, "/articles/tap-water-safe") || !strings.Contains(list, "【已撤回】") {
			t.Errorf("the list does not show the retracted article")
		}
		if l := string(ts.get("/articles?verdict=true").Body); strings.Contains(l, "/articles/tap-water-safe") {
			t.Errorf("the verdict filter let the article through")
		}
		if sm := string(ts.get("/sitemap.xml").Body); !strings.Contains(sm, "<loc>"+ts.URL+"/articles/tap-water-safe</loc>") || !strings.Contains(sm, "<loc>"+ts.URL+"/check</loc>") {
			t.Errorf("sitemap lacks the article or /check:\n%s", sm)
		}
	})
}

func TestRumorCheck(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	d := newDebunkDesk(ts)
	rid := d.rumor("自来水有毒谣言", waterClaim)
	d.publish(waterArticle(rid))

	reworded := "扩散！本市自来水厂检出剧毒物质，市民近期千万不要喝自来水！"
	page := ts.get("/check?q=" + url.QueryEscape(reworded))
	if page.Status != http.StatusOK || !strings.Contains(string(page.Body), "自来水有毒谣言") ||
		!strings.Contains(string(page.Body), `href="/articles/tap-water-safe"`) {
		t.Fatalf("/check does not lead to the article: %d\n%s", page.Status, page.Body)
	}
	if form := ts.get("/check"); form.Status != http.StatusOK || !strings.Contains(string(form.Body), `name="q"`) {
		t.Errorf("/check form: %d", form.Status)
	}

	spec := ts.spec()
	r := ts.get("/api/v1/rumors/check?q=" + url.QueryEscape(reworded))
	spec.check(t, "GET", "/api/v1/rumors/check", r)
	var ans struct {
		Query   string `json:"query"`
		Results []struct {
			RumorID int64   `json:"rumor_id"`
			Score   float64 `json:"score"`
			Debunks []struct{ Title, URL string }
		} `json:"results"`
	}
	r.JSON(t, &ans)
	if ans.Query != reworded || len(ans.Results) == 0 || ans.Results[0].RumorID != rid || len(ans.Results[0].Debunks) == 0 ||
		ans.Results[0].Debunks[0].URL != "/articles/tap-water-safe" {
		t.Errorf("check answer: %+v", ans)
	}

	for _, tc := range []struct{ path, field string }{
		{"/api/v1/rumors/check", "q"},
		{"/api/v1/rumors/check?q=" + strings.Repeat("谣", 5001), "q"},
	} {
		r := ts.get(tc.path)
		spec.check(t, "GET", "/api/v1/rumors/check", r)
		var e apiError
		r.JSON(t, &e)
		if r.Status != http.StatusBadRequest || e.Error.Fields[tc.field] == "" || !strings.Contains(e.Error.Message, "q") {
			t.Errorf("%s: %d %s, want 400 naming %s", tc.path[:min(len(tc.path), 40)], r.Status, r.Body, tc.field)
		}
	}
	if r := ts.get("/check?q=" + strings.Repeat("谣", 5001)); r.Status != http.StatusBadRequest {
		t.Errorf("/check with a long q: %d, want 400", r.Status)
	}
}

func TestArticleAPI(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	d := newDebunkDesk(ts)
	d.publish(waterArticle(d.rumor("自来水有毒谣言", waterClaim)))
	spec := ts.spec()

	list := ts.get("/api/v1/articles?tag=" + url.QueryEscape("饮水安全"))
	spec.check(t, "GET", "/api/v1/articles", list)
	var l struct {
		Total    int `json:"total"`
		Articles []struct{ Slug string }
	}
	list.JSON(t, &l)
	if l.Total != 1 || len(l.Articles) != 1 || l.Articles[0].Slug != "tap-water-safe" {
		t.Errorf("list: %s", list.Body)
	}
	one := ts.get("/api/v1/articles/tap-water-safe")
	spec.check(t, "GET", "/api/v1/articles/{slug}", one)
	if !strings.Contains(string(one.Body), `"body_html"`) {
		t.Errorf("the article lacks its body: %s", one.Body)
	}
	missing := ts.get("/api/v1/articles/no-such-article")
	spec.check(t, "GET", "/api/v1/articles/{slug}", missing)
	var e apiError
	missing.JSON(t, &e)
	if missing.Status != http.StatusNotFound || e.Error.Code != "not_found" {
		t.Errorf("missing article: %d %s", missing.Status, missing.Body)
	}
	bad := ts.get("/api/v1/articles?per_page=500")
	spec.check(t, "GET", "/api/v1/articles", bad)
	if bad.Status != http.StatusBadRequest {
		t.Errorf("per_page=500: %d, want 400", bad.Status)
	}
}
