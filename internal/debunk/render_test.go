package debunk_test

import (
	"regexp"
	"strings"
	"testing"

	"qinglang/internal/debunk"
)

func TestRenderXSS(t *testing.T) {
	payloads := []string{
		`<script>alert(1)</script>`,
		`<img src=x onerror=alert(1)>`,
		`<img src="javascript:alert(1)">`,
		`<a href="javascript:alert(1)">x</a>`,
		`<svg onload=alert(1)><circle r=1 /></svg>`,
		`<iframe src="https://evil.example"></iframe>`,
		`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
		`<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">`,
		`<a href="jav&#x61;script:alert(1)">x</a>`,
		`<a href="JaVaScRiPt:alert(1)">x</a>`,
		`<a href=" javascript:alert(1)">x</a>`,
		"<a href=\"java\tscript:alert(1)\">x</a>",
		`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
		`<p style="width: expression(alert(1))" class="evil">x</p>`,
		`<form action="javascript:alert(1)"><input type=submit></form>`,
		`<object data="javascript:alert(1)"></object>`,
		`<embed src="javascript:alert(1)">`,
		`[x](javascript:alert(1))`,
		`[x](JAVASCRIPT:alert(1) "t")`,
		`![x](javascript:alert(1))`,
		`<javascript:alert(1)>`,
		`www.example.com/<script>alert(1)</script>`,
		"# title\n\n<div onclick=\"alert(1)\">raw html in markdown</div>",
		`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`,
		`<math href="javascript:alert(1)">x</math>`,
		`<details open ontoggle=alert(1)>x</details>`,
		`<body onload=alert(1)>`,
		`<a href="x" onmouseover="alert(1)">x</a>`,
		`<base href="javascript:alert(1)//">`,
		`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
		`<link rel=stylesheet href="https://evil.example/x.css">`,
		`<style>body{background:url(javascript:alert(1))}</style>`,
		"```html\n<script>alert(1)</script>\n```",
		`<img src="https://ok.example/a.png" onload="alert(1)">`,
	}
	onAttr := regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	badURL := regexp.MustCompile(`(?i)(href|src|action|data)\s*=\s*["']?\s*(javascript|data|vbscript):`)
	for _, p := range payloads {
		out := strings.ToLower(string(debunk.Render(p)))
		if strings.Contains(out, "<script") || strings.Contains(out, "<iframe") || strings.Contains(out, "<object") ||
			strings.Contains(out, "<embed") || strings.Contains(out, "<form") || strings.Contains(out, "<svg") ||
			strings.Contains(out, "<style") || strings.Contains(out, "<base") || strings.Contains(out, "<meta") || strings.Contains(out, "<link") ||
			strings.Contains(out, "style=") || strings.Contains(out, "class=\"evil") ||
			onAttr.MatchString(out) || badURL.MatchString(out) || strings.Contains(out, "javascript:alert") && strings.Contains(out, "href") {
			t.Errorf("payload %q rendered unsafe: %s", p, out)
		}
	}
}

func TestRenderKeepsContent(t *testing.T) {
	out := string(debunk.Render("见 [通报](https://zjj.example.gov.cn/1) 与 https://example.org\n\n![图](https://img.example/a.png)\n\n![本站](/static/a.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |"))
	for _, want := range []string{`href="https://zjj.example.gov.cn/1"`, `nofollow`, `noopener`, `noreferrer`, `target="_blank"`,
		`href="https://example.org"`, `src="https://img.example/a.png"`, `src="/static/a.png"`, `<table>`, `<td>2</td>`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s in %s", want, out)
		}
	}
}
