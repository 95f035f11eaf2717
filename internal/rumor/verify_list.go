package rumor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/store"
)

// Task is a verification task as editors see it.
type Task struct {
	ID              int64
	RumorID         *int64
	Claim, Question string
	Deadline        time.Time
	Status          string // open, answered, closed
	CreatedBy       string // display name
	CreatedAt       time.Time
	Answered, Total int           // requests answered, of all
	Requests        []TaskRequest // filled by LoadTask only
}

// Overdue reports whether departments still owe answers past the deadline.
func (t Task) Overdue(now time.Time) bool { return t.Status == TaskOpen && t.Deadline.Before(now) }

// TaskRequest is one department's part of a task.
type TaskRequest struct {
	ID, DepartmentID    int64
	Department          i18n.Text
	Status              string // pending, answered
	Findings, Statement string
	AnsweredBy          string
	AnsweredAt          *time.Time
}

// TaskFilter picks the tasks of an editor's list.
type TaskFilter string

const (
	TasksAll      TaskFilter = ""
	TasksOpen     TaskFilter = "open"     // open, deadline not passed
	TasksOverdue  TaskFilter = "overdue"  // open, deadline passed
	TasksAnswered TaskFilter = "answered" // every department answered
)

const taskSelect = `SELECT t.id, t.rumor_id, t.claim, t.question, t.deadline, t.status, COALESCE(u.display_name, ''), t.created_at,
	(SELECT COUNT(*) FROM verification_requests r WHERE r.task_id = t.id AND r.status = 'answered'),
	(SELECT COUNT(*) FROM verification_requests r WHERE r.task_id = t.id)
	FROM verification_tasks t LEFT JOIN users u ON u.id = t.created_by`

// ListTasks lists tasks for editors: overdue and open ones by deadline,
// answered ones newest first.
func ListTasks(ctx context.Context, db *store.DB, p *auth.Principal, f TaskFilter, now time.Time) ([]Task, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return nil, err
	}
	q, args := taskSelect, []any{}
	switch f {
	case TasksOpen:
		q, args = q+` WHERE t.status = 'open' AND t.deadline >= $1 ORDER BY t.deadline, t.id`, append(args, now.UTC())
	case TasksOverdue:
		q, args = q+` WHERE t.status = 'open' AND t.deadline < $1 ORDER BY t.deadline, t.id`, append(args, now.UTC())
	case TasksAnswered:
		q += ` WHERE t.status = 'answered' ORDER BY t.id DESC`
	default:
		q += ` ORDER BY t.id DESC`
	}
	rows, err := db.Read().QueryContext(ctx, q+` LIMIT 200`, args...)
	if err != nil {
		return nil, fmt.Errorf("rumor: tasks: %w", err)
	}
	defer rows.Close()
	var out []Task
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func scanTask(row interface{ Scan(...any) error }) (Task, error) {
	var t Task
	var rumorID sql.NullInt64
	err := row.Scan(&t.ID, &rumorID, &t.Claim, &t.Question, &t.Deadline, &t.Status, &t.CreatedBy, &t.CreatedAt, &t.Answered, &t.Total)
	if rumorID.Valid {
		t.RumorID = &rumorID.Int64
	}
	return t, err
}

// LoadTask returns one task with every department's request and answer.
func LoadTask(ctx context.Context, db *store.DB, p *auth.Principal, id int64) (Task, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return Task{}, err
	}
	t, err := scanTask(db.Read().QueryRowContext(ctx, taskSelect+` WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, errNoTask
	} else if err != nil {
		return t, fmt.Errorf("rumor: task: %w", err)
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT r.id, r.department_id, d.name_zh, d.name_en, r.status, r.findings, r.statement,
		COALESCE(u.display_name, ''), r.answered_at FROM verification_requests r JOIN departments d ON d.id = r.department_id
		LEFT JOIN users u ON u.id = r.answered_by WHERE r.task_id = $1 ORDER BY d.code`, id)
	if err != nil {
		return t, fmt.Errorf("rumor: task: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r TaskRequest
		var at sql.NullTime
		if err := rows.Scan(&r.ID, &r.DepartmentID, &r.Department.Zh, &r.Department.En, &r.Status, &r.Findings, &r.Statement, &r.AnsweredBy, &at); err != nil {
			return t, fmt.Errorf("rumor: task: %w", err)
		}
		if at.Valid {
			r.AnsweredAt = &at.Time
		}
		t.Requests = append(t.Requests, r)
	}
	return t, rows.Err()
}

// InboxItem is a request waiting for the handler's department.
type InboxItem struct {
	RequestID, TaskID int64
	Claim, Question   string
	Deadline          time.Time
	AskedAt           time.Time
}

// Inbox lists the pending requests of the handler's department, the
// nearest deadline first. A handler without a department has none.
func Inbox(ctx context.Context, db *store.DB, p *auth.Principal) ([]InboxItem, error) {
	if err := p.Require(auth.VerifyAnswer); err != nil {
		return nil, err
	}
	if p.DepartmentID == nil {
		return nil, nil
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT r.id, t.id, t.claim, t.question, t.deadline, t.created_at
		FROM verification_requests r JOIN verification_tasks t ON t.id = r.task_id
		WHERE r.department_id = $1 AND r.status = 'pending' AND t.status = 'open' ORDER BY t.deadline, r.id`, *p.DepartmentID)
	if err != nil {
		return nil, fmt.Errorf("rumor: inbox: %w", err)
	}
	defer rows.Close()
	var out []InboxItem
	for rows.Next() {
		var it InboxItem
		if err := rows.Scan(&it.RequestID, &it.TaskID, &it.Claim, &it.Question, &it.Deadline, &it.AskedAt); err != nil {
			return nil, fmt.Errorf("rumor: inbox: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// Draft is the start of a debunk article, for the article editor to take.
type Draft struct{ Title, Body string }

// SeedArticle drafts a debunk from a task: the claim as circulated and
// each department's official statement, in the form such notices take.
// Findings stay out: they are the departments' word to the center, not
// to the public.
func SeedArticle(t Task) Draft {
	claim := strings.Join(strings.Fields(t.Claim), " ")
	short := []rune(claim)
	if len(short) > 30 {
		short = append(short[:29], '…')
	}
	var b strings.Builder
	fmt.Fprintf(&b, "近日，网上流传“%s”的说法，引发关注。\n\n", claim)
	var names []string
	for _, r := range t.Requests {
		if r.Status == RequestAnswered && r.Statement != "" {
			names = append(names, r.Department.Zh)
		}
	}
	if len(names) == 0 {
		b.WriteString("经向有关部门核实，相关情况正在核查中。\n\n")
	} else {
		fmt.Fprintf(&b, "经向%s核实，情况如下：\n\n", strings.Join(names, "、"))
		for _, r := range t.Requests {
			if r.Status == RequestAnswered && r.Statement != "" {
				fmt.Fprintf(&b, "%s：%s\n\n", r.Department.Zh, r.Statement)
			}
		}
	}
	b.WriteString("请广大网民以官方发布的信息为准，不信谣、不传谣。如发现网络谣言，欢迎向本中心举报。")
	return Draft{Title: "网传“" + string(short) + "”？真相来了", Body: b.String()}
}
