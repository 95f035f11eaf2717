package web

import (
	"net/http"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/debunk"
)

// The public JSON API of the debunk articles: the list with the page's
// filters, and one article by its slug.

type apiArticle struct {
	Slug             string          `json:"slug"`
	URL              string          `json:"url"`
	Title            string          `json:"title"`
	Summary          string          `json:"summary"`
	BodyHTML         string          `json:"body_html,omitempty"`
	CoverURL         string          `json:"cover_url"`
	Tags             []string        `json:"tags"`
	Region           string          `json:"region"`
	Department       string          `json:"department"`
	Sources          []debunk.Source `json:"sources"`
	Claims           []apiClaim      `json:"claims"`
	Status           string          `json:"status"`
	PublishedAt      *time.Time      `json:"published_at"`
	UpdatedAt        time.Time       `json:"updated_at"`
	CorrectedAt      *time.Time      `json:"corrected_at"`
	CorrectionNote   string          `json:"correction_note"`
	RetractedAt      *time.Time      `json:"retracted_at"`
	RetractionReason string          `json:"retraction_reason"`
}

type apiClaim struct {
	Claim   string `json:"claim"`
	Verdict string `json:"verdict"`
	RumorID *int64 `json:"rumor_id"`
}

type apiArticleList struct {
	Articles []apiArticle `json:"articles"`
	Total    int          `json:"total"`
	Page     int          `json:"page"`
	PerPage  int          `json:"per_page"`
}

func toAPIArticle(a *debunk.Article, base string, body bool) apiArticle {
	out := apiArticle{Slug: a.Slug, URL: base + a.Path(), Title: a.Title, Summary: a.Summary, CoverURL: a.CoverURL,
		Tags: a.Tags, Region: a.Region, Department: a.Department, Sources: a.Sources, Claims: []apiClaim{},
		Status: a.Status, PublishedAt: a.PublishedAt, UpdatedAt: a.UpdatedAt, CorrectedAt: a.CorrectedAt,
		CorrectionNote: a.CorrectionNote, RetractedAt: a.RetractedAt, RetractionReason: a.RetractionReason}
	if body {
		out.BodyHTML = string(a.BodyHTML)
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.Sources == nil {
		out.Sources = []debunk.Source{}
	}
	for _, c := range a.Claims {
		out.Claims = append(out.Claims, apiClaim{Claim: c.Claim, Verdict: c.Verdict, RumorID: c.RumorID})
	}
	return out
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		s.apiError(w, r, apperr.New(apperr.NotFound, "辟谣文章不可用", "Debunk articles are not available"))
		return
	}
	q := r.URL.Query()
	f, page := listFilter(q)
	if v := q.Get("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			s.apiError(w, r, apperr.Fields(apperr.Field("per_page", "range", "per_page 须为 1 到 100 的整数", "per_page: an integer from 1 to 100")))
			return
		}
		f.Limit, f.Offset = n, (page-1)*n
	}
	list, total, err := s.Debunk.Public(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	base := s.baseURL(r)
	out := apiArticleList{Articles: []apiArticle{}, Total: total, Page: page, PerPage: f.Limit}
	for i := range list {
		out.Articles = append(out.Articles, toAPIArticle(&list[i], base, false))
	}
	w.Header().Set("Cache-Control", pageCacheControl)
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		s.apiError(w, r, apperr.New(apperr.NotFound, "辟谣文章不可用", "Debunk articles are not available"))
		return
	}
	a, err := s.Debunk.BySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", pageCacheControl)
	writeJSON(w, http.StatusOK, toAPIArticle(a, s.baseURL(r), true))
}
