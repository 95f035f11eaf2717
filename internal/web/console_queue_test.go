package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConsoleQueueAndBatch filters the queue over HTTP (a two-character
// word such as 诈骗 included) and runs a batch where one case is refused.
func TestConsoleQueueAndBatch(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		d := newDesk(t, ts)
		var ids []int64
		for _, text := range []string{"刷单返利诈骗群，先返后骗。", "冒充公检法诈骗电话的网页。", "虚假投资平台，涉嫌诈骗。", "某网站传播低俗视频。"} {
			ids = append(ids, d.find(d.operator, d.report(text)))
		}
		d.act(d.operator, ids[1], "accept", nil)

		var batch struct {
			Results []struct {
				ID    int64 `json:"id"`
				OK    bool  `json:"ok"`
				Error *struct{ Code, Message string }
			} `json:"results"`
			Done    int `json:"done"`
			Refused int `json:"refused"`
		}
		r := d.api(d.operator, "POST", "/api/v1/console/cases/batch", map[string]any{"op": "accept", "ids": ids[:3]})
		if r.JSON(t, &batch); r.Status != http.StatusOK || batch.Done != 2 || batch.Refused != 1 {
			t.Fatalf("batch accept: %d %s", r.Status, r.Body)
		}
		for _, res := range batch.Results {
			if refused := res.ID == ids[1]; res.OK == refused || refused && (res.Error == nil || res.Error.Code != "conflict") {
				t.Errorf("batch result for case %d: %+v", res.ID, res)
			}
		}
		if r := d.api(d.police, "POST", "/api/v1/console/cases/batch", map[string]any{"op": "accept", "ids": ids[:1]}); r.Status != http.StatusForbidden {
			t.Errorf("batch as a department handler: %d", r.Status)
		}
		page := d.form(d.operator, "/console/cases/batch", url.Values{"op": {"assign"}, "assignee": {"me"}, "id": {itoa(ids[0]), itoa(ids[2])}, "back": {"/console?q=诈骗"}})
		contains(t, page, "batch results page", "完成 2 件，共 2 件", `href="/console?q=%e8%af%88%e9%aa%97"`)

		for _, c := range []struct {
			query string
			want  []int64
		}{
			{"q=" + url.QueryEscape("诈骗"), []int64{ids[2], ids[1], ids[0]}},
			{"q=" + url.QueryEscape("诈骗") + "&status=submitted", nil},
			{"status=submitted", []int64{ids[3]}},
			{"status=assessing&assignee=me", []int64{ids[2], ids[0]}},
			{"assignee=unassigned&sort=created_asc", []int64{ids[1], ids[3]}},
			{"category=porn", nil},
			{"due=overdue", nil},
		} {
			var q queueAnswer
			r := d.api(d.operator, "GET", "/api/v1/console/cases?"+c.query, nil)
			r.JSON(t, &q)
			var got []int64
			for _, it := range q.Items {
				got = append(got, it.ID)
			}
			if r.Status != http.StatusOK || q.Total != len(c.want) || len(got) != len(c.want) || len(got) > 0 && got[0] != c.want[0] {
				t.Errorf("queue ?%s: %d, got %v (total %d), want %v", c.query, r.Status, got, q.Total, c.want)
			}
		}
		if r := d.api(d.operator, "GET", "/api/v1/console/cases?status=lost&from=yesterday", nil); r.Status != http.StatusBadRequest {
			t.Errorf("queue with bad filters: %d", r.Status)
		}

		en := d.ts.get("/console/cases/"+itoa(ids[0]), "Cookie", d.operator.cookie[1]+"; lang=en")
		contains(t, en, "English case page", "Actions", "Accept", "Tracking code")
		q := d.page(d.operator, "/console?q="+url.QueryEscape("诈骗"))
		if q.Status != http.StatusOK || strings.Count(string(q.Body), `<a class="code" href="/console/cases/`) != 3 {
			t.Errorf("queue page for 诈骗: %d", q.Status)
		}
		contains(t, q, "queue page", "共 3 件", `name="csrf"`, `action="/console/cases/batch"`)
		if r := d.page(d.operator, "/console/mine"); r.Status != http.StatusOK || strings.Count(string(r.Body), `<a class="code" href="/console/cases/`) != 2 {
			t.Errorf("my work: %d", r.Status)
		}
		if r := d.page(d.police, "/console/mine"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/console/transfers" {
			t.Errorf("my work as a department handler: %d → %q", r.Status, r.Header.Get("Location"))
		}
		if r := d.page(d.police, "/console"); r.Status != http.StatusOK || strings.Contains(string(r.Body), `<a class="code"`) {
			t.Errorf("a department handler's queue shows cases not transferred to it: %d", r.Status)
		}
		for _, path := range []string{"/console/overdue", "/console/notifications", "/console/cases/" + itoa(ids[0])} {
			if r := d.page(d.analyst, path); r.Status != http.StatusOK {
				t.Errorf("%s: %d", path, r.Status)
			}
		}
	})
}
