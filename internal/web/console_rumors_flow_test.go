package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
)

// TestConsoleRumorPages walks the rumor database: an editor adds a rumor
// through the form and the next reporter of it is told of the debunk at
// once; near misses are confirmed (the reporter then sees the debunk too)
// and dismissed; the analyst accepts a whole cluster; the editor
// acknowledges and closes its warning.
func TestConsoleRumorPages(t *testing.T) { eachDB(t, testConsoleRumorPages) }

func testConsoleRumorPages(t *testing.T, dbURL string) {
	ts := startServer(t, dbURL)
	ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	ts.seed()
	ctx := context.Background()
	d := rumorDesk{t, ts}
	var health int64
	if err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		health, err = org.AddDepartment(ctx, tx, org.Department{Code: "health", Name: i18n.Text{Zh: "市卫健委", En: "Health"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The program built its matcher on an empty database: the form's
	// save must reload it for the receipts below to name the debunk.
	editor, analyst := ts.session(auth.Editor, nil), ts.session(auth.Analyst, nil)

	d.page(editor, "/console/rumors/new", `name="claims"`, "市卫健委")
	d.send(editor, "/console/rumors", url.Values{"title": {"自来水"}, "verdict": {"rumor"}}, http.StatusBadRequest, "请至少填写一种说法")
	body := d.send(editor, "/console/rumors", url.Values{"title": {"南宁自来水被污染系谣言"}, "verdict": {"rumor"}, "topic": {"water"},
		"region": {testDistrict}, "summary": {"经市卫健委检测，水质合格。"}, "departments": {itoa(health)},
		"claims":  {"南宁某小区自来水被污染，喝了会中毒，大家千万别喝\n凤岭小区自来水有毒"},
		"debunks": {"辟谣：南宁自来水水质检测全部合格 ｜ https://example.gov.cn/piyao/9"}},
		http.StatusSeeOther, "谣言条目已保存", "鼓楼区", "市卫健委", "凤岭小区自来水有毒", `href="https://example.gov.cn/piyao/9"`)
	if !strings.Contains(body, `href="/console/rumors"`) || !strings.Contains(body, `href="/console/clusters"`) {
		t.Error("the editor's navigation has no rumor database or clusters")
	}
	var rumorID int64
	ts.DB.Read().QueryRow(`SELECT id FROM rumors`).Scan(&rumorID)
	d.page(editor, "/console/rumors?q="+url.QueryEscape("凤岭")+"&verdict=rumor&region="+testDistrict, "南宁自来水被污染系谣言")
	if strings.Contains(d.page(editor, "/console/rumors?verdict=true"), "南宁自来水被污染系谣言") {
		t.Error("the verdict filter let a rumor through")
	}

	// Three reporters of the rumor learn of the debunk in the receipt; two
	// other texts are near misses (set by hand: the scores between the
	// thresholds are the matcher's tuning, not this page's).
	filed := 0
	file := func(text string) receipt {
		t.Helper()
		filed++ // links differ: the same link would cluster the reports by itself
		r := ts.postJSON("/api/v1/reports", map[string]any{"category": "rumor", "content": text, "urls": []any{"https://weibo.com/t/" + itoa(int64(filed))},
			"reporter": map[string]any{"anonymous": true}})
		var rec struct {
			receipt
			Debunks []struct{ Links []struct{ URL string } } `json:"debunks"`
		}
		if r.JSON(t, &rec); r.Status != http.StatusCreated {
			t.Fatalf("report: %d %s", r.Status, r.Body)
		}
		linked := len(rec.Debunks) == 1 && len(rec.Debunks[0].Links) == 1 && rec.Debunks[0].Links[0].URL == "https://example.gov.cn/piyao/9"
		if linked != !strings.Contains(text, "好像") {
			t.Fatalf("%q: receipt debunks %+v", text, rec.Debunks)
		}
		return rec.receipt
	}
	var codes []string
	for _, text := range []string{"网传南宁某小区自来水被污染，喝了会中毒，大家千万别喝！！", "凤岭小区自来水有毒，转给家人", "南寧某小區自來水被污染，喝了會中毒，大家千萬別喝"} {
		codes = append(codes, file(text).TrackingCode)
	}
	near := []receipt{file("小区的水好像有点怪味"), file("好像停水了，明天才来")}
	var matches []int64
	for _, rec := range near {
		var m int64
		if err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `INSERT INTO rumor_matches (kind, subject_id, rumor_id, score, status, created_at)
				SELECT 'report', id, $2, 0.45, 'near_miss', created_at FROM reports WHERE tracking_code = $1 RETURNING id`, rec.TrackingCode, rumorID).Scan(&m)
		}); err != nil {
			t.Fatal(err)
		}
		matches = append(matches, m)
	}
	page := d.page(analyst, "/console/matches?status=near_miss", near[0].TrackingCode, near[1].TrackingCode, "45%")
	if strings.Contains(page, `name="decision"`) {
		t.Error("the analyst sees review buttons without rumor.edit")
	}
	d.send(editor, "/console/matches/"+itoa(matches[0])+"/review", url.Values{"decision": {"confirm"}, "back": {"/console/rumors/" + itoa(rumorID) + "#near-misses"}},
		http.StatusSeeOther, "已确认关联", `<dd id="match-count">4</dd>`)
	body = d.send(editor, "/console/matches/"+itoa(matches[1])+"/review", url.Values{"decision": {"dismiss"}, "back": {"/console/matches?status=near_miss"}},
		http.StatusSeeOther, "已驳回", "没有此状态的比对记录")
	d.send(editor, "/console/matches/"+itoa(matches[1])+"/review", url.Values{"decision": {"confirm"}}, http.StatusConflict)
	d.page(editor, "/console/matches?status=dismissed", near[1].TrackingCode)
	var tracked struct {
		Debunks []any `json:"debunks"`
	}
	for i, want := range []int{1, 0} {
		ts.get("/api/v1/reports/track?code="+near[i].TrackingCode+"&secret="+url.QueryEscape(near[i].Secret)).JSON(t, &tracked)
		if len(tracked.Debunks) != want {
			t.Errorf("near miss %d: %d debunks on the tracking page, want %d", i, len(tracked.Debunks), want)
		}
	}

	clusterAndAlert(t, d, editor, analyst, codes)
}

// clusterAndAlert: the rumor's reports form a cluster the analyst
// accepts at once; its warning is acknowledged and closed by the editor.
func clusterAndAlert(t *testing.T, d rumorDesk, editor, analyst *caller, codes []string) {
	ts := d.ts
	var first int64
	ts.DB.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, codes[0]).Scan(&first)
	cluster := clusterOf(ts, first)
	for _, c := range codes[1:] {
		var id int64
		ts.DB.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, c).Scan(&id)
		if clusterOf(ts, id) != cluster {
			t.Fatalf("report %s is not in the rumor's cluster", c)
		}
	}
	// The confirmed near miss joins too if it was confirmed before the
	// clusterer's round came: 3 or 4 members.
	var size int
	ts.DB.Read().QueryRow(`SELECT size FROM clusters WHERE id = $1`, cluster).Scan(&size)
	d.page(analyst, "/console/clusters?sort=size", `href="/console/clusters/`+itoa(cluster)+`"`, "南宁自来水被污染系谣言", `<svg class="spark"`)
	d.page(analyst, "/console/clusters/"+itoa(cluster), append(codes, `value="accept"`)...)
	d.send(editor, "/console/clusters/"+itoa(cluster)+"/act", url.Values{"op": {"accept"}}, http.StatusForbidden)
	d.send(analyst, "/console/clusters/"+itoa(cluster)+"/act", url.Values{"op": {"accept"}}, http.StatusOK,
		"完成 "+strconv.Itoa(size)+" 件，共 "+strconv.Itoa(size)+" 件")
	var accepted int
	ts.DB.Read().QueryRow(`SELECT count(*) FROM reports WHERE status = 'assessing'`).Scan(&accepted)
	if accepted != size {
		t.Errorf("%d reports accepted, want the cluster's %d", accepted, size)
	}

	ts.exec(`INSERT INTO alerts (cluster_id, rule, window_count, baseline, status, dedupe, raised_at) VALUES ($1,'6 in 1h',6,0.5,'open','t#1',$2)`, cluster, time.Now().UTC())
	var alert int64
	ts.DB.Read().QueryRow(`SELECT id FROM alerts WHERE dedupe = 't#1'`).Scan(&alert)
	d.page(editor, "/console/alerts", `id="alert-count">1`, "6 in 1h", `action="/console/alerts/`+itoa(alert)+`/close"`)
	if strings.Contains(d.page(analyst, "/console/alerts", "6 in 1h"), "alert-count") {
		t.Error("the analyst, who cannot handle alerts, sees the badge")
	}
	body := d.send(editor, "/console/alerts/"+itoa(alert)+"/ack", url.Values{"note": {"已安排核查"}, "back": {"/console/alerts?status=open"}},
		http.StatusSeeOther, "预警已确认", "没有此状态的预警")
	if strings.Contains(body, `id="alert-count"`) {
		t.Error("the badge still counts the acknowledged alert")
	}
	d.page(editor, "/console/alerts?status=acknowledged", "已安排核查")
	d.send(editor, "/console/alerts/"+itoa(alert)+"/close", url.Values{"note": {"已发布辟谣"}}, http.StatusSeeOther, "预警已关闭")
	d.send(editor, "/console/alerts/"+itoa(alert)+"/close", url.Values{}, http.StatusConflict)
	d.page(editor, "/console/alerts?status=closed", "已发布辟谣")
}
