package monitor

import (
	"bytes"
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"qinglang/internal/sla"
)

var utf8BOM = []byte("\xef\xbb\xbf")

// xmlEncodingDecl finds the encoding of an XML declaration.
var xmlEncodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']`)

// feedReader decodes a body whose charset only the HTTP header names; a
// body that declares its own encoding is left to charsetReader, since
// the declaration travels with the bytes and a header is often a
// server's default.
func feedReader(body []byte, contentType string) (io.Reader, error) {
	body = bytes.TrimPrefix(body, utf8BOM)
	if xmlEncodingDecl.Match(body) {
		return bytes.NewReader(body), nil
	}
	_, params, _ := mime.ParseMediaType(contentType)
	cs := strings.ToLower(strings.TrimSpace(params["charset"]))
	if cs == "" || cs == "utf-8" || cs == "utf8" {
		return bytes.NewReader(body), nil
	}
	return charsetReader(cs, bytes.NewReader(body))
}

// charsetReader turns a declared charset into UTF-8 for encoding/xml.
// GB2312 and GBK labels are read as GB18030, their superset: feeds
// labelled gb2312 routinely contain characters only GBK has.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	var enc encoding.Encoding
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn":
		enc = simplifiedchinese.GB18030
	case "big5", "big5-hkscs", "x-x-big5":
		enc = traditionalchinese.Big5
	case "utf-8", "utf8":
		return in, nil
	default:
		var err error
		if enc, err = htmlindex.Get(label); err != nil {
			return nil, failf("不是有效的 RSS/Atom: 不支持的字符编码 %q", label)
		}
	}
	return enc.NewDecoder().Reader(in), nil
}

// blockTags end a line when a description's HTML becomes text.
var blockTags = map[string]bool{"p": true, "br": true, "div": true, "li": true, "tr": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "section": true, "article": true}

// htmlText is the readable text of an HTML fragment: tags dropped,
// entities decoded, scripts and styles left out, blocks on their own
// lines and runs of spaces collapsed. Plain text passes through.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return collapse(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	hidden := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return collapse(b.String())
		case html.TextToken:
			if hidden == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case n == "script" || n == "style":
				hidden++
			case blockTags[n]:
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch n := string(name); {
			case (n == "script" || n == "style") && hidden > 0:
				hidden--
			case blockTags[n]:
				b.WriteByte('\n')
			}
		}
	}
}

// collapse trims every line, joins runs of spaces and drops empty lines.
func collapse(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// dateLayouts are the date forms feeds use: RFC 822 in its variants for
// RSS, RFC 3339 for Atom and Dublin Core, and the bare local forms of
// Chinese CMSs, read as Beijing time.
var dateLayouts = []string{time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04 -0700", time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05",
	"2006-01-02 15:04:05", "2006-01-02 15:04", "2006/01/02 15:04:05", "2006/01/02 15:04", "2006-01-02", "2006/01/02"}

func parseDate(s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	// "CST" in a Chinese feed is China Standard Time, not US Central.
	s = strings.Replace(s, " CST", " +0800", 1)
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, sla.Beijing); err == nil {
			t = t.UTC()
			return &t
		}
	}
	return nil
}

// resolve makes a relative link absolute against the feed's address.
func resolve(base, ref string) string {
	if ref == "" {
		return ""
	}
	b, err1 := url.Parse(base)
	r, err2 := url.Parse(ref)
	if err1 != nil || err2 != nil {
		return ref
	}
	u := b.ResolveReference(r)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}
