package web

import (
	"net/http"

	"qinglang/internal/category"
	"qinglang/internal/debunk"
)

// card is one tappable entry of the home page.
type card struct {
	Href, Label, Desc string
}

type homePage struct {
	view
	Categories, Zones []card
	Latest            []articleCard // the latest debunks; none when debunk is off
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	p := homePage{view: newView(r, "home")}
	for _, c := range category.Categories() {
		p.Categories = append(p.Categories, card{"/report?category=" + c.Code, p.In(c.Label), p.In(c.Desc)})
	}
	for _, z := range category.Zones() {
		p.Zones = append(p.Zones, card{"/report?zone=" + z.Code, p.In(z.Label), p.In(z.Desc)})
	}
	if s.Debunk != nil {
		// The home page works without its debunks: a failure is logged
		// and the block left out.
		list, _, err := s.Debunk.Public(r.Context(), debunk.ListFilter{Limit: 5})
		if err != nil {
			s.Log.Error("home: latest debunks", "err", err)
		}
		for _, a := range list {
			p.Latest = append(p.Latest, p.card(a))
		}
	}
	s.render(w, r, http.StatusOK, "page_home.html", p)
}
