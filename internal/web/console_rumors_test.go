package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// rumorPagesFixture is what the rumor database's, clusters' and alerts'
// routes point at in the authorization matrix: a rumor with a near miss
// of the fixture case, the cluster the program put that case in, and an
// open alert on it.
type rumorPagesFixture struct {
	rumorID, matchID, clusterID, alertID int64
}

func newRumorPagesFixture(ts *testServer, f *fixture, editor *auth.Principal) rumorPagesFixture {
	ctx, t, now := context.Background(), ts.t, time.Now().UTC()
	rf := rumorPagesFixture{clusterID: clusterOf(ts, f.caseID)}
	var err error
	rf.rumorID, err = rumor.Save(ctx, ts.DB, editor, rumor.Rumor{Title: "自来水有毒系谣言", Verdict: "rumor", Topic: "water",
		Claims: []string{"南宁自来水有毒"}, DepartmentIDs: []int64{f.deptA}, Debunks: []rumor.Debunk{{Title: "辟谣", URL: "https://example.gov.cn/1"}}}, now)
	if err != nil {
		t.Fatal(err)
	}
	err = ts.DB.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO rumor_matches (kind, subject_id, rumor_id, score, status, created_at)
			VALUES ('report',$1,$2,0.5,'near_miss',$3) RETURNING id`, f.caseID, rf.rumorID, now).Scan(&rf.matchID); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO alerts (cluster_id, rule, window_count, baseline, status, dedupe, raised_at)
			VALUES ($1,'5 in 1h',5,0.2,'open','matrix#1',$2) RETURNING id`, rf.clusterID, now).Scan(&rf.alertID)
	})
	if err != nil {
		t.Fatal(err)
	}
	return rf
}

// rumorDesk drives the rumor pages as signed-in staff.
type rumorDesk struct {
	t  *testing.T
	ts *testServer
}

// send posts a form as c and follows a 303, returning the final page;
// want is the status of the post itself.
func (d rumorDesk) send(c *caller, path string, form url.Values, want int, contains ...string) string {
	d.t.Helper()
	form.Set("csrf", c.csrf)
	r := d.ts.postForm(path, form, append([]string{"Sec-Fetch-Site", "same-origin"}, c.cookie...)...)
	if r.Status != want {
		d.t.Fatalf("POST %s as %s: %d, want %d\n%s", path, c.name, r.Status, want, clip(r.Body))
	}
	if r.Status == http.StatusSeeOther {
		r = d.ts.get(r.Header.Get("Location"), c.cookie...)
	}
	return d.has(r, "POST "+path, contains)
}

func (d rumorDesk) page(c *caller, path string, contains ...string) string {
	d.t.Helper()
	r := d.ts.get(path, c.cookie...)
	if r.Status != http.StatusOK {
		d.t.Fatalf("GET %s as %s: %d\n%s", path, c.name, r.Status, clip(r.Body))
	}
	return d.has(r, "GET "+path, contains)
}

func (d rumorDesk) has(r response, what string, contains []string) string {
	d.t.Helper()
	body := string(r.Body)
	for _, s := range contains {
		if !strings.Contains(body, s) {
			d.t.Fatalf("%s: %q missing:\n%s", what, s, body)
		}
	}
	return body
}

// clusterOf waits for the program's clusterer to place a report (it
// polls every 2 s) and returns the report's cluster.
func clusterOf(ts *testServer, reportID int64) int64 {
	ts.t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var cluster int64
		err := ts.DB.Read().QueryRow(`SELECT cluster_id FROM cluster_members WHERE kind = 'report' AND subject_id = $1`, reportID).Scan(&cluster)
		if err == nil {
			return cluster
		}
		if !errors.Is(err, sql.ErrNoRows) {
			ts.t.Fatal(err)
		}
	}
	ts.t.Fatalf("report %d was not clustered", reportID)
	return 0
}

// TestConsoleRumorAPI: automation creates and updates rumors over JSON;
// the matcher takes the new claim at once; lists answer with the same
// domain data as the pages.
func TestConsoleRumorAPI(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	ts.seed()
	editor, leader := ts.session(auth.Editor, nil), ts.session(auth.Leader, nil)
	bearer := func(c *caller) []string { return []string{"Authorization", "Bearer " + c.bearer} }
	body := map[string]any{"title": "网传明天全市停课", "verdict": "false", "topic": "education", "claims": []string{"明天全市中小学停课"},
		"debunks": []map[string]any{{"title": "教育局：未发布停课通知", "url": "https://example.gov.cn/jy/1"}}}
	r := ts.postJSON("/api/v1/console/rumors", body, bearer(leader)...)
	if r.Status != http.StatusForbidden {
		t.Fatalf("leader created a rumor: %d", r.Status)
	}
	r = ts.postJSON("/api/v1/console/rumors", body, bearer(editor)...)
	var created struct {
		ID      int64    `json:"id"`
		Claims  []string `json:"claims"`
		Verdict string   `json:"verdict"`
	}
	if r.JSON(t, &created); r.Status != http.StatusCreated || created.ID == 0 || len(created.Claims) != 1 {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	body["verdict"], body["claims"] = "rumor", []string{"明天全市中小学停课", "南宁明天停课一天"}
	b, _ := json.Marshal(body)
	r = ts.do("PUT", "/api/v1/console/rumors/"+itoa(created.ID), "application/json", b, bearer(editor)...)
	if r.JSON(t, &created); r.Status != http.StatusOK || created.Verdict != "rumor" || len(created.Claims) != 2 {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	r = ts.postJSON("/api/v1/reports", map[string]any{"category": "rumor", "content": "紧急通知：南宁明天停课一天！", "urls": []any{"https://weibo.com/t/5"},
		"reporter": map[string]any{"anonymous": true}})
	if r.Status != http.StatusCreated || !strings.Contains(string(r.Body), "https://example.gov.cn/jy/1") {
		t.Fatalf("a report of the updated claim: %d %s", r.Status, r.Body)
	}
	var list struct {
		Rumors []struct {
			ID         int64 `json:"id"`
			MatchCount int   `json:"match_count"`
		} `json:"rumors"`
	}
	ts.get("/api/v1/console/rumors?q="+url.QueryEscape("停课一天"), bearer(leader)...).JSON(t, &list)
	if len(list.Rumors) != 1 || list.Rumors[0].MatchCount != 1 {
		t.Errorf("rumor list: %+v", list)
	}
	for _, path := range []string{"/api/v1/console/clusters", "/api/v1/console/alerts"} {
		if r := ts.get(path, bearer(leader)...); r.Status != http.StatusOK || !strings.Contains(string(r.Body), "[]") {
			t.Errorf("%s: %d %s", path, r.Status, r.Body)
		}
	}
}
