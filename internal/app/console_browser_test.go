package app_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserConsoleFlow drives one case through the console in headless
// Chromium, each person in a browser context of their own: the operator
// accepts it (by keyboard from the queue), the analyst transfers it to
// 公安, 公安's handler accepts and feeds back, the analyst replies, and the
// reporter, not satisfied with the reply, sends it back into assessment.
func TestBrowserConsoleFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := findChromium(t)
	m := openApp(t)
	base := m.URL()
	police := seedDesk(t, m)
	code, secret := fileReport(t, base)
	var id, transfer int64
	if err := m.DB.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, code).Scan(&id); err != nil {
		t.Fatal(err)
	}
	casePath := "/console/cases/" + strconv.FormatInt(id, 10)
	browser := newBrowser(t, chromium)
	must(t, browser, chromedp.Navigate(base+"/healthz")) // starts the browser, so contexts can be made in it

	// The operator finds the case in the queue with j and Enter, and accepts it.
	op := person(t, browser, base, "op.li", "/console")
	must(t, op, chromedp.EmulateViewport(1280, 900))
	must(t, op, chromedp.WaitVisible(chromedp.CSS("table#queue")))
	if got := text(t, op, "#queue tbody tr:first-child .code"); got != code {
		t.Fatalf("first case in the queue is %q, want %q", got, code)
	}
	screenshot(t, op, "/tmp/qinglang-console-queue.png")
	must(t, op, chromedp.KeyEvent("j"))
	must(t, op, chromedp.KeyEvent("\r"))
	must(t, op, chromedp.WaitVisible(chromedp.CSS("#form-accept")))
	if loc, _ := chromedp.Run(op, chromedp.Location()); !strings.HasSuffix(loc, casePath) {
		t.Errorf("j, Enter opened %s, want %s", loc, casePath)
	}
	if got := text(t, op, "#reporter-phone"); got != "138****5678" {
		t.Errorf("the operator sees the phone as %q", got)
	}
	must(t, op, chromedp.Click(chromedp.CSS("#form-accept button")))
	waitText(t, op, "#case-status", "研判中")
	must(t, op, chromedp.EmulateViewport(375, 812))
	must(t, op, chromedp.Navigate(base+"/console"))
	if fits, err := chromedp.Run(op, chromedp.Evaluate[bool](`document.documentElement.scrollWidth <= window.innerWidth`)); err != nil || !fits {
		t.Errorf("the queue overflows a 375 px wide screen (err %v)", err)
	}
	screenshot(t, op, "/tmp/qinglang-console-queue-phone.png")

	// The analyst transfers it to 公安.
	an := person(t, browser, base, "an.wang", casePath)
	must(t, an, chromedp.EmulateViewport(1280, 900))
	openAction(t, an, "form-transfer")
	must(t, an, chromedp.Click(chromedp.CSS("#f-dept-"+strconv.FormatInt(police, 10))))
	must(t, an, chromedp.SendKeys(chromedp.CSS("#f-transfer-note"), "涉嫌电信诈骗，请公安核查"))
	must(t, an, chromedp.Click(chromedp.CSS("#form-transfer button[type=submit]")))
	waitText(t, an, "#case-status", "已移交相关部门")
	screenshot(t, an, "/tmp/qinglang-console-case.png")

	// 公安 accepts the transfer and feeds back.
	if err := m.DB.Read().QueryRow(`SELECT id FROM transfers WHERE report_id = $1`, id).Scan(&transfer); err != nil {
		t.Fatal(err)
	}
	row := "#transfer-" + strconv.FormatInt(transfer, 10)
	po := person(t, browser, base, "po.zhao", "/console/transfers")
	waitText(t, po, row, code)
	must(t, po, chromedp.Click(chromedp.CSS(row+" form button")))
	waitText(t, po, "#transfers-flash", "已签收")
	must(t, po, chromedp.SendKeys(chromedp.CSS(row+" textarea"), "已立案侦查，涉案网页已关停。"))
	must(t, po, chromedp.Click(chromedp.CSS(row+" form button")))
	waitText(t, po, row, "已反馈")
	screenshot(t, po, "/tmp/qinglang-console-transfers.png")

	// The analyst sees the feedback and replies.
	must(t, an, chromedp.Navigate(base+casePath))
	waitText(t, an, "#main", "已立案侦查")
	openAction(t, an, "form-reply")
	must(t, an, chromedp.SendKeys(chromedp.CSS("#f-text"), "您举报的诈骗网页已移送公安机关，现已关停。感谢您的举报。"))
	must(t, an, chromedp.Click(chromedp.CSS("#form-reply button[type=submit]")))
	waitText(t, an, "#case-status", "已回复")

	// The reporter reads the reply and is not satisfied.
	pub := person(t, browser, base, "", "/")
	must(t, pub, chromedp.Navigate(base+"/track"))
	must(t, pub, chromedp.SendKeys(chromedp.CSS("#f-code"), code))
	must(t, pub, chromedp.SendKeys(chromedp.CSS("#f-secret"), secret))
	must(t, pub, chromedp.Submit(chromedp.CSS("#f-secret")))
	waitText(t, pub, "#main", "现已关停")
	must(t, pub, chromedp.Click(chromedp.CSS("#f-satisfied-no")))
	must(t, pub, chromedp.SendKeys(chromedp.CSS("#f-comment"), "网页换了个域名又出现了"))
	must(t, pub, chromedp.Submit(chromedp.CSS("#f-comment")))
	waitText(t, pub, "#case-status", "研判中")

	var status string
	if err := m.DB.Read().QueryRow(`SELECT status FROM reports WHERE id = $1`, id).Scan(&status); err != nil || status != "assessing" {
		t.Errorf("after the rating the case is %q (%v), want assessing", status, err)
	}
	must(t, an, chromedp.Navigate(base+casePath))
	waitText(t, an, "#case-status", "研判中")
	waitText(t, an, "#case-timeline", "不满意")
	screenshot(t, an, "/tmp/qinglang-console-case-reopened.png")
}
