package urlnorm

import (
	"net/netip"
	"strings"

	"golang.org/x/net/idna"
)

// hostProfile maps hosts the way browsers do (UTS 46 non-transitional, so
// "ß" stays "ß"), but allows "_" and leading/trailing hyphens in labels:
// browsers open such hosts and real sites use them, so refusing them would
// refuse reports of reachable pages. The ASCII result is checked below.
var hostProfile = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
)

// normalizeHost returns the canonical ASCII host: punycode for IDNs,
// lower-case, no trailing dot, IPv4 dotted-quad, IPv6 in RFC 5952 form.
func normalizeHost(h string) (string, bool) {
	if strings.HasPrefix(h, "[") {
		if !strings.HasSuffix(h, "]") {
			return "", false
		}
		a, err := netip.ParseAddr(h[1 : len(h)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", false
		}
		return "[" + a.String() + "]", true
	}
	if h == "" {
		return "", false
	}
	ascii, err := hostProfile.ToASCII(h)
	if err != nil {
		return "", false
	}
	ascii = strings.TrimSuffix(strings.ToLower(ascii), ".")
	if ascii == "" || len(ascii) > 253 {
		return "", false
	}
	labels := strings.Split(ascii, ".")
	// A host ending in a number is an IPv4 address or nothing (WHATWG);
	// "999.1.1.1" must not be taken as a domain name. netip also refuses
	// leading zeros, which browsers read as octal ("010" is 8): refusing is
	// safer than recording a different address than the reporter meant.
	if allDigits(labels[len(labels)-1]) {
		a, err := netip.ParseAddr(ascii)
		if err != nil || !a.Is4() {
			return "", false
		}
		return a.String(), true
	}
	// A reported page must be on the public internet, and public names
	// have at least two labels; "localhost" or "intranet" cannot be acted on.
	if len(labels) < 2 {
		return "", false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return "", false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "", false
			}
		}
	}
	return ascii, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
