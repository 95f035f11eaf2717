package web

import (
	"fmt"
	"net/http"
	"strings"

	"qinglang/internal/report"
	"qinglang/internal/rumor"
)

// clustersPage lists the clusters of two or more, by activity or size.
type clustersPage struct {
	consoleView
	Sort     string
	Sorts    []opt
	Clusters []clusterRow
}

// clusterRow is a cluster with its trend drawn as bars.
type clusterRow struct {
	rumor.ClusterRow
	Spark spark
}

// spark is a 7-day bar chart small enough for a table cell, drawn as SVG
// by the template from the bars worked out here: no script, and it
// prints and scales with the text.
type spark struct {
	Bars []sparkBar
	Alt  string // the counts in words, for screen readers
}

type sparkBar struct{ X, Y, H, N int }

// Sparkline geometry in SVG user units: 7 bars of 6 with a gap of 2 fill
// a 56×20 box; a day with members gets at least 2 so it never vanishes.
const sparkHeight, sparkStep, sparkMin = 20, 8, 2

func sparkOf(v consoleView, trend []int) spark {
	top := 1
	for _, n := range trend {
		top = max(top, n)
	}
	var sp spark
	words := make([]string, len(trend))
	for i, n := range trend {
		h := n * sparkHeight / top
		if n > 0 && h < sparkMin {
			h = sparkMin
		}
		sp.Bars = append(sp.Bars, sparkBar{X: i * sparkStep, Y: sparkHeight - h, H: h, N: n})
		words[i] = fmt.Sprint(n)
	}
	sp.Alt = fmt.Sprintf(v.In(consoleCatalog["clusters.trend_alt"]), strings.Join(words, ", "))
	return sp
}

func (s *Server) pageClusters(w http.ResponseWriter, r *http.Request) {
	p := clustersPage{consoleView: s.newConsoleView(r, "clusters"), Sort: string(rumor.ClustersByActivity)}
	if r.URL.Query().Get("sort") == string(rumor.ClustersBySize) {
		p.Sort = string(rumor.ClustersBySize)
	}
	for _, o := range []string{"last", "size"} {
		p.Sorts = append(p.Sorts, opt{Value: o, Label: p.In(consoleCatalog["clusters.by_"+o]), Selected: o == p.Sort})
	}
	cs, err := rumor.ListClusters(r.Context(), s.DB, rumor.ClusterSort(p.Sort), s.Now(), 0)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, c := range cs {
		p.Clusters = append(p.Clusters, clusterRow{ClusterRow: c, Spark: sparkOf(p.consoleView, c.Trend)})
	}
	s.render(w, r, http.StatusOK, "console_clusters.html", p)
}

// clusterPage shows one cluster's members and the form that acts on all
// its reports.
type clusterPage struct {
	consoleView
	Cluster   clusterRow
	Members   []memberRow
	Reports   int
	Assignees []opt
}

type memberRow struct {
	rumor.Member
	KindLabel, ReasonLabel, StatusLabel string
}

func (s *Server) pageCluster(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := clusterPage{consoleView: s.newConsoleView(r, "clusters")}
	id, err := pathID(r)
	var c rumor.ClusterRow
	var ms []rumor.Member
	if err == nil {
		c, err = rumor.GetCluster(ctx, s.DB, id, s.Now())
	}
	if err == nil {
		ms, err = rumor.ClusterMembers(ctx, s.DB, id)
	}
	if err == nil && p.Can("case.assign") {
		var as []report.Choice
		if as, err = s.Reports.Assignees(ctx); err == nil {
			for _, a := range as {
				p.Assignees = append(p.Assignees, opt{Value: itoa(a.ID), Label: a.Name})
			}
		}
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Cluster = clusterRow{ClusterRow: c, Spark: sparkOf(p.consoleView, c.Trend)}
	for _, m := range ms {
		row := memberRow{Member: m, KindLabel: p.In(consoleCatalog["matches."+m.Kind]), ReasonLabel: m.Reason}
		if t, ok := consoleCatalog["clusters.reason_"+m.Reason]; ok {
			row.ReasonLabel = p.In(t)
		}
		if m.Kind == "report" {
			row.StatusLabel = report.Status(m.Status).Label().In(p.Lang)
			p.Reports++
		} else if !strings.HasPrefix(m.URL, "http://") && !strings.HasPrefix(m.URL, "https://") {
			row.URL = "" // only web addresses become links
		}
		p.Members = append(p.Members, row)
	}
	s.render(w, r, http.StatusOK, "console_cluster.html", p)
}

// apiClusters lists the clusters of two or more (?sort=last|size).
func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) {
	cs, err := rumor.ListClusters(r.Context(), s.DB, rumor.ClusterSort(r.URL.Query().Get("sort")), s.Now(), 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if cs == nil {
		cs = []rumor.ClusterRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"clusters": cs, "trend_days": rumor.TrendDays})
}
