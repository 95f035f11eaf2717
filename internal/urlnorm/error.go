// Package urlnorm validates and normalizes the URLs that people report, so
// that two reports of the same page are recognized as the same page and a
// dangerous or meaningless "URL" never reaches staff as a clickable link.
package urlnorm

// Reasons an input is refused. They are stable codes: the API and the
// category package map them to their own bilingual messages.
const (
	ReasonEmpty     = "empty"
	ReasonTooLong   = "too_long"
	ReasonBadScheme = "bad_scheme"
	ReasonBadHost   = "bad_host"
	ReasonMalformed = "malformed"
	// ReasonTooMany is only produced by NormalizeList.
	ReasonTooMany = "too_many"
)

// MaxLen is the longest URL we store. Browsers accept more, but a longer
// "URL" in a report is almost always pasted text, and 2048 is what most
// platforms' takedown interfaces accept.
const MaxLen = 2048

// Error says why a URL was refused.
type Error struct {
	Reason string
	// Input is the offending input as given (possibly shortened), so a
	// caller reporting on a list can say which line was wrong.
	Input string
}

func (e *Error) Error() string {
	msg := "malformed URL"
	switch e.Reason {
	case ReasonEmpty:
		msg = "URL is empty"
	case ReasonTooLong:
		msg = "URL is longer than 2048 characters"
	case ReasonBadScheme:
		msg = "only http and https URLs are accepted"
	case ReasonBadHost:
		msg = "URL has no valid host name"
	case ReasonTooMany:
		msg = "too many URLs"
	}
	if e.Input != "" {
		return "urlnorm: " + msg + ": " + e.Input
	}
	return "urlnorm: " + msg
}

func fail(reason, input string) *Error {
	// Keep error values small: the input may be a 100 KB paste.
	const keep = 100
	if r := []rune(input); len(r) > keep {
		input = string(r[:keep]) + "…"
	}
	return &Error{Reason: reason, Input: input}
}
