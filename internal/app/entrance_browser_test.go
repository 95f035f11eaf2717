package app_test

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qinglang/internal/app"
	"qinglang/internal/config"
	"qinglang/internal/org"
)

// TestBrowserEntrance drives a partner platform's report entrance in
// headless Chromium: a report through the short link on a phone, the
// poster and share page, and the embedded form inside an iframe on the
// platform's own site (another loopback origin), filed from inside the
// frame. A site the platform did not register gets no form.
func TestBrowserEntrance(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium(t)
	framer, stranger := framingSite(), framingSite()
	t.Cleanup(framer.Close)
	t.Cleanup(stranger.Close)
	m := openEntranceApp(t)
	base := m.URL()
	// The platform registers its site as an origin: frame-ancestors
	// needs the port, and the test site speaks plain HTTP.
	seedEntrance(t, m, "bbs.yongcheng.example "+framer.URL)
	ctx := newBrowser(t, chromium)

	must(t, ctx, chromedp.EmulateViewport(375, 812))
	must(t, ctx, chromedp.Navigate(base+"/lang/zh?next=/p/YC4B7S"))
	if got := text(t, ctx, "#entrance-via"); got != "通过「邕城论坛」举报" {
		t.Errorf("entrance heading = %q", got)
	}
	if fits, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`)); err != nil || !fits {
		t.Errorf("the entrance overflows a 375 px wide screen (err %v)", err)
	}
	screenshot(t, ctx, "/tmp/qinglang-entrance-form.png")
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-content"), "冒充客服诱导转账的诈骗帖子"))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-urls"), "https://bbs.yongcheng.example/t/1"))
	must(t, ctx, chromedp.SetValue(chromedp.CSS("#f-category"), "fraud"))
	must(t, ctx, chromedp.Click(chromedp.CSS("#f-reporter-anonymous")))
	submitWhenReady(t, ctx)
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#r-secret")))
	checkCredited(t, m, text(t, ctx, "#r-code"))

	for _, page := range []string{"poster", "share"} {
		must(t, ctx, chromedp.Navigate(base+"/p/YC4B7S/"+page))
		waitJS(t, ctx, `Array.prototype.every.call(document.images, function (i) { return i.complete && i.naturalWidth > 0 })`)
		screenshot(t, ctx, "/tmp/qinglang-entrance-"+page+".png")
	}

	// The platform's page loads the loader script, which inserts the
	// iframe and sizes it from the frame's messages.
	must(t, ctx, chromedp.EmulateViewport(414, 900))
	must(t, ctx, chromedp.Navigate(framer.URL+"/?entrance="+base+"/p/YC4B7S"))
	waitJS(t, ctx, `window.msgs.some(function (m) { return m && m.type === 'qinglang:load' })`)
	frame := iframeNode(t, ctx)
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS(".report-form"), chromedp.FromNode(frame)))
	formHeight := frameHeight(t, ctx)
	if formHeight == 1400 || formHeight < 600 {
		t.Errorf("the iframe was not sized to its form: height %d", formHeight)
	}
	screenshot(t, ctx, "/tmp/qinglang-entrance-embed.png")
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-content"), "直播间售卖假冒保健品", chromedp.FromNode(frame)))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-urls"), "https://bbs.yongcheng.example/t/2", chromedp.FromNode(frame)))
	must(t, ctx, chromedp.SetValue(chromedp.CSS("#f-category"), "fraud", chromedp.FromNode(frame)))
	must(t, ctx, chromedp.Click(chromedp.CSS("#f-reporter-anonymous"), chromedp.FromNode(frame)))
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		s, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-pow-status]"), chromedp.FromNode(frame)))
		if strings.Contains(s, "安全校验完成") {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the proof of work in the frame did not finish: %q", s)
		}
	}
	// Submitted from a script in the frame rather than by a click: the
	// frame resizes as the proof of work reports, and a click aimed at
	// where the button was a moment ago can miss it.
	must(t, ctx, chromedp.Submit(chromedp.CSS("#f-content"), chromedp.FromNode(frame)))
	// The post from inside the frame (Sec-Fetch-Site: same-origin) passes
	// the cross-origin check, and the receipt may be framed too.
	waitJS(t, ctx, `window.msgs.filter(function (m) { return m && m.type === 'qinglang:load' }).length >= 2`)
	code, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#r-code"), chromedp.FromNode(iframeNode(t, ctx))))
	if err != nil {
		t.Fatalf("no receipt in the frame: %v", err)
	}
	checkCredited(t, m, strings.TrimSpace(code))
	if h := frameHeight(t, ctx); h >= formHeight {
		t.Errorf("the iframe kept the form's height %d for the shorter receipt (%d)", formHeight, h)
	}
	screenshot(t, ctx, "/tmp/qinglang-entrance-embed-receipt.png")

	// A site the platform did not register: the browser refuses the frame,
	// so the form never runs there.
	must(t, ctx, chromedp.Navigate(stranger.URL+"/?entrance="+base+"/p/YC4B7S"))
	time.Sleep(3 * time.Second)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.msgs.length`)); n != 0 {
		t.Errorf("the form ran in a frame on an unregistered site (%d messages)", n)
	}
}

// framingSite is a platform's page on its own origin: it loads the
// entrance's loader script named by ?entrance= and records the messages
// the frame sends.
func framingSite() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><meta name="viewport" content="width=device-width"><title>邕城论坛</title>
<script>window.msgs = []; addEventListener('message', function (e) { msgs.push(e.data) });</script>
<h1 style="font:16px sans-serif;margin:8px">邕城论坛 · 举报中心</h1>
<script src="%s/embed.js" async></script>`, r.URL.Query().Get("entrance"))
	}))
}

// openEntranceApp runs the whole program with a quick proof of work.
func openEntranceApp(t *testing.T) *app.Main {
	cfg := config.Default()
	cfg.DataDir, cfg.Addr, cfg.PowBits, cfg.RatePerMinute = t.TempDir(), "127.0.0.1:0", 8, 0
	m, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatal(err)
	}
	stop, err := m.Start()
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return m
}

// seedEntrance adds 邕城论坛 with the entrance code YC4B7S and domains.
func seedEntrance(t *testing.T, m *app.Main, domains string) {
	ctx := context.Background()
	err := m.DB.Write(ctx, func(tx *sql.Tx) error {
		id, err := org.AddPlatform(ctx, tx, org.Platform{Code: "yongcheng_bbs", Name: "邕城论坛", Kind: "forum", Domains: domains}, time.Now())
		if err == nil {
			_, err = tx.ExecContext(ctx, `UPDATE platforms SET entrance = 'YC4B7S' WHERE id = $1`, id)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkCredited reads the case from the database: channel platform, and
// the platform of the entrance.
func checkCredited(t *testing.T, m *app.Main, code string) {
	t.Helper()
	var channel, plat string
	err := m.DB.Read().QueryRow(`SELECT r.channel, p.name FROM reports r JOIN platforms p ON p.id = r.platform_id WHERE r.tracking_code = $1`, code).Scan(&channel, &plat)
	if err != nil || channel != "platform" || plat != "邕城论坛" {
		t.Errorf("case %s: channel %q, platform %q (%v)", code, channel, plat, err)
	}
}

func iframeNode(t *testing.T, ctx context.Context) *chromedp.Node {
	t.Helper()
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSS("iframe")))
	if err != nil || len(nodes) != 1 {
		t.Fatalf("iframes: %d (%v)", len(nodes), err)
	}
	return nodes[0]
}

// frameHeight is the iframe's height in CSS pixels, as embed.js set it.
func frameHeight(t *testing.T, ctx context.Context) int {
	t.Helper()
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int](`parseInt(document.querySelector('iframe').style.height, 10) || 0`))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// waitJS waits until the expression is true.
func waitJS(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("never true: %s (%v)", js, err)
	}
}
