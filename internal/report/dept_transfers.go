package report

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// DeptTransfer is a transfer in a department's inbox, with enough of its
// case to decide without opening it.
type DeptTransfer struct {
	TransferRow
	TrackingCode   string
	CaseStatus     Status
	Category       string
	ContentPreview string
}

// DepartmentTransfers lists the transfers of the principal's department:
// open ones first, the most urgent on top, then the latest fed back.
func (s *Service) DepartmentTransfers(ctx context.Context, p *auth.Principal) ([]DeptTransfer, error) {
	if err := p.Require(auth.TransferHandle); err != nil {
		return nil, err
	}
	if p.DepartmentID == nil {
		return nil, apperr.New(apperr.Forbidden, "您的账号未关联部门", "Your account belongs to no department")
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT t.id, t.report_id, t.department_id, d.name_zh, t.status, t.note, t.created_at, t.due_at,
		t.feedback, t.fed_back_at, r.tracking_code, r.status, r.category, substr(r.content, 1, 80)
		FROM transfers t JOIN departments d ON d.id = t.department_id JOIN reports r ON r.id = t.report_id
		WHERE t.department_id = $1
		ORDER BY CASE t.status WHEN 'pending' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END, t.due_at, t.id DESC LIMIT 500`, *p.DepartmentID)
	if err != nil {
		return nil, fmt.Errorf("report: department transfers: %w", err)
	}
	defer rows.Close()
	var out []DeptTransfer
	for rows.Next() {
		var t DeptTransfer
		var fed sql.NullTime
		if err := rows.Scan(&t.ID, &t.ReportID, &t.DepartmentID, &t.Department, &t.Status, &t.Note, &t.CreatedAt, &t.DueAt,
			&t.Feedback, &fed, &t.TrackingCode, &t.CaseStatus, &t.Category, &t.ContentPreview); err != nil {
			return nil, fmt.Errorf("report: department transfers: %w", err)
		}
		if fed.Valid {
			t.FedBackAt = &fed.Time
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Overdue reports whether the department is late with this transfer.
func (t DeptTransfer) Overdue(now time.Time) bool {
	return t.Status != "fed_back" && t.DueAt.Before(now)
}

// OpenTransferDepartments names, for each given case, the departments
// whose transfer of it is not fed back yet: who holds a transferred case
// up, for the leader's overdue view.
func (s *Service) OpenTransferDepartments(ctx context.Context, p *auth.Principal, ids []int64) (map[int64][]string, error) {
	if err := p.Require(auth.StatsView); err != nil {
		return nil, err
	}
	out := map[int64][]string{}
	for _, id := range uniqIDs(ids) {
		rows, err := s.db.Read().QueryContext(ctx, `SELECT d.name_zh FROM transfers t JOIN departments d ON d.id = t.department_id
			WHERE t.report_id = $1 AND t.status != 'fed_back' ORDER BY d.name_zh`, id)
		if err != nil {
			return nil, fmt.Errorf("report: open transfers: %w", err)
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = append(out[id], name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}
