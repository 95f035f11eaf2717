package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"qinglang/internal/category"
	"qinglang/internal/config"
	"qinglang/internal/web"
)

// docURL is where the compiler files the served document; $refs in it
// ("#/components/…") resolve against this.
const docURL = "https://qinglang.invalid/api/openapi.json"

// apiSpec is the served OpenAPI document with its schemas compiled, so
// tests can hold real answers against what the document promises.
type apiSpec struct {
	raw   map[string]any
	comp  *jsonschema.Compiler
	mu    sync.Mutex
	cache map[string]*jsonschema.Schema
}

// spec fetches and compiles the server's document.
func (s *testServer) spec() *apiSpec {
	s.t.Helper()
	r := s.get("/api/openapi.json")
	if r.Status != http.StatusOK {
		s.t.Fatalf("GET /api/openapi.json: %d %s", r.Status, r.Body)
	}
	return compileSpec(s.t, r.Body)
}

func compileSpec(t testing.TB, body []byte) *apiSpec {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(docURL, doc); err != nil {
		t.Fatal(err)
	}
	return &apiSpec{raw: raw, comp: c, cache: map[string]*jsonschema.Schema{}}
}

// pointer escapes one JSON pointer token.
func pointer(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

func (a *apiSpec) schemaAt(t testing.TB, ptr string) *jsonschema.Schema {
	t.Helper()
	a.mu.Lock()
	defer a.mu.Unlock()
	if s, ok := a.cache[ptr]; ok {
		return s
	}
	s, err := a.comp.Compile(docURL + "#" + ptr)
	if err != nil {
		t.Fatalf("compile %s: %v", ptr, err)
	}
	a.cache[ptr] = s
	return s
}

// operation returns the documented operation, failing when there is none.
func (a *apiSpec) operation(t testing.TB, method, pattern string) map[string]any {
	t.Helper()
	paths, _ := a.raw["paths"].(map[string]any)
	item, _ := paths[pattern].(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	if op == nil {
		t.Fatalf("openapi.json does not document %s %s", method, pattern)
	}
	return op
}

// check holds a real answer of method pattern against the document: the
// status must be documented, the body must match its schema and the
// documented required headers must be there.
func (a *apiSpec) check(t testing.TB, method, pattern string, r response) {
	t.Helper()
	op := a.operation(t, method, pattern)
	code := strconv.Itoa(r.Status)
	resp, _ := op["responses"].(map[string]any)[code].(map[string]any)
	if resp == nil {
		t.Fatalf("%s %s answered %d, which openapi.json does not document: %s", method, pattern, r.Status, r.Body)
	}
	ptr := "/paths/" + pointer(pattern) + "/" + strings.ToLower(method) + "/responses/" + code
	if ref, ok := resp["$ref"].(string); ok {
		ptr = strings.TrimPrefix(ref, "#")
		resp = a.resolve(t, ptr)
	}
	headers, _ := resp["headers"].(map[string]any)
	for name, h := range headers {
		if req, _ := h.(map[string]any)["required"].(bool); req && r.Header.Get(name) == "" {
			t.Errorf("%s %s %d: documented header %s missing", method, pattern, r.Status, name)
		}
	}
	if content, _ := resp["content"].(map[string]any); content["application/json"] == nil {
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s %d: Content-Type %q, documented application/json", method, pattern, r.Status, ct)
	}
	a.validate(t, ptr+"/content/application~1json/schema", r.Body)
}

func (a *apiSpec) resolve(t testing.TB, ptr string) map[string]any {
	t.Helper()
	var cur any = a.raw
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, _ := cur.(map[string]any)
		cur = m[tok]
	}
	m, _ := cur.(map[string]any)
	if m == nil {
		t.Fatalf("openapi.json: nothing at %s", ptr)
	}
	return m
}

// validate checks body against the schema at ptr.
func (a *apiSpec) validate(t testing.TB, ptr string, body []byte) {
	t.Helper()
	if err := a.validErr(t, ptr, body); err != nil {
		t.Errorf("body does not match %s: %v\nbody: %s", ptr, err, body)
	}
}

func (a *apiSpec) validErr(t testing.TB, ptr string, body []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return a.schemaAt(t, ptr).Validate(inst)
}

// request checks a request body against the documented request schema.
func (a *apiSpec) request(t testing.TB, method, pattern string, body any) error {
	t.Helper()
	a.operation(t, method, pattern)
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return a.validErr(t, "/paths/"+pointer(pattern)+"/"+strings.ToLower(method)+"/requestBody/content/application~1json/schema", b)
}

func TestOpenAPIDocument(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	r := ts.get("/api/openapi.json")
	if r.Status != http.StatusOK {
		t.Fatalf("status %d", r.Status)
	}
	if cc := r.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") {
		t.Errorf("Cache-Control %q, want a max-age", cc)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if etag := r.Header.Get("ETag"); etag == "" {
		t.Error("no ETag")
	} else if again := ts.get("/api/openapi.json", "If-None-Match", etag); again.Status != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: %d, want 304", again.Status)
	}
	spec := compileSpec(t, r.Body)
	if v := spec.raw["openapi"]; v != "3.1.0" {
		t.Errorf("openapi = %v, want 3.1.0", v)
	}
	servers, _ := spec.raw["servers"].([]any)
	if len(servers) != 1 || servers[0].(map[string]any)["url"] != "/" {
		t.Errorf("servers = %v, want one relative \"/\"", servers)
	}

	documented := 0
	for _, rt := range ts.Web.Routes() {
		// The staff API is not part of the public contract this document
		// describes.
		if !strings.HasPrefix(rt.Pattern, "/api/v1") || rt.Access == web.Staff {
			continue
		}
		documented++
		paths := spec.raw["paths"].(map[string]any)
		item, _ := paths[rt.Pattern].(map[string]any)
		if _, ok := item[strings.ToLower(rt.Method)]; !ok {
			t.Errorf("route %s %s is not in /api/openapi.json", rt.Method, rt.Pattern)
		}
	}
	if documented < 6 {
		t.Errorf("only %d /api/v1 routes found; the route table changed shape?", documented)
	}

	// Every component schema compiles under draft 2020-12.
	for name := range spec.raw["components"].(map[string]any)["schemas"].(map[string]any) {
		spec.schemaAt(t, "/components/schemas/"+pointer(name))
	}
	for _, z := range category.Zones() {
		if _, ok := spec.raw["components"].(map[string]any)["schemas"].(map[string]any)["ZoneFields_"+z.Code]; !ok {
			t.Errorf("zone %s has no ZoneFields schema", z.Code)
		}
	}

	// kin-openapi v0.153 reads OpenAPI 3.1: an independent check of the
	// document's structure and of its internal references.
	loader := openapi3.NewLoader()
	kdoc, err := loader.LoadFromData(r.Body)
	if err != nil {
		t.Fatalf("kin-openapi cannot load the document: %v", err)
	}
	if err := kdoc.Validate(context.Background()); err != nil {
		t.Errorf("kin-openapi: %v", err)
	}
}

// TestOpenAPIRequestSchemas shows the request schemas tell good requests
// from bad ones the way the server does.
func TestOpenAPIRequestSchemas(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	spec := ts.spec()
	const reports = "/api/v1/reports"
	good := map[string]any{
		"category": "fraud", "content": "虚假投资理财网站，诱导转账。",
		"urls": []any{"https://example.com/x"}, "reporter": map[string]any{"anonymous": true},
	}
	if err := spec.request(t, "POST", reports, good); err != nil {
		t.Errorf("good report refused by the schema: %v", err)
	}
	zone := enterpriseReport("id1", "id2", true)
	if err := spec.request(t, "POST", reports, zone); err != nil {
		t.Errorf("good enterprise report refused by the schema: %v", err)
	}
	for name, mutate := range map[string]func(m map[string]any){
		"unknown field":     func(m map[string]any) { m["colour"] = "red" },
		"unknown category":  func(m map[string]any) { m["category"] = "spam" },
		"content too short": func(m map[string]any) { m["content"] = "短" },
		"content as number": func(m map[string]any) { m["content"] = 42 },
		"ftp url":           func(m map[string]any) { m["urls"] = []any{"ftp://example.com/x"} },
		"no link, no file":  func(m map[string]any) { delete(m, "urls") },
		"anonymous with phone": func(m map[string]any) {
			m["reporter"] = map[string]any{"anonymous": true, "phone": "13800138000"}
		},
		"named without contact": func(m map[string]any) { m["reporter"] = map[string]any{"anonymous": false, "name": "张三"} },
		"zone fields without zone": func(m map[string]any) {
			m["zone_fields"] = map[string]any{"kind": "rumor"}
		},
		"platform channel without platform": func(m map[string]any) { m["channel"] = "platform" },
	} {
		bad := clone(good)
		mutate(bad)
		if err := spec.request(t, "POST", reports, bad); err == nil {
			t.Errorf("%s: accepted by the schema", name)
		}
		if r := ts.postJSON(reports, bad); r.Status/100 != 4 {
			t.Errorf("%s: the server answered %d; the schema and the server disagree", name, r.Status)
		}
	}
	for name, mutate := range map[string]func(zf map[string]any){
		"bad credit code":       func(zf map[string]any) { zf["credit_code"] = "not-a-code" },
		"agent without agent":   func(zf map[string]any) { delete(zf, "agent_name") },
		"declaration refused":   func(zf map[string]any) { zf["declaration"] = false },
		"unknown zone field":    func(zf map[string]any) { zf["colour"] = "red" },
		"missing required kind": func(zf map[string]any) { delete(zf, "kind") },
	} {
		bad := enterpriseReport("id1", "id2", true)
		mutate(bad["zone_fields"].(map[string]any))
		if err := spec.request(t, "POST", reports, bad); err == nil {
			t.Errorf("enterprise, %s: accepted by the schema", name)
		}
	}
	if err := spec.request(t, "POST", "/api/v1/reports/track/rating", map[string]any{"code": "A", "secret": "B"}); err == nil {
		t.Error("rating without satisfied accepted by the schema")
	}
	if err := spec.request(t, "POST", "/api/v1/reports/track/rating", map[string]any{"code": "A", "secret": "B", "satisfied": false}); err != nil {
		t.Errorf("good rating refused: %v", err)
	}
	if err := spec.request(t, "POST", "/api/v1/reports/track/material", map[string]any{"code": "A", "secret": "B"}); err == nil {
		t.Error("empty material accepted by the schema")
	}
}

// TestOpenAPIResponses holds real answers of every kind against the
// document, on both databases.
func TestOpenAPIResponses(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.seed()
		spec := ts.spec()

		spec.check(t, "GET", "/api/v1/categories", ts.get("/api/v1/categories"))
		spec.check(t, "GET", "/api/v1/categories", ts.get("/api/v1/categories", "Accept-Language", "en"))

		up := ts.upload("shot.png", pngFile(t, 3))
		if up.Status != http.StatusCreated {
			t.Fatalf("upload: %d %s", up.Status, up.Body)
		}
		spec.check(t, "POST", "/api/v1/evidence", up)
		var ev struct{ ID string }
		up.JSON(t, &ev)

		rep := map[string]any{"category": "fraud", "content": "刷单返利诈骗，先返小额后要求大额转账。",
			"evidence_ids": []any{ev.ID}, "reporter": map[string]any{"phone": "13800138000"}}
		if err := spec.request(t, "POST", "/api/v1/reports", rep); err != nil {
			t.Errorf("request schema refuses a report the server takes: %v", err)
		}
		created := ts.postJSON("/api/v1/reports", rep)
		if created.Status != http.StatusCreated {
			t.Fatalf("report: %d %s", created.Status, created.Body)
		}
		spec.check(t, "POST", "/api/v1/reports", created)
		var rec receipt
		created.JSON(t, &rec)

		track := "/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=" + rec.Secret
		spec.check(t, "GET", "/api/v1/reports/track", ts.get(track))
		zr := ts.postJSON("/api/v1/reports", enterpriseReport(ts.uploadID("license.pdf", []byte(pdfFile)), ts.uploadID("poa.pdf", []byte(pdfFile+"%poa\n")), true))
		spec.check(t, "POST", "/api/v1/reports", zr)
		var zrec receipt
		zr.JSON(t, &zrec)
		spec.check(t, "GET", "/api/v1/reports/track", ts.get("/api/v1/reports/track?code="+zrec.TrackingCode+"&secret="+zrec.Secret, "Accept-Language", "en"))

		mat := ts.postJSON("/api/v1/reports/track/material", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "text": "又收到了诈骗短信。"})
		if mat.Status != http.StatusCreated {
			t.Fatalf("material: %d %s", mat.Status, mat.Body)
		}
		spec.check(t, "POST", "/api/v1/reports/track/material", mat)
		noReply := ts.postJSON("/api/v1/reports/track/rating", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "satisfied": true})
		if noReply.Status != http.StatusConflict {
			t.Fatalf("rating before a reply: %d %s", noReply.Status, noReply.Body)
		}
		spec.check(t, "POST", "/api/v1/reports/track/rating", noReply)
		ts.reply(rec.TrackingCode, "经核查，相关网站已关停。")
		rated := ts.postJSON("/api/v1/reports/track/rating", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "satisfied": true, "comment": "谢谢"})
		if rated.Status != http.StatusCreated {
			t.Fatalf("rating: %d %s", rated.Status, rated.Body)
		}
		spec.check(t, "POST", "/api/v1/reports/track/rating", rated)

		// Error bodies: 400, 404, 413, 415.
		for _, c := range []struct {
			status int
			r      response
		}{
			{400, ts.postJSON("/api/v1/reports", `{"content": 5}`)},
			{400, ts.postJSON("/api/v1/reports", `{"content": "短"}`, "Accept-Language", "en")},
			{413, ts.postJSON("/api/v1/reports", `{"content":"`+strings.Repeat("a", 300<<10)+`"}`)},
			{415, ts.do("POST", "/api/v1/reports", "text/plain", []byte(`{}`))},
		} {
			if c.r.Status != c.status {
				t.Errorf("want %d, got %d %s", c.status, c.r.Status, c.r.Body)
			}
			spec.check(t, "POST", "/api/v1/reports", c.r)
		}
		notFound := ts.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=AAAA-AAAA-AAAA")
		if notFound.Status != http.StatusNotFound {
			t.Errorf("wrong secret: %d", notFound.Status)
		}
		spec.check(t, "GET", "/api/v1/reports/track", notFound)
		badUpload := ts.upload("x.png", []byte("<html><script>alert(1)</script></html>"))
		if badUpload.Status != http.StatusUnsupportedMediaType {
			t.Errorf("disguised upload: %d", badUpload.Status)
		}
		spec.check(t, "POST", "/api/v1/evidence", badUpload)
	})

	t.Run("429", func(t *testing.T) {
		ts := startServer(t, sqliteURL(t), func(c *config.Config) { c.RatePerMinute, c.RateBurst = 1, 1 })
		spec := compileSpec(t, ts.get("/api/openapi.json").Body) // not rate-limited
		ts.get("/api/v1/categories")
		r := ts.get("/api/v1/categories")
		if r.Status != http.StatusTooManyRequests {
			t.Fatalf("second request at 1/min: %d", r.Status)
		}
		spec.check(t, "GET", "/api/v1/categories", r)
	})
}

// clone deep-copies a JSON object so a case can change it freely.
func clone(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}
