package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"qinglang/internal/category"
)

// Scenarios of the public API over real HTTP, on SQLite and PostgreSQL.

const (
	validUSCC = "91350100M000100Y43" // GB 32100 check character 3
	validID   = "11010519491231002X" // the GB 11643 example number
)

// enterpriseReport is a complete 涉企侵权 report. With agent it is filed by
// an agent and carries the agent's identity and power of attorney.
func enterpriseReport(licenseID, attorneyID string, agent bool) map[string]any {
	zf := map[string]any{
		"kind":             "rumor",
		"enterprise_name":  "福州清朗科技有限公司",
		"credit_code":      validUSCC,
		"filer":            "self",
		"license_files":    []any{licenseID},
		"infringing_urls":  []any{"https://example.com/post/123", "https://example.com/post/456"},
		"evidence_summary": "帖子称我公司产品致癌，检测报告证明不实。",
		"declaration":      true,
	}
	if agent {
		zf["filer"] = "agent"
		zf["agent_name"] = "李代理"
		zf["agent_id_number"] = validID
		zf["agent_phone"] = "13912345678"
		zf["power_of_attorney_files"] = []any{attorneyID}
	}
	return map[string]any{
		"zone":        "enterprise_infringement",
		"content":     "有自媒体账号编造我公司产品致癌的谣言，造成严重影响。",
		"zone_fields": zf,
		"reporter":    map[string]any{"name": "王经理", "phone": "13700001111"},
	}
}

// zoneReports holds a valid report for every zone but the enterprise one,
// which needs uploaded files.
var zoneReports = map[string]map[string]any{
	"cyberviolence":       {"victim": "other", "kind": "doxxing", "victim_name": "小李", "started_on": "2024-05-01"},
	"elderly_fraud":       {"victim_age_band": "70-79", "amount": 30000.5, "fraud_type": "health_products"},
	"algorithm":           {"app_name": "某购物App", "problem": "price_discrimination"},
	"practitioner":        {"practitioner_account": "@某主播", "employer_platform": "某直播平台", "misconduct": "paid_deletion"},
	"historical_nihilism": {"subject_kind": "person", "subject": "某英烈", "content_kind": "defamation"},
}

// caseView is the track answer, as far as the tests read it.
type caseView struct {
	TrackingCode string `json:"tracking_code"`
	Status       string `json:"status"`
	Category     string `json:"category"`
	Zone         string `json:"zone"`
	Timeline     []struct {
		Action string `json:"action"`
		Status string `json:"status"`
		Note   string `json:"note"`
	} `json:"timeline"`
	Reply *struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
	} `json:"reply"`
	Materials []struct {
		Text  string `json:"text"`
		Files int    `json:"files"`
	} `json:"materials"`
	EvidenceCount  int  `json:"evidence_count"`
	CanAddMaterial bool `json:"can_add_material"`
	CanRate        bool `json:"can_rate"`
}

func (c caseView) actions() []string {
	var out []string
	for _, e := range c.Timeline {
		out = append(out, e.Action)
	}
	return out
}

var (
	codeRe   = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$`)
	secretRe = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$`)
)

// file files a report that must be accepted, checking the answer against
// the document too.
func (s *testServer) file(spec *apiSpec, report map[string]any) receipt {
	s.t.Helper()
	r := s.postJSON("/api/v1/reports", report)
	if r.Status != http.StatusCreated {
		s.t.Fatalf("report refused: %d %s", r.Status, r.Body)
	}
	spec.check(s.t, "POST", "/api/v1/reports", r)
	var rec receipt
	r.JSON(s.t, &rec)
	if !codeRe.MatchString(rec.TrackingCode) || !secretRe.MatchString(rec.Secret) || rec.Status != "submitted" {
		s.t.Fatalf("odd receipt %+v", rec)
	}
	if loc := r.Header.Get("Location"); loc != "/api/v1/reports/track?code="+rec.TrackingCode {
		s.t.Errorf("Location %q", loc)
	}
	return rec
}

// track opens a case that must exist.
func (s *testServer) track(spec *apiSpec, code, secret string) caseView {
	s.t.Helper()
	r := s.get("/api/v1/reports/track?code=" + url.QueryEscape(code) + "&secret=" + url.QueryEscape(secret))
	if r.Status != http.StatusOK {
		s.t.Fatalf("track %s: %d %s", code, r.Status, r.Body)
	}
	spec.check(s.t, "GET", "/api/v1/reports/track", r)
	var v caseView
	r.JSON(s.t, &v)
	return v
}

func TestAPI(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		ts.seed()
		spec := ts.spec()

		t.Run("categories", func(t *testing.T) { testCategories(t, ts, spec) })
		t.Run("every category", func(t *testing.T) { testEveryCategory(t, ts, spec) })
		t.Run("every zone", func(t *testing.T) { testEveryZone(t, ts, spec) })
		t.Run("evidence types", func(t *testing.T) { testEvidenceTypes(t, ts, spec) })
		t.Run("identical upload stored once", func(t *testing.T) { testUploadDedup(t, ts) })
		t.Run("tracking", func(t *testing.T) { testTracking(t, ts, spec) })
		t.Run("material", func(t *testing.T) { testMaterial(t, ts, spec) })
		t.Run("rating", func(t *testing.T) { testRating(t, ts, spec) })
		t.Run("personal data encrypted at rest", func(t *testing.T) { testEncryptedAtRest(t, ts, spec) })
	})
}

func testCategories(t *testing.T, ts *testServer, spec *apiSpec) {
	r := ts.get("/api/v1/categories")
	if r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	spec.check(t, "GET", "/api/v1/categories", r)
	if cc := r.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "public") {
		t.Errorf("Cache-Control %q", cc)
	}
	var defs struct {
		Categories []struct{ Code, Label string }
		Zones      []struct {
			Code   string
			Fields []struct{ Code string }
		}
		Channels  []struct{ Code string }
		Districts []struct{ Code string }
	}
	r.JSON(t, &defs)
	if len(defs.Categories) != len(category.Categories()) || len(defs.Categories) != 8 {
		t.Errorf("%d categories", len(defs.Categories))
	}
	if len(defs.Zones) != 6 || defs.Zones[0].Code != "enterprise_infringement" || len(defs.Zones[0].Fields) < 10 {
		t.Errorf("zones: %+v", defs.Zones)
	}
	if len(defs.Districts) != 1 || defs.Districts[0].Code != testDistrict {
		t.Errorf("districts: %+v", defs.Districts)
	}
	var en struct {
		Categories []struct{ Label, LabelEn string }
	}
	json.Unmarshal(ts.get("/api/v1/categories", "Accept-Language", "en").Body, &en)
	if len(en.Categories) == 0 || en.Categories[0].Label != "暴恐" {
		t.Errorf("labels: %+v", en.Categories)
	}
}

func testEveryCategory(t *testing.T, ts *testServer, spec *apiSpec) {
	for i, c := range category.Categories() {
		rep := map[string]any{
			"category": c.Code,
			"content":  "测试举报：" + c.Label.Zh + "类有害信息，请核查。",
			"urls":     []any{"https://example.com/" + c.Code, "HTTPS://Example.com/" + c.Code},
			"reporter": map[string]any{"anonymous": true},
		}
		switch c.Code {
		case "fraud":
			rep["campaign"], rep["district"] = testCampaign, testDistrict
		case "porn":
			rep["channel"], rep["platform"] = "platform", testPlatform
		case "rumor":
			rep["reporter"] = map[string]any{"name": "张三", "email": "zhang@example.cn"}
			rep["channel"] = "miniprogram"
		}
		rec := ts.file(spec, rep)
		v := ts.track(spec, rec.TrackingCode, rec.Secret)
		if v.Category != c.Code || v.Zone != "" || v.Status != "submitted" {
			t.Errorf("%s: case %+v", c.Code, v)
		}
		var urls, channel string
		var campaign, platform *int64
		err := ts.DB.Read().QueryRow(`SELECT urls, channel, campaign_id, platform_id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).
			Scan(&urls, &channel, &campaign, &platform)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(urls, "example.com/"+c.Code) != 1 {
			t.Errorf("%s: urls %s: the duplicate link should be folded into one", c.Code, urls)
		}
		want := map[string]string{"porn": "platform", "rumor": "miniprogram"}[c.Code]
		if want == "" {
			want = "api"
		}
		if channel != want || (c.Code == "fraud") != (campaign != nil) || (c.Code == "porn") != (platform != nil) {
			t.Errorf("%s (#%d): channel %s campaign %v platform %v", c.Code, i, channel, campaign, platform)
		}
	}
}

func testEveryZone(t *testing.T, ts *testServer, spec *apiSpec) {
	for _, z := range category.Zones() {
		var rep map[string]any
		if z.Code == "enterprise_infringement" {
			rep = enterpriseReport(ts.uploadID("license.png", pngFile(t, 40)), ts.uploadID("poa.pdf", []byte(pdfFile+"%zone\n")), true)
		} else {
			rep = map[string]any{"zone": z.Code, "content": "专区测试举报：" + z.Label.Zh + "，请核查。",
				"zone_fields": zoneReports[z.Code], "reporter": map[string]any{"anonymous": true}}
		}
		rec := ts.file(spec, rep)
		v := ts.track(spec, rec.TrackingCode, rec.Secret)
		if v.Zone != z.Code || v.Category != z.DefaultCategory {
			t.Errorf("%s: case zone %q category %q", z.Code, v.Zone, v.Category)
		}
		if z.Code == "enterprise_infringement" && v.EvidenceCount != 2 {
			t.Errorf("enterprise: %d evidence files, want the license and the power of attorney", v.EvidenceCount)
		}
	}
	// Filed by the enterprise itself, agent fields are not asked for.
	rec := ts.file(spec, enterpriseReport(ts.uploadID("license2.png", pngFile(t, 41)), "", false))
	var fields string
	var private []byte
	if err := ts.DB.Read().QueryRow(`SELECT zone_fields, zone_private FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&fields, &private); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fields, "agent") || len(private) != 0 {
		t.Errorf("self-filed enterprise report stored agent data: %s / %d bytes", fields, len(private))
	}
}

func testEvidenceTypes(t *testing.T, ts *testServer, spec *apiSpec) {
	for _, f := range []struct {
		name, mime string
		data       []byte
	}{
		{"a.jpg", "image/jpeg", jpegFile(t, 1)},
		{"a.png", "image/png", pngFile(t, 1)},
		{"a.gif", "image/gif", gifFile(t, 1)},
		{"a.webp", "image/webp", webpFile(16, 9)},
		{"a.pdf", "application/pdf", []byte(pdfFile)},
		{"a.mp4", "video/mp4", mp4File()},
		// The name does not decide: a PNG called .jpg is a PNG.
		{"named-wrong.jpg", "image/png", pngFile(t, 2)},
	} {
		r := ts.upload(f.name, f.data)
		if r.Status != http.StatusCreated {
			t.Errorf("%s: %d %s", f.name, r.Status, r.Body)
			continue
		}
		spec.check(t, "POST", "/api/v1/evidence", r)
		var ev struct {
			ID, SHA256, MIME string
			Size             int64
		}
		r.JSON(t, &ev)
		sum := sha256.Sum256(f.data)
		if ev.MIME != f.mime || ev.SHA256 != hex.EncodeToString(sum[:]) || ev.Size != int64(len(f.data)) || ev.ID == "" {
			t.Errorf("%s: %+v", f.name, ev)
		}
	}
}

func testUploadDedup(t *testing.T, ts *testServer) {
	data := jpegFile(t, 7)
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	blobs := ts.count("blobs")
	a, b := ts.uploadID("one.jpg", data), ts.uploadID("two.jpg", data)
	if a == b {
		t.Errorf("two uploads got one evidence id %s", a)
	}
	if n := ts.count("blobs"); n != blobs+1 {
		t.Errorf("blobs went from %d to %d, want one new", blobs, n)
	}
	var rows int
	ts.DB.Read().QueryRow(`SELECT count(*) FROM evidence WHERE sha256 = $1`, key).Scan(&rows)
	if rows != 2 {
		t.Errorf("%d evidence rows for the file, want 2", rows)
	}
	copies := 0
	for _, p := range ts.files("evidence") {
		if b, err := os.ReadFile(p); err == nil && bytes.Equal(b, data) {
			copies++
			if filepath.Base(p) != key {
				t.Errorf("stored as %s, want its SHA-256", p)
			}
		}
	}
	if copies != 1 {
		t.Errorf("the file is stored %d times under the data folder, want once", copies)
	}
}

func testTracking(t *testing.T, ts *testServer, spec *apiSpec) {
	rec := ts.file(spec, map[string]any{"category": "gambling", "content": "赌博网站推广，带有充值链接。",
		"urls": []any{"https://example.com/bet"}, "reporter": map[string]any{"phone": "+86 138-0013-8000"}})
	for _, form := range []struct{ code, secret string }{
		{rec.TrackingCode, rec.Secret},
		{strings.ToLower(rec.TrackingCode), strings.ToLower(rec.Secret)},
		{strings.ReplaceAll(rec.TrackingCode, "-", ""), strings.ReplaceAll(rec.Secret, "-", "")},
		{" " + strings.ToLower(strings.ReplaceAll(rec.TrackingCode, "-", "")) + " ", strings.ReplaceAll(strings.ToLower(rec.Secret), "-", " ")},
	} {
		v := ts.track(spec, form.code, form.secret)
		if v.TrackingCode != rec.TrackingCode {
			t.Errorf("%q: tracked %s", form.code, v.TrackingCode)
		}
		if got := v.actions(); len(got) != 1 || got[0] != "submitted" || v.Timeline[0].Status != "submitted" {
			t.Errorf("timeline %v", got)
		}
		if v.Reply != nil || v.CanRate || !v.CanAddMaterial {
			t.Errorf("fresh case: %+v", v)
		}
	}
}

func testMaterial(t *testing.T, ts *testServer, spec *apiSpec) {
	rec := ts.file(spec, map[string]any{"category": "fraud", "content": "冒充客服要求退款转账。",
		"urls": []any{"https://example.com/kefu"}, "reporter": map[string]any{"anonymous": true}})
	id := ts.uploadID("chat.png", pngFile(t, 9))
	r := ts.postJSON("/api/v1/reports/track/material", map[string]any{
		"code": strings.ToLower(rec.TrackingCode), "secret": rec.Secret, "text": "对方又发来新的收款账户。", "evidence_ids": []any{id}})
	if r.Status != http.StatusCreated {
		t.Fatalf("material: %d %s", r.Status, r.Body)
	}
	spec.check(t, "POST", "/api/v1/reports/track/material", r)
	var v caseView
	r.JSON(t, &v)
	if len(v.Materials) != 1 || v.Materials[0].Text != "对方又发来新的收款账户。" || v.Materials[0].Files != 1 || v.EvidenceCount != 1 {
		t.Errorf("after material: %+v", v)
	}
	if got := strings.Join(v.actions(), ","); got != "submitted,material_added" {
		t.Errorf("timeline %s", got)
	}
	// The file now belongs to this case; it cannot be attached again.
	again := ts.postJSON("/api/v1/reports/track/material", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "evidence_ids": []any{id}})
	if again.Status != http.StatusBadRequest {
		t.Errorf("re-attaching: %d %s", again.Status, again.Body)
	}
}

func testRating(t *testing.T, ts *testServer, spec *apiSpec) {
	rec := ts.file(spec, map[string]any{"category": "rumor", "content": "网传某地发生疫情，系谣言。",
		"urls": []any{"https://example.com/yiqing"}, "reporter": map[string]any{"email": "a@example.com"}})
	rate := func(satisfied bool, comment string) response {
		return ts.postJSON("/api/v1/reports/track/rating", map[string]any{"code": rec.TrackingCode, "secret": rec.Secret, "satisfied": satisfied, "comment": comment})
	}
	if r := rate(true, ""); r.Status != http.StatusConflict {
		t.Errorf("rating before a reply: %d %s", r.Status, r.Body)
	}
	ts.reply(rec.TrackingCode, "经核实，该信息为谣言，已通知平台删除。")
	v := ts.track(spec, rec.TrackingCode, rec.Secret)
	if !v.CanRate || v.Reply == nil || v.Reply.Kind != "reply" || v.Status != "replied" {
		t.Fatalf("after the reply: %+v", v)
	}
	r := rate(false, "处理太慢")
	if r.Status != http.StatusCreated {
		t.Fatalf("rating: %d %s", r.Status, r.Body)
	}
	spec.check(t, "POST", "/api/v1/reports/track/rating", r)
	r.JSON(t, &v)
	if v.CanRate {
		t.Error("can_rate still true after rating")
	}
	// Not satisfied: the rating is recorded and the case goes back to assessment.
	rated, last := v.Timeline[len(v.Timeline)-2], v.Timeline[len(v.Timeline)-1]
	if rated.Action != "rated" || !strings.Contains(rated.Note, "不满意") || !strings.Contains(rated.Note, "处理太慢") {
		t.Errorf("rating timeline entry %+v", rated)
	}
	if last.Action != "reopened" || v.Status != "assessing" {
		t.Errorf("after a dissatisfied rating: status %s, last entry %+v", v.Status, last)
	}
	if r := rate(true, ""); r.Status != http.StatusConflict {
		t.Errorf("second rating: %d %s", r.Status, r.Body)
	}
	if n := ts.count("report_ratings"); n != 1 {
		t.Errorf("%d ratings stored", n)
	}
}

func testEncryptedAtRest(t *testing.T, ts *testServer, spec *apiSpec) {
	const name, phone, email = "赵敏感", "13655556666", "zhao.private@example.org"
	rep := enterpriseReport(ts.uploadID("lic.pdf", []byte(pdfFile+"%enc\n")), ts.uploadID("poa.png", pngFile(t, 50)), true)
	rep["reporter"] = map[string]any{"name": name, "phone": phone, "email": email}
	rec := ts.file(spec, rep)

	var sealedName, sealedPhone, sealedEmail, phoneIdx, emailIdx, private []byte
	var fields string
	err := ts.DB.Read().QueryRow(`SELECT reporter_name, reporter_phone, reporter_email, reporter_phone_idx, reporter_email_idx, zone_fields, zone_private
		FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&sealedName, &sealedPhone, &sealedEmail, &phoneIdx, &emailIdx, &fields, &private)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []struct {
		name   string
		sealed []byte
		plain  string
	}{{"reporter_name", sealedName, name}, {"reporter_phone", sealedPhone, phone}, {"reporter_email", sealedEmail, email}} {
		for _, stored := range [][]byte{sealedName, sealedPhone, sealedEmail, phoneIdx, emailIdx} {
			if bytes.Contains(stored, []byte(col.plain)) || bytes.Contains(stored, []byte(phone[3:])) {
				t.Errorf("plaintext of %s found in a reporter_* column", col.name)
			}
		}
		if got, err := ts.Keys.Open(col.sealed); err != nil || got != col.plain {
			t.Errorf("%s does not open to the plaintext: %q %v", col.name, got, err)
		}
	}
	if len(phoneIdx) == 0 || len(emailIdx) == 0 {
		t.Error("phone or e-mail index not set")
	}
	var zf map[string]any
	if err := json.Unmarshal([]byte(fields), &zf); err != nil {
		t.Fatal(err)
	}
	for _, sensitive := range []string{"agent_name", "agent_id_number", "agent_phone"} {
		if _, ok := zf[sensitive]; ok {
			t.Errorf("%s stored in zone_fields", sensitive)
		}
	}
	if strings.Contains(fields, "李代理") || strings.Contains(fields, validID) || bytes.Contains(private, []byte("李代理")) || bytes.Contains(private, []byte(validID)) {
		t.Error("agent identity stored in plaintext")
	}
	opened, err := ts.Keys.Open(private)
	if err != nil {
		t.Fatalf("zone_private does not open: %v", err)
	}
	var priv map[string]any
	json.Unmarshal([]byte(opened), &priv)
	if priv["agent_name"] != "李代理" || priv["agent_id_number"] != validID || priv["agent_phone"] != "13912345678" {
		t.Errorf("zone_private holds %v", priv)
	}
	if zf["credit_code"] != validUSCC || zf["filer"] != "agent" {
		t.Errorf("zone_fields %v", zf)
	}
	// The reporter's data never comes back through the API.
	body := ts.get("/api/v1/reports/track?code=" + rec.TrackingCode + "&secret=" + rec.Secret).Body
	for _, s := range []string{name, phone, email, "李代理", validID} {
		if bytes.Contains(body, []byte(s)) {
			t.Errorf("track answer shows %s", s)
		}
	}
}
