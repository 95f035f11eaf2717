package web

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"qinglang/internal/debunk"
)

// The debunk feeds: Atom, RSS 2.0 and JSON Feed 1.1 of the latest public
// articles, corrected and retracted ones included and marked, so a
// subscriber that carried an article also learns it changed. Each is
// rendered once per state of the articles and answered from memory with
// ETag and Last-Modified.

const (
	feedSize         = 50
	feedCacheControl = "public, max-age=60"
)

// feedEntry is an article as every feed format shows it.
type feedEntry struct {
	ID, Title, Link, Summary string
	Content                  string // HTML
	Published, Updated       time.Time
	Tags                     []string
	Image                    string
}

func feedEntries(list []debunk.Article, base string) []feedEntry {
	out := make([]feedEntry, 0, len(list))
	for _, a := range list {
		e := feedEntry{ID: base + a.Path(), Title: a.Title, Link: base + a.Path(), Summary: a.Summary,
			Updated: a.UpdatedAt, Tags: a.Tags, Image: a.CoverURL}
		if a.PublishedAt != nil {
			e.Published = *a.PublishedAt
		} else {
			e.Published = a.CreatedAt
		}
		var note string
		switch {
		case a.RetractedAt != nil:
			e.Title = "【已撤回】" + a.Title
			note = `<p><strong>已撤回</strong>（` + showTime(*a.RetractedAt) + `）：` + template.HTMLEscapeString(a.RetractionReason) + `</p>`
			e.Updated = latest(e.Updated, *a.RetractedAt)
		case a.CorrectedAt != nil:
			e.Title = "【更正】" + a.Title
			note = `<p><strong>更正</strong>（` + showTime(*a.CorrectedAt) + `）：` + template.HTMLEscapeString(a.CorrectionNote) + `</p>`
			e.Updated = latest(e.Updated, *a.CorrectedAt)
		}
		e.Content = note + string(a.BodyHTML)
		if e.Summary == "" {
			e.Summary = a.Title
		}
		out = append(out, e)
	}
	return out
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// feedFormats renders a feed; the key is the path's extension.
var feedFormats = map[string]struct {
	ctype  string
	render func(title, base string, updated time.Time, es []feedEntry) ([]byte, error)
}{
	"atom": {"application/atom+xml; charset=utf-8", renderAtom},
	"rss":  {"application/rss+xml; charset=utf-8", renderRSS},
	"json": {"application/feed+json; charset=utf-8", renderJSONFeed},
}

func (s *Server) feed(format string) http.HandlerFunc {
	f := feedFormats[format]
	return func(w http.ResponseWriter, r *http.Request) {
		stamp, ok := s.debunkReady(w, r)
		if !ok {
			return
		}
		key := "feed\x00" + format
		if e, ok := s.articleCache.get(stamp, key); ok {
			serveCached(w, r, e, stamp, feedCacheControl)
			return
		}
		list, _, err := s.Debunk.Public(r.Context(), debunk.ListFilter{Limit: feedSize, IncludeRetracted: true})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		base := s.baseURL(r)
		updated := stamp
		if updated.IsZero() {
			updated = time.Unix(0, 0).UTC()
		}
		body, err := f.render(catalog["site.name"].Zh+" · 权威辟谣", base, updated, feedEntries(list, base))
		if err != nil {
			s.pageError(w, r, fmt.Errorf("web: feed %s: %w", format, err))
			return
		}
		e := newCached(body, f.ctype, stamp)
		s.articleCache.put(stamp, key, e)
		serveCached(w, r, e, stamp, feedCacheControl)
	}
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func renderAtom(title, base string, updated time.Time, es []feedEntry) ([]byte, error) {
	f := atomFeed{Lang: "zh-CN", Title: title, ID: base + "/feeds/debunk.atom", Updated: rfc3339(updated),
		Links:  []atomLink{{Href: base + "/feeds/debunk.atom", Rel: "self", Type: "application/atom+xml"}, {Href: base + "/articles", Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: catalog["site.name"].Zh, URI: base + "/"}}
	for _, e := range es {
		ae := atomEntry{Title: e.Title, ID: e.ID, Link: atomLink{Href: e.Link, Rel: "alternate", Type: "text/html"},
			Published: rfc3339(e.Published), Updated: rfc3339(e.Updated),
			Summary: atomText{Type: "text", Body: e.Summary}, Content: atomText{Type: "html", Body: e.Content}}
		for _, t := range e.Tags {
			ae.Categories = append(ae.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, ae)
	}
	return marshalXML(f)
}

type rssFeed struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	AtomNS  string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Self          atomSelf  `xml:"atom:link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	TTL           int       `xml:"ttl"`
	Items         []rssItem `xml:"item"`
}

type atomSelf struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

func renderRSS(title, base string, updated time.Time, es []feedEntry) ([]byte, error) {
	f := rssFeed{Version: "2.0", AtomNS: "http://www.w3.org/2005/Atom", Channel: rssChannel{
		Title: title, Link: base + "/articles", Description: "本中心会同有关部门核实发布的辟谣信息",
		Self:     atomSelf{Href: base + "/feeds/debunk.rss", Rel: "self", Type: "application/rss+xml"},
		Language: "zh-CN", LastBuildDate: updated.UTC().Format(time.RFC1123Z), TTL: 1}}
	for _, e := range es {
		f.Channel.Items = append(f.Channel.Items, rssItem{Title: e.Title, Link: e.Link,
			GUID: rssGUID{IsPermaLink: true, Value: e.ID}, PubDate: e.Published.UTC().Format(time.RFC1123Z),
			Description: e.Content, Categories: e.Tags})
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// jsonFeed is JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Description string         `json:"description"`
	Language    string         `json:"language"`
	Authors     []jsonAuthor   `json:"authors"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonFeedItem struct {
	ID            string   `json:"id"`
	URL           string   `json:"url"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary,omitempty"`
	ContentHTML   string   `json:"content_html"`
	Image         string   `json:"image,omitempty"`
	DatePublished string   `json:"date_published"`
	DateModified  string   `json:"date_modified"`
	Tags          []string `json:"tags,omitempty"`
}

func renderJSONFeed(title, base string, updated time.Time, es []feedEntry) ([]byte, error) {
	f := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: title, HomePageURL: base + "/articles",
		FeedURL: base + "/feeds/debunk.json", Description: "本中心会同有关部门核实发布的辟谣信息", Language: "zh-CN",
		Authors: []jsonAuthor{{Name: catalog["site.name"].Zh, URL: base + "/"}}, Items: []jsonFeedItem{}}
	for _, e := range es {
		f.Items = append(f.Items, jsonFeedItem{ID: e.ID, URL: e.Link, Title: e.Title, Summary: e.Summary,
			ContentHTML: e.Content, Image: e.Image, DatePublished: rfc3339(e.Published), DateModified: rfc3339(e.Updated), Tags: e.Tags})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
