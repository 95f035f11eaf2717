package web

import (
	"net/http"

	"qinglang/internal/category"
	"qinglang/internal/report"
)

type receiptPage struct {
	view
	Code, Secret, Created, Category string
}

// renderReceipt shows the tracking code and the secret, the one time the
// secret is ever shown. It is a response to the POST, never a redirect: a
// redirect would put the secret in a URL, and so in history and logs.
func (s *Server) renderReceipt(w http.ResponseWriter, r *http.Request, rec report.Receipt, sub report.Submission) {
	p := receiptPage{view: newView(r, "report"), Code: rec.TrackingCode, Secret: rec.Secret, Created: showTime(rec.CreatedAt)}
	cat := sub.Category
	if z, ok := category.LookupZone(sub.Zone); ok && cat == "" {
		cat = z.DefaultCategory
	}
	if c, ok := category.LookupCategory(cat); ok {
		p.Category = p.In(c.Label)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusCreated, "page_receipt.html", p)
}
