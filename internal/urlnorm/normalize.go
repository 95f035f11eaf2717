package urlnorm

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize checks that raw is an http or https URL and returns its
// canonical form: lower-case scheme and host, IDN hosts in punycode,
// default ports dropped, dot segments resolved, an empty path written "/",
// non-ASCII and unsafe characters percent-encoded, and the fragment dropped
// unless it carries a single-page-app route ("#/…" or "#!…").
//
// People paste URLs from chat apps and Chinese input methods, so the input
// is NFKC-folded first (full-width "：／" become ":/") and a bare host such
// as "www.example.com/a" is read as http.
func Normalize(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fail(ReasonEmpty, raw)
	}
	// Cheap refusal before NFKC, which may expand the input; 4 bytes is the
	// widest rune, so anything longer cannot fit in MaxLen runes.
	if len(s) > 4*MaxLen {
		return "", fail(ReasonTooLong, raw)
	}
	s = strings.TrimSpace(norm.NFKC.String(s))
	// Browsers drop tabs and line breaks anywhere in a URL; they show up
	// when a long link is copied across a wrapped line.
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	if utf8.RuneCountInString(s) > MaxLen {
		return "", fail(ReasonTooLong, raw)
	}

	scheme, rest, err := splitScheme(s, raw)
	if err != nil {
		return "", err
	}
	fragment, hasFragment := "", false
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, fragment, hasFragment = rest[:i], rest[i+1:], true
	}
	query, hasQuery := "", false
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query, hasQuery = rest[:i], rest[i+1:], true
	}
	// Like browsers, for http(s) treat "\" as "/" and ignore any number of
	// slashes after the colon ("http:/x", "http:\\x" are typed by hand).
	rest = strings.TrimLeft(strings.ReplaceAll(rest, `\`, "/"), "/")

	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	userinfo, hostport := "", authority
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo, hostport = authority[:i], authority[i+1:]
	}
	host, port, ok := splitHostPort(hostport)
	if !ok {
		return "", fail(ReasonMalformed, raw)
	}
	host, ok = normalizeHost(host)
	if !ok {
		return "", fail(ReasonBadHost, raw)
	}
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}

	var b strings.Builder
	b.WriteString(scheme)
	b.WriteString("://")
	if userinfo != "" {
		// Kept, not dropped: "http://bank.com@evil.example" is a classic
		// phishing link and staff need to see exactly what was reported.
		b.WriteString(escape(userinfo, userinfoKeep))
		b.WriteByte('@')
	}
	b.WriteString(host)
	if port != "" {
		b.WriteByte(':')
		b.WriteString(port)
	}
	path = removeDotSegments(escape(path, pathKeep))
	if path == "" {
		path = "/"
	}
	b.WriteString(path)
	if hasQuery && query != "" {
		b.WriteByte('?')
		b.WriteString(escape(query, queryKeep))
	}
	// Other fragments only scroll within the page, so they would make the
	// same page look like two different reported URLs.
	if hasFragment && (strings.HasPrefix(fragment, "/") || strings.HasPrefix(fragment, "!")) {
		b.WriteByte('#')
		b.WriteString(escape(fragment, queryKeep))
	}

	out := b.String()
	if len(out) > MaxLen {
		return "", fail(ReasonTooLong, raw)
	}
	// Whatever we emit must be usable by the rest of the system.
	if u, err := url.Parse(out); err != nil || u.Host == "" {
		return "", fail(ReasonMalformed, raw)
	}
	return out, nil
}

// splitScheme returns the lower-case scheme and what follows "scheme:".
// Inputs without a scheme are taken as http; "host:port/…" is not mistaken
// for a scheme because a port is all digits.
func splitScheme(s, raw string) (scheme, rest string, err error) {
	if strings.HasPrefix(s, "//") {
		return "http", s, nil
	}
	i := strings.IndexByte(s, ':')
	if i <= 0 || !isScheme(s[:i]) {
		return "http", s, nil
	}
	scheme, rest = strings.ToLower(s[:i]), s[i+1:]
	switch {
	case scheme == "http" || scheme == "https":
		return scheme, rest, nil
	case looksLikePort(rest):
		return "http", s, nil
	}
	// javascript:, data:, ftp:, file:, mailto: … cannot be a reported web
	// page and some are dangerous to render as a link in the console.
	return "", "", fail(ReasonBadScheme, raw)
}

func isScheme(s string) bool {
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func looksLikePort(rest string) bool {
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	_, err := strconv.ParseUint(rest[:end], 10, 16)
	return end > 0 && err == nil
}

// splitHostPort separates an optional port and returns it without leading
// zeros; an empty port ("example.com:") is treated as absent.
func splitHostPort(hp string) (host, port string, ok bool) {
	i := strings.LastIndexByte(hp, ':')
	if i < 0 || strings.HasSuffix(hp, "]") {
		return hp, "", true
	}
	host, port = hp[:i], hp[i+1:]
	if port == "" {
		return host, "", true
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return "", "", false
	}
	return host, strconv.FormatUint(n, 10), true
}
