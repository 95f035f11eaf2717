package category

import (
	"testing"
	"time"
)

var testNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func TestUSCC(t *testing.T) {
	tests := []struct {
		name, in, want, reason string // want is the normalized code
	}{
		// Commonly cited public examples, verified with this implementation.
		{"public example Fuzhou", "91350100M000100Y43", "91350100M000100Y43", ""},
		{"public example Beijing", "91110000802100433B", "91110000802100433B", ""},
		// Computed codes covering each checked authority and kind.
		{"enterprise", "91440300708461136T", "91440300708461136T", ""},
		{"individual business", "92440300L12345678R", "92440300L12345678R", ""},
		{"public institution", "12100000400000000W", "12100000400000000W", ""},
		{"social organization", "51110000500000000B", "51110000500000000B", ""},
		{"other authority Y", "Y1110000MA0000001Y", "Y1110000MA0000001Y", ""},
		{"law firm (later authority 3)", "31110000E00000000K", "31110000E00000000K", ""},
		{"lower case", "91110000802100433b", "91110000802100433B", ""},
		{"full width", "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", ""},
		{"spaces from copying", " 9135 0100 M000 100Y43 ", "91350100M000100Y43", ""},
		{"wrong check char", "91350100M000100Y44", "", ReasonBadChecksum},
		{"transposed digits", "91110000812000433B", "", ReasonBadChecksum},
		{"forbidden letter O", "91350100MOOO100Y43", "", ReasonBadFormat},
		{"forbidden letter S", "91350100M000100Y4S", "", ReasonBadFormat},
		{"forbidden letters I Z V", "91350100MIZV100Y43", "", ReasonBadFormat},
		{"too short", "91350100M000100Y4", "", ReasonBadFormat},
		{"too long", "91350100M000100Y431", "", ReasonBadFormat},
		{"old 15-digit registration number", "110108000000016", "", ReasonBadFormat},
		{"unknown authority", "B1350100M000100Y43", "", ReasonBadFormat},
		{"kind not valid for 工商", "94350100M000100Y43", "", ReasonBadFormat},
		{"letter in division code", "9135A100M000100Y43", "", ReasonBadFormat},
	}
	z, _ := LookupZone("enterprise_infringement")
	f, _ := z.Field("credit_code")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := f.normalize(tt.in, testNow)
			if tt.reason == "" {
				if len(errs) != 0 || got != tt.want {
					t.Fatalf("normalize(%q) = %v, %v; want %q", tt.in, got, errs, tt.want)
				}
				return
			}
			if len(errs) != 1 || errs[0].Reason != tt.reason {
				t.Fatalf("normalize(%q) = %v, %v; want reason %s", tt.in, got, errs, tt.reason)
			}
		})
	}
}

func TestUSCCCheckCharMatchesEveryPosition(t *testing.T) {
	// Changing any single character of a valid code must break it: the
	// weights are all non-zero mod 31, so the check catches every typo.
	const good = "91350100M000100Y43"
	for i := 2; i < 17; i++ {
		b := []byte(good)
		if b[i] == '1' {
			b[i] = '2'
		} else {
			b[i] = '1'
		}
		if r := checkUSCC(string(b)); r != ReasonBadChecksum {
			t.Errorf("%s (position %d changed): reason %q, want bad_checksum", b, i+1, r)
		}
	}
}

func TestIDCard(t *testing.T) {
	tests := []struct {
		name, in, want, reason string
	}{
		{"GB 11643 example with X", "11010519491231002X", "11010519491231002X", ""},
		{"lower-case x", "11010519491231002x", "11010519491231002X", ""},
		{"digit check", "350102198511200026", "350102198511200026", ""},
		{"full width", "３５０１０２１９８５１１２０００２６", "350102198511200026", ""},
		{"born 2000", "110101200001010010", "110101200001010010", ""},
		{"wrong check digit", "110105194912310021", "", ReasonBadChecksum},
		{"impossible date", "110105194902300021", "", ReasonBadFormat},
		{"born in the future", "110105203001010012", "", ReasonBadFormat},
		{"born before 1900", "110105189901010012", "", ReasonBadFormat},
		{"unknown province", "990105194912310021", "", ReasonBadFormat},
		{"old 15 digits", "110105491231002", "", ReasonBadFormat},
		{"X in the middle", "1101051949123X002X", "", ReasonBadFormat},
	}
	z, _ := LookupZone("enterprise_infringement")
	f, _ := z.Field("agent_id_number")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := f.normalize(tt.in, testNow)
			if tt.reason == "" {
				if len(errs) != 0 || got != tt.want {
					t.Fatalf("normalize(%q) = %v, %v; want %q", tt.in, got, errs, tt.want)
				}
				return
			}
			if len(errs) != 1 || errs[0].Reason != tt.reason {
				t.Fatalf("normalize(%q) = %v, %v; want reason %s", tt.in, got, errs, tt.reason)
			}
		})
	}
}

func TestIDCardEveryCheckChar(t *testing.T) {
	// One number for each of the 11 possible check characters, so a wrong
	// entry in the MOD 11-2 table cannot go unnoticed.
	valid := []string{
		"440304199003071010", "440304199003071061", "440304199003071002", "440304199003071053",
		"440304199003071184", "440304199003071045", "440304199003071096", "440304199003071037",
		"440304199003071088", "440304199003071029", "44030419900307107X",
	}
	seen := map[byte]bool{}
	for _, s := range valid {
		seen[s[17]] = true
		if r := checkIDCard(s, testNow); r != "" {
			t.Errorf("%s: %s", s, r)
		}
		for _, c := range []byte("0123456789X") {
			if c != s[17] && checkIDCard(s[:17]+string(c), testNow) != ReasonBadChecksum {
				t.Errorf("%s with check %c accepted", s[:17], c)
			}
		}
	}
	if len(seen) != 11 {
		t.Errorf("only %d check characters covered", len(seen))
	}
}
