package rumor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// Verification (核实查证): an editor asks departments to check a claim by
// a deadline; each answers with its findings (for the center) and an
// official statement (for the public), which can seed a debunk article.

// DefaultVerifyDeadline is how long departments get when the editor
// names no deadline: three days, the usual turnaround for a fact check.
const DefaultVerifyDeadline = 72 * time.Hour

// maxVerifyDeadline keeps deadlines meaningful; a rumor is old news long
// before.
const maxVerifyDeadline = 90 * 24 * time.Hour

// Task statuses and request statuses as stored.
const (
	TaskOpen        = "open"
	TaskAnswered    = "answered"
	RequestPending  = "pending"
	RequestAnswered = "answered"
)

// TaskInput is what an editor asks.
type TaskInput struct {
	Claim, Question string
	RumorID         *int64
	Departments     []int64
	Deadline        time.Time // zero: now + DefaultVerifyDeadline
}

var (
	errNoTask    = apperr.New(apperr.NotFound, "核实任务不存在", "No such verification task")
	errNoRequest = apperr.New(apperr.NotFound, "核实请求不存在", "No such verification request")
)

// OpenTask creates a task with one request per department.
func OpenTask(ctx context.Context, db *store.DB, p *auth.Principal, in TaskInput, now time.Time) (int64, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return 0, err
	}
	now = now.UTC()
	in.Claim, in.Question = strings.TrimSpace(in.Claim), strings.TrimSpace(in.Question)
	if in.Deadline.IsZero() {
		in.Deadline = now.Add(DefaultVerifyDeadline)
	}
	// A sorted copy: the caller's slice stays as it was.
	in.Departments = slices.Compact(slices.Sorted(slices.Values(in.Departments)))
	var errs []apperr.FieldError
	if in.Claim == "" || utf8.RuneCountInString(in.Claim) > 5000 {
		errs = append(errs, apperr.Field("claim", "invalid", "请填写需核实的说法（5000 字以内）", "Give the claim to verify (at most 5000 characters)"))
	}
	if utf8.RuneCountInString(in.Question) > 2000 {
		errs = append(errs, apperr.Field("question", "too_long", "核实事项不超过 2000 字", "The question may have at most 2000 characters"))
	}
	if len(in.Departments) == 0 || len(in.Departments) > 20 {
		errs = append(errs, apperr.Field("departments", "required", "请选择 1 至 20 个核实部门", "Choose 1 to 20 departments"))
	}
	if !in.Deadline.After(now) || in.Deadline.Sub(now) > maxVerifyDeadline {
		errs = append(errs, apperr.Field("deadline", "range", "期限须在当前时间之后、90 天以内", "The deadline must be in the future, within 90 days"))
	}
	if len(errs) > 0 {
		return 0, apperr.Fields(errs...)
	}
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := checkRefs(ctx, tx, in); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO verification_tasks (rumor_id, claim, question, deadline, status, created_by, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, in.RumorID, in.Claim, in.Question, in.Deadline.UTC(), TaskOpen, p.UserID, now).Scan(&id); err != nil {
			return fmt.Errorf("rumor: open task: %w", err)
		}
		for _, d := range in.Departments {
			if _, err := tx.ExecContext(ctx, `INSERT INTO verification_requests (task_id, department_id, status) VALUES ($1,$2,$3)`, id, d, RequestPending); err != nil {
				return fmt.Errorf("rumor: open task: %w", err)
			}
		}
		return verifyAudit(ctx, tx, db.Dialect, p, now, "verify.open", id, fmt.Sprintf("departments %v, deadline %s", in.Departments, in.Deadline.UTC().Format(time.RFC3339)))
	})
	return id, err
}

// checkRefs turns unknown departments or rumors into field errors rather
// than foreign key failures.
func checkRefs(ctx context.Context, tx *sql.Tx, in TaskInput) error {
	for _, d := range in.Departments {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM departments WHERE id = $1`, d).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return apperr.Fields(apperr.Field("departments", "unknown", "所选部门不存在", "A chosen department does not exist"))
		} else if err != nil {
			return err
		}
	}
	if in.RumorID != nil {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM rumors WHERE id = $1`, *in.RumorID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return apperr.Fields(apperr.Field("rumor_id", "unknown", "所填谣言编号不存在", "No rumor has this number"))
		} else if err != nil {
			return err
		}
	}
	return nil
}

// AnswerRequest records a department's answer. The request must be the
// handler's own department's: any other is "not found", so a handler
// cannot even learn which tasks other departments have. The task is
// answered once every department has answered.
func AnswerRequest(ctx context.Context, db *store.DB, p *auth.Principal, requestID int64, findings, statement string, now time.Time) error {
	if err := p.Require(auth.VerifyAnswer); err != nil {
		return err
	}
	if p.DepartmentID == nil {
		return errNoRequest
	}
	now = now.UTC()
	return db.Write(ctx, func(tx *sql.Tx) error {
		var taskID int64
		var status, taskStatus string
		err := tx.QueryRowContext(ctx, `SELECT r.task_id, r.status, t.status FROM verification_requests r JOIN verification_tasks t ON t.id = r.task_id
			WHERE r.id = $1 AND r.department_id = $2`, requestID, *p.DepartmentID).Scan(&taskID, &status, &taskStatus)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return errNoRequest
		case err != nil:
			return fmt.Errorf("rumor: answer: %w", err)
		case status != RequestPending || taskStatus != TaskOpen:
			return apperr.New(apperr.Conflict, "该核实请求已答复或已关闭", "This request has been answered or closed")
		}
		if err := checkAnswer(&findings, &statement); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE verification_requests SET status = $1, findings = $2, statement = $3, answered_by = $4, answered_at = $5
			WHERE id = $6`, RequestAnswered, findings, statement, p.UserID, now, requestID); err != nil {
			return fmt.Errorf("rumor: answer: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE verification_tasks SET status = $1 WHERE id = $2 AND NOT EXISTS
			(SELECT 1 FROM verification_requests WHERE task_id = $2 AND status <> $3)`, TaskAnswered, taskID, RequestAnswered); err != nil {
			return fmt.Errorf("rumor: answer: %w", err)
		}
		return verifyAudit(ctx, tx, db.Dialect, p, now, "verify.answer", taskID, fmt.Sprintf("request %d, department %d", requestID, *p.DepartmentID))
	})
}

// checkAnswer runs after the request is found in the handler's scope, so
// a request of another department is "not found" whatever was typed.
func checkAnswer(findings, statement *string) error {
	*findings, *statement = strings.TrimSpace(*findings), strings.TrimSpace(*statement)
	var errs []apperr.FieldError
	if *findings == "" || utf8.RuneCountInString(*findings) > 10000 {
		errs = append(errs, apperr.Field("findings", "required", "请填写核查情况（10000 字以内）", "Give your findings (at most 10000 characters)"))
	}
	if *statement == "" || utf8.RuneCountInString(*statement) > 5000 {
		errs = append(errs, apperr.Field("statement", "required", "请填写可公开的权威说明（5000 字以内）", "Give the official statement (at most 5000 characters)"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

func verifyAudit(ctx context.Context, tx *sql.Tx, d store.Dialect, p *auth.Principal, now time.Time, action string, taskID int64, detail string) error {
	return audit.Append(ctx, tx, d, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: action,
		Target: fmt.Sprintf("verification:%d", taskID), Detail: detail})
}
