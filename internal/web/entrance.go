package web

import (
	"context"
	"net/http"
	"net/url"

	"qinglang/internal/report"
)

// A partner platform's report entrance (举报入口) is the center's own
// report form under a short link, /p/{code}: the same definitions, the
// same proof of work and the same receipt, with the report credited to
// the platform (channel "platform"). The platform comes from the code in
// the path, looked up on every request, never from the form: a hidden
// field would let any script credit any platform.

// How an entrance page is dressed (view.Chrome).
const (
	chromeFull  = "full"  // a page of the site
	chromeFrame = "frame" // inside the platform's iframe
	chromeNone  = "none"  // a printed poster
)

// entrance is the platform an entrance request came through.
type entrance struct {
	report.EntrancePlatform
	chrome string
}

type entranceKey struct{}

// entranceOf is the entrance of a request, nil off the entrance routes.
func entranceOf(r *http.Request) *entrance {
	e, _ := r.Context().Value(entranceKey{}).(*entrance)
	return e
}

// Path is the entrance's short link, relative to the site.
func (e *entrance) Path() string { return "/p/" + url.PathEscape(e.Entrance) }

// atEntrance looks up the platform of the path's code and hands the
// request on with it; an unknown or disabled code is a 404 page. chrome
// says how the pages it renders are dressed; in a frame the answer also
// says which sites may frame it.
func (s *Server) atEntrance(chrome string, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p, ok, err := s.Reports.PlatformByEntrance(r.Context(), r.PathValue("code"))
		if err != nil {
			s.Log.Error("entrance", "err", err)
			http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
			return
		}
		if !ok {
			s.render(w, r, http.StatusNotFound, "page_entrance_missing.html", newView(r, "report"))
			return
		}
		e := &entrance{EntrancePlatform: p, chrome: chrome}
		if chrome == chromeFrame {
			allowFraming(w, p.Domains)
		}
		h(w, r.WithContext(context.WithValue(r.Context(), entranceKey{}, e)))
	}
}

// Chrome says how the layout dresses the page: header and footer, a
// one-line header in a frame, or nothing at all on a poster.
func (v view) Chrome() string {
	if v.Entrance == nil || v.Entrance.chrome == "" {
		return chromeFull
	}
	return v.Entrance.chrome
}

// ReportAction is where the report form posts: the entrance (or its
// frame) posts back to itself, so the server takes the platform from the
// path again and a refused form comes back dressed the same way.
func (v view) ReportAction() string {
	switch {
	case v.Entrance == nil:
		return "/report"
	case v.Entrance.chrome == chromeFrame:
		return v.Entrance.Path() + "/embed"
	}
	return v.Entrance.Path()
}

// ReportHome is where "choose another category or zone" leads: the
// entrance keeps the reporter at the platform's form.
func (v view) ReportHome() string {
	if v.Entrance == nil {
		return "/"
	}
	return v.ReportAction()
}

// link is the absolute short link, as printed on posters and encoded in
// the QR code.
func (s *Server) link(r *http.Request, e *entrance) string { return s.baseURL(r) + e.Path() }
