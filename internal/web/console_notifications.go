package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/auth"
	"qinglang/internal/reminder"
)

// notificationsPage lists the signed-in user's reminders, unread first.
type notificationsPage struct {
	consoleView
	Items  []reminder.Notification
	Marked bool
}

func (s *Server) pageNotifications(w http.ResponseWriter, r *http.Request) {
	p := notificationsPage{consoleView: s.newConsoleView(r, "notifications"), Marked: r.URL.Query().Get("done") == "read"}
	items, err := reminder.List(r.Context(), s.DB, p.User.UserID, 100)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Items = items
	s.render(w, r, http.StatusOK, "console_notifications.html", p)
}

// pageNotificationsRead marks the posted ids read, or all of them when
// the form names none ("mark all as read").
func (s *Server) pageNotificationsRead(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
	if err := r.ParseForm(); err != nil {
		s.consoleError(w, r, false, s.formError(err))
		return
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			ids = append(ids, n)
		}
	}
	if err := reminder.MarkRead(r.Context(), s.DB, auth.FromContext(r.Context()).UserID, ids); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	http.Redirect(w, r, "/console/notifications?done=read", http.StatusSeeOther)
}
