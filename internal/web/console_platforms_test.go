package web_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"qinglang/internal/auth"
	"qinglang/internal/platform"
)

// page headers for c's session, as a browser sends them.
func (c *caller) browser() []string {
	return append([]string{"Sec-Fetch-Site", "same-origin"}, c.cookie...)
}

func (c *caller) form(v url.Values) url.Values { v.Set("csrf", c.csrf); return v }

var (
	shownSecret = regexp.MustCompile(`id="new-secret">(whsec_[A-Za-z0-9_-]{43})<`)
	shownKey    = regexp.MustCompile(`id="new-key">(qlp_[A-Za-z0-9_-]{43})<`)
)

// The admin registers a platform with a webhook, sees its secret once,
// gives it a key, revokes it, and rotates the secret.
func TestConsolePlatformRegistry(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	ts.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	ts.seed()
	admin := ts.session(auth.Admin, nil)
	ctx := context.Background()

	bad := ts.postForm("/console/admin/platforms", admin.form(url.Values{"code": {"Bad!"}, "webhook_url": {"http://evil.example"}}), admin.browser()...)
	if bad.Status != http.StatusBadRequest || !strings.Contains(string(bad.Body), "平台代码") || !strings.Contains(string(bad.Body), "https://") {
		t.Errorf("bad form: %d", bad.Status)
	}
	r := ts.postForm("/console/admin/platforms", admin.form(url.Values{"code": {"bagui"}, "name": {"八桂论坛"}, "kind": {"forum"},
		"domains": {"bbs.bagui.example\nhttps://m.bagui.example/x"}, "webhook_url": {"https://hooks.bagui.example/q"},
		"contact_name_0": {"韦主管"}, "contact_phone_0": {"0771-5550123"}}), admin.browser()...)
	m := shownSecret.FindSubmatch(r.Body)
	if r.Status != http.StatusCreated || m == nil {
		t.Fatalf("create: %d, secret shown: %v", r.Status, m != nil)
	}
	p, err := ts.Platforms.GetByCode(ctx, "bagui")
	if err != nil || len(p.Domains) != 2 || len(p.Contacts) != 1 {
		t.Fatalf("stored %+v %v", p, err)
	}
	if got, _ := ts.Platforms.SecretFor(ctx, platform.Target(p.ID)); string(got) != string(m[1]) {
		t.Error("the secret shown is not the one that signs")
	}
	base := "/console/admin/platforms/" + strconv.FormatInt(p.ID, 10)
	if again := ts.get(base, admin.cookie...); shownSecret.Match(again.Body) || !strings.Contains(string(again.Body), "八桂论坛") {
		t.Error("the platform page shows the secret again, or not the platform")
	}

	r = ts.postForm(base+"/keys", admin.form(url.Values{"name": {"审核系统"}}), admin.browser()...)
	km := shownKey.FindSubmatch(r.Body)
	if r.Status != http.StatusCreated || km == nil {
		t.Fatalf("key: %d", r.Status)
	}
	if c, err := ts.Platforms.Lookup(ctx, string(km[1])); err != nil || c.PlatformID != p.ID {
		t.Errorf("the key shown does not open the API: %v", err)
	}
	keys, _ := ts.Platforms.Keys(ctx, p.ID)
	r = ts.postForm(base+"/keys/"+strconv.FormatInt(keys[0].ID, 10)+"/revoke", admin.form(url.Values{}), admin.browser()...)
	if r.Status != http.StatusSeeOther {
		t.Errorf("revoke: %d", r.Status)
	}
	if _, err := ts.Platforms.Lookup(ctx, string(km[1])); err == nil {
		t.Error("a revoked key still works")
	}
	r = ts.postForm(base+"/secret", admin.form(url.Values{}), admin.browser()...)
	if m2 := shownSecret.FindSubmatch(r.Body); r.Status != http.StatusCreated || m2 == nil || bytes.Equal(m2[1], m[1]) {
		t.Errorf("rotate: %d", r.Status)
	}
	list := ts.get("/console/admin/platforms?q=bagui", admin.cookie...)
	if !strings.Contains(string(list.Body), base) || strings.Contains(string(list.Body), `/console/admin/platforms/`+"1\"") {
		t.Errorf("filtered list: %d", list.Status)
	}
}

// The import page takes an upload and reports every bad row.
func TestConsolePlatformImport(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	ts.seed()
	admin := ts.session(auth.Admin, nil)
	upload := func(mode, csv string) response {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		mw.WriteField("csrf", admin.csrf)
		mw.WriteField("mode", mode)
		fw, _ := mw.CreateFormFile("file", "platforms.csv")
		fw.Write([]byte(csv))
		mw.Close()
		return ts.do("POST", "/console/admin/platforms/import", mw.FormDataContentType(), b.Bytes(), admin.browser()...)
	}
	csv := "平台代码,平台名称,所在地区\nok-1,好平台,鼓楼区\nBAD,坏代码,鼓楼区\nok-2,,gulou\n"
	r := upload("all_or_nothing", csv)
	body := string(r.Body)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(body, "没有导入任何平台") || !strings.Contains(body, "<td>3</td><td>平台代码</td>") ||
		!strings.Contains(body, "<td>4</td><td>平台名称</td>") || ts.count("platforms") != 1 {
		t.Errorf("all_or_nothing: %d, %d platforms\n%s", r.Status, ts.count("platforms"), body)
	}
	r = upload("good_only", csv)
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "已导入 1 行") || ts.count("platforms") != 2 {
		t.Errorf("good_only: %d, %d platforms", r.Status, ts.count("platforms"))
	}
}

// A liaison answers its platform's notice in the console; the answer
// reaches the reporter and the compliance ranking.
func TestConsoleLiaisonAnswers(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		w := newPlatformWorld(t, dbURL)
		w.Client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		rec, id := w.notice(t)
		liaison := w.session(auth.PlatformLiaison, &auth.Scope{PlatformID: &w.a})
		outsider := w.session(auth.PlatformLiaison, &auth.Scope{PlatformID: &w.b})
		page := w.get("/console/platform/notices", liaison.cookie...)
		if page.Status != http.StatusOK || !strings.Contains(string(page.Body), rec.TrackingCode) {
			t.Fatalf("liaison page: %d", page.Status)
		}
		if other := w.get("/console/platform/notices", outsider.cookie...); strings.Contains(string(other.Body), rec.TrackingCode) {
			t.Error("another platform's liaison sees the notice")
		}
		path := fmt.Sprintf("/console/platform/notices/%d/response", id)
		if r := w.postForm(path, outsider.form(url.Values{"response": {"removed"}}), outsider.browser()...); r.Status != http.StatusNotFound {
			t.Errorf("outsider's answer: %d", r.Status)
		}
		if r := w.postForm(path, liaison.form(url.Values{"response": {"no_violation"}}), liaison.browser()...); r.Status != http.StatusBadRequest ||
			!strings.Contains(string(r.Body), "理由") {
			t.Errorf("no_violation without a reason: %d", r.Status)
		}
		if r := w.postForm(path, liaison.form(url.Values{"response": {"restricted"}, "note": {"已限流"}}), liaison.browser()...); r.Status != http.StatusSeeOther {
			t.Fatalf("answer: %d %s", r.Status, r.Body)
		}
		track := w.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=" + rec.Secret)
		if !strings.Contains(string(track.Body), `"label":"平台反馈处置结果"`) || !strings.Contains(string(track.Body), `"note":"已限制"`) {
			t.Errorf("track: %s", track.Body)
		}

		leader := w.session(auth.Leader, nil)
		c := w.get("/console/platforms/compliance?sort=median", leader.cookie...)
		if c.Status != http.StatusOK || !strings.Contains(string(c.Body), "微博") {
			t.Errorf("compliance page: %d", c.Status)
		}
		j := w.get("/api/v1/console/platforms/compliance", "Authorization", "Bearer "+leader.bearer)
		if j.Status != http.StatusOK || !strings.Contains(string(j.Body), `"platform":"weibo","name":"微博","sent":1,"answered":1,"answered_share":1`) ||
			!strings.Contains(string(j.Body), `"restricted":1`) {
			t.Errorf("compliance JSON: %d %s", j.Status, j.Body)
		}
		if r := w.get("/console/admin/outbox", w.session(auth.Admin, nil).cookie...); r.Status != http.StatusOK {
			t.Errorf("outbox page: %d", r.Status)
		}
	})
}
