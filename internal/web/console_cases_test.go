package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConsoleCaseFlow walks a case through the staff API the way the
// center works it: accepted, transferred to 公安, accepted and fed back
// there, answered; with the reporter's phone masked until an analyst asks,
// and the case closed to a department it was not transferred to.
func TestConsoleCaseFlow(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		d := newDesk(t, ts)
		ev := ts.uploadID("shot.png", pngFile(t, 1))
		id := d.find(d.operator, d.report("冒充客服诈骗，诱导转账到“安全账户”。", ev))

		if sc := d.caseOf(d.operator, id); sc.Reporter.Phone != "138****5678" || sc.Status != "submitted" {
			t.Fatalf("new case as the operator sees it: phone %q, status %q", sc.Reporter.Phone, sc.Status)
		}
		if sc := d.act(d.operator, id, "accept", nil); sc.Status != "assessing" {
			t.Fatalf("accepted case is %q", sc.Status)
		}
		sc := d.act(d.analyst, id, "transfer", map[string]any{"department_ids": []int64{d.policeDept}, "note": "涉嫌诈骗，请核查"})
		if sc.Status != "transferred" || len(sc.Transfers) != 1 || sc.Transfers[0].Status != "pending" {
			t.Fatalf("transferred case: %+v", sc)
		}

		// Another department sees neither the case nor its file.
		if r := d.api(d.culture, "GET", "/api/v1/console/cases/"+itoa(id), nil); r.Status != http.StatusNotFound {
			t.Errorf("case as another department: %d", r.Status)
		}
		if r := d.page(d.culture, "/console/evidence/"+ev); r.Status != http.StatusNotFound {
			t.Errorf("evidence as another department: %d", r.Status)
		}
		if r := d.page(d.culture, "/console/cases/"+itoa(id)); r.Status != http.StatusNotFound {
			t.Errorf("case page as another department: %d", r.Status)
		}
		r := d.page(d.police, "/console/evidence/"+ev)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "image/png" || r.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(r.Header.Get("Content-Disposition"), "inline") || string(r.Body) != string(pngFile(t, 1)) {
			t.Errorf("evidence as 公安: %d %v", r.Status, r.Header)
		}

		// 公安 accepts and feeds back; doing either twice is a conflict.
		var inbox struct {
			Transfers []struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"transfers"`
		}
		d.api(d.police, "GET", "/api/v1/console/transfers", nil).JSON(t, &inbox)
		if len(inbox.Transfers) != 1 || inbox.Transfers[0].Status != "pending" {
			t.Fatalf("公安's inbox: %+v", inbox)
		}
		tr := "/api/v1/console/transfers/" + itoa(inbox.Transfers[0].ID)
		if r := d.api(d.police, "POST", tr+"/accept", nil); r.Status != http.StatusOK {
			t.Fatalf("accept transfer: %d %s", r.Status, r.Body)
		}
		if r := d.api(d.police, "POST", tr+"/accept", nil); r.Status != http.StatusConflict {
			t.Errorf("accepting twice: %d", r.Status)
		}
		if r := d.api(d.culture, "POST", tr+"/feedback", map[string]string{"feedback": "x"}); r.Status != http.StatusNotFound {
			t.Errorf("feedback by another department: %d", r.Status)
		}
		if r := d.api(d.police, "POST", tr+"/feedback", map[string]string{"feedback": "已立案侦查"}); r.Status != http.StatusOK {
			t.Fatalf("feedback: %d %s", r.Status, r.Body)
		}
		if sc := d.caseOf(d.analyst, id); sc.Transfers[0].Status != "fed_back" || sc.Transfers[0].Feedback != "已立案侦查" {
			t.Errorf("transfer after feedback: %+v", sc.Transfers)
		}
		if r := d.api(d.operator, "POST", "/api/v1/console/cases/"+itoa(id)+"/actions/reply", map[string]string{"text": "x"}); r.Status != http.StatusForbidden {
			t.Errorf("reply as operator: %d", r.Status)
		}
		if sc := d.act(d.analyst, id, "reply", map[string]string{"text": "经核查，已移送公安机关依法处理。"}); sc.Status != "replied" {
			t.Errorf("replied case is %q", sc.Status)
		}

		// Reveal: refused to the operator, shown and audited for the analyst.
		reveal := "/api/v1/console/cases/" + itoa(id) + "/reveal"
		if r := d.api(d.operator, "POST", reveal, nil); r.Status != http.StatusForbidden {
			t.Errorf("reveal as operator: %d", r.Status)
		}
		var shown struct {
			Reporter struct{ Phone string } `json:"reporter"`
		}
		r = d.api(d.analyst, "POST", reveal, nil)
		if r.JSON(t, &shown); r.Status != http.StatusOK || shown.Reporter.Phone != "13812345678" {
			t.Errorf("reveal as analyst: %d %s", r.Status, r.Body)
		}
		piiViews := func() (n int) {
			ts.DB.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'pii.view' AND target = $1`, "report:"+itoa(id)).Scan(&n)
			return n
		}
		if n := piiViews(); n != 1 {
			t.Errorf("pii.view audit entries after one reveal: %d", n)
		}
		page := d.page(d.analyst, "/console/cases/"+itoa(id))
		contains(t, page, "case page", "138****5678", "已立案侦查", "经核查，已移送公安机关依法处理。", `rel="noopener noreferrer nofollow"`)
		if strings.Contains(string(page.Body), "13812345678") {
			t.Error("the case page shows the phone unmasked before anyone asked")
		}
		if r := d.form(d.analyst, "/console/cases/"+itoa(id)+"/reveal", nil); r.Status != http.StatusOK || !strings.Contains(string(r.Body), "13812345678") || piiViews() != 2 {
			t.Errorf("reveal form: %d, audit entries %d", r.Status, piiViews())
		}

		// The evidence package for the police: a ZIP for the analyst, no
		// export for a department handler.
		if r := d.page(d.analyst, "/console/cases/"+itoa(id)+"/package"); r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/zip" ||
			!strings.HasPrefix(string(r.Body), "PK") || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("evidence package: %d %v", r.Status, r.Header)
		}
		if r := d.page(d.police, "/console/cases/"+itoa(id)+"/package"); r.Status != http.StatusForbidden {
			t.Errorf("evidence package as a department handler: %d", r.Status)
		}

		// Refusals re-render the case with their reason and status.
		if r := d.form(d.operator, "/console/cases/"+itoa(id)+"/merge", url.Values{"canonical": {"AAAAA-AAAAA"}}); r.Status != http.StatusConflict && r.Status != http.StatusBadRequest {
			t.Errorf("merge into an unknown case: %d", r.Status)
		}
		if r := d.form(d.operator, "/console/cases/"+itoa(id)+"/accept", nil); r.Status != http.StatusConflict || !strings.Contains(string(r.Body), "不能执行") {
			t.Errorf("accepting a replied case: %d", r.Status)
		}
		if r := d.form(d.analyst, "/console/cases/"+itoa(id)+"/reject", url.Values{"reason": {"nonsense"}}); r.Status != http.StatusBadRequest {
			t.Errorf("reject with an unknown reason: %d", r.Status)
		}
		if r := d.form(d.analyst, "/console/cases/"+itoa(id)+"/close", nil); r.Status != http.StatusSeeOther ||
			r.Header.Get("Location") != "/console/cases/"+itoa(id)+"?done=close#case-flash" {
			t.Errorf("close: %d → %q", r.Status, r.Header.Get("Location"))
		}
		if r := d.page(d.analyst, "/console/cases/"+itoa(id)+"?done=close"); !strings.Contains(string(r.Body), "案件已办结") {
			t.Error("no flash after closing")
		}
	})
}
