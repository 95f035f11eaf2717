package report

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// QueueFilter selects and orders the staff queue. Empty fields do not
// filter. Overdue and DueSoon together list both.
type QueueFilter struct {
	Statuses                                         []Status
	Category, Zone, Channel                          string
	PlatformID, DistrictID, DepartmentID, AssigneeID *int64
	Unassigned, Overdue, DueSoon                     bool
	From, To                                         time.Time // created_at in [From, To)
	Text                                             string
	Sort                                             string // a key of queueSorts; "" is created_desc
	Limit, Offset                                    int    // Limit: default 50, at most 200
	// TextScan searches the content with LIKE instead of the index: a full
	// scan, there to measure and check the index against.
	TextScan bool
}

// QueueItem is one line of the queue.
type QueueItem struct {
	ID                                 int64
	TrackingCode                       string
	Status                             Status
	Category, Zone, Channel            string
	ContentPreview                     string // the first 80 characters
	PlatformID, DistrictID, AssigneeID *int64
	CreatedAt, UpdatedAt               time.Time
	StageDueAt, ReplyDueAt             *time.Time
	Overdue, DueSoon                   bool
}

// QueuePage is one page of the queue. Counting stops at MaxQueueCount so a
// broad filter over a million reports never costs more than the page.
type QueuePage struct {
	Items       []QueueItem
	Total       int
	TotalCapped bool // Total is MaxQueueCount and there are more ("10000+")
}

// MaxQueueCount is where the queue stops counting.
const MaxQueueCount = 10000

const dueSoonWindow = 24 * time.Hour

// queueSorts is the whole list of orders a caller may ask for; nothing
// from the request is ever spliced into ORDER BY. Ids grow with
// submission time, so id order is created order and lets the full-text
// index hand over matches newest first without sorting them.
var queueSorts = map[string]string{
	"created_desc": "r.id DESC",
	"created_asc":  "r.id ASC",
	"due_asc":      "r.stage_due_at ASC NULLS LAST, r.id ASC",
	"updated_desc": "r.updated_at DESC, r.id DESC",
}

// open are the statuses whose reply is still owed.
var open = []Status{Submitted, Assessing, Disposing, Transferred}

// Queue lists the reports the principal may see that match f.
func (s *Service) Queue(ctx context.Context, p *auth.Principal, f QueueFilter, now time.Time) (QueuePage, error) {
	if err := p.Require(auth.CaseView); err != nil {
		return QueuePage{}, err
	}
	order, ok := queueSorts[f.Sort]
	if f.Sort == "" {
		order, ok = queueSorts["created_desc"], true
	}
	if !ok || f.Limit < 0 || f.Offset < 0 {
		return QueuePage{}, apperr.New(apperr.Invalid, "排序或分页参数无效", "Unknown sort order or bad paging")
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 200)
	w := &where{from: "reports r"}
	if p.Role == auth.DeptHandler {
		if p.DepartmentID == nil {
			return QueuePage{}, apperr.New(apperr.Forbidden, "您的账号未关联部门", "Your account belongs to no department")
		}
		w.add("EXISTS (SELECT 1 FROM transfers t WHERE t.report_id = r.id AND t.department_id = %s)", *p.DepartmentID)
	}
	w.filters(f, now, s.db.Dialect)
	if w.fts != "" {
		order = ftsOrder(order)
	}
	// A text search with other filters is not counted: each candidate
	// costs a lookup of its report, and a common word has a hundred
	// thousand candidates in a million reports. Its total is what has been
	// paged through so far, marked "N+" while pages are full.
	if w.fts != "" && len(w.conds) > 1 {
		page, err := s.queuePage(ctx, w, order, f.Limit, f.Offset, now)
		if err != nil {
			return QueuePage{}, err
		}
		page.Total, page.TotalCapped = f.Offset+len(page.Items), len(page.Items) == f.Limit
		return page, nil
	}
	// The count runs beside the page on another pooled connection: on a
	// broad filter both walk the same rows, and the user waits for the
	// slower of the two rather than their sum.
	type counted struct {
		total int
		err   error
	}
	count := make(chan counted, 1)
	go func() {
		var c counted
		c.total, c.err = s.queueCount(ctx, w)
		count <- c
	}()
	page, err := s.queuePage(ctx, w, order, f.Limit, f.Offset, now)
	c := <-count
	if err != nil {
		return QueuePage{}, err
	}
	if len(page.Items) < f.Limit && (len(page.Items) > 0 || f.Offset == 0) {
		page.Total = f.Offset + len(page.Items) // a short page is its own count
		return page, nil
	}
	if c.err != nil {
		return QueuePage{}, fmt.Errorf("report: queue count: %w", c.err)
	}
	page.Total = c.total
	if page.Total > MaxQueueCount {
		page.Total, page.TotalCapped = MaxQueueCount, true
	}
	return page, nil
}

// queueCount counts the matches up to one past MaxQueueCount.
func (s *Service) queueCount(ctx context.Context, w *where) (total int, err error) {
	from := w.from + w.sql()
	if w.fts != "" { // the text alone: count the index without the reports
		from = "reports_fts WHERE reports_fts MATCH " + w.fts
	}
	q := `SELECT count(*) FROM (SELECT 1 FROM ` + from + fmt.Sprintf(` LIMIT %d) c`, MaxQueueCount+1)
	err = s.db.Read().QueryRowContext(ctx, q, w.args...).Scan(&total)
	return total, err
}

func (s *Service) queuePage(ctx context.Context, w *where, order string, limit, offset int, now time.Time) (QueuePage, error) {
	q := `SELECT r.id, r.tracking_code, r.status, r.category, r.zone, r.channel, substr(r.content, 1, 80),
		r.platform_id, r.district_id, r.assignee_id, r.created_at, r.updated_at, r.stage_due_at, r.reply_due_at
		FROM ` + w.from + w.sql() + ` ORDER BY ` + order + fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, offset)
	rows, err := s.db.Read().QueryContext(ctx, q, w.args...)
	if err != nil {
		return QueuePage{}, fmt.Errorf("report: queue: %w", err)
	}
	defer rows.Close()
	page := QueuePage{Items: []QueueItem{}}
	for rows.Next() {
		var it QueueItem
		var stage, reply sql.NullTime
		if err := rows.Scan(&it.ID, &it.TrackingCode, &it.Status, &it.Category, &it.Zone, &it.Channel, &it.ContentPreview,
			&it.PlatformID, &it.DistrictID, &it.AssigneeID, &it.CreatedAt, &it.UpdatedAt, &stage, &reply); err != nil {
			return QueuePage{}, fmt.Errorf("report: queue: %w", err)
		}
		if stage.Valid {
			it.StageDueAt = &stage.Time
		}
		if reply.Valid {
			it.ReplyDueAt = &reply.Time
		}
		replyLate := reply.Valid && reply.Time.Before(now) && isOpen(it.Status)
		it.Overdue = stage.Valid && stage.Time.Before(now) || replyLate
		it.DueSoon = !it.Overdue && stage.Valid && stage.Time.Before(now.Add(dueSoonWindow))
		page.Items = append(page.Items, it)
	}
	return page, rows.Err()
}

func isOpen(st Status) bool {
	for _, o := range open {
		if st == o {
			return true
		}
	}
	return false
}

// where collects the tables and ANDed conditions of a queue query with
// their bind parameters.
type where struct {
	from  string // "reports r", or joined to the full-text index
	fts   string // the placeholder of the FTS5 MATCH expression, if any
	conds []string
	args  []any
}

// add appends a condition whose %s verbs become placeholders for vals.
func (w *where) add(format string, vals ...any) {
	ph := make([]any, len(vals))
	for i, v := range vals {
		w.args = append(w.args, v)
		ph[i] = fmt.Sprintf("$%d", len(w.args))
	}
	w.conds = append(w.conds, fmt.Sprintf(format, ph...))
}

// in returns a placeholder list for vals, for an IN (…) condition.
func (w *where) in(vals ...any) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		w.args = append(w.args, v)
		ph[i] = fmt.Sprintf("$%d", len(w.args))
	}
	return strings.Join(ph, ",")
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// textCond adds the full-text condition in the database's own dialect.
func (w *where) textCond(d store.Dialect, text string) {
	if d == store.Postgres {
		postgresText(w, text)
	} else {
		sqliteText(w, text)
	}
}
