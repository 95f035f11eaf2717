package web

import (
	"net/http"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/report"
	"qinglang/internal/sla"
)

// platformNoticeJSON is a notice as the platform API shows it (schema
// PlatformNotice in openapi_schemas_platform.go).
type platformNoticeJSON struct {
	ID          int64      `json:"id"`
	Case        string     `json:"case"`
	Category    string     `json:"category"`
	What        string     `json:"what"`
	Location    string     `json:"location"`
	Reason      string     `json:"reason"`
	Deadline    time.Time  `json:"deadline"`
	CreatedAt   time.Time  `json:"created_at"`
	Status      string     `json:"status"`
	Overdue     bool       `json:"overdue"`
	Response    *string    `json:"response"`
	Note        string     `json:"note"`
	RespondedAt *time.Time `json:"responded_at"`
	EvidenceIDs []string   `json:"evidence_ids"`
	RespondURL  string     `json:"respond_url"`
}

type noticeListJSON struct {
	Notices []platformNoticeJSON `json:"notices"`
	Page    int                  `json:"page"`
	PerPage int                  `json:"per_page"`
	Total   int                  `json:"total"`
}

func (s *Server) platformNotice(r *http.Request, n report.PlatformNotice) platformNoticeJSON {
	out := platformNoticeJSON{ID: n.ID, Case: n.Case, Category: n.Category, What: n.What, Location: n.Location, Reason: n.Reason,
		Deadline: n.Deadline.UTC(), CreatedAt: n.CreatedAt.UTC(), Status: n.Status, Overdue: n.Overdue(s.Now()), Note: n.Note,
		EvidenceIDs: n.EvidenceIDs, RespondURL: s.baseURL(r) + "/api/v1/platform/notices/" + strconv.FormatInt(n.ID, 10) + "/response"}
	if n.Response != "" {
		out.Response = &n.Response
	}
	if n.RespondedAt != nil {
		t := n.RespondedAt.UTC()
		out.RespondedAt = &t
	}
	if out.EvidenceIDs == nil {
		out.EvidenceIDs = []string{}
	}
	return out
}

// noticeFilter reads status, since (RFC 3339 or a date), page and
// per_page from the query.
func noticeFilter(r *http.Request) (report.NoticeFilter, error) {
	q := r.URL.Query()
	f := report.NoticeFilter{Status: q.Get("status"), Page: 1, PerPage: 50}
	var errs []apperr.FieldError
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t, err = time.ParseInLocation(time.DateOnly, v, sla.Beijing)
		}
		if err != nil {
			errs = append(errs, apperr.Field("since", "bad_format", "since 须为 RFC 3339 时间或 YYYY-MM-DD 日期", "since: an RFC 3339 time or a YYYY-MM-DD date"))
		}
		f.Since = t
	}
	for _, p := range []struct {
		name     string
		dst      *int
		min, max int
	}{{"page", &f.Page, 1, 1 << 20}, {"per_page", &f.PerPage, 1, 200}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < p.min || n > p.max {
				errs = append(errs, apperr.Field(p.name, "out_of_range", p.name+" 须为 "+strconv.Itoa(p.min)+"-"+strconv.Itoa(p.max)+" 的整数",
					p.name+": an integer from "+strconv.Itoa(p.min)+" to "+strconv.Itoa(p.max)))
			}
			*p.dst = n
		}
	}
	if len(errs) > 0 {
		return f, apperr.Fields(errs...)
	}
	return f, nil
}

// decodePlatformJSON is decodeJSON with room for a full content push
// (500 items of up to 20,000 characters would not fit the report limit).
func decodePlatformJSON(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeJSONLimit(w, r, v, maxContentPush)
}

// maxContentPush bounds a monitoring push.
const maxContentPush = 8 << 20
