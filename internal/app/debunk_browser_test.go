package app_test

import (
	"context"
	"database/sql"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// TestBrowserDebunkFlow: an editor writes a debunk article in the
// console, linking its claim to the rumor database, submits and publishes
// it; a visitor pastes a reworded, traditional-script version of the
// rumor into the public rumor check, finds the article and opens it.
func TestBrowserDebunkFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium(t)
	m := openApp(t)
	base := m.URL()
	ctx := context.Background()

	var editorID int64
	err := m.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		editorID, err = auth.CreateUser(ctx, tx, auth.NewUser{Username: "ed.chen", DisplayName: "陈编辑", Role: auth.Editor}, consolePassword, time.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	editor := &auth.Principal{UserID: editorID, Username: "ed.chen", DisplayName: "陈编辑", Role: auth.Editor}
	const claim = "南宁某小区自来水被污染，喝了会中毒"
	rumorID, err := rumor.Save(ctx, m.DB, editor, rumor.Rumor{Title: "南宁某小区自来水被污染", Verdict: "rumor", Claims: []string{claim}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Rumors.Reload(ctx); err != nil {
		t.Fatal(err)
	}

	browser := newBrowser(t, chromium)
	must(t, browser, chromedp.Navigate(base+"/healthz"))

	// The editor writes the article and takes it through review.
	const title = "辟谣：南宁某小区自来水被污染系谣言"
	ed := person(t, browser, base, "ed.chen", "/console/articles/new")
	must(t, ed, chromedp.WaitVisible(chromedp.CSS("#article-form")))
	must(t, ed, chromedp.SetValue(chromedp.CSS("#f-title"), title))
	must(t, ed, chromedp.SetValue(chromedp.CSS("#f-summary"), "经市水务部门检测，该小区自来水水质合格。"))
	must(t, ed, chromedp.SetValue(chromedp.CSS("#f-body"), "## 核查结果\n\n市水务部门**现场取样检测**，各项指标均符合国家标准。"))
	must(t, ed, chromedp.SetValue(chromedp.CSS("#f-claims"), claim+" | rumor"))
	must(t, ed, chromedp.SetValue(chromedp.CSS("#f-rumor_id"), strconv.FormatInt(rumorID, 10)))
	must(t, ed, chromedp.Submit(chromedp.CSS("#article-form")))
	waitText(t, ed, "#article-flash", "草稿已创建")
	waitText(t, ed, "#article-status", "草稿")
	must(t, ed, chromedp.Click(chromedp.CSS("#form-submit button")))
	waitText(t, ed, "#article-status", "待审核")
	must(t, ed, chromedp.Click(chromedp.CSS("#form-publish button")))
	waitText(t, ed, "#article-status", "已发布")
	waitText(t, ed, "#article-flash", "已发布")

	// A visitor pastes a reworded version into the rumor check.
	visitor, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	must(t, visitor, chromedp.Navigate(base+"/lang/zh?next="+url.QueryEscape("/check")))
	must(t, visitor, chromedp.WaitVisible(chromedp.CSS("#c-q")))
	must(t, visitor, chromedp.SetValue(chromedp.CSS("#c-q"), "網傳南寧某小區自來水被污染😱喝了會中毒 http://t.cn/x"))
	must(t, visitor, chromedp.Submit(chromedp.CSS("#c-q")))
	waitText(t, visitor, ".check-results", title)
	must(t, visitor, chromedp.Click(chromedp.CSS(`.check-results a[href^="/articles/"]`)))
	waitText(t, visitor, "h1", title)
}
