package category

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// goodInputs holds one complete, valid JSON-style submission per zone.
var goodInputs = map[string]map[string]any{
	"enterprise_infringement": {
		"kind": "rumor", "enterprise_name": "  福州某某科技有限公司 ", "credit_code": "91350100M000100Y43",
		"filer": "agent", "license_files": []any{"ev_01", "ev_02"},
		"agent_name": "张三", "agent_id_number": "11010519491231002x", "agent_phone": "+86 138-0013-8000",
		"power_of_attorney_files": []any{"poa-1"},
		"infringing_urls":         []any{"https://WEIBO.com/1234/abc", "weibo.com/1234/abc#comments"},
		"evidence_summary":        "该帖称我司产品致癌，与检测报告不符。\r\n附检测报告。",
		"evidence_files":          []any{"ev_03"},
		"declaration":             true,
	},
	"cyberviolence":       {"victim": "self", "kind": "doxxing", "victim_name": "李四", "started_on": "2025-05-20"},
	"elderly_fraud":       {"victim_age_band": "70-79", "amount": json.Number("12000.50"), "fraud_type": "health_products"},
	"algorithm":           {"app_name": "某某外卖", "problem": "worker_rights"},
	"practitioner":        {"practitioner_account": "@某某自媒体", "practitioner_name": "王五", "employer_platform": "某某新闻客户端", "misconduct": "paid_deletion"},
	"historical_nihilism": {"subject_kind": "person", "subject": "邱少云", "content_kind": "defamation"},
}

func TestEveryZoneAcceptsAGoodInput(t *testing.T) {
	for _, z := range Zones() {
		in, ok := goodInputs[z.Code]
		if !ok {
			t.Errorf("no good input for zone %s", z.Code)
			continue
		}
		clean, errs := z.validate(in, testNow)
		if len(errs) != 0 {
			t.Errorf("%s: unexpected errors %v", z.Code, errs)
		}
		if len(clean) != len(in) {
			t.Errorf("%s: clean has %d fields, input %d: %v", z.Code, len(clean), len(in), clean)
		}
		if _, ok := LookupCategory(z.DefaultCategory); !ok {
			t.Errorf("%s: default category %q does not exist", z.Code, z.DefaultCategory)
		}
	}
}

func TestCleanValues(t *testing.T) {
	z, _ := LookupZone("enterprise_infringement")
	clean, errs := z.validate(goodInputs[z.Code], testNow)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := map[string]any{
		"enterprise_name":  "福州某某科技有限公司",
		"agent_id_number":  "11010519491231002X",
		"agent_phone":      "13800138000",
		"license_files":    []string{"ev_01", "ev_02"},
		"infringing_urls":  []string{"https://weibo.com/1234/abc", "http://weibo.com/1234/abc"},
		"evidence_summary": "该帖称我司产品致癌，与检测报告不符。\n附检测报告。",
		"declaration":      true,
	}
	for k, v := range want {
		if !reflect.DeepEqual(clean[k], v) {
			t.Errorf("clean[%s] = %#v, want %#v", k, clean[k], v)
		}
	}
	ef, _ := LookupZone("elderly_fraud")
	clean, _ = ef.validate(goodInputs["elderly_fraud"], testNow)
	if clean["amount"] != 12000.5 {
		t.Errorf("amount = %#v, want float64 12000.5", clean["amount"])
	}
}

// TestFormValues submits what net/http's ParseForm produces: []string.
func TestFormValues(t *testing.T) {
	z, _ := LookupZone("enterprise_infringement")
	form := map[string]any{
		"kind": []string{"impersonation"}, "enterprise_name": []string{"某某公司"},
		"credit_code": []string{"９１１１００００８０２１００４３３ｂ"}, "filer": []string{"self"},
		"license_files":    []string{"ev_01,ev_02"},
		"infringing_urls":  []string{"https://example.com/a\r\n\r\nexample.com/b\n"},
		"evidence_summary": []string{"仿冒我司官网"}, "declaration": []string{"on"},
		// Sent by the form although filer=self: must be dropped.
		"agent_name": []string{""}, "agent_id_number": []string{"110105194912310021"},
	}
	clean, errs := z.validate(form, testNow)
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if clean["credit_code"] != "91110000802100433B" || clean["declaration"] != true {
		t.Errorf("clean = %v", clean)
	}
	if got := clean["license_files"]; !reflect.DeepEqual(got, []string{"ev_01", "ev_02"}) {
		t.Errorf("license_files = %#v", got)
	}
	if got := clean["infringing_urls"]; !reflect.DeepEqual(got, []string{"https://example.com/a", "http://example.com/b"}) {
		t.Errorf("infringing_urls = %#v", got)
	}
	if _, ok := clean["agent_id_number"]; ok {
		t.Error("agent data kept although filer=self")
	}

	ef, _ := LookupZone("elderly_fraud")
	clean, errs = ef.validate(map[string]any{"victim_age_band": []string{"80+"}, "amount": []string{"１２,０００"}, "fraud_type": []string{"antiques"}}, testNow)
	if len(errs) != 0 || clean["amount"] != 12000.0 {
		t.Errorf("amount from form: %v %v", clean, errs)
	}
}

func TestRequiredIfAgent(t *testing.T) {
	z, _ := LookupZone("enterprise_infringement")
	in := copyOf(goodInputs[z.Code])
	for _, k := range []string{"agent_name", "agent_id_number", "agent_phone", "power_of_attorney_files"} {
		delete(in, k)
	}
	_, errs := z.validate(in, testNow)
	got := codes(errs)
	if want := "agent_name:required agent_id_number:required agent_phone:required power_of_attorney_files:required"; got != want {
		t.Errorf("errors %q, want %q", got, want)
	}
	in["filer"] = "self"
	if _, errs := z.validate(in, testNow); len(errs) != 0 {
		t.Errorf("filer=self: %v", errs)
	}
}

func TestMustBeTrue(t *testing.T) {
	z, _ := LookupZone("enterprise_infringement")
	for _, v := range []any{nil, false, "", "off", []string{"0"}} {
		in := copyOf(goodInputs[z.Code])
		if v == nil {
			delete(in, "declaration")
		} else {
			in["declaration"] = v
		}
		_, errs := z.validate(in, testNow)
		if len(errs) != 1 || errs[0].Reason != ReasonMustAccept || !strings.Contains(errs[0].Msg.Zh, "承担相应法律责任") {
			t.Errorf("declaration=%#v: %v", v, errs)
		}
	}
}

func copyOf(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

func codes(errs []FieldError) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Field+":"+e.Reason)
	}
	return strings.Join(s, " ")
}
