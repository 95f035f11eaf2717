// Package web is qinglang's HTTP surface: the public portal, the JSON API
// and (later) the staff console, each with its own middleware chain.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"qinglang/internal/challenge"
	"qinglang/internal/config"
	"qinglang/internal/debunk"
	"qinglang/internal/evidence"
	"qinglang/internal/monitor"
	"qinglang/internal/platform"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
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
	// Platforms is the partner platform registry: the platform API's
	// keys, the admin pages, the compliance ranking.
	Platforms *platform.Registry
	// OutboxKick wakes the webhook worker after a dead event is resent.
	OutboxKick func()
	// Monitor keeps the monitored feeds and items (巡查监测).
	Monitor *monitor.Service
	// Rumors matches texts against the rumor database; the console
	// reloads it after a rumor is saved. Nil when matching is off.
	Rumors *rumor.Matcher
	// Debunk publishes the debunk articles (权威辟谣). Nil hides them.
	Debunk *debunk.Service
	Now    func() time.Time
}

// Server holds the handlers' dependencies.
type Server struct {
	Deps
	limit *rateLimiter
	// platformLimit is per platform API key: a partner's systems call
	// from few addresses at a higher rate than a citizen.
	platformLimit *rateLimiter
	trackFail     *failCounter
	pages         *pages
	openapi       apiDoc
	// articleCache holds the rendered debunk pages and feeds.
	articleCache renderCache
}

// New builds the server and parses its templates.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &Server{
		Deps:          d,
		limit:         newRateLimiter(d.Config.RatePerMinute, d.Config.RateBurst),
		platformLimit: newRateLimiter(d.Config.RatePerMinute*platformRateFactor, d.Config.RateBurst*platformRateFactor),
		trackFail:     newFailCounter(d.Config.TrackFailures, 15*time.Minute),
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s.pages = p
	if d.Debunk != nil {
		d.Debunk.SetOnChange(s.articleCache.forgetStamp)
	}
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
	s.platformLimit.stop()
}
