package category

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// stringOf reads a single value from JSON or from a form, where every
// value arrives as []string. Numbers and booleans are refused for string
// fields: silently formatting them would hide a client bug.
func stringOf(raw any) (string, bool) {
	switch v := raw.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case json.Number:
		return string(v), true
	case []string:
		if len(v) == 0 {
			return "", true
		}
		if len(v) == 1 {
			return v[0], true
		}
	case []any:
		if len(v) == 0 {
			return "", true
		}
		if len(v) == 1 {
			return stringOf(v[0])
		}
	}
	return "", false
}

// listOf reads a list. A form sends repeated values or one text; URLs come
// one per line from a textarea, option codes and file ids may also be
// comma-separated, as some clients join them.
func listOf(raw any, lines bool) ([]string, bool) {
	var parts []string
	switch v := raw.(type) {
	case nil:
	case string:
		parts = []string{v}
	case []string:
		parts = v
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, false
			}
			parts = append(parts, s)
		}
	default:
		return nil, false
	}
	split := func(r rune) bool { return r == ',' || r == '，' || unicode.IsSpace(r) }
	if lines {
		split = func(r rune) bool { return r == '\n' || r == '\r' }
	}
	var items []string
	for _, p := range parts {
		for _, s := range strings.FieldsFunc(p, split) {
			if s = strings.TrimSpace(s); s != "" {
				items = append(items, s)
			}
		}
	}
	return items, true
}

// boolOf accepts JSON booleans and the values HTML checkboxes and query
// strings use.
func boolOf(raw any) (bool, bool) {
	if b, ok := raw.(bool); ok {
		return b, true
	}
	s, ok := stringOf(raw)
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "on", "true", "1", "yes":
		return true, true
	case "", "off", "false", "0", "no":
		return false, true
	}
	return false, false
}

// cleanText trims, composes (NFC, so the same text typed on different
// systems compares equal) and removes control characters that only come
// from copying and would break display or CSV exports. Line breaks survive
// only where the field is multi-line.
func cleanText(s string, multiline bool) string {
	s = norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n"))
	s = strings.Map(func(r rune) rune {
		switch {
		case (r == '\n' || r == '\t') && multiline:
			return r
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r) || r == '\u200b' || r == '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// fold applies NFKC so codes and numbers typed with a Chinese input method
// in full-width form ("９１３５…", "１２３") read as their ASCII forms.
func fold(s string) string { return strings.TrimSpace(norm.NFKC.String(s)) }
