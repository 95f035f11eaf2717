package web

import (
	"net/http"

	"qinglang/internal/category"
)

// card is one tappable entry of the home page.
type card struct {
	Href, Label, Desc string
}

type homePage struct {
	view
	Categories, Zones []card
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	p := homePage{view: newView(r, "home")}
	for _, c := range category.Categories() {
		p.Categories = append(p.Categories, card{"/report?category=" + c.Code, p.In(c.Label), p.In(c.Desc)})
	}
	for _, z := range category.Zones() {
		p.Zones = append(p.Zones, card{"/report?zone=" + z.Code, p.In(z.Label), p.In(z.Desc)})
	}
	s.render(w, r, http.StatusOK, "page_home.html", p)
}
