package urlnorm

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "https://www.example.com/a", "https://www.example.com/a"},
		{"trim", "  https://example.com/a \n", "https://example.com/a"},
		{"bare host gets http", "www.example.com/a", "http://www.example.com/a"},
		{"bare host no path", "example.com", "http://example.com/"},
		{"bare host with port", "example.com:8080/x", "http://example.com:8080/x"},
		{"protocol relative", "//example.com/x", "http://example.com/x"},
		{"empty path", "http://example.com", "http://example.com/"},
		{"uppercase scheme and host", "HTTPS://WWW.Example.COM/Path", "https://www.example.com/Path"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"non-default port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"port 443 on http kept", "http://example.com:443/", "http://example.com:443/"},
		{"empty port", "http://example.com:/a", "http://example.com/a"},
		{"fragment dropped", "https://example.com/a#section-2", "https://example.com/a"},
		{"spa hash route kept", "https://example.com/#/post/123", "https://example.com/#/post/123"},
		{"hashbang kept", "https://example.com/#!/post/123", "https://example.com/#!/post/123"},
		{"empty query removed", "https://example.com/a?", "https://example.com/a"},
		{"empty query and fragment", "https://example.com/a?#top", "https://example.com/a"},
		{"query order kept", "https://example.com/s?b=2&a=1&b=1", "https://example.com/s?b=2&a=1&b=1"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"dot segments above root", "https://example.com/../../a", "https://example.com/a"},
		{"trailing dotdot", "https://example.com/a/b/..", "https://example.com/a/"},
		{"encoded dots", "https://example.com/a/%2e%2E/b", "https://example.com/b"},
		{"escape case and unreserved", "https://example.com/%7euser/%e4%bd%a0", "https://example.com/~user/%E4%BD%A0"},
		{"space in path", "https://example.com/a b/c", "https://example.com/a%20b/c"},
		{"space in query", "https://example.com/s?q=hello world", "https://example.com/s?q=hello%20world"},
		{"chinese path", "https://example.com/新闻/1", "https://example.com/%E6%96%B0%E9%97%BB/1"},
		{"chinese query", "https://example.com/s?q=谣言", "https://example.com/s?q=%E8%B0%A3%E8%A8%80"},
		{"chinese IDN", "http://例子.中国/路径", "http://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"},
		{"chinese IDN ideographic dot", "例子。中国", "http://xn--fsqu00a.xn--fiqs8s/"},
		{"IDN already punycode", "http://XN--FSQU00A.xn--fiqs8s/", "http://xn--fsqu00a.xn--fiqs8s/"},
		{"full-width input", "ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ／ａ", "https://www.example.com/a"},
		{"full-width colon only", "https：//example.com/a", "https://example.com/a"},
		{"line break inside", "https://example.com/very/long\n/path", "https://example.com/very/long/path"},
		{"backslashes", `http:\\example.com\a\b`, "http://example.com/a/b"},
		{"single slash", "http:/example.com/a", "http://example.com/a"},
		{"trailing dot host", "http://example.com./a", "http://example.com/a"},
		{"underscore host", "http://my_blog.example.com/", "http://my_blog.example.com/"},
		{"ipv4", "http://192.168.1.1:08080/x", "http://192.168.1.1:8080/x"},
		{"ipv6", "http://[2001:DB8:0:0::1]:443/x", "http://[2001:db8::1]:443/x"},
		{"ipv6 default port", "https://[::1]:443/", "https://[::1]/"},
		{"userinfo kept", "http://www.icbc.com.cn@evil.example/login", "http://www.icbc.com.cn@evil.example/login"},
		{"bad percent", "https://example.com/100%", "https://example.com/100%25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil {
				t.Fatalf("Normalize(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// Normalizing is idempotent, or dedup would depend on history.
			if again, err := Normalize(got); err != nil || again != got {
				t.Errorf("Normalize(%q) = %q, %v; want it unchanged", got, again, err)
			}
		})
	}
}

func TestNormalizeRefuses(t *testing.T) {
	tests := []struct {
		name, in, reason string
	}{
		{"empty", "", ReasonEmpty},
		{"blank", "  \t ", ReasonEmpty},
		{"too long", "https://example.com/" + strings.Repeat("a", MaxLen), ReasonTooLong},
		{"javascript", "javascript:alert(1)", ReasonBadScheme},
		{"javascript mixed case", "JavaScript:alert(document.cookie)", ReasonBadScheme},
		{"data", "data:text/html;base64,PHNjcmlwdD4=", ReasonBadScheme},
		{"ftp", "ftp://example.com/file", ReasonBadScheme},
		{"file", "file:///etc/passwd", ReasonBadScheme},
		{"mailto", "mailto:a@example.com", ReasonBadScheme},
		{"no host", "http://", ReasonBadHost},
		{"no host with path", "https:///", ReasonBadHost},
		{"single label", "http://localhost/", ReasonBadHost},
		{"space in host", "http://exa mple.com/", ReasonBadHost},
		{"bad ipv4", "http://999.1.1.1/", ReasonBadHost},
		// Browsers read "010" as octal; refusing is safer than guessing.
		{"ipv4 leading zero", "http://192.168.010.1/", ReasonBadHost},
		{"numeric tld", "http://example.123/", ReasonBadHost},
		{"empty label", "http://a..example.com/", ReasonBadHost},
		{"bad ipv6", "http://[2001:db8::zz]/", ReasonBadHost},
		{"unclosed ipv6", "http://[2001:db8::1/", ReasonBadHost},
		{"label too long", "http://" + strings.Repeat("a", 64) + ".com/", ReasonBadHost},
		{"bad punycode", "http://xn--a.example.com/", ReasonBadHost},
		{"bad port", "http://example.com:99999/", ReasonMalformed},
		{"letters in port", "http://example.com:8o/", ReasonMalformed},
		{"just text", "这不是网址", ReasonBadHost},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Normalize(%q) = %q, %v; want *Error %s", tt.in, got, err, tt.reason)
			}
			if e.Reason != tt.reason {
				t.Errorf("Normalize(%q) reason %q, want %q (%v)", tt.in, e.Reason, tt.reason, err)
			}
			if !strings.HasPrefix(e.Error(), "urlnorm: ") {
				t.Errorf("Error() = %q", e.Error())
			}
		})
	}
}

func TestNormalizeList(t *testing.T) {
	in := []string{
		"https://Example.com/a",
		"",
		"example.com/b",
		"https://example.com/a#top",
		"javascript:alert(1)",
		"http://example.com/b",
		"https://example.com/c",
	}
	got, errs := NormalizeList(in, 0)
	want := []string{"https://example.com/a", "http://example.com/b", "https://example.com/c"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(errs) != 1 || errs[0].(*Error).Reason != ReasonBadScheme {
		t.Errorf("errs = %v, want one bad_scheme", errs)
	}

	got, errs = NormalizeList(in, 2)
	if len(got) != 2 || len(errs) != 2 || errs[1].(*Error).Reason != ReasonTooMany {
		t.Errorf("max 2: got %q, errs %v", got, errs)
	}
}
