package report

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"qinglang/internal/category"
	"qinglang/internal/store"
)

// filters adds f's conditions. Every value is a bind parameter.
func (w *where) filters(f QueueFilter, now time.Time, d store.Dialect) {
	if len(f.Statuses) > 0 {
		vals := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			vals[i] = string(st)
		}
		w.conds = append(w.conds, "r.status IN ("+w.in(vals...)+")")
	}
	// Open cases are a small share of all cases (closed ones pile up), but
	// SQLite's statistics hold averages only and would rather walk a whole
	// category. When only open statuses are asked for, the unary + keeps
	// the attribute indexes out so the status index leads.
	plus := ""
	if d == store.SQLite && len(f.Statuses) > 0 && !slices.ContainsFunc(f.Statuses, func(st Status) bool { return !isOpen(st) }) {
		plus = "+"
	}
	if f.Category != "" { // reports_status_category serves status with category
		w.add("r.category = %s", f.Category)
	}
	for _, eq := range []struct{ col, v string }{{"r.zone", f.Zone}, {"r.channel", f.Channel}} {
		if eq.v != "" {
			w.add(plus+eq.col+" = %s", eq.v)
		}
	}
	for _, eq := range []struct {
		col string
		v   *int64
	}{{"r.platform_id", f.PlatformID}, {"r.district_id", f.DistrictID}} {
		if eq.v != nil {
			w.add(plus+eq.col+" = %s", *eq.v)
		}
	}
	if f.AssigneeID != nil {
		w.add("r.assignee_id = %s", *f.AssigneeID)
	}
	if f.DepartmentID != nil {
		w.add("EXISTS (SELECT 1 FROM transfers t WHERE t.report_id = r.id AND t.department_id = %s)", *f.DepartmentID)
	}
	if f.Unassigned {
		w.add("r.assignee_id IS NULL")
	}
	if !f.From.IsZero() {
		w.add("r.created_at >= %s", f.From.UTC())
	}
	if !f.To.IsZero() {
		w.add("r.created_at < %s", f.To.UTC())
	}
	w.due(f, now.UTC())
	switch {
	case f.Text != "" && f.TextScan:
		likeText(w, f.Text)
	case f.Text != "":
		w.textCond(d, f.Text)
	}
}

// due adds the SLA conditions. A case is overdue when its current stage is
// past due, or its reply is past due while the reply is still owed; it is
// due soon when it is not overdue and its stage falls due within a day.
// "Reply still owed" is written as status IN (the open statuses) rather
// than NOT IN (the finished ones) so the status index can serve it.
func (w *where) due(f QueueFilter, now time.Time) {
	if !f.Overdue && !f.DueSoon {
		return
	}
	openVals := make([]any, len(open))
	for i, st := range open {
		openVals[i] = string(st)
	}
	replyLate := func() string {
		return "(r.reply_due_at < " + w.in(now) + " AND r.status IN (" + w.in(openVals...) + "))"
	}
	switch {
	case f.Overdue && f.DueSoon:
		w.conds = append(w.conds, "(r.stage_due_at < "+w.in(now.Add(dueSoonWindow))+" OR "+replyLate()+")")
	case f.Overdue:
		w.conds = append(w.conds, "(r.stage_due_at < "+w.in(now)+" OR "+replyLate()+")")
	default:
		w.conds = append(w.conds, "r.stage_due_at >= "+w.in(now)+" AND r.stage_due_at < "+w.in(now.Add(dueSoonWindow))+
			" AND NOT COALESCE("+replyLate()+", FALSE)") // a NULL reply_due_at is not late
	}
}

// indexText puts a new report's searchable text into the database's
// full-text index, in the report's own transaction.
func indexText(ctx context.Context, tx *sql.Tx, d store.Dialect, id int64, text string) error {
	if d == store.Postgres {
		return indexPostgres(ctx, tx, id, text)
	}
	return indexSQLite(ctx, tx, id, text)
}

// searchText is what a report is found by: its content and the public
// free-text fields of its zone (enterprise name, app, subject …). Sealed
// fields stay out: the index would keep them readable.
func searchText(c *clean) string {
	parts := []string{c.Content}
	if z, ok := category.LookupZone(c.Zone); ok {
		for _, fd := range z.Fields {
			if fd.Sensitive || fd.Type != category.TypeText && fd.Type != category.TypeTextarea {
				continue
			}
			if v, ok := c.ZoneFields[fd.Code].(string); ok {
				parts = append(parts, v)
			}
		}
	}
	return strings.Join(parts, "\n")
}
