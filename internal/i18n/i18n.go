// Package i18n holds the two languages of qinglang: Chinese first, English
// second.
package i18n

import (
	"net/http"
	"strings"
)

// Text is a label in both languages.
type Text struct{ Zh, En string }

// In returns the English text when lang asks for English ("en", "en-US"),
// otherwise Chinese; a missing translation falls back to Chinese.
func (t Text) In(lang string) string {
	if IsEn(lang) && t.En != "" {
		return t.En
	}
	return t.Zh
}

// IsEn reports whether lang names English.
func IsEn(lang string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "en")
}

// FromRequest picks the language of a request: ?lang=, then the lang
// cookie, then Accept-Language; Chinese unless English is asked for first.
func FromRequest(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return norm(l)
	}
	if c, err := r.Cookie("lang"); err == nil {
		return norm(c.Value)
	}
	al := r.Header.Get("Accept-Language")
	for _, part := range strings.Split(al, ",") {
		tag := strings.TrimSpace(strings.Split(part, ";")[0])
		if tag == "" || tag == "*" {
			continue
		}
		return norm(tag)
	}
	return "zh"
}

func norm(l string) string {
	if IsEn(l) {
		return "en"
	}
	return "zh"
}
