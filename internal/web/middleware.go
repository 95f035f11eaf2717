package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"qinglang/internal/apperr"
)

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// secretPaths carry a tracking secret in the query or the form: their
// query is never logged.
var secretPaths = map[string]bool{"/api/v1/reports/track": true, "/track": true}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		path := r.URL.Path
		if !secretPaths[path] && r.URL.RawQuery != "" {
			path += "?" + r.URL.RawQuery
		}
		s.Log.Info("http", "method", r.Method, "path", path, "status", sw.code,
			"duration_ms", time.Since(start).Milliseconds(), "client", s.clientIP(r))
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == http.ErrAbortHandler {
				panic(p) // net/http cuts the connection: a half-sent download must not end cleanly
			}
			if p != nil {
				s.Log.Error("panic", "path", r.URL.Path, "panic", p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", contentPolicy("'none'"))
		next.ServeHTTP(w, r)
	})
}

// contentPolicy is the site's CSP with ancestors as who may frame a page:
// 'none' everywhere but a partner platform's embedded report form
// (entrance_embed.go). The proof-of-work runs in a worker made from a
// blob: URL.
func contentPolicy(ancestors string) string {
	return "default-src 'self'; img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors " +
		ancestors + "; form-action 'self'"
}

// formProtection refuses cross-site form posts (CSRF) using the browser's
// Sec-Fetch-Site and Origin headers.
func formProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "跨站请求被拒绝 / cross-origin request refused", http.StatusForbidden)
	}))
	return cop.Handler(next)
}

// rateLimit applies the per-client limit of the public endpoints.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := s.limit.allow(s.clientIP(r)); !ok {
			w.Header().Set("Retry-After", retryAfter(wait))
			if strings.HasPrefix(r.URL.Path, "/api/") {
				s.apiError(w, r, apperr.New(apperr.RateLimited, "请求过于频繁，请稍后再试", "Too many requests; slow down and retry later"))
				return
			}
			http.Error(w, "请求过于频繁，请稍后再试 / Too many requests, please retry later", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientIP is the address of the client: the peer, or, when the peer is a
// trusted proxy, the last address in X-Forwarded-For that is not one.
func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if len(s.Config.TrustedProxies) == 0 || !s.trusted(host) {
		return host
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h != "" && !s.trusted(h) {
			return h
		}
	}
	return host
}

func (s *Server) trusted(addr string) bool {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, p := range s.Config.TrustedProxies {
		if pre, err := netip.ParsePrefix(p); err == nil && pre.Contains(ip) {
			return true
		}
		if a, err := netip.ParseAddr(p); err == nil && a == ip {
			return true
		}
	}
	return false
}
