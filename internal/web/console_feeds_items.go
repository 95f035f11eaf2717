package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/monitor"
)

// itemsPage lists the latest monitored items, with filters by source,
// feed, platform and words, and a link to the next (older) page.
type itemsPage struct {
	consoleView
	Items                     []itemRow
	Sources, Feeds, Platforms []opt
	Query                     string
	NextURL                   string
}

type itemRow struct {
	monitor.Item
	SourceKey string
	Preview   string
}

const itemsPerPage = 50

func (s *Server) pageItems(w http.ResponseWriter, r *http.Request) {
	p := itemsPage{consoleView: s.newConsoleView(r, "items")}
	q := r.URL.Query()
	f := monitor.ItemFilter{Source: q.Get("source"), Query: strings.TrimSpace(q.Get("q")), Limit: itemsPerPage}
	f.FeedID, _ = strconv.ParseInt(q.Get("feed"), 10, 64)
	f.PlatformID, _ = strconv.ParseInt(q.Get("platform"), 10, 64)
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	if len([]rune(f.Query)) > 100 {
		f.Query = string([]rune(f.Query)[:100])
	}
	p.Query = f.Query
	for _, src := range []string{"feed", "platform", "csv"} {
		p.Sources = append(p.Sources, opt{Value: src, Label: p.In(consoleCatalog["items.source_"+src]), Selected: src == f.Source})
	}
	if f.Source != "" && !(f.Source == "feed" || f.Source == "platform" || f.Source == "csv") {
		f.Source = ""
	}
	feeds, err := s.Monitor.Feeds(r.Context())
	if err == nil {
		for _, fd := range feeds {
			p.Feeds = append(p.Feeds, opt{Value: itoa(fd.ID), Label: fd.Name, Selected: fd.ID == f.FeedID})
		}
		plats, perr := s.Reports.Platforms(r.Context())
		for _, pl := range plats {
			p.Platforms = append(p.Platforms, opt{Value: itoa(pl.ID), Label: pl.Name, Selected: pl.ID == f.PlatformID})
		}
		err = perr
	}
	var items []monitor.Item
	if err == nil {
		items, err = s.Monitor.Items(r.Context(), f)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, it := range items {
		prev := []rune(it.Text)
		if len(prev) > 160 {
			prev = append(prev[:159], '…')
		}
		p.Items = append(p.Items, itemRow{Item: it, SourceKey: "items.source_" + it.Source, Preview: string(prev)})
	}
	if len(items) == itemsPerPage {
		next := url.Values{}
		for _, k := range []string{"source", "feed", "platform", "q"} {
			if v := q.Get(k); v != "" {
				next.Set(k, v)
			}
		}
		next.Set("before", itoa(items[len(items)-1].ID))
		p.NextURL = "/console/items?" + next.Encode()
	}
	s.render(w, r, http.StatusOK, "console_feeds_items.html", p)
}

// pageItemsImport takes a CSV upload of monitored items.
func (s *Server) pageItemsImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, monitor.MaxImportBytes+1<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		err = apperr.Fields(apperr.Field("file", "required", "请选择要导入的 CSV 文件", "Choose a CSV file to import"))
	} else {
		defer file.Close()
		var res monitor.Imported
		if res, err = s.Monitor.ImportCSV(r.Context(), auth.FromContext(r.Context()), file); err == nil {
			http.Redirect(w, r, "/console/feeds?"+url.Values{"done": {"imported"}, "added": {strconv.Itoa(res.Added)},
				"dup": {strconv.Itoa(res.Duplicates)}}.Encode(), http.StatusSeeOther)
			return
		}
	}
	e, ok := apperr.As(err)
	if !ok || e.Code == apperr.Internal {
		s.consoleError(w, r, false, err)
		return
	}
	lang := s.newConsoleView(r, "").Lang
	rows := []string{e.Message(lang)}
	for _, fe := range e.Fields {
		rows = append(rows, fe.Message(lang))
	}
	s.renderFeeds(w, r, status(e.Code), 0, adminForm{}, rows)
}
