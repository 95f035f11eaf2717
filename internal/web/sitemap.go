package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"qinglang/internal/debunk"
)

// sitemap.xml lists the portal's public pages and every public debunk
// article, so search engines find a debunk soon after it is published.

// sitemapMax is the sitemap protocol's limit of addresses in one file.
const sitemapMax = 50000

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	var stamp time.Time
	if s.Debunk != nil {
		var err error
		if stamp, err = s.debunkStamp(r); err != nil {
			s.pageError(w, r, err)
			return
		}
		if e, ok := s.articleCache.get(stamp, "sitemap"); ok {
			serveCached(w, r, e, stamp, feedCacheControl)
			return
		}
	}
	base := s.baseURL(r)
	set := sitemapURLSet{}
	for _, p := range []string{"/", "/report", "/track", "/check", "/articles"} {
		set.URLs = append(set.URLs, sitemapURL{Loc: base + p})
	}
	if s.Debunk != nil {
		list, _, err := s.Debunk.Public(r.Context(), debunk.ListFilter{Limit: sitemapMax - len(set.URLs), IncludeRetracted: true})
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, a := range list {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + a.Path(), LastMod: a.UpdatedAt.UTC().Format(time.RFC3339)})
		}
	}
	body, err := marshalXML(set)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	e := newCached(body, "application/xml; charset=utf-8", stamp)
	if s.Debunk != nil {
		s.articleCache.put(stamp, "sitemap", e)
	}
	serveCached(w, r, e, stamp, feedCacheControl)
}
