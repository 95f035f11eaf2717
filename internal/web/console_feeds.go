package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/monitor"
)

// feedsPage lists the monitored feeds with their state and carries the
// forms of the page: add (or, Editing, change) a feed, and import items.
type feedsPage struct {
	adminPage
	Feeds        []feedRow
	Editing      *monitor.Feed
	Fields       []adminField
	Done         string   // the outcome of the last action, in words
	ImportErrors []string // rows of a refused import
}

type feedRow struct {
	monitor.Feed
	Minutes   int
	StatusKey string // feeds.status_ok, _failing, _disabled, _new
}

func (s *Server) pageFeeds(w http.ResponseWriter, r *http.Request) {
	s.renderFeeds(w, r, http.StatusOK, 0, adminForm{}, nil)
}

func (s *Server) pageFeedEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderFeeds(w, r, http.StatusOK, id, adminForm{}, nil)
}

func (s *Server) renderFeeds(w http.ResponseWriter, r *http.Request, code int, editID int64, f adminForm, importErrs []string) {
	p := feedsPage{adminPage: s.adminPage(w, r, "feeds", f), ImportErrors: importErrs}
	feeds, err := s.Monitor.Feeds(r.Context())
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for i, fd := range feeds {
		row := feedRow{Feed: fd, Minutes: int(fd.Interval / time.Minute), StatusKey: "feeds.status_ok"}
		switch {
		case fd.Disabled:
			row.StatusKey = "feeds.status_disabled"
		case fd.ErrorCount > 0:
			row.StatusKey = "feeds.status_failing"
		case fd.LastOKAt == nil:
			row.StatusKey = "feeds.status_new"
		}
		p.Feeds = append(p.Feeds, row)
		if fd.ID == editID {
			p.Editing = &feeds[i]
		}
	}
	if editID != 0 && p.Editing == nil {
		s.consoleError(w, r, false, errNoRecord)
		return
	}
	p.Done = s.feedsDone(r, p)
	name, addr, minutes := "", "", "60"
	if p.Editing != nil {
		name, addr, minutes = p.Editing.Name, p.Editing.URL, strconv.Itoa(int(p.Editing.Interval/time.Minute))
	}
	if f.Is("feed") {
		name, addr, minutes = f.Val("name"), f.Val("url"), f.Val("interval")
	}
	for _, fd := range []struct{ name, label, typ, value, help string }{
		{"name", "feeds.name", "text", name, ""},
		{"url", "feeds.url", "url", addr, "feeds.url_help"},
		{"interval", "feeds.interval", "number", minutes, "feeds.interval_help"},
	} {
		fv, err := p.Field(fd.name, fd.label, fd.typ, fd.value, fd.help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		p.Fields = append(p.Fields, fv)
	}
	s.render(w, r, code, "console_feeds.html", p)
}

// feedsDone words the outcome an action's redirect named in the query.
// Only numbers come from the query; the words are the catalog's.
func (s *Server) feedsDone(r *http.Request, p feedsPage) string {
	q := r.URL.Query()
	n := func(k string) int { v, _ := strconv.Atoi(q.Get(k)); return v }
	switch d := q.Get("done"); d {
	case "saved", "disabled", "enabled", "unchanged":
		return p.In(consoleCatalog["feeds.done_"+d])
	case "polled":
		t, _ := p.Tf("feeds.done_polled", n("n"))
		return t
	case "imported":
		t, _ := p.Tf("feeds.done_imported", n("added"), n("dup"))
		return t
	case "poll_failed":
		for _, f := range p.Feeds {
			if f.ID == int64(n("feed")) {
				t, _ := p.Tf("feeds.done_poll_failed", f.Name, f.LastError)
				return t
			}
		}
	}
	return ""
}

// pageFeedSave adds a feed (no {id}) or changes one.
func (s *Server) pageFeedSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	var err error
	if r.PathValue("id") != "" {
		id, err = pathID(r)
	}
	if err == nil {
		err = parseAdminForm(w, r)
	}
	if err == nil {
		in := monitor.FeedInput{Name: r.PostFormValue("name"), URL: r.PostFormValue("url")}
		minutes, convErr := strconv.Atoi(strings.TrimSpace(r.PostFormValue("interval")))
		if convErr == nil {
			in.Interval = time.Duration(minutes) * time.Minute
		}
		p := auth.FromContext(r.Context())
		if id == 0 {
			_, err = s.Monitor.AddFeed(r.Context(), p, in)
		} else {
			err = s.Monitor.UpdateFeed(r.Context(), p, id, in)
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "feed", err); ok {
			s.renderFeeds(w, r, code, id, f, nil)
		}
		return
	}
	http.Redirect(w, r, "/console/feeds?done=saved", http.StatusSeeOther)
}

// pageFeedDisable stops (disabled=1) or resumes (disabled=0) polling.
func (s *Server) pageFeedDisable(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = parseAdminForm(w, r)
	}
	disabled := r.PostFormValue("disabled") == "1"
	if err == nil {
		err = s.Monitor.SetDisabled(r.Context(), auth.FromContext(r.Context()), id, disabled)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	http.Redirect(w, r, "/console/feeds?done="+map[bool]string{true: "disabled", false: "enabled"}[disabled], http.StatusSeeOther)
}

// pageFeedPoll polls a feed while the editor waits (at most the fetch
// timeout) and reports what it brought.
func (s *Server) pageFeedPoll(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var res monitor.Result
	if err == nil {
		res, err = s.Monitor.PollNow(r.Context(), auth.FromContext(r.Context()), id)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	q := url.Values{"done": {"polled"}, "n": {strconv.Itoa(res.New)}}
	switch {
	case res.Error != "":
		q = url.Values{"done": {"poll_failed"}, "feed": {strconv.FormatInt(id, 10)}}
	case res.NotModified:
		q = url.Values{"done": {"unchanged"}}
	}
	http.Redirect(w, r, "/console/feeds?"+q.Encode(), http.StatusSeeOther)
}
