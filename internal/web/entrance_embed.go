package web

import (
	"bytes"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// allowFraming lets the platform's registered sites, and only those, put
// the entrance's form in an iframe. Every other page of the site refuses
// all framing (securityHeaders), which is what keeps the center's forms
// from being clickjacked; here the allow-list does that job.
// X-Frame-Options cannot name sites (ALLOW-FROM is gone from browsers), so
// it is dropped and CSP frame-ancestors, which every browser that frames
// honours, speaks alone.
func allowFraming(w http.ResponseWriter, domains []string) {
	w.Header().Del("X-Frame-Options")
	w.Header().Set("Content-Security-Policy", contentPolicy(frameAncestors(domains)))
}

// hostPattern is a registrable host name or an IPv4 address, with an
// optional port: nothing that could end the directive or add another.
var hostPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// frameAncestors turns the registered sites into CSP sources. A bare
// domain allows its HTTPS site and every HTTPS subdomain (platforms serve
// pages from m., www., h5. …). An entry written as an origin, with
// http:// or https://, allows exactly that origin: how a test or a
// platform's staging server on a port is registered. Anything else is
// skipped rather than trusted, so a typo in the registry cannot widen or
// break the policy.
func frameAncestors(domains []string) string {
	src := []string{"'self'"}
	for _, d := range domains {
		d = strings.ToLower(strings.TrimSpace(d))
		scheme := ""
		for _, p := range []string{"https://", "http://"} {
			if rest, ok := strings.CutPrefix(d, p); ok {
				scheme, d = p, strings.TrimSuffix(rest, "/")
			}
		}
		if !hostPattern.MatchString(d) {
			continue
		}
		if scheme != "" {
			src = append(src, scheme+d)
			continue
		}
		src = append(src, "https://"+d)
		host := d
		if h, _, err := net.SplitHostPort(d); err == nil {
			host = h
		}
		if net.ParseIP(host) == nil { // an address has no subdomains
			src = append(src, "https://*."+d)
		}
	}
	return strings.Join(src, " ")
}

// entranceScript serves the loader platforms paste into their pages. It
// is the same file for every platform: it finds its own address and puts
// the iframe of the entrance it was loaded from where it stands. The code
// is still looked up (atEntrance), so a mistyped code shows up as a 404
// in the platform's console instead of an empty frame.
func (s *Server) entranceScript(w http.ResponseWriter, r *http.Request) {
	a, ok := s.pages.files[strings.TrimPrefix(s.pages.assets["js/embed.js"], "/static/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	// Short: a fixed loader version reaches every platform's page within
	// the hour, without the platforms changing their snippet.
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
