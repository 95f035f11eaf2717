package monitor

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// maxFeedItems bounds what one poll stores; a feed listing more is a
// dump, not news.
const maxFeedItems = 1000

// autoClose are HTML's empty elements, which feeds that embed unescaped
// HTML leave open. xml.HTMLAutoClose is not used: it lists "link", which
// in RSS has content.
var autoClose = []string{"br", "hr", "img", "input", "meta", "area", "col", "param", "base", "basefont", "frame", "isindex", "wbr", "source"}

// entry collects one <item> or <entry>: its direct children's text by
// lower-case local name, whatever namespace prefix the feed used.
type entry struct {
	fields map[string]string
	link   string // Atom's <link href>
	about  string // RSS 1.0's rdf:about
}

// parseFeed reads RSS 2.0, RSS 1.0 (RDF) or Atom leniently: unknown
// elements are ignored, HTML entities are understood, any namespace
// prefix is accepted. Only what is not a feed at all, or is cut off, is
// an error.
func parseFeed(body []byte, contentType, base string) ([]item, error) {
	r, err := feedReader(body, contentType)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(r)
	d.Strict = false
	d.AutoClose = autoClose
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charsetReader
	var (
		root              string
		out               []item
		cur               *entry
		depth, entryDepth int
		field             string
		skip              int // depth of an ignored subtree within a field (Atom's author email, uri)
		buf               strings.Builder
	)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, failf("不是有效的 RSS/Atom: %s", xmlReason(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			name := strings.ToLower(t.Name.Local)
			switch {
			case root == "":
				root = name
				if root != "rss" && root != "rdf" && root != "feed" {
					return nil, failf("不是有效的 RSS/Atom: 根元素是 <%s>%s", t.Name.Local, map[bool]string{true: "，这是网页而不是订阅源", false: ""}[root == "html"])
				}
			case cur == nil && (name == "item" || name == "entry"):
				cur, entryDepth = &entry{fields: map[string]string{}, about: attr(t, "about")}, depth
			case cur != nil && depth == entryDepth+1:
				field = name
				buf.Reset()
				if name == "link" && cur.link == "" {
					if rel := attr(t, "rel"); rel == "" || rel == "alternate" {
						cur.link = attr(t, "href")
					}
				}
			case cur != nil && field != "" && skip == 0:
				if field == "author" && (name == "email" || name == "uri") {
					skip = depth
				} else if blockTags[name] {
					buf.WriteByte('\n') // Atom xhtml content: blocks stay lines
				} else {
					buf.WriteByte(' ')
				}
			}
		case xml.CharData:
			if field != "" && skip == 0 {
				buf.Write(t)
			}
		case xml.EndElement:
			switch {
			case skip == depth:
				skip = 0
			case cur != nil && depth == entryDepth+1 && field != "":
				if _, seen := cur.fields[field]; !seen {
					cur.fields[field] = buf.String()
				}
				field = ""
			case cur != nil && depth == entryDepth:
				if it, ok := cur.item(base); ok && len(out) < maxFeedItems {
					out = append(out, it)
				}
				cur = nil
			}
			depth--
		}
	}
	if root == "" {
		return nil, failf("不是有效的 RSS/Atom: 内容为空或不是 XML")
	}
	return out, nil
}

// item turns an entry into what is stored. The longest of the body
// fields is the text: feeds put a teaser in description and the article
// in content:encoded, or the other way round.
func (e *entry) item(base string) (item, bool) {
	f := e.fields
	it := item{title: clip(htmlText(f["title"]), 500)}
	for _, k := range []string{"encoded", "content", "description", "summary"} {
		if t := htmlText(f[k]); len(t) > len(it.text) {
			it.text = t
		}
	}
	it.text = clip(it.text, 20000)
	if it.text == "" {
		it.text = it.title
	}
	if it.text == "" {
		return it, false
	}
	link := e.link
	if link == "" {
		link = f["link"]
	}
	it.url = clip(resolve(base, strings.TrimSpace(link)), 2048)
	it.author = clip(strings.Join(strings.Fields(first(f, "creator", "author")), " "), 200)
	it.published = parseDate(first(f, "pubdate", "published", "date", "issued", "updated", "modified"))
	it.externalID = strings.TrimSpace(first(f, "guid", "id"))
	if it.externalID == "" {
		it.externalID = strings.TrimSpace(e.about)
	}
	if it.externalID == "" {
		it.externalID = it.url
	}
	// Without any identity the content is the identity; an id too long
	// for an index is one too.
	if it.externalID == "" || len(it.externalID) > 500 {
		sum := sha256.Sum256([]byte(it.externalID + "\x00" + it.title + "\x00" + it.text))
		it.externalID = "sha256:" + hex.EncodeToString(sum[:16])
	}
	return it, true
}

func first(f map[string]string, keys ...string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(f[k]); v != "" {
			return v
		}
	}
	return ""
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Name.Local, local) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// xmlReason keeps the parser's message but drops its Go prefix.
func xmlReason(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if strings.Contains(se.Msg, "unexpected EOF") {
			return "内容不完整（第 " + strconv.Itoa(se.Line) + " 行处中断）"
		}
		return se.Msg + "（第 " + strconv.Itoa(se.Line) + " 行）"
	}
	return clip(err.Error(), 120)
}
