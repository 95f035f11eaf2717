package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/category"
	"qinglang/internal/report"
	"qinglang/internal/sla"
)

// queuePerPage is the queue's page size, in the console and the API.
const queuePerPage = 50

// queueQuery is the queue's filter as the console's GET form and the
// staff API send it: the same parameter names in both, so a filtered
// console address can be replayed against the API.
//
//	status (repeatable), category, zone, channel, platform, district,
//	department, assignee (me | unassigned | user id), due (overdue | soon),
//	from, to (YYYY-MM-DD, Beijing time, both days included), q, sort, page
func parseQueueQuery(q url.Values, p *auth.Principal) (report.QueueFilter, int, error) {
	f := report.QueueFilter{Category: q.Get("category"), Zone: q.Get("zone"), Channel: q.Get("channel"),
		Text: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort"), Limit: queuePerPage}
	var errs []apperr.FieldError
	bad := func(field, zh, en string) { errs = append(errs, apperr.Field(field, "invalid", zh, field+": "+en)) }
	for _, st := range q["status"] {
		if st == "" {
			continue
		}
		if report.Status(st).Label().Zh == "" {
			bad("status", "未知的案件状态「"+st+"」", "unknown status "+strconv.Quote(st))
		}
		f.Statuses = append(f.Statuses, report.Status(st))
	}
	if _, ok := category.LookupCategory(f.Category); f.Category != "" && !ok {
		bad("category", "未知的举报类型", "unknown category")
	}
	if _, ok := category.LookupZone(f.Zone); f.Zone != "" && !ok {
		bad("zone", "未知的举报专区", "unknown zone")
	}
	if f.Channel != "" && !report.Channel(f.Channel).Valid() {
		bad("channel", "未知的受理渠道", "unknown channel")
	}
	for _, id := range []struct {
		name string
		dst  **int64
	}{{"platform", &f.PlatformID}, {"district", &f.DistrictID}, {"department", &f.DepartmentID}} {
		if v := q.Get(id.name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				bad(id.name, "筛选条件无效", "not an id")
			}
			*id.dst = &n
		}
	}
	switch a := q.Get("assignee"); a {
	case "":
	case "me":
		f.AssigneeID = &p.UserID
	case "unassigned":
		f.Unassigned = true
	default:
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil || n <= 0 {
			bad("assignee", "承办人无效", "me, unassigned or a user id")
		}
		f.AssigneeID = &n
	}
	switch q.Get("due") {
	case "":
	case "overdue":
		f.Overdue = true
	case "soon":
		f.DueSoon = true
	case "late":
		f.Overdue, f.DueSoon = true, true
	default:
		bad("due", "期限筛选无效", "overdue, soon or late")
	}
	var err error
	if f.From, err = day(q.Get("from")); err != nil {
		bad("from", "起始日期格式应为 2006-01-02", "a date as YYYY-MM-DD")
	}
	if f.To, err = day(q.Get("to")); err != nil {
		bad("to", "截止日期格式应为 2006-01-02", "a date as YYYY-MM-DD")
	} else if !f.To.IsZero() {
		f.To = f.To.AddDate(0, 0, 1) // the form's "to" day is included
	}
	if utf8.RuneCountInString(f.Text) > 100 {
		bad("q", "搜索词最多 100 字", "at most 100 characters")
	}
	page := 1
	if v := q.Get("page"); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > report.MaxQueueCount/queuePerPage {
			bad("page", "页码无效", "a page number from 1 to 200")
			page = 1
		}
	}
	f.Offset = (page - 1) * queuePerPage
	if len(errs) > 0 {
		return f, page, apperr.Fields(errs...)
	}
	return f, page, nil
}

// day reads a YYYY-MM-DD date as the start of that day in Beijing, the
// day as the center's staff count it.
func day(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return time.ParseInLocation(time.DateOnly, v, sla.Beijing)
}
