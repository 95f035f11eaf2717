package app_test

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qinglang/internal/app"
	"qinglang/internal/category"
	"qinglang/internal/config"
)

// TestBrowserReportFlow drives the public portal in headless Chromium the
// way a reporter on a phone does: home page, a refused and an accepted
// report with a screenshot, then tracking the case with code and secret.
func TestBrowserReportFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium(t)
	// Page loads come faster than a person's: the rate limit is not under test.
	base := startApp(t, func(c *config.Config) { c.RatePerMinute = 0 })
	ctx := newBrowser(t, chromium)

	// The cookie set here makes the run independent of the browser's own
	// Accept-Language (headless Chromium asks for English).
	must(t, ctx, chromedp.Navigate(base+"/lang/zh?next=/"))
	body := text(t, ctx, "body")
	for _, c := range category.Categories() {
		if !strings.Contains(body, c.Label.Zh) {
			t.Errorf("home page lacks category %s", c.Label.Zh)
		}
	}
	for _, z := range category.Zones() {
		if !strings.Contains(body, z.Label.Zh) {
			t.Errorf("home page lacks zone %s", z.Label.Zh)
		}
	}

	must(t, ctx, chromedp.EmulateViewport(375, 812))
	for _, lang := range []string{"en", "zh"} {
		for _, path := range []string{"/", "/report?zone=enterprise_infringement", "/report?category=fraud"} {
			must(t, ctx, chromedp.Navigate(base+"/lang/"+lang+"?next="+url.QueryEscape(path)))
			fits, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`))
			if err != nil || !fits {
				t.Errorf("%s in %s overflows a 375 px wide screen (err %v)", path, lang, err)
			}
			if path == "/" && lang == "zh" {
				screenshot(t, ctx, "/tmp/qinglang-home.png")
			}
		}
	}

	// Without content the report comes back with the error at its field.
	must(t, ctx, chromedp.SetValue(chromedp.CSS("#f-urls"), "https://example.com/scam/1"))
	submitWhenReady(t, ctx)
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS(".error-summary")))
	if got := text(t, ctx, "#e-content"); !strings.Contains(got, "请填写举报内容") {
		t.Errorf("content error = %q", got)
	}
	screenshot(t, ctx, "/tmp/qinglang-report-errors.png")
	if got, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-urls"))); got != "https://example.com/scam/1" {
		t.Errorf("the URL typed before was not kept: %q", got)
	}

	must(t, ctx, chromedp.Navigate(base+"/report?category=fraud"))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-content"), "冒充客服诱导转账的诈骗网页"))
	if got := text(t, ctx, "#c-content"); !strings.Contains(got, "13 / 5000") {
		t.Errorf("character counter = %q, want 13 / 5000", got)
	}
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-urls"), "https://example.com/scam/2"))
	must(t, ctx, chromedp.Click(chromedp.CSS("#f-reporter-anonymous")))
	must(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("#f-evidence"), []string{writePNG(t)}))
	submitWhenReady(t, ctx)
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#r-secret")))
	code, secret := text(t, ctx, "#r-code"), text(t, ctx, "#r-secret")
	if len(code) != 11 || len(secret) != 14 {
		t.Fatalf("receipt shows code %q and secret %q", code, secret)
	}
	screenshot(t, ctx, "/tmp/qinglang-receipt.png")

	must(t, ctx, chromedp.Navigate(base+"/track"))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-code"), code))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-secret"), secret))
	must(t, ctx, chromedp.Submit(chromedp.CSS("#f-secret")))
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#case-status")))
	for sel, want := range map[string]string{"#case-status": "已提交，待受理", "#case-category": "诈骗", "#case-evidence": "1"} {
		if got := text(t, ctx, sel); got != want {
			t.Errorf("case page %s = %q, want %q", sel, got, want)
		}
	}
	screenshot(t, ctx, "/tmp/qinglang-case.png")
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); strings.Contains(loc, secret) {
		t.Errorf("the secret is in the address bar: %s", loc)
	}
}

// submitWhenReady waits for the proof of work to finish, then submits.
func submitWhenReady(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector('[data-pow-status]').textContent.indexOf('安全校验完成') >= 0`,
		chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("proof of work did not finish: %v", err)
	}
	must(t, ctx, chromedp.Click(chromedp.CSS(`.report-form button[type="submit"]`)))
}

func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (looked for chromium, chromium-browser, google-chrome, headless-shell); install one to run the browser test")
	return ""
}

// startApp runs the whole program on a free port; adjust may change the
// configuration first.
func startApp(t *testing.T, adjust func(*config.Config)) string {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Addr = "127.0.0.1:0"
	cfg.PowBits = 8 // real work, but quick
	if adjust != nil {
		adjust(cfg)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	m, err := app.Open(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	stop, err := m.Start()
	if err != nil {
		m.Close()
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return m.URL()
}

func newBrowser(t *testing.T, execPath string) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// A stuck page fails the test instead of hanging it.
	go func() {
		select {
		case <-time.After(3 * time.Minute):
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx
}

func must(t *testing.T, ctx context.Context, a chromedp.Action[chromedp.Void]) {
	t.Helper()
	if _, err := chromedp.Run(ctx, a); err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 makes a PNG, less a JPEG
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writePNG(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "screenshot.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}
