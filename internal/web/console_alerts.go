package web

import (
	"fmt"
	"net/http"
	"strings"

	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// alertsPage lists early warnings by status, open ones first.
type alertsPage struct {
	consoleView
	Status   string
	Statuses []opt
	Alerts   []alertRow
	Done     string
}

type alertRow struct {
	rumor.AlertRow
	StatusLabel, Baseline string
}

// alertStatuses are the tabs; "" lists all.
var alertStatuses = []string{rumor.AlertOpen, rumor.AlertAcknowledged, rumor.AlertClosed, ""}

// alertStatus reads ?status=, open unless another known one is asked for.
func alertStatus(r *http.Request) string {
	q := r.URL.Query()
	if !q.Has("status") {
		return rumor.AlertOpen
	}
	for _, st := range alertStatuses {
		if q.Get("status") == st {
			return st
		}
	}
	return rumor.AlertOpen
}

func (s *Server) pageAlerts(w http.ResponseWriter, r *http.Request) {
	p := alertsPage{consoleView: s.newConsoleView(r, "alerts"), Status: alertStatus(r),
		Done: doneKey(r, "alerts.done_", rumor.AlertAcknowledged, rumor.AlertClosed)}
	for _, st := range alertStatuses {
		p.Statuses = append(p.Statuses, opt{Value: st, Label: p.In(consoleCatalog["alerts.status_"+st]), Selected: st == p.Status})
	}
	as, err := rumor.ListAlerts(r.Context(), s.DB, p.Status, 0)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, a := range as {
		p.Alerts = append(p.Alerts, alertRow{AlertRow: a, StatusLabel: p.In(consoleCatalog["alerts.status_"+a.Status]),
			Baseline: fmt.Sprintf("%.2f", a.Baseline)})
	}
	s.render(w, r, http.StatusOK, "console_alerts.html", p)
}

// pageAlertSet acknowledges or closes an alert with the editor's note and
// returns to the list the editor was on.
func (s *Server) pageAlertSet(status string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = parseAdminForm(w, r)
		}
		if err == nil {
			err = rumor.SetAlertStatus(r.Context(), s.DB, auth.FromContext(r.Context()), id, status, strings.TrimSpace(r.PostFormValue("note")), s.Now())
		}
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		http.Redirect(w, r, withDone(r.PostFormValue("back"), "/console/alerts", status), http.StatusSeeOther)
	}
}

// apiAlerts lists alerts (?status=open|acknowledged|closed, or all when
// status is given empty).
func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) {
	as, err := rumor.ListAlerts(r.Context(), s.DB, alertStatus(r), 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if as == nil {
		as = []rumor.AlertRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": as})
}
