package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"qinglang/internal/apperr"
	"qinglang/internal/debunk"
	"qinglang/internal/i18n"
	"qinglang/internal/rumor"
)

// The public debunk articles (权威辟谣): the list with its filters, the
// article page with its share links, QR code, Open Graph tags and
// ClaimReview JSON-LD. Pages are rendered once per state of the articles
// and served from memory (articles_cache.go).

// articlesPerPage is the size of a list page.
const articlesPerPage = 20

// pageCacheControl lets browsers and proxies keep a page briefly: a
// correction reaches them within a minute.
const pageCacheControl = "public, max-age=60"

type articleListPage struct {
	view
	Articles       []articleCard
	Total          int
	Q, Tag, Region string
	Verdict        string
	Verdicts       []choice
	Prev, Next     string
}

// choice is one option of a select.
type choice struct {
	Value, Label string
	Selected     bool
}

// articleCard is an article as a list shows it.
type articleCard struct {
	Href, Title, Summary, Date string
	Claims                     []claimView
	Corrected, Retracted       bool
}

type claimView struct {
	Claim, Verdict, Label, Href string
}

type articlePage struct {
	view
	A                           *debunk.Article
	Claims                      []claimView
	URL, Weibo, QR, Description string
	Published, Updated          string
	CorrectedOn, RetractedOn    string
	JSONLD                      template.JS
}

func (v view) claims(cs []debunk.Claim) []claimView {
	out := make([]claimView, 0, len(cs))
	for _, c := range cs {
		cv := claimView{Claim: c.Claim, Verdict: c.Verdict, Label: v.In(rumor.Verdict(c.Verdict).Label())}
		if cv.Label == "" {
			cv.Label = c.Verdict
		}
		out = append(out, cv)
	}
	return out
}

func (v view) card(a debunk.Article) articleCard {
	c := articleCard{Href: "/articles/" + url.PathEscape(a.Slug), Title: a.Title, Summary: a.Summary,
		Claims: v.claims(a.Claims), Corrected: a.CorrectedAt != nil, Retracted: a.RetractedAt != nil}
	if a.PublishedAt != nil {
		c.Date = showDate(*a.PublishedAt)
	}
	return c
}

func showDate(t time.Time) string { return t.In(cst).Format("2006-01-02") }

// debunkStamp is the articles' last change, the key of every cached page.
// It is read from the database at most once per stampTTL, so a cached page
// costs no query; another server's publication shows within that time.
func (s *Server) debunkStamp(r *http.Request) (time.Time, error) {
	if t, ok := s.articleCache.recentStamp(time.Now()); ok {
		return t, nil
	}
	t, err := s.Debunk.LastChange(r.Context())
	if err != nil {
		return time.Time{}, err
	}
	t = t.UTC()
	s.articleCache.noteStamp(t, time.Now())
	return t, nil
}

// debunkReady starts every cached debunk page: it answers 404 when
// publishing is off and an error page when the articles' state cannot be
// read, and otherwise returns that state's stamp.
func (s *Server) debunkReady(w http.ResponseWriter, r *http.Request) (time.Time, bool) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return time.Time{}, false
	}
	stamp, err := s.debunkStamp(r)
	if err != nil {
		s.pageError(w, r, err)
		return time.Time{}, false
	}
	return stamp, true
}

// cacheKey names a cached page: the language is part of it, the page
// speaks it.
func cacheKey(r *http.Request, kind, id string) string {
	return kind + "\x00" + i18n.FromRequest(r) + "\x00" + id
}

// listFilter reads the list's filters from the query.
func listFilter(q url.Values) (debunk.ListFilter, int) {
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 || page > 10000 {
		page = 1
	}
	f := debunk.ListFilter{Tag: strings.TrimSpace(q.Get("tag")), Region: strings.TrimSpace(q.Get("region")),
		Verdict: strings.TrimSpace(q.Get("verdict")), Q: strings.TrimSpace(q.Get("q")),
		Limit: articlesPerPage, Offset: (page - 1) * articlesPerPage, IncludeRetracted: true}
	return f, page
}

func (s *Server) pageArticles(w http.ResponseWriter, r *http.Request) {
	stamp, ok := s.debunkReady(w, r)
	if !ok {
		return
	}
	key := cacheKey(r, "list", r.URL.RawQuery)
	if e, ok := s.articleCache.get(stamp, key); ok {
		w.Header().Set("Vary", "Cookie, Accept-Language")
		serveCached(w, r, e, stamp, pageCacheControl)
		return
	}
	f, page := listFilter(r.URL.Query())
	list, total, err := s.Debunk.Public(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := articleListPage{view: newView(r, "articles"), Total: total, Q: f.Q, Tag: f.Tag, Region: f.Region, Verdict: f.Verdict}
	for _, v := range rumor.Verdicts() {
		p.Verdicts = append(p.Verdicts, choice{string(v), p.In(v.Label()), string(v) == f.Verdict})
	}
	for _, a := range list {
		p.Articles = append(p.Articles, p.card(a))
	}
	q := r.URL.Query()
	if page > 1 {
		q.Set("page", strconv.Itoa(page-1))
		p.Prev = "/articles?" + q.Encode()
	}
	if page*articlesPerPage < total {
		q.Set("page", strconv.Itoa(page+1))
		p.Next = "/articles?" + q.Encode()
	}
	s.serveRendered(w, r, stamp, key, "page_articles.html", p)
}

// serveRendered renders a page, caches it and answers with it.
func (s *Server) serveRendered(w http.ResponseWriter, r *http.Request, stamp time.Time, key, page string, v any) {
	body, err := s.renderBytes(page, v)
	if err != nil {
		s.Log.Error("render failed", "page", page, "err", err)
		http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
		return
	}
	e := newCached(body, "text/html; charset=utf-8", stamp)
	s.articleCache.put(stamp, key, e)
	w.Header().Set("Vary", "Cookie, Accept-Language")
	serveCached(w, r, e, stamp, pageCacheControl)
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	stamp, ok := s.debunkReady(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("slug")
	key := cacheKey(r, "article", slug)
	if e, ok := s.articleCache.get(stamp, key); ok {
		w.Header().Set("Vary", "Cookie, Accept-Language")
		serveCached(w, r, e, stamp, pageCacheControl)
		return
	}
	a, err := s.Debunk.BySlug(r.Context(), slug)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := articlePage{view: newView(r, "articles"), A: a, Claims: nil, Description: a.Summary}
	p.Claims = p.claims(a.Claims)
	base := s.baseURL(r)
	p.URL = base + "/articles/" + url.PathEscape(a.Slug)
	p.QR = "/articles/" + url.PathEscape(a.Slug) + "/qr.png"
	p.Weibo = "https://service.weibo.com/share/share.php?" + url.Values{"url": {p.URL}, "title": {a.Title}}.Encode()
	if a.PublishedAt != nil {
		p.Published = showTime(*a.PublishedAt)
	}
	p.Updated = showTime(a.UpdatedAt)
	if a.CorrectedAt != nil {
		p.CorrectedOn = showTime(*a.CorrectedAt)
	}
	if a.RetractedAt != nil {
		p.RetractedOn = showTime(*a.RetractedAt)
	}
	firstSeen := map[int64]time.Time{}
	for _, c := range a.Claims {
		if c.RumorID == nil {
			continue
		}
		if ru, err := rumor.Get(r.Context(), s.DB, *c.RumorID); err == nil && ru.FirstSeenAt != nil {
			firstSeen[*c.RumorID] = *ru.FirstSeenAt
		}
	}
	ld, err := claimReviewJSON(a, p.URL, base, p.In(catalog["site.name"]), firstSeen)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.JSONLD = template.JS(ld)
	s.serveRendered(w, r, stamp, key, "page_article.html", p)
}

// pageError shows a missing article as the portal's 404 and anything else
// as a 500 that is logged.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	if e, ok := apperr.As(err); ok && e.Code == apperr.NotFound {
		http.Error(w, "页面不存在 / not found", http.StatusNotFound)
		return
	}
	if r.Context().Err() != nil {
		return // the client went away: nobody to answer, nothing went wrong here
	}
	s.Log.Error("debunk page", "path", r.URL.Path, "err", err)
	http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
}

// articleQR is the QR code of the article's address, for sharing from a
// screen to a phone. It depends only on the address, so it is cached
// like the page.
func (s *Server) articleQR(w http.ResponseWriter, r *http.Request) {
	stamp, ok := s.debunkReady(w, r)
	if !ok {
		return
	}
	slug := r.PathValue("slug")
	key := "qr\x00" + slug
	if e, ok := s.articleCache.get(stamp, key); ok {
		serveCached(w, r, e, stamp, "public, max-age=86400")
		return
	}
	a, err := s.Debunk.BySlug(r.Context(), slug)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	png, err := qrcode.Encode(s.baseURL(r)+"/articles/"+url.PathEscape(a.Slug), qrcode.Medium, 512)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	e := newCached(png, "image/png", stamp)
	s.articleCache.put(stamp, key, e)
	serveCached(w, r, e, stamp, "public, max-age=86400")
}
