package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// Transfer hands a case to one or more departments (移交). Each department
// accepts and feeds back on its own; a department that already has an open
// transfer of the case is not given a second one.
func (s *Service) Transfer(ctx context.Context, p *auth.Principal, id int64, departmentIDs []int64, note string) error {
	if len(departmentIDs) == 0 {
		return apperr.Fields(apperr.Field("departments", "required", "请至少选择一个部门", "departments: choose at least one department"))
	}
	note = cleanText(note)
	policy, err := s.policy(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	due := policy.Due(sla.Feedback, now)
	names := ""
	return s.apply(ctx, p, id, change{perm: auth.CaseAssess, op: OpTransfer, action: "transferred", public: true,
		due: func(time.Time, *sla.Policy) *time.Time { return &due },
		body: func(tx *sql.Tx, c *caseHead, to Status) error {
			for _, d := range uniqIDs(departmentIDs) {
				var name string
				if err := tx.QueryRowContext(ctx, `SELECT name_zh FROM departments WHERE id = $1`, d).Scan(&name); err != nil {
					return apperr.Fields(apperr.Field("departments", "unknown", "部门不存在", "departments: no such department"))
				}
				var open int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM transfers WHERE report_id = $1 AND department_id = $2 AND status != 'fed_back'`, c.ID, d).Scan(&open); err != nil {
					return err
				}
				if open > 0 {
					return apperr.Fields(apperr.Field("departments", "open", name+"已有未反馈的移交", "departments: "+name+" already has an open transfer of this case"))
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO transfers (report_id, department_id, status, note, created_by, created_at, due_at)
					VALUES ($1,$2,'pending',$3,$4,$5,$6)`, c.ID, d, note, p.UserID, now, due); err != nil {
					return fmt.Errorf("report: transfer: %w", err)
				}
				names = joinName(names, name)
			}
			return nil
		}, note: note}.withNote(func() string { return "移交：" + names }))
}

// withNote lets a change compute its timeline note after its body ran.
func (ch change) withNote(f func() string) change {
	ch.lateNote = f
	return ch
}

func joinName(a, b string) string {
	if a == "" {
		return b
	}
	return a + "、" + b
}

func uniqIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// TransferRow is one transfer as a department sees it.
type TransferRow struct {
	ID           int64
	ReportID     int64
	DepartmentID int64
	Department   string
	Status       string // pending, accepted, fed_back
	Note         string
	CreatedAt    time.Time
	DueAt        time.Time
	Feedback     string
	FedBackAt    *time.Time
}

// lockTransfer reads a transfer that the principal's department owns.
func (s *Service) lockTransfer(ctx context.Context, tx *sql.Tx, p *auth.Principal, transferID int64) (*TransferRow, error) {
	q := `SELECT t.id, t.report_id, t.department_id, d.name_zh, t.status, t.due_at FROM transfers t JOIN departments d ON d.id = t.department_id WHERE t.id = $1`
	if s.db.Dialect == store.Postgres {
		q += " FOR UPDATE OF t"
	}
	t := &TransferRow{}
	err := tx.QueryRowContext(ctx, q, transferID).Scan(&t.ID, &t.ReportID, &t.DepartmentID, &t.Department, &t.Status, &t.DueAt)
	// Another department's transfer answers as if it did not exist.
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (p.DepartmentID == nil || *p.DepartmentID != t.DepartmentID)) {
		return nil, apperr.New(apperr.NotFound, "移交不存在", "No such transfer")
	}
	if err != nil {
		return nil, fmt.Errorf("report: transfer: %w", err)
	}
	return t, nil
}

// AcceptTransfer is a department taking a transfer on.
func (s *Service) AcceptTransfer(ctx context.Context, p *auth.Principal, transferID int64) error {
	return s.transferAct(ctx, p, transferID, "pending", "transfer_accepted", "", func(tx *sql.Tx, t *TransferRow, now time.Time) error {
		_, err := tx.ExecContext(ctx, `UPDATE transfers SET status = 'accepted', accepted_by = $1, accepted_at = $2 WHERE id = $3`, p.UserID, now, t.ID)
		return err
	})
}

// Feedback is a department's result on a transfer it accepted. It does
// not move the case: the analyst replies once the feedback is in.
func (s *Service) Feedback(ctx context.Context, p *auth.Principal, transferID int64, text string) error {
	text = cleanText(text)
	return s.transferAct(ctx, p, transferID, "accepted", "feedback", text, func(tx *sql.Tx, t *TransferRow, now time.Time) error {
		// Checked after the transfer is found, so another department learns
		// nothing about it from the error.
		if text == "" {
			return apperr.Fields(apperr.Field("feedback", "required", "请填写处置结果", "feedback: describe the result"))
		}
		_, err := tx.ExecContext(ctx, `UPDATE transfers SET status = 'fed_back', feedback = $1, fed_back_by = $2, fed_back_at = $3 WHERE id = $4`, text, p.UserID, now, t.ID)
		return err
	})
}

func (s *Service) transferAct(ctx context.Context, p *auth.Principal, transferID int64, want string, action Action, note string, body func(*sql.Tx, *TransferRow, time.Time) error) error {
	if err := p.Require(auth.TransferHandle); err != nil {
		return err
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		t, err := s.lockTransfer(ctx, tx, p, transferID)
		if err != nil {
			return err
		}
		if t.Status != want {
			return apperr.New(apperr.Conflict, "该移交当前状态不允许此操作", "The transfer is "+t.Status+"; this is not allowed now")
		}
		if err := body(tx, t, now); err != nil {
			return err
		}
		c, err := s.lockCase(ctx, tx, t.ReportID)
		if err != nil {
			return err
		}
		if err := addStaffEvent(ctx, tx, t.ReportID, now, p, action, c.Status, c.Status, t.Department+joinNote(note), false); err != nil {
			return err
		}
		return s.audit(ctx, tx, now, p, "transfer."+string(action), t.ReportID, "transfer:"+strconv.FormatInt(t.ID, 10)+" "+clip(note, 200))
	})
}

func joinNote(n string) string {
	if n == "" {
		return ""
	}
	return "：" + n
}
