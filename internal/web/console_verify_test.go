package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/monitor"
	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// rumorFixture is what the rumor center's routes point at in the
// authorization matrix: a feed, and a verification task with a request
// to department A.
type rumorFixture struct {
	feedID, taskID, requestA int64
}

func newRumorFixture(ts *testServer, f *fixture, editor *auth.Principal) rumorFixture {
	ctx, t := context.Background(), ts.t
	var rf rumorFixture
	var err error
	// Nothing listens on port 1: the poller records a refused connection.
	if rf.feedID, err = ts.Monitor.AddFeed(ctx, editor, monitor.FeedInput{Name: "矩阵", URL: "http://127.0.0.1:1/rss", Interval: time.Hour}); err != nil {
		t.Fatal(err)
	}
	if rf.taskID, err = rumor.OpenTask(ctx, ts.DB, editor, rumor.TaskInput{Claim: "网传停课", Departments: []int64{f.deptA}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	ts.DB.Read().QueryRow(`SELECT id FROM verification_requests WHERE task_id = $1`, rf.taskID).Scan(&rf.requestA)
	return rf
}

// TestConsoleRumor walks the rumor center's pages: an editor adds a feed
// and polls it, imports a CSV file, finds the items and opens a
// verification task; the department answers from its inbox; the editor
// sees the answer and the draft it seeds.
func TestConsoleRumor(t *testing.T) { eachDB(t, testConsoleRumor) }

func testConsoleRumor(t *testing.T, dbURL string) {
	ts := startServer(t, dbURL)
	ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	ts.seed()
	ctx := context.Background()
	var health int64
	if err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		health, err = org.AddDepartment(ctx, tx, org.Department{Code: "health", Name: i18n.Text{Zh: "市卫健委", En: "Health"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	editor := ts.session(auth.Editor, nil)
	handler := ts.session(auth.DeptHandler, &auth.Scope{DepartmentID: &health})
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(`<rss version="2.0"><channel><item><title>明天全市停课？</title><guid>n1</guid><description>网传明天全市中小学停课。</description></item>
			<item><title>另一条</title><guid>n2</guid><description>无关内容</description></item></channel></rss>`))
	}))
	defer feed.Close()

	// send posts as c and follows a 303, returning the final page.
	send := func(c *caller, path string, form url.Values, want int, contains string) string {
		t.Helper()
		form.Set("csrf", c.csrf)
		r := ts.postForm(path, form, append([]string{"Sec-Fetch-Site", "same-origin"}, c.cookie...)...)
		if r.Status == http.StatusSeeOther {
			r = ts.get(r.Header.Get("Location"), c.cookie...)
		}
		if r.Status != want && !(want == http.StatusSeeOther && r.Status == http.StatusOK) || !strings.Contains(string(r.Body), contains) {
			t.Fatalf("POST %s: %d (want %d), %q missing:\n%s", path, r.Status, want, contains, r.Body)
		}
		return string(r.Body)
	}
	page := func(c *caller, path, contains string) string {
		t.Helper()
		r := ts.get(path, c.cookie...)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), contains) {
			t.Fatalf("GET %s: %d, %q missing:\n%s", path, r.Status, contains, r.Body)
		}
		return string(r.Body)
	}

	send(editor, "/console/feeds", url.Values{"name": {"教育局"}, "url": {"ftp://x"}, "interval": {"60"}}, http.StatusBadRequest, "http://")
	body := send(editor, "/console/feeds", url.Values{"name": {"教育局"}, "url": {feed.URL + "/rss"}, "interval": {"60"}}, http.StatusSeeOther, "订阅源已保存")
	if !strings.Contains(body, `href="/console/feeds"`) || !strings.Contains(body, `href="/console/verify"`) || strings.Contains(body, `href="/console/verify/inbox"`) {
		t.Error("the editor's navigation does not show the rumor pages (and only them)")
	}
	var feedID int64
	ts.DB.Read().QueryRow(`SELECT id FROM feeds WHERE name = '教育局'`).Scan(&feedID)
	send(editor, "/console/feeds/"+itoa(feedID)+"/poll", url.Values{}, http.StatusSeeOther, "新增 2 条")
	page(editor, "/console/items?q="+url.QueryEscape("停课"), "明天全市停课？")
	if strings.Contains(page(editor, "/console/items?q="+url.QueryEscape("停课"), "教育局"), "另一条") {
		t.Error("the text search did not filter")
	}

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", editor.csrf)
	fw, _ := mw.CreateFormFile("file", "items.csv")
	fw.Write([]byte("编号,正文\nc1,网传自来水有毒\n"))
	mw.Close()
	r := ts.do("POST", "/console/items/import", mw.FormDataContentType(), buf.Bytes(), append([]string{"Sec-Fetch-Site", "same-origin"}, editor.cookie...)...)
	if r.Status != http.StatusSeeOther || !strings.Contains(string(ts.get(r.Header.Get("Location"), editor.cookie...).Body), "新增 1 条") {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}

	send(editor, "/console/verify", url.Values{"claim": {"网传明天全市停课"}, "days": {"3"}}, http.StatusBadRequest, "请选择 1 至 20 个核实部门")
	body = send(editor, "/console/verify", url.Values{"claim": {"网传明天全市停课"}, "question": {"是否属实"}, "departments": {itoa(health)}, "days": {"3"}},
		http.StatusSeeOther, "核实任务已发送")
	if !strings.Contains(body, "市卫健委") || !strings.Contains(body, "尚未答复") {
		t.Errorf("task page: %s", body)
	}
	var reqID int64
	ts.DB.Read().QueryRow(`SELECT id FROM verification_requests WHERE department_id = $1`, health).Scan(&reqID)

	inbox := page(handler, "/console/verify/inbox", "网传明天全市停课")
	if !strings.Contains(inbox, `href="/console/verify/inbox"`) || strings.Contains(inbox, `href="/console/feeds"`) {
		t.Error("the handler's navigation is wrong")
	}
	send(handler, "/console/verify/inbox/"+itoa(reqID)+"/answer", url.Values{"findings": {"已核实"}}, http.StatusBadRequest, "权威说明")
	send(handler, "/console/verify/inbox/"+itoa(reqID)+"/answer", url.Values{"findings": {"已向教育局核实"}, "statement": {"本市未发布停课通知。"}},
		http.StatusSeeOther, "答复已提交")

	var taskID int64
	ts.DB.Read().QueryRow(`SELECT task_id FROM verification_requests WHERE id = $1`, reqID).Scan(&taskID)
	body = page(editor, "/console/verify/"+itoa(taskID), "真相来了")
	if !strings.Contains(body, "本市未发布停课通知。") || !strings.Contains(body, "已向教育局核实") {
		t.Errorf("task page after the answer: %s", body)
	}
	page(editor, "/console/verify?filter=answered", "网传明天全市停课")
}
