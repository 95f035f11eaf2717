package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"qinglang/internal/config"
	"qinglang/internal/outbox"
)

func TestPlatformAPIKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		w := newPlatformWorld(t, dbURL)
		spec := w.spec()
		ctx := context.Background()
		revokedKey, _ := func() (string, error) {
			k, key, err := w.Platforms.CreateKey(ctx, w.admin, w.a, "旧密钥")
			if err == nil {
				err = w.Platforms.RevokeKey(ctx, w.admin, w.a, k.ID)
			}
			return key, err
		}()
		for name, header := range map[string][]string{
			"no key": nil, "wrong key": bearer("qlp_" + strings.Repeat("x", 43)), "staff token": bearer("qlt_abc"),
			"revoked key": bearer(revokedKey), "wrong X-API-Key": {"X-API-Key", "qlp_nope"},
		} {
			r := w.get("/api/v1/platform/notices", header...)
			var e apiError
			if r.JSON(t, &e); r.Status != http.StatusUnauthorized || e.Error.Code != "unauthorized" || !strings.Contains(e.Error.Message, "qlp_") {
				t.Errorf("%s: %d %s, want 401 naming the key format", name, r.Status, r.Body)
			}
			if r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: no WWW-Authenticate", name)
			}
			spec.check(t, "GET", "/api/v1/platform/notices", r)
		}
		if r := w.get("/api/v1/platform/notices", "X-API-Key", w.keyA); r.Status != http.StatusOK {
			t.Errorf("X-API-Key: %d %s", r.Status, r.Body)
		}
		b, _ := w.Platforms.Get(ctx, w.b)
		b.Disabled = true
		if _, err := w.Platforms.Save(ctx, w.admin, b); err != nil {
			t.Fatal(err)
		}
		r := w.get("/api/v1/platform/notices", bearer(w.keyB)...)
		if r.Status != http.StatusForbidden {
			t.Errorf("disabled platform: %d %s, want 403", r.Status, r.Body)
		}
		spec.check(t, "GET", "/api/v1/platform/notices", r)
	})
}

func TestPlatformAPIReportsAndContent(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		w := newPlatformWorld(t, dbURL)
		spec := w.spec()
		body := map[string]any{"category": "fraud", "content": "用户举报：该账号以刷单返利为名诱导转账。", "urls": []any{"https://weibo.com/t/1"},
			"reporter": map[string]any{"anonymous": true}, "channel": "web"}
		other := clone(body)
		other["platform"] = "douyin"
		r := w.postJSON("/api/v1/platform/reports", other, bearer(w.keyA)...)
		if r.Status != http.StatusForbidden || w.count("reports") != 0 {
			t.Errorf("a body naming another platform: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/reports", r)
		r = w.postJSON("/api/v1/platform/reports", body, bearer(w.keyA)...)
		if r.Status != http.StatusCreated {
			t.Fatalf("forwarded report: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/reports", r)
		var rec receipt
		r.JSON(t, &rec)
		var channel, plat string
		w.DB.Read().QueryRow(`SELECT r.channel, p.code FROM reports r JOIN platforms p ON p.id = r.platform_id WHERE r.tracking_code = $1`, rec.TrackingCode).Scan(&channel, &plat)
		if channel != "platform" || plat != testPlatform || rec.Secret == "" {
			t.Errorf("forwarded report has channel %q, platform %q", channel, plat)
		}

		// With the platform's own id, a retry files nothing and names the first case.
		withID := clone(body)
		withID["external_id"] = "bbs-88231"
		first := w.postJSON("/api/v1/platform/reports", withID, bearer(w.keyA)...)
		again := w.postJSON("/api/v1/platform/reports", withID, bearer(w.keyA)...)
		var a, b map[string]any
		first.JSON(t, &a)
		again.JSON(t, &b)
		if first.Status != http.StatusCreated || again.Status != http.StatusOK || b["duplicate"] != true || b["secret"] != nil ||
			a["tracking_code"] != b["tracking_code"] || w.count("reports") != 2 {
			t.Errorf("retried forward: %d %s then %d %s, %d reports", first.Status, first.Body, again.Status, again.Body, w.count("reports"))
		}
		spec.check(t, "POST", "/api/v1/platform/reports", again)

		items := []any{map[string]any{"external_id": "p1", "text": "据传某地自来水被污染", "url": "https://weibo.com/t/2", "published_at": "2026-05-01T08:00:00Z"},
			map[string]any{"external_id": "p2", "title": "紧急通知"}}
		r = w.postJSON("/api/v1/platform/content", map[string]any{"items": items}, bearer(w.keyA)...)
		spec.check(t, "POST", "/api/v1/platform/content", r)
		if string(r.Body) != "{\"accepted\":2,\"duplicates\":0}\n" {
			t.Errorf("first push: %d %s", r.Status, r.Body)
		}
		r = w.postJSON("/api/v1/platform/content", map[string]any{"items": append(items, map[string]any{"external_id": "p3", "text": "新的"})}, bearer(w.keyA)...)
		if string(r.Body) != "{\"accepted\":1,\"duplicates\":2}\n" {
			t.Errorf("second push: %d %s", r.Status, r.Body)
		}
		r = w.postJSON("/api/v1/platform/content", map[string]any{"items": []any{map[string]any{"text": "no id"}}}, bearer(w.keyA)...)
		var e apiError
		if r.JSON(t, &e); r.Status != http.StatusBadRequest || e.Error.Fields["items[0].external_id"] == "" {
			t.Errorf("bad item: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/content", r)
		if n := w.count("monitored_items"); n != 3 {
			t.Errorf("%d monitored items, want 3", n)
		}
	})
}

func TestPlatformAPINotices(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		w := newPlatformWorld(t, dbURL)
		spec := w.spec()
		rec, id := w.notice(t)
		path := "/api/v1/platform/notices/" + strconv.FormatInt(id, 10) + "/response"

		r := w.get("/api/v1/platform/notices?status=sent", bearer(w.keyA)...)
		spec.check(t, "GET", "/api/v1/platform/notices", r)
		var list struct {
			Notices []struct {
				ID         int64  `json:"id"`
				Case       string `json:"case"`
				RespondURL string `json:"respond_url"`
			} `json:"notices"`
			Total int `json:"total"`
		}
		r.JSON(t, &list)
		if list.Total != 1 || len(list.Notices) != 1 || list.Notices[0].ID != id || list.Notices[0].Case != rec.TrackingCode || !strings.HasSuffix(list.Notices[0].RespondURL, path) {
			t.Errorf("platform a's notices: %s", r.Body)
		}
		if r := w.get("/api/v1/platform/notices", bearer(w.keyB)...); !strings.Contains(string(r.Body), `"total":0`) {
			t.Errorf("platform b sees: %s", r.Body)
		}
		if r := w.get("/api/v1/platform/notices?per_page=500", bearer(w.keyA)...); r.Status != http.StatusBadRequest {
			t.Errorf("per_page=500: %d", r.Status)
		}

		events := w.count("report_events")
		r = w.postJSON(path, map[string]any{"response": "removed"}, bearer(w.keyB)...)
		if r.Status != http.StatusNotFound || w.count("report_events") != events {
			t.Errorf("another platform's notice: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/notices/{id}/response", r)
		r = w.postJSON(path, map[string]any{"response": "no_violation"}, bearer(w.keyA)...)
		if r.Status != http.StatusBadRequest {
			t.Errorf("no_violation without a note: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/notices/{id}/response", r)
		shot := w.uploadID("removed.png", pngFile(t, 7))
		answer := map[string]any{"response": "removed", "note": "已删除并封禁账号", "evidence_ids": []any{shot}}
		if err := spec.request(t, "POST", "/api/v1/platform/notices/{id}/response", answer); err != nil {
			t.Errorf("request schema: %v", err)
		}
		r = w.postJSON(path, answer, bearer(w.keyA)...)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"response":"removed"`) {
			t.Fatalf("answer: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/notices/{id}/response", r)
		r = w.postJSON(path, answer, bearer(w.keyA)...)
		if r.Status != http.StatusConflict {
			t.Errorf("second answer: %d %s", r.Status, r.Body)
		}
		spec.check(t, "POST", "/api/v1/platform/notices/{id}/response", r)

		track := w.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=" + rec.Secret)
		if !strings.Contains(string(track.Body), `"label":"平台反馈处置结果","status":"disposing","status_label":"处置中","note":"已删除"`) {
			t.Errorf("the reporter does not see the platform's answer: %s", track.Body)
		}
		var actor string
		w.DB.Read().QueryRow(`SELECT actor FROM audit_log WHERE action = 'case.platform_reply'`).Scan(&actor)
		if actor != "platform:"+testPlatform {
			t.Errorf("audit actor %q", actor)
		}
	})
}

// A notice to a platform with a webhook reaches it, signed with the
// secret shown when the webhook was saved.
func TestNoticeWebhookDelivered(t *testing.T) {
	w := newPlatformWorld(t, sqliteURL(t))
	got := make(chan *http.Request, 1)
	var body []byte
	recv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ = io.ReadAll(r.Body)
		got <- r
	}))
	defer recv.Close()
	ctx := context.Background()
	a, _ := w.Platforms.Get(ctx, w.a)
	a.WebhookURL = recv.URL + "/qinglang"
	saved, err := w.Platforms.Save(ctx, w.admin, a)
	if err != nil || saved.Secret == "" {
		t.Fatalf("save webhook: %+v %v", saved, err)
	}
	_, id := w.notice(t)
	select {
	case r := <-got:
		if err := outbox.Verify([]byte(saved.Secret), r.Header, body, time.Now(), 5*time.Minute); err != nil {
			t.Errorf("signature: %v", err)
		}
		if r.Header.Get(outbox.HeaderEvent) != "notice.created" || !strings.Contains(string(body), `"id":`+strconv.FormatInt(id, 10)) {
			t.Errorf("delivery %v %s", r.Header, body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the webhook was not delivered")
	}
}

// Each key has its own budget, ten times a public client's: one busy
// key is held back, the platform's other key is not.
func TestPlatformAPIRateLimitPerKey(t *testing.T) {
	w := newPlatformWorld(t, sqliteURL(t), func(c *config.Config) { c.RatePerMinute, c.RateBurst = 1, 1 })
	_, other, err := w.Platforms.CreateKey(context.Background(), w.admin, w.a, "第二个系统")
	if err != nil {
		t.Fatal(err)
	}
	var last response
	for range 11 {
		last = w.get("/api/v1/platform/notices", bearer(w.keyA)...)
	}
	if last.Status != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("11th call at a burst of 10: %d", last.Status)
	}
	w.spec().check(t, "GET", "/api/v1/platform/notices", last)
	if r := w.get("/api/v1/platform/notices", bearer(other)...); r.Status != http.StatusOK {
		t.Errorf("the platform's other key: %d", r.Status)
	}
}
