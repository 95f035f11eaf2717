package web

import "net/http"

// Access says who may call a route. Every route declares one, next to its
// pattern, so tests can enumerate them all.
type Access string

const (
	Public Access = "public" // anyone; rate-limited
	Open   Access = "open"   // anyone, not rate-limited: health, static assets
)

type route struct {
	method, pattern string
	access          Access
	form            bool // a browser form post: cross-origin protection applies
	h               http.HandlerFunc
}

// Route describes a mounted route, for documentation and tests.
type Route struct {
	Method, Pattern string
	Access          Access
}

// Routes lists every mounted route.
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.routes() {
		out = append(out, Route{r.method, r.pattern, r.access})
	}
	return out
}

func (s *Server) routes() []route {
	return []route{
		{"GET", "/healthz", Open, false, s.healthz},
		{"GET", "/readyz", Open, false, s.readyz},
		{"GET", "/static/", Open, false, s.static},
		{"GET", "/api/openapi.json", Open, false, s.openAPI},

		{"GET", "/api/v1/categories", Public, false, s.apiCategories},
		{"POST", "/api/v1/evidence", Public, false, s.apiUploadEvidence},
		{"POST", "/api/v1/reports", Public, false, s.apiCreateReport},
		{"GET", "/api/v1/reports/track", Public, false, s.apiTrack},
		{"POST", "/api/v1/reports/track/material", Public, false, s.apiAddMaterial},
		{"POST", "/api/v1/reports/track/rating", Public, false, s.apiRate},

		{"GET", "/{$}", Public, false, s.pageHome},
		{"GET", "/report", Public, false, s.pageReportForm},
		{"POST", "/report", Public, true, s.pageReportSubmit},
		{"GET", "/track", Public, false, s.pageTrackForm},
		{"POST", "/track", Public, true, s.pageTrack},
		{"POST", "/track/material", Public, true, s.pageAddMaterial},
		{"POST", "/track/rating", Public, true, s.pageRate},
		{"GET", "/lang/{lang}", Public, false, s.setLang},
	}
}

// wrap applies the route's access rules.
func (s *Server) wrap(rt route) http.Handler {
	var h http.Handler = rt.h
	if rt.form {
		h = formProtection(h)
	}
	if rt.access == Public {
		h = s.rateLimit(h)
	}
	return h
}
