package category

import (
	"strings"
	"testing"
)

func TestCategoriesOrder(t *testing.T) {
	var got []string
	for _, c := range Categories() {
		got = append(got, c.Code+"="+c.Label.Zh)
		if c.Label.En == "" || c.Desc.Zh == "" || c.Desc.En == "" {
			t.Errorf("%s: incomplete text %+v", c.Code, c)
		}
	}
	want := "terror=暴恐 fraud=诈骗 porn=色情 vulgar=低俗 gambling=赌博 infringement=侵权 rumor=谣言 other=其他"
	if strings.Join(got, " ") != want {
		t.Errorf("got %v", got)
	}
	if _, ok := LookupCategory("rumour"); ok {
		t.Error("LookupCategory found a code that does not exist")
	}
}

func TestCallersCannotAlterDefinitions(t *testing.T) {
	Categories()[0].Label.Zh = "x"
	Zones()[0].Fields[0].Required = false
	if Categories()[0].Label.Zh != "暴恐" || !Zones()[0].Fields[0].Required {
		t.Error("definitions changed through a returned slice")
	}
}

// TestZoneDefinitions guards against mistakes the compiler cannot see.
func TestZoneDefinitions(t *testing.T) {
	var order []string
	for _, z := range Zones() {
		order = append(order, z.Code)
		seen := map[string]bool{}
		for _, f := range z.Fields {
			if seen[f.Code] {
				t.Errorf("%s.%s: duplicate field", z.Code, f.Code)
			}
			seen[f.Code] = true
			if f.Label.Zh == "" || f.Label.En == "" {
				t.Errorf("%s.%s: label missing a language", z.Code, f.Code)
			}
			isSelect := f.Type == TypeSelect || f.Type == TypeMultiSelect
			if isSelect != (len(f.Options) > 0) {
				t.Errorf("%s.%s: options do not match type %s", z.Code, f.Code, f.Type)
			}
			if f.MustBeTrue && (f.Type != TypeBool || f.Help.Zh == "") {
				t.Errorf("%s.%s: a declaration must be a Bool with its text in Help", z.Code, f.Code)
			}
			if c := f.RequiredIf; c != nil {
				other, ok := z.Field(c.Field)
				if !ok || !other.hasOption(c.Equals) {
					t.Errorf("%s.%s: RequiredIf refers to %s=%s which does not exist", z.Code, f.Code, c.Field, c.Equals)
				}
			}
		}
	}
	want := "enterprise_infringement cyberviolence elderly_fraud algorithm practitioner historical_nihilism"
	if strings.Join(order, " ") != want {
		t.Errorf("zones %v", order)
	}
}

func TestTextIn(t *testing.T) {
	tx := Text{Zh: "谣言", En: "Rumor"}
	for lang, want := range map[string]string{"en": "Rumor", "en-US": "Rumor", "EN": "Rumor", "zh-CN": "谣言", "": "谣言", "fr": "谣言"} {
		if got := tx.In(lang); got != want {
			t.Errorf("In(%q) = %q, want %q", lang, got, want)
		}
	}
	if got := (Text{Zh: "其他"}).In("en"); got != "其他" {
		t.Errorf("missing English should fall back to Chinese, got %q", got)
	}
}
