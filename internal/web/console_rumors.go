package web

import (
	"net/http"
	"net/url"
	"strings"

	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// rumorsPage is the rumor database: a search over titles and claims,
// filters, and the list.
type rumorsPage struct {
	consoleView
	Query                     string
	Verdicts, Topics, Regions []opt
	Rumors                    []rumorRow
	Done                      bool
}

// rumorRow is a rumor as a list row, its verdict and region named.
type rumorRow struct {
	rumor.Rumor
	VerdictLabel, RegionLabel string
}

// rumorFilter reads the list's query; unknown verdicts are dropped, so a
// mistyped link shows everything rather than nothing.
func rumorFilter(q url.Values) rumor.ListFilter {
	f := rumor.ListFilter{Query: strings.TrimSpace(q.Get("q")), Topic: q.Get("topic"), Region: q.Get("region")}
	for _, v := range rumor.Verdicts() {
		if string(v) == q.Get("verdict") {
			f.Verdict = v
		}
	}
	return f
}

func (s *Server) pageRumors(w http.ResponseWriter, r *http.Request) {
	ctx, q := r.Context(), r.URL.Query()
	p := rumorsPage{consoleView: s.newConsoleView(r, "rumors"), Done: q.Get("done") == "saved"}
	f := rumorFilter(q)
	p.Query = f.Query
	rs, err := rumor.List(ctx, s.DB, f)
	var topics []string
	var districts []org.District
	if err == nil {
		topics, err = rumor.Topics(ctx, s.DB)
	}
	if err == nil {
		districts, err = org.Districts(ctx, s.DB)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	regions := regionNames(districts, p.Lang)
	for _, v := range rumor.Verdicts() {
		p.Verdicts = append(p.Verdicts, opt{Value: string(v), Label: v.Label().In(p.Lang), Selected: v == f.Verdict})
	}
	for _, t := range topics {
		p.Topics = append(p.Topics, opt{Value: t, Label: t, Selected: t == f.Topic})
	}
	p.Regions = append(p.Regions, opt{Value: "-", Label: p.In(consoleCatalog["rumors.whole_city"]), Selected: f.Region == "-"})
	for _, d := range districts {
		p.Regions = append(p.Regions, opt{Value: d.Code, Label: d.Name.In(p.Lang), Selected: d.Code == f.Region})
	}
	for _, x := range rs {
		p.Rumors = append(p.Rumors, rumorRow{Rumor: x, VerdictLabel: x.Verdict.Label().In(p.Lang), RegionLabel: regions.of(x.Region)})
	}
	s.render(w, r, http.StatusOK, "console_rumors.html", p)
}

// regionLabels names district codes; "" is the whole city.
type regionLabels map[string]string

func regionNames(ds []org.District, lang string) regionLabels {
	m := regionLabels{"": consoleCatalog["rumors.whole_city"].In(lang)}
	for _, d := range ds {
		m[d.Code] = d.Name.In(lang)
	}
	return m
}

// of names a region; a code no longer in the list shows as it is.
func (m regionLabels) of(code string) string {
	if n, ok := m[code]; ok {
		return n
	}
	return code
}

// apiRumors lists the rumor database with the page's filters (q, verdict,
// topic, region).
func (s *Server) apiRumors(w http.ResponseWriter, r *http.Request) {
	rs, err := rumor.List(r.Context(), s.DB, rumorFilter(r.URL.Query()))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []rumorJSON{}
	for _, x := range rs {
		out = append(out, rumorJSONOf(&x))
	}
	writeJSON(w, http.StatusOK, map[string]any{"rumors": out})
}
