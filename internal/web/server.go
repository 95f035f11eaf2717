// Package web is qinglang's HTTP surface: the public portal, the JSON API
// and (later) the staff console, each with its own middleware chain.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"qinglang/internal/challenge"
	"qinglang/internal/config"
	"qinglang/internal/evidence"
	"qinglang/internal/report"
	"qinglang/internal/store"
)

// Deps is what the web layer needs from the rest of the program.
type Deps struct {
	Config   *config.Config
	Log      *slog.Logger
	DB       *store.DB
	Reports  *report.Service
	Evidence *evidence.Ingester
	Pow      *challenge.Issuer
	Now      func() time.Time
}

// Server holds the handlers' dependencies.
type Server struct {
	Deps
	limit     *rateLimiter
	trackFail *failCounter
	pages     *pages
	openapi   apiDoc
}

// New builds the server and parses its templates.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Server{
		Deps:      d,
		limit:     newRateLimiter(d.Config.RatePerMinute, d.Config.RateBurst),
		trackFail: newFailCounter(d.Config.TrackFailures, 15*time.Minute),
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s.pages = p
	if s.openapi, err = s.buildOpenAPI(); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler returns the root handler with every route mounted.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.pattern, s.wrap(rt))
	}
	return s.recoverer(s.logRequests(securityHeaders(mux)))
}

// Close stops background work.
func (s *Server) Close() {
	s.limit.stop()
}
