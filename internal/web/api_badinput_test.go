package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"qinglang/internal/config"
)

// Bad inputs: each is refused with the right 4xx, an error that names the
// field at fault, and no trace in the database or the data folder.

// badCase is one refused request.
type badCase struct {
	name    string
	method  string
	path    string // with the query, if any
	ctype   string
	body    []byte
	lang    string // "en" to ask for English
	status  int
	field   string // the key error.fields must have; "" when no field is at fault
	pattern string // the route, for the OpenAPI check; path when empty
}

// traceTables are where an accepted request leaves rows.
var traceTables = []string{"reports", "report_events", "evidence", "blobs", "report_materials", "report_ratings"}

// snapshot is what the server has stored: row counts and files.
type snapshot struct {
	rows  map[string]int
	files []string
}

func (s *testServer) snapshot() snapshot {
	s.t.Helper()
	sn := snapshot{rows: map[string]int{}}
	for _, t := range traceTables {
		sn.rows[t] = s.count(t)
	}
	sn.files = append(s.files("evidence"), s.files("spool")...)
	slices.Sort(sn.files)
	return sn
}

// assertNoTrace fails when anything was stored since before.
func (s *testServer) assertNoTrace(t *testing.T, before snapshot) {
	t.Helper()
	after := s.snapshot()
	for _, tb := range traceTables {
		if before.rows[tb] != after.rows[tb] {
			t.Errorf("%s: %d rows before, %d after", tb, before.rows[tb], after.rows[tb])
		}
	}
	if !slices.Equal(before.files, after.files) {
		t.Errorf("files in the data folder changed:\nbefore %v\nafter  %v", before.files, after.files)
	}
}

// assertError checks an error answer: status, a message in the asked
// language, and the field at fault.
func assertError(t *testing.T, r response, status int, field, lang string) apiError {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	var e apiError
	r.JSON(t, &e)
	msg := e.Error.Message
	switch {
	case msg == "" || e.Error.Code == "":
		t.Errorf("no code or message: %s", r.Body)
	case lang == "en" && strings.ContainsFunc(msg, isHan):
		t.Errorf("English asked, message %q", msg)
	case lang != "en" && !strings.ContainsFunc(msg, isHan):
		t.Errorf("message %q is not in Chinese", msg)
	}
	if field == "" {
		return e
	}
	if e.Error.Fields[field] == "" {
		t.Errorf("error.fields has no %q: %s", field, r.Body)
	}
	// Zone field messages name the field by its label, for people.
	if lang == "en" && !strings.HasPrefix(field, "zone_fields.") && !strings.Contains(msg, field) {
		t.Errorf("message %q does not name %s", msg, field)
	}
	return e
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func TestBadInput(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL, func(c *config.Config) {
			c.MaxUploadBytes = 1 << 20
			c.TrackFailures = 1000 // the throttle has its own test
		})
		ts.seed()
		spec := ts.spec()

		license := ts.uploadID("license.png", pngFile(t, 1))
		used := ts.uploadID("used.png", pngFile(t, 2))
		ts.file(spec, map[string]any{"category": "porn", "content": "色情引流账号，主页有联系方式。",
			"evidence_ids": []any{used}, "reporter": map[string]any{"anonymous": true}})
		rec := ts.file(spec, map[string]any{"category": "vulgar", "content": "低俗擦边直播间。",
			"urls": []any{"https://example.com/live"}, "reporter": map[string]any{"anonymous": true}})

		for _, c := range badCases(t, license, used, rec) {
			t.Run(c.name, func(t *testing.T) {
				before := ts.snapshot()
				header := []string{}
				if c.lang != "" {
					header = append(header, "Accept-Language", c.lang)
				}
				r := ts.do(c.method, c.path, c.ctype, c.body, header...)
				assertError(t, r, c.status, c.field, c.lang)
				pattern := c.pattern
				if pattern == "" {
					pattern = c.path
				}
				spec.check(t, c.method, pattern, r)
				ts.assertNoTrace(t, before)
			})
		}
	})
}

// badCases builds the table. license is a free evidence id, used one that
// a report has claimed, rec an existing case.
func badCases(t *testing.T, license, used string, rec receipt) []badCase {
	const reports, evidenceURL = "/api/v1/reports", "/api/v1/evidence"
	good := func() map[string]any {
		return map[string]any{"category": "fraud", "content": "虚假投资理财网站，诱导转账。",
			"urls": []any{"https://example.com/licai"}, "reporter": map[string]any{"phone": "13800138000"}}
	}
	enterprise := func(change func(zf map[string]any)) map[string]any {
		m := enterpriseReport(license, license, true)
		change(m["zone_fields"].(map[string]any))
		return m
	}
	report := func(name string, status int, field, lang string, change func(m map[string]any)) badCase {
		m := good()
		change(m)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return badCase{name: name, method: "POST", path: reports, ctype: "application/json", body: b, lang: lang, status: status, field: field}
	}
	raw := func(name, ctype, body string, status int, field string) badCase {
		return badCase{name: name, method: "POST", path: reports, ctype: ctype, body: []byte(body), status: status, field: field}
	}
	upload := func(name, filename string, data []byte, status int, lang string) badCase {
		ct, body := multipartBody(t, "file", filename, "image/png", data)
		return badCase{name: name, method: "POST", path: evidenceURL, ctype: ct, body: body, status: status, field: "file", lang: lang}
	}
	tracked := func(name, path string, v map[string]any, status int, field string) badCase {
		b, _ := json.Marshal(v)
		return badCase{name: name, method: "POST", path: path, ctype: "application/json", body: b, status: status, field: field}
	}
	set := func(k string, v any) func(m map[string]any) { return func(m map[string]any) { m[k] = v } }
	urls21 := make([]any, 21)
	for i := range urls21 {
		urls21[i] = "https://example.com/" + strconv.Itoa(i)
	}
	missingPart, missingPartType := multipartBody(t, "photo", "a.png", "image/png", pngFile(t, 3))

	return []badCase{
		report("missing category", 400, "category", "", func(m map[string]any) { delete(m, "category") }),
		report("unknown category", 400, "category", "", set("category", "spam")),
		report("unknown category, English", 400, "category", "en", set("category", "spam")),
		report("unknown zone", 400, "zone", "", set("zone", "moon")),
		report("zone without a required field", 400, "zone_fields.kind", "", func(m map[string]any) {
			m["zone"], m["zone_fields"] = "cyberviolence", map[string]any{"victim": "self"}
		}),
		report("zone field with an unknown option", 400, "zone_fields.victim", "", func(m map[string]any) {
			m["zone"], m["zone_fields"] = "cyberviolence", map[string]any{"victim": "everyone", "kind": "insult"}
		}),
		report("enterprise: credit code check character", 400, "zone_fields.credit_code", "", replaceWith(enterprise(func(zf map[string]any) {
			zf["credit_code"] = validUSCC[:17] + "4"
		}))),
		report("enterprise: agent without agent fields", 400, "zone_fields.agent_name", "", replaceWith(enterprise(func(zf map[string]any) {
			for _, k := range []string{"agent_name", "agent_id_number", "agent_phone", "power_of_attorney_files"} {
				delete(zf, k)
			}
		}))),
		report("enterprise: agent ID number check digit", 400, "zone_fields.agent_id_number", "en", replaceWith(enterprise(func(zf map[string]any) {
			zf["agent_id_number"] = validID[:17] + "1"
		}))),
		report("enterprise: declaration not accepted", 400, "zone_fields.declaration", "", replaceWith(enterprise(func(zf map[string]any) { zf["declaration"] = false }))),
		report("enterprise: anonymous", 400, "reporter.anonymous", "", replaceWith(func() map[string]any {
			m := enterpriseReport(license, license, false)
			m["reporter"] = map[string]any{"anonymous": true}
			return m
		}())),
		report("zone_fields without zone", 400, "zone_fields", "", set("zone_fields", map[string]any{"kind": "rumor"})),
		report("unknown zone field", 400, "zone_fields.colour", "", func(m map[string]any) {
			m["zone"], m["zone_fields"] = "algorithm", map[string]any{"app_name": "App", "problem": "addiction", "colour": "red"}
		}),
		report("missing content", 400, "content", "", func(m map[string]any) { delete(m, "content") }),
		report("content too short", 400, "content", "", set("content", "骗子")),
		report("content over 5000 characters", 400, "content", "", set("content", strings.Repeat("诈", 5001))),
		report("javascript: URL", 400, "urls[0]", "", set("urls", []any{"javascript:alert(1)"})),
		report("ftp URL", 400, "urls[0]", "en", set("urls", []any{"ftp://example.com/file"})),
		report("21 URLs", 400, "urls", "", set("urls", urls21)),
		report("unknown channel", 400, "channel", "", set("channel", "pigeon")),
		report("platform channel without platform", 400, "platform", "", set("channel", "platform")),
		report("unknown platform", 400, "platform", "", set("platform", "myspace")),
		report("unknown campaign", 400, "campaign", "", set("campaign", "no-such-campaign")),
		report("campaign that does not take the category", 400, "campaign", "", func(m map[string]any) {
			m["campaign"], m["category"] = testCampaign, "porn"
		}),
		report("unknown district", 400, "district", "", set("district", "atlantis")),
		report("named without contact", 400, "reporter.phone", "", set("reporter", map[string]any{"name": "张三"})),
		report("bad phone", 400, "reporter.phone", "", set("reporter", map[string]any{"phone": "12345"})),
		report("bad phone, English", 400, "reporter.phone", "en", set("reporter", map[string]any{"phone": "021-12345678"})),
		report("bad e-mail", 400, "reporter.email", "", set("reporter", map[string]any{"email": "not-an-address"})),
		report("anonymous with a phone", 400, "reporter.anonymous", "", set("reporter", map[string]any{"anonymous": true, "phone": "13800138000"})),
		report("evidence id that does not exist", 400, "evidence_ids[0]", "", set("evidence_ids", []any{"nosuchevidence0000000000"})),
		report("evidence id of another report", 400, "evidence_ids[0]", "", set("evidence_ids", []any{used})),
		report("second evidence id already used", 400, "evidence_ids[1]", "", set("evidence_ids", []any{license, used})),
		report("enterprise: license file that does not exist", 400, "zone_fields.license_files[0]", "", replaceWith(enterprise(func(zf map[string]any) {
			zf["license_files"] = []any{"nosuchlicense00000000000"}
		}))),
		report("malformed evidence id", 400, "evidence_ids[0]", "", set("evidence_ids", []any{"../../etc/passwd"})),
		raw("malformed JSON", "application/json", `{"category": "fraud",`, 400, "body"),
		raw("malformed JSON, no closing brace", "application/json", `{"category": "fraud" "content": "x"}`, 400, "body"),
		raw("text/plain", "text/plain", `{"category":"fraud"}`, 415, "Content-Type"),
		raw("charset other than UTF-8", "application/json; charset=gbk", `{"category":"fraud"}`, 415, "Content-Type"),
		raw("GBK bytes", "application/json", "{\"category\":\"fraud\",\"content\":\"\xd5\xa9\xc6\xad\xcd\xf8\xd5\xbe\xa3\xac\xd5\xa9\xc6\xad\"}", 400, "body"),
		raw("no Content-Type", "", `{"category":"fraud"}`, 415, "Content-Type"),
		raw("body over 256 KB", "application/json", `{"content":"`+strings.Repeat("a", 257<<10)+`"}`, 413, "body"),
		raw("unknown top-level field", "application/json", `{"category":"fraud","content":"虚假投资理财网站。","colour":"red"}`, 400, "colour"),
		raw("content as a number", "application/json", `{"category":"fraud","content":12345}`, 400, "content"),
		raw("anonymous as a string", "application/json", `{"category":"fraud","content":"虚假投资理财网站。","reporter":{"anonymous":"yes"}}`, 400, "reporter.anonymous"),
		raw("two JSON objects", "application/json", `{"category":"fraud"} {"category":"porn"}`, 400, "body"),
		raw("empty body", "application/json", ``, 400, "body"),
		raw("JSON array", "application/json", `[]`, 400, "body"),

		upload("HTML named .png", "evil.png", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), 415, ""),
		upload("Windows executable", "setup.jpg", exeFile(), 415, "en"),
		upload("empty file", "empty.png", nil, 400, ""),
		upload("file over the 1 MB limit", "big.pdf", append([]byte(pdfFile), make([]byte, 1<<20)...), 413, ""),
		upload("body far over the limit", "huge.pdf", append([]byte(pdfFile), make([]byte, 3<<20)...), 413, ""),
		{name: "upload as JSON", method: "POST", path: evidenceURL, ctype: "application/json", body: []byte(`{"file":"aGVsbG8="}`), status: 415, field: "Content-Type"},
		{name: "upload without a file part", method: "POST", path: evidenceURL, ctype: missingPart, body: missingPartType, status: 400, field: "file"},

		tracked("material on an unknown case", "/api/v1/reports/track/material",
			map[string]any{"code": "00000-00000", "secret": "AAAA-AAAA-AAAA", "text": "补充材料"}, 404, ""),
		tracked("material text over 2000 characters", "/api/v1/reports/track/material",
			map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "text": strings.Repeat("补", 2001)}, 400, "text"),
		tracked("material with nothing in it", "/api/v1/reports/track/material",
			map[string]any{"code": rec.TrackingCode, "secret": rec.Secret}, 400, "text"),
		tracked("material with evidence of another case", "/api/v1/reports/track/material",
			map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "text": "补充", "evidence_ids": []any{used}}, 400, "evidence_ids[0]"),
		tracked("rating without satisfied", "/api/v1/reports/track/rating",
			map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "comment": "好"}, 400, "satisfied"),
		tracked("rating comment over 500 characters", "/api/v1/reports/track/rating",
			map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "satisfied": true, "comment": strings.Repeat("好", 501)}, 400, "comment"),
		{name: "track without a secret", method: "GET", path: "/api/v1/reports/track?code=" + rec.TrackingCode, status: 404, pattern: "/api/v1/reports/track"},
	}
}

// replaceWith makes a case body out of a whole report.
func replaceWith(r map[string]any) func(m map[string]any) {
	return func(m map[string]any) {
		clear(m)
		for k, v := range r {
			m[k] = v
		}
	}
}

// TestTrackGuessing: a wrong secret and an unknown code look the same, and
// a client that keeps guessing is refused for a while.
func TestTrackGuessing(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL, func(c *config.Config) { c.TrackFailures = 3 })
		spec := ts.spec()
		rec := ts.file(spec, map[string]any{"category": "terror", "content": "宣扬暴恐的视频，请尽快处理。",
			"urls": []any{"https://example.com/v"}, "reporter": map[string]any{"anonymous": true}})
		before := ts.snapshot()

		wrongSecret := ts.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=AAAA-AAAA-AAAA")
		unknownCode := ts.get("/api/v1/reports/track?code=00000-00000&secret=" + rec.Secret)
		assertError(t, wrongSecret, http.StatusNotFound, "", "")
		if unknownCode.Status != wrongSecret.Status || !bytes.Equal(unknownCode.Body, wrongSecret.Body) {
			t.Errorf("unknown code and wrong secret differ:\n%d %s\n%d %s", unknownCode.Status, unknownCode.Body, wrongSecret.Status, wrongSecret.Body)
		}
		spec.check(t, "GET", "/api/v1/reports/track", unknownCode)

		// The third failure uses the allowance up: from now on even the
		// right secret is refused, so guessing cannot go on.
		ts.postJSON("/api/v1/reports/track/material", map[string]any{"code": rec.TrackingCode, "secret": "BBBB-BBBB-BBBB", "text": "猜"})
		for _, r := range []response{
			ts.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=CCCC-CCCC-CCCC"),
			ts.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=" + rec.Secret),
		} {
			assertError(t, r, http.StatusTooManyRequests, "", "")
			spec.check(t, "GET", "/api/v1/reports/track", r)
			if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 60 || s > 15*60+1 {
				t.Errorf("Retry-After %q, want the rest of the 15-minute window", r.Header.Get("Retry-After"))
			}
		}
		r := ts.postJSON("/api/v1/reports/track/rating", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "satisfied": true}, "Accept-Language", "en")
		assertError(t, r, http.StatusTooManyRequests, "", "en")
		ts.assertNoTrace(t, before)
	})
}

// TestRateLimit: a flood beyond the per-client rate is refused with 429
// and Retry-After, before anything is stored.
func TestRateLimit(t *testing.T) {
	ts := startServer(t, sqliteURL(t), func(c *config.Config) { c.RatePerMinute, c.RateBurst = 6, 3 })
	spec := compileSpec(t, ts.get("/api/openapi.json").Body)
	before := ts.snapshot()
	for i := range 3 {
		if r := ts.get("/api/v1/categories"); r.Status != http.StatusOK {
			t.Fatalf("request %d within the burst: %d", i+1, r.Status)
		}
	}
	r := ts.postJSON("/api/v1/reports", map[string]any{"category": "fraud", "content": "虚假投资理财网站，诱导转账。",
		"urls": []any{"https://example.com/licai"}, "reporter": map[string]any{"anonymous": true}})
	assertError(t, r, http.StatusTooManyRequests, "", "")
	spec.check(t, "POST", "/api/v1/reports", r)
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 11 {
		t.Errorf("Retry-After %q, want about the 10 s one token takes", r.Header.Get("Retry-After"))
	}
	ts.assertNoTrace(t, before)
	if r := ts.get("/api/v1/categories", "Accept-Language", "en"); r.Status != http.StatusTooManyRequests {
		t.Errorf("flood continues: %d", r.Status)
	} else {
		assertError(t, r, http.StatusTooManyRequests, "", "en")
	}
	if r := ts.get("/healthz"); r.Status != http.StatusOK {
		t.Errorf("health checks are not rate-limited, got %d", r.Status)
	}
}
