package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qinglang/internal/app"
	"qinglang/internal/auth"
	"qinglang/internal/config"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
)

const consolePassword = "浏览器测试 password 1"

// openApp runs the whole program like startApp, but hands back Main, so
// the test can seed accounts and read the outcome from the database.
func openApp(t *testing.T) *app.Main {
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	cfg.Addr = "127.0.0.1:0"
	cfg.RatePerMinute = 0 // page loads come faster than a person's
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

// seedDesk adds 公安 and the three accounts of the scenario; it returns
// 公安's id.
func seedDesk(t *testing.T, m *app.Main) int64 {
	ctx := context.Background()
	var police int64
	err := m.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if police, err = org.AddDepartment(ctx, tx, org.Department{Code: "police", Name: i18n.Text{Zh: "公安", En: "Police"}, IsPolice: true}); err != nil {
			return err
		}
		for _, u := range []auth.NewUser{
			{Username: "op.li", DisplayName: "李受理", Role: auth.Operator},
			{Username: "an.wang", DisplayName: "王研判", Role: auth.Analyst},
			{Username: "po.zhao", DisplayName: "赵警官", Role: auth.DeptHandler, DepartmentID: &police},
		} {
			if _, err := auth.CreateUser(ctx, tx, u, consolePassword, time.Now()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return police
}

// fileReport files a report the way a mini-program does, over the API.
func fileReport(t *testing.T, base string) (code, secret string) {
	body, _ := json.Marshal(map[string]any{"category": "fraud", "content": "冒充客服的诈骗网页，诱导转账到“安全账户”。",
		"urls": []string{"https://example.com/scam/7"}, "reporter": map[string]any{"anonymous": false, "name": "张三", "phone": "13812345678"}})
	resp, err := http.Post(base+"/api/v1/reports", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rec struct {
		TrackingCode string `json:"tracking_code"`
		Secret       string `json:"secret"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rec); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("report: %d %v", resp.StatusCode, err)
	}
	return rec.TrackingCode, rec.Secret
}

// person opens a browser context of its own (its own cookies), in
// Chinese, signed in as username unless username is "".
func person(t *testing.T, browser context.Context, base, username, next string) context.Context {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	must(t, ctx, chromedp.Navigate(base+"/lang/zh?next="+url.QueryEscape("/console/login?next="+url.QueryEscape(next))))
	if username == "" {
		return ctx
	}
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-username"), username))
	must(t, ctx, chromedp.SendKeys(chromedp.CSS("#f-password"), consolePassword))
	must(t, ctx, chromedp.Submit(chromedp.CSS("#f-password")))
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#main h1")))
	return ctx
}

// openAction unfolds an action's <details> on the case page, as a click
// on its summary does.
func openAction(t *testing.T, ctx context.Context, form string) {
	must(t, ctx, chromedp.Click(chromedp.CSS("details:has(#"+form+") > summary")))
	must(t, ctx, chromedp.WaitVisible(chromedp.CSS("#"+form+" button[type=submit]")))
}

// waitText waits until the element's text contains want. It asks again
// after a navigation (a form post) interrupts the question.
func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	js := `(function(){var e=document.querySelector(` + jsString(sel) + `);return !!e && e.textContent.indexOf(` + jsString(want) + `)>=0})()`
	var err error
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
	}
	t.Fatalf("%s never showed %q (err %v)", sel, want, err)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
