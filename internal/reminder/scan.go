package reminder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/sla"
)

// stageOf is the SLA stage a case's stage_due_at belongs to.
var stageOf = map[string]sla.Stage{"submitted": sla.Accept, "assessing": sla.Assess, "disposing": sla.Notice, "transferred": sla.Feedback}

// staff is who is on duty: the active operators, analysts and department
// handlers (by department).
type staff struct {
	operators, analysts []int64
	handlers            map[int64][]int64
}

func (w *Worker) staff(ctx context.Context) (*staff, error) {
	rows, err := w.DB.Read().QueryContext(ctx, `SELECT id, role, department_id FROM users
		WHERE NOT disabled AND role IN ('operator', 'analyst', 'dept_handler') ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("reminder: staff: %w", err)
	}
	defer rows.Close()
	s := &staff{handlers: map[int64][]int64{}}
	for rows.Next() {
		var id int64
		var role string
		var dept sql.NullInt64
		if err := rows.Scan(&id, &role, &dept); err != nil {
			return nil, fmt.Errorf("reminder: staff: %w", err)
		}
		switch {
		case role == "operator":
			s.operators = append(s.operators, id)
		case role == "analyst":
			s.analysts = append(s.analysts, id)
		case dept.Valid:
			s.handlers[dept.Int64] = append(s.handlers[dept.Int64], id)
		}
	}
	return s, rows.Err()
}

// scan finds the open cases and transfers that are overdue or due within
// sla.DueSoon and says whom to remind of each.
func (w *Worker) scan(ctx context.Context, now time.Time) ([]note, error) {
	st, err := w.staff(ctx)
	if err != nil {
		return nil, err
	}
	soon := now.Add(sla.DueSoon)
	db := w.DB.Read()
	rows, err := db.QueryContext(ctx, `SELECT r.id, r.tracking_code, r.status, u.id, r.stage_due_at, r.reply_due_at FROM reports r
		LEFT JOIN users u ON u.id = r.assignee_id AND NOT u.disabled
		WHERE r.status NOT IN ('replied', 'closed', 'rejected', 'merged') AND (r.stage_due_at < $1 OR r.reply_due_at < $1)`, soon)
	if err != nil {
		return nil, fmt.Errorf("reminder: cases: %w", err)
	}
	defer rows.Close()
	var out []note
	for rows.Next() {
		var id int64
		var code, status string
		var assignee sql.NullInt64
		var stageDue, replyDue sql.NullTime
		if err := rows.Scan(&id, &code, &status, &assignee, &stageDue, &replyDue); err != nil {
			return nil, fmt.Errorf("reminder: cases: %w", err)
		}
		// The assignee answers for the case; unassigned, whoever works its stage.
		users := st.analysts
		switch {
		case assignee.Valid:
			users = []int64{assignee.Int64}
		case status == "submitted":
			users = st.operators
		}
		for _, d := range []struct {
			at    sql.NullTime
			stage sla.Stage
		}{{stageDue, stageOf[status]}, {replyDue, sla.Reply}} {
			if d.at.Valid && d.at.Time.Before(soon) && d.stage != "" {
				text := func(state string) string {
					return fmt.Sprintf("案件 %s %s%s（%s）", code, d.stage.Label().Zh, state, dueText(d.at.Time))
				}
				out = remind(out, now, "case", id, id, d.stage, d.at.Time, text, users)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return w.scanTransfers(ctx, now, st, out)
}

// scanTransfers adds the transfers whose feedback is due: the handlers of
// the department are reminded, whoever accepted it.
func (w *Worker) scanTransfers(ctx context.Context, now time.Time, st *staff, out []note) ([]note, error) {
	rows, err := w.DB.Read().QueryContext(ctx, `SELECT t.id, t.report_id, r.tracking_code, t.department_id, d.name_zh, t.due_at
		FROM transfers t JOIN reports r ON r.id = t.report_id JOIN departments d ON d.id = t.department_id
		WHERE t.status != 'fed_back' AND t.due_at < $1`, now.Add(sla.DueSoon))
	if err != nil {
		return nil, fmt.Errorf("reminder: transfers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, reportID, dept int64
		var code, name string
		var due time.Time
		if err := rows.Scan(&id, &reportID, &code, &dept, &name, &due); err != nil {
			return nil, fmt.Errorf("reminder: transfers: %w", err)
		}
		text := func(state string) string {
			return fmt.Sprintf("移交%s的案件 %s 反馈%s（%s）", name, code, state, dueText(due))
		}
		out = remind(out, now, "transfer", id, reportID, sla.Feedback, due, text, st.handlers[dept])
	}
	return out, rows.Err()
}
