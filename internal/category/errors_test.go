package category

import (
	"strings"
	"testing"
)

func TestFieldErrors(t *testing.T) {
	tests := []struct {
		name, zone string
		change     map[string]any // applied to the zone's good input; nil value deletes
		want       string         // "field:reason …" in order
	}{
		{"required text", "algorithm", map[string]any{"app_name": "  "}, "app_name:required"},
		{"required select missing", "algorithm", map[string]any{"problem": nil}, "problem:required"},
		{"unknown field", "algorithm", map[string]any{"ap_name": "x"}, "ap_name:unknown_field"},
		{"invalid option", "cyberviolence", map[string]any{"kind": "slander"}, "kind:invalid_option"},
		{"option label is not a code", "cyberviolence", map[string]any{"victim": "本人"}, "victim:invalid_option"},
		{"too long", "algorithm", map[string]any{"app_name": strings.Repeat("长", 101)}, "app_name:too_long"},
		{"not a number", "elderly_fraud", map[string]any{"amount": "一万"}, "amount:not_number"},
		{"number with exponent", "elderly_fraud", map[string]any{"amount": "1e5"}, "amount:not_number"},
		{"negative amount", "elderly_fraud", map[string]any{"amount": -1.0}, "amount:out_of_range"},
		{"huge amount", "elderly_fraud", map[string]any{"amount": "20000000000"}, "amount:out_of_range"},
		{"future date", "cyberviolence", map[string]any{"started_on": "2030-01-01"}, "started_on:out_of_range"},
		{"bad date", "cyberviolence", map[string]any{"started_on": "5月20日"}, "started_on:bad_format"},
		{"uscc checksum", "enterprise_infringement", map[string]any{"credit_code": "91350100M000100Y44"}, "credit_code:bad_checksum"},
		{"id checksum", "enterprise_infringement", map[string]any{"agent_id_number": "110105194912310021"}, "agent_id_number:bad_checksum"},
		{"bad phone", "enterprise_infringement", map[string]any{"agent_phone": "0591-12345678"}, "agent_phone:bad_format"},
		{"bad file id", "enterprise_infringement", map[string]any{"license_files": []any{"../etc/passwd"}}, "license_files:bad_format"},
		{"number for text", "algorithm", map[string]any{"app_name": 12.0}, "app_name:bad_format"},
		{"two values for one select", "algorithm", map[string]any{"problem": []string{"addiction", "minors"}}, "problem:bad_format"},
		{"declaration refused", "enterprise_infringement", map[string]any{"declaration": false}, "declaration:must_accept"},
		{"javascript url", "enterprise_infringement", map[string]any{"infringing_urls": []any{"https://example.com/", "javascript:alert(1)"}}, "infringing_urls:bad_url"},
		{"two bad urls", "enterprise_infringement", map[string]any{"infringing_urls": "ftp://x.com/\nhttp://localhost/"}, "infringing_urls:bad_url infringing_urls:bad_url"},
		{"too many urls", "enterprise_infringement", map[string]any{"infringing_urls": manyURLs(21)}, "infringing_urls:too_many"},
		{"duplicates do not count twice", "enterprise_infringement", map[string]any{"infringing_urls": append(manyURLs(20), "HTTPS://example.com/p/0#x")}, ""},
		{"too many files", "enterprise_infringement", map[string]any{"power_of_attorney_files": "a,b,c,d,e,f"}, "power_of_attorney_files:too_many"},
		{"errors in field order, unknown last", "enterprise_infringement",
			map[string]any{"zzz": 1, "declaration": nil, "credit_code": "123", "kind": "x", "infringing_urls": nil},
			"kind:invalid_option credit_code:bad_format infringing_urls:required declaration:must_accept zzz:unknown_field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, ok := LookupZone(tt.zone)
			if !ok {
				t.Fatalf("no zone %s", tt.zone)
			}
			in := copyOf(goodInputs[tt.zone])
			for k, v := range tt.change {
				if v == nil {
					delete(in, k)
				} else {
					in[k] = v
				}
			}
			clean, errs := z.validate(in, testNow)
			if got := codes(errs); got != tt.want {
				t.Fatalf("errors %q, want %q", got, tt.want)
			}
			for _, e := range errs {
				if e.Msg.Zh == "" || e.Msg.En == "" {
					t.Errorf("%s: message missing a language: %+v", e.Field, e.Msg)
				}
				if _, bad := clean[e.Field]; bad {
					t.Errorf("%s: refused value still in clean", e.Field)
				}
			}
		})
	}
}

func TestMessagesNameTheField(t *testing.T) {
	z, _ := LookupZone("enterprise_infringement")
	in := copyOf(goodInputs[z.Code])
	in["credit_code"] = "91350100M000100Y44"
	in["infringing_urls"] = "javascript:alert(1)"
	_, errs := z.validate(in, testNow)
	want := Text{Zh: "「统一社会信用代码」校验位不正确，请核对营业执照上的18位代码",
		En: "Unified social credit code: the check character is wrong; copy the 18 characters from the business license"}
	if len(errs) != 2 || errs[0].Msg != want {
		t.Fatalf("got %+v", errs)
	}
	if m := errs[1].Msg; !strings.Contains(m.Zh, "「侵权信息网址」") || !strings.Contains(m.En, "javascript:alert(1)") {
		t.Errorf("url message %+v", m)
	}
}

func manyURLs(n int) []any {
	var u []any
	for i := range n {
		u = append(u, "https://example.com/p/"+string(rune('0'+i%10))+strings.Repeat("x", i/10))
	}
	return u
}
