package web_test

import (
	"bytes"
	"html"
	"image/png"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"qinglang/internal/challenge"
	"qinglang/internal/config"
)

// TestEntrance files reports through partner platforms' entrances
// (/p/{code}) and checks what each of the entrance's pages promises: the
// platform from the path and never the form, 404 for unknown and disabled
// codes, framing allowed on the embed only and only for the platform's
// sites, a QR image, the share page and the poster.
func TestEntrance(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL, func(c *config.Config) { c.PowBits = 8 })
		ts.seed() // 微博, code "weibo", no entrance code: its code serves
		now := time.Now().UTC()
		ts.exec(`INSERT INTO platforms (code, name, kind, domains, entrance, created_at) VALUES ($1,$2,$3,$4,$5,$6)`,
			"douyin", "抖音", "short_video", "douyin.com, 127.0.0.1:8080 http://localhost:3000 'unsafe-inline' *.evil.example https://a.example/x", "DY7Q2K", now)
		ts.exec(`INSERT INTO platforms (code, name, kind, domains, entrance, disabled, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			"closed", "已停用平台", "forum", "", "CLOSED", true, now)
		zh := []string{"Accept-Language", "zh-CN"}

		for path, name := range map[string]string{"/p/weibo": "微博", "/p/DY7Q2K": "抖音"} {
			r := ts.get(path, zh...)
			if r.Status != 200 || !strings.Contains(string(r.Body), "通过「"+name+"」举报") || !strings.Contains(string(r.Body), `action="`+path+`"`) {
				t.Errorf("GET %s: %d, want the form branded %s posting back to itself", path, r.Status, name)
			}
		}
		// Unknown and disabled codes, and a platform code once the platform
		// has an entrance code of its own, are the Chinese 404 page.
		for _, path := range []string{"/p/NOPE42", "/p/CLOSED", "/p/closed", "/p/douyin", "/p/NOPE42/embed", "/p/NOPE42/poster"} {
			if r := ts.get(path, zh...); r.Status != 404 || !strings.Contains(string(r.Body), "举报入口不存在") {
				t.Errorf("GET %s: %d, want the entrance 404 page", path, r.Status)
			}
		}
		before := ts.count("reports")
		if r := ts.entrancePost("/p/NOPE42", nil); r.Status != 404 || ts.count("reports") != before {
			t.Errorf("POST to an unknown entrance: %d, %d reports filed", r.Status, ts.count("reports")-before)
		}

		// The platform comes from the path: the form's platform and channel
		// fields, however they are set, change nothing.
		tampered := map[string]string{"platform": "weibo", "channel": "web", "platform_id": "1"}
		r := ts.entrancePost("/p/DY7Q2K", tampered, "Sec-Fetch-Site", "same-origin")
		code, secret := ts.checkFiled(t, r, "douyin")
		var c struct{ Status, Category string }
		ts.get("/api/v1/reports/track?code="+code+"&secret="+secret).JSON(t, &c)
		if c.Status != "submitted" || c.Category != "fraud" {
			t.Errorf("tracking the entrance's report: %+v", c)
		}
		ts.checkFiled(t, ts.entrancePost("/p/weibo", nil), "weibo")

		// The embed: framed by the platform's sites only, its form posting
		// from inside the frame (Sec-Fetch-Site: same-origin).
		want := "frame-ancestors 'self' https://douyin.com https://*.douyin.com https://127.0.0.1:8080 http://localhost:3000;"
		r = ts.get("/p/DY7Q2K/embed", zh...)
		body := string(r.Body)
		if r.Status != 200 || r.Header.Get("X-Frame-Options") != "" || !strings.Contains(r.Header.Get("Content-Security-Policy"), want) {
			t.Errorf("embed: %d, X-Frame-Options %q, CSP %q", r.Status, r.Header.Get("X-Frame-Options"), r.Header.Get("Content-Security-Policy"))
		}
		if !strings.Contains(body, `action="/p/DY7Q2K/embed"`) || strings.Contains(body, `class="site-header"`) || !strings.Contains(body, "embed_frame.") {
			t.Error("the embed is not the compact form posting to the embed")
		}
		r = ts.entrancePost("/p/DY7Q2K/embed", nil, "Sec-Fetch-Site", "same-origin")
		ts.checkFiled(t, r, "douyin")
		if r.Header.Get("X-Frame-Options") != "" || !strings.Contains(r.Header.Get("Content-Security-Policy"), want) {
			t.Error("the receipt inside the frame refuses to be framed")
		}
		if r := ts.entrancePost("/p/DY7Q2K/embed", nil, "Sec-Fetch-Site", "cross-site"); r.Status != http.StatusForbidden {
			t.Errorf("a cross-site post to the embed: %d, want 403", r.Status)
		}
		for _, path := range []string{"/", "/report", "/p/DY7Q2K", "/p/DY7Q2K/share", "/p/DY7Q2K/poster", "/docs/webhooks", "/p/weibo/embed.js"} {
			r := ts.get(path)
			if r.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("GET %s may be framed: %q / %q", path, r.Header.Get("X-Frame-Options"), r.Header.Get("Content-Security-Policy"))
			}
		}
		if r := ts.get("/p/weibo/embed"); !strings.Contains(r.Header.Get("Content-Security-Policy"), "frame-ancestors 'self' https://weibo.com https://*.weibo.com;") {
			t.Errorf("weibo's embed: CSP %q", r.Header.Get("Content-Security-Policy"))
		}

		ts.checkEntranceFiles(t)
	})
}

// checkEntranceFiles checks the QR image, the loader script, the share
// page and the poster.
func (ts *testServer) checkEntranceFiles(t *testing.T) {
	r := ts.get("/p/DY7Q2K/qr.png")
	img, err := png.Decode(bytes.NewReader(r.Body))
	if r.Status != 200 || r.Header.Get("Content-Type") != "image/png" || err != nil {
		t.Fatalf("qr.png: %d %q %v", r.Status, r.Header.Get("Content-Type"), err)
	}
	// A QR symbol: square, only black and white, a white quiet zone
	// around it, and the top-left finder pattern's black corner.
	b := img.Bounds()
	colors := map[uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, _, _, _ := img.At(x, y).RGBA()
			colors[r] = true
		}
	}
	gray := func(x, y int) uint32 { r, _, _, _ := img.At(x, y).RGBA(); return r }
	finder := b.Dx() / 8 // inside the first module past the quiet zone, whatever the version
	if b.Dx() != 1024 || b.Dy() != 1024 || len(colors) != 2 || gray(2, 2) == 0 || gray(finder, finder) != 0 {
		t.Errorf("qr.png is %v with %d colours, corner %d, finder %d", b, len(colors), gray(2, 2), gray(finder, finder))
	}
	if r := ts.get("/p/NOPE42/qr.png"); r.Status != 404 {
		t.Errorf("qr.png of an unknown entrance: %d", r.Status)
	}

	r = ts.get("/p/DY7Q2K/embed.js")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/javascript") || !strings.Contains(string(r.Body), "/embed") {
		t.Errorf("embed.js: %d %q", r.Status, r.Header.Get("Content-Type"))
	}

	link := ts.URL + "/p/DY7Q2K"
	share := html.UnescapeString(string(ts.get("/p/DY7Q2K/share", "Accept-Language", "zh-CN").Body))
	for _, want := range []string{link, `<script src="` + link + `/embed.js" async></script>`, `<iframe src="` + link + `/embed"`,
		"/p/DY7Q2K/poster", "/p/DY7Q2K/qr.png", "https://*.douyin.com"} {
		if !strings.Contains(share, want) {
			t.Errorf("the share page lacks %s", want)
		}
	}
	poster := ts.get("/p/DY7Q2K/poster", "Accept-Language", "zh-CN")
	for _, want := range []string{"发现违法和不良信息？", "扫码举报", "「抖音」举报入口", link, `src="/p/DY7Q2K/qr.png"`} {
		if !strings.Contains(string(poster.Body), want) {
			t.Errorf("the poster lacks %s", want)
		}
	}
}

// entrancePost fetches the entrance's form for a challenge, solves it as
// pow.js would, and files a fraud report with fields added.
func (ts *testServer) entrancePost(path string, fields map[string]string, header ...string) response {
	ts.t.Helper()
	page := string(ts.get(path).Body)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("category", "fraud")
	mw.WriteField("content", "冒充客服诱导转账的诈骗帖子")
	mw.WriteField("urls", "https://v.douyin.com/scam/1")
	mw.WriteField("anonymous", "on")
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if salt := find(page, `data-pow-salt="([0-9a-f]+)"`); salt != "" {
		d, _ := strconv.Atoi(find(page, `data-pow-difficulty="(\d+)"`))
		mw.WriteField("pow_token", html.UnescapeString(find(page, `name="pow_token" value="([^"]+)"`)))
		mw.WriteField("pow_nonce", challenge.Solve(challenge.Challenge{Salt: salt, Difficulty: d}))
	}
	mw.Close()
	return ts.do("POST", path, mw.FormDataContentType(), buf.Bytes(), header...)
}

// checkFiled reads the receipt of r and checks in the database that the
// report came through channel platform from the platform with code plat.
func (ts *testServer) checkFiled(t *testing.T, r response, plat string) (code, secret string) {
	t.Helper()
	code, secret = find(string(r.Body), `id="r-code"[^>]*>([^<]+)<`), find(string(r.Body), `id="r-secret"[^>]*>([^<]+)<`)
	if r.Status != http.StatusCreated || code == "" {
		t.Fatalf("report through the entrance: %d %s", r.Status, find(string(r.Body), `(?s)class="error-summary"(.*?)</div>`))
	}
	var channel, got string
	err := ts.DB.Read().QueryRow(`SELECT r.channel, p.code FROM reports r JOIN platforms p ON p.id = r.platform_id WHERE r.tracking_code = $1`, code).Scan(&channel, &got)
	if err != nil || channel != "platform" || got != plat {
		t.Errorf("report %s: channel %q, platform %q (%v); want platform, %s", code, channel, got, err, plat)
	}
	return code, secret
}

// find is the first group of re in s, or "".
func find(s, re string) string {
	if m := regexp.MustCompile(re).FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}
