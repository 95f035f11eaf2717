package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/org"
	"qinglang/internal/rumor"
)

// verifyPage is the editors' list of verification tasks, by filter, with
// the form that opens a new one.
type verifyPage struct {
	adminPage
	Filter      string
	Filters     []opt
	Tasks       []verifyRow
	Departments []opt // the form's checkboxes
	Fields      []adminField
	Done        bool
}

type verifyRow struct {
	rumor.Task
	Late bool
}

func (s *Server) pageVerify(w http.ResponseWriter, r *http.Request) {
	s.renderVerify(w, r, http.StatusOK, adminForm{})
}

func (s *Server) renderVerify(w http.ResponseWriter, r *http.Request, code int, f adminForm) {
	p := verifyPage{adminPage: s.adminPage(w, r, "verify", f), Filter: r.URL.Query().Get("filter"), Done: r.URL.Query().Get("done") == "opened"}
	filter := rumor.TaskFilter(p.Filter)
	switch filter {
	case rumor.TasksOpen, rumor.TasksOverdue, rumor.TasksAnswered:
	default:
		filter, p.Filter = rumor.TasksAll, ""
	}
	for _, v := range []string{"", "open", "overdue", "answered"} {
		p.Filters = append(p.Filters, opt{Value: v, Label: p.In(consoleCatalog["verify.filter_"+v]), Selected: v == p.Filter})
	}
	now := s.Now()
	tasks, err := rumor.ListTasks(r.Context(), s.DB, p.User, filter, now)
	var deps []org.Department
	if err == nil {
		deps, err = org.Departments(r.Context(), s.DB)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, t := range tasks {
		p.Tasks = append(p.Tasks, verifyRow{Task: t, Late: t.Overdue(now)})
	}
	chosen := map[string]bool{}
	for _, v := range f.Values["departments"] {
		chosen[v] = true
	}
	for _, d := range deps {
		p.Departments = append(p.Departments, opt{Value: itoa(d.ID), Label: d.Name.In(p.Lang), Selected: chosen[itoa(d.ID)]})
	}
	days := "3"
	if f.Is("task") {
		days = f.Val("days")
	}
	for _, fd := range []struct{ name, label, typ, value, help string }{
		{"claim", "verify.claim", "textarea", f.Val("claim"), "verify.claim_help"},
		{"question", "verify.question", "textarea", f.Val("question"), "verify.question_help"},
		{"rumor_id", "verify.rumor_id", "number", f.Val("rumor_id"), "verify.rumor_id_help"},
		{"days", "verify.days", "number", days, "verify.days_help"},
	} {
		fv, err := p.Field(fd.name, fd.label, fd.typ, fd.value, fd.help)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		p.Fields = append(p.Fields, fv)
	}
	s.render(w, r, code, "console_verify.html", p)
}

// pageVerifyCreate opens a task. The deadline is given in days from now:
// editors think "answer within three days", not in clock times.
func (s *Server) pageVerifyCreate(w http.ResponseWriter, r *http.Request) {
	err := parseAdminForm(w, r)
	var id int64
	if err == nil {
		in := rumor.TaskInput{Claim: r.PostFormValue("claim"), Question: r.PostFormValue("question"), RumorID: optionalID(r.PostFormValue("rumor_id"))}
		for _, v := range r.PostForm["departments"] {
			if d, perr := strconv.ParseInt(v, 10, 64); perr == nil {
				in.Departments = append(in.Departments, d)
			}
		}
		now := s.Now()
		if days, derr := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("days")), 64); derr == nil {
			in.Deadline = now.Add(time.Duration(days * float64(24*time.Hour)))
		} else {
			in.Deadline = now // refused as not in the future, with the field's message
		}
		id, err = rumor.OpenTask(r.Context(), s.DB, auth.FromContext(r.Context()), in, now)
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "task", err); ok {
			if fe := f.Errors["deadline"]; fe != nil {
				f.Errors["days"] = fe
			}
			s.renderVerify(w, r, code, f)
		}
		return
	}
	http.Redirect(w, r, "/console/verify/"+itoa(id)+"?done=opened", http.StatusSeeOther)
}

// verifyTaskPage shows one task: every department's answer, and the
// draft debunk seeded from the statements so far.
type verifyTaskPage struct {
	consoleView
	Task  rumor.Task
	Late  bool
	Draft rumor.Draft
	Done  bool
}

// DraftParagraphs splits the draft's body where the article editor will
// start new paragraphs.
func (p verifyTaskPage) DraftParagraphs() []string { return strings.Split(p.Draft.Body, "\n\n") }

func (s *Server) pageVerifyTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	p := verifyTaskPage{consoleView: s.newConsoleView(r, "verify"), Done: r.URL.Query().Get("done") == "opened"}
	if err == nil {
		p.Task, err = rumor.LoadTask(r.Context(), s.DB, p.User, id)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Late = p.Task.Overdue(s.Now())
	if p.Task.Answered > 0 {
		p.Draft = rumor.SeedArticle(p.Task)
	}
	s.render(w, r, http.StatusOK, "console_verify_task.html", p)
}
