package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"qinglang/internal/i18n"
)

// view is what every portal page carries: the language it is rendered in,
// the current address (for the language switch to come back to) and the
// navigation entry to mark. Page structs embed it, so templates call
// {{.T "key"}} at any depth through $.
type view struct {
	Lang string
	Path string
	Nav  string
	// Entrance is the partner platform's report entrance the page is
	// shown through (entrance.go); nil on the center's own pages.
	Entrance *entrance
}

func newView(r *http.Request, nav string) view {
	p := r.URL.Path
	if r.Method == http.MethodGet {
		// Only the parameters that choose what a page shows come along;
		// anything else (a secret someone pasted into a URL, ?lang=) would
		// leak into the link or override the switch.
		q := url.Values{}
		for _, k := range []string{"category", "zone", "code"} {
			if v := r.URL.Query().Get(k); v != "" {
				q.Set(k, v)
			}
		}
		if len(q) > 0 {
			p += "?" + q.Encode()
		}
	} else {
		// A POST result (a receipt, a case page) cannot be reloaded by its
		// address; switching language from it lands on its form instead.
		p = "/report"
		if strings.HasPrefix(r.URL.Path, "/track") {
			p = "/track"
		}
	}
	e := entranceOf(r)
	if e != nil && r.Method != http.MethodGet {
		p = e.Path()
	}
	return view{Lang: i18n.FromRequest(r), Path: p, Nav: nav, Entrance: e}
}

// T returns the catalog text for key. A missing key is an error, so a typo
// in a template fails the render (and the tests) instead of showing a key.
func (v view) T(key string) (string, error) {
	t, ok := catalog[key]
	if !ok {
		return "", fmt.Errorf("web: no text %q", key)
	}
	return t.In(v.Lang), nil
}

// Tf is T with fmt.Sprintf arguments.
func (v view) Tf(key string, args ...any) (string, error) {
	f, err := v.T(key)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(f, args...), nil
}

// In picks one language of a label.
func (v view) In(t i18n.Text) string { return t.In(v.Lang) }

func (v view) En() bool { return i18n.IsEn(v.Lang) }

func (v view) HTMLLang() string { return htmlLang(v.Lang) }

func (v view) OtherLang() string {
	if v.En() {
		return "zh"
	}
	return "en"
}

func (v view) OtherHTMLLang() string { return htmlLang(v.OtherLang()) }

func htmlLang(l string) string {
	if i18n.IsEn(l) {
		return "en"
	}
	return "zh-CN"
}

// cst is the time zone of the center and its reporters: times are shown as
// people in the city read their clocks, whatever zone the server runs in.
var cst = time.FixedZone("CST", 8*3600)

func showTime(t time.Time) string { return t.In(cst).Format("2006-01-02 15:04") }

// setLang remembers the chosen language in a cookie and goes back to the
// page the switch was clicked on.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if lang != "zh" && lang != "en" {
		http.NotFound(w, r)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	http.Redirect(w, r, sameSite(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// sameSite keeps a redirect target on this site: a path, never "//host" or
// a scheme, which would make the switch an open redirect.
func sameSite(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil ||
		!strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, `\`+"\r\n") {
		return "/"
	}
	return next
}
