package app_test

import (
	"bytes"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"qinglang/internal/category"
	"qinglang/internal/challenge"
	"qinglang/internal/config"
)

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, u, lang string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if lang != "" {
		req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

// TestPortalPages renders every page in both languages and checks the
// rules around them: hashed assets, the language switch, the challenge.
func TestPortalPages(t *testing.T) {
	// Many requests from one client: the rate limit is not under test.
	base := startApp(t, func(c *config.Config) { c.RatePerMinute = 0 })
	paths := []string{"/", "/report", "/track?code=ABCDE-12345"}
	for _, z := range category.Zones() {
		paths = append(paths, "/report?zone="+z.Code)
	}
	for _, lang := range []string{"zh", "en"} {
		for _, p := range paths {
			res, body := get(t, base+p, lang)
			if res.StatusCode != 200 || !strings.Contains(body, `<html lang="`+map[string]string{"zh": "zh-CN", "en": "en"}[lang]+`"`) {
				t.Errorf("%s in %s: status %d", p, lang, res.StatusCode)
			}
		}
	}
	if _, body := get(t, base+"/report?zone=enterprise_infringement", "en"); !strings.Contains(body, "Unified social credit code") ||
		!strings.Contains(body, `name="zf.credit_code"`) || !strings.Contains(body, `name="zf_license_files"`) {
		t.Error("the enterprise zone form lacks its fields in English")
	}

	_, home := get(t, base+"/", "")
	css := regexp.MustCompile(`/static/css/site\.[0-9a-f]{8}\.css`).FindString(home)
	res, _ := get(t, base+css, "")
	if css == "" || res.StatusCode != 200 || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet %q: %d %v", css, res.StatusCode, res.Header)
	}
	for _, p := range []string{"/static/css/site.css", "/static/css/site.00000000.css"} {
		if res, _ := get(t, base+p, ""); res.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
	}

	for next, want := range map[string]string{"/report?zone=algorithm": "/report?zone=algorithm", "//evil.example/": "/",
		"https://evil.example/": "/", "/\\evil.example": "/"} {
		res, _ := get(t, base+"/lang/en?next="+url.QueryEscape(next), "")
		if loc := res.Header.Get("Location"); res.StatusCode != 303 || loc != want {
			t.Errorf("next=%s: %d to %q, want %q", next, res.StatusCode, loc, want)
		}
	}
	if res, _ := get(t, base+"/lang/fr", ""); res.StatusCode != 404 {
		t.Errorf("/lang/fr: status %d", res.StatusCode)
	}
}

// TestPortalReportWithoutBrowser files a report the way the form does,
// then tracks it and adds material, all without a secret in any URL.
func TestPortalReportWithoutBrowser(t *testing.T) {
	base := startApp(t, nil)
	fields := map[string]string{"category": "fraud", "content": "虚假投资理财网站，诱导转账", "urls": "https://example.com/a\nhttps://example.com/b", "anonymous": "on"}

	res, body := postForm(t, base+"/report", fields, "")
	if res.StatusCode != 400 || !strings.Contains(body, "安全校验未通过，请重新提交") {
		t.Fatalf("without the proof of work: %d", res.StatusCode)
	}
	res, body = postForm(t, base+"/report", fields, body)
	if res.StatusCode != 201 || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("report: %d %v\n%s", res.StatusCode, res.Header, body)
	}
	code, secret := match(t, body, `id="r-code"[^>]*>([^<]+)<`), match(t, body, `id="r-secret"[^>]*>([^<]+)<`)

	res, body = get(t, base+"/track?code="+code+"&secret="+secret, "")
	if strings.Contains(body, secret) || !strings.Contains(body, code) {
		t.Error("the tracking form must take the code, and never the secret, from the URL")
	}
	res, body = post(t, base+"/track", url.Values{"code": {code}, "secret": {"WRONG-SECR-ET00"}})
	if res.StatusCode != 404 || !strings.Contains(body, "查询码或查询密码不正确") {
		t.Errorf("wrong secret: %d", res.StatusCode)
	}
	res, body = postForm(t, base+"/track/material", map[string]string{"code": code, "secret": secret, "text": "又发现一个相同的网址"}, "")
	if res.StatusCode != 200 || !strings.Contains(body, "补充材料已提交") || !strings.Contains(body, "又发现一个相同的网址") ||
		res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("add material: %d", res.StatusCode)
	}
	res, body = post(t, base+"/track/rating", url.Values{"code": {code}, "secret": {secret}, "satisfied": {"yes"}})
	if res.StatusCode != 409 || !strings.Contains(body, "案件尚未答复") {
		t.Errorf("rating before a reply: %d", res.StatusCode)
	}
}

// postForm sends a multipart form; when page is a rendered report form,
// its challenge is solved and sent along, as pow.js would.
func postForm(t *testing.T, u string, fields map[string]string, page string) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if page != "" {
		d, _ := strconv.Atoi(match(t, page, `data-pow-difficulty="(\d+)"`))
		c := challenge.Challenge{Salt: match(t, page, `data-pow-salt="([0-9a-f]+)"`), Difficulty: d}
		mw.WriteField("pow_token", html.UnescapeString(match(t, page, `name="pow_token" value="([^"]+)"`)))
		mw.WriteField("pow_nonce", challenge.Solve(c))
	}
	mw.Close()
	req, _ := http.NewRequest("POST", u, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(t, req)
}

func post(t *testing.T, u string, v url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(t, req)
}

func match(t *testing.T, s, re string) string {
	t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in the page", re)
	}
	return strings.TrimSpace(m[1])
}
