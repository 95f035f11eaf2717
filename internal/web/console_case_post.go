package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
)

// maxCaseForm bounds a case action form: a reply of 5000 characters is
// 15 KB of UTF-8, percent-encoding triples it.
const maxCaseForm = 128 << 10

// pageCaseAction handles the form of one action on the case page: on
// success back to the case (303) with a flash, on a refusal the case page
// again with the reason and what was typed, under the refusal's status
// (409 for the lifecycle, 400 for input, 403 for permission).
func (s *Server) pageCaseAction(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := caseID(r)
		if !ok {
			s.consoleError(w, r, false, errNoCase)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxCaseForm)
		if err := r.ParseForm(); err != nil {
			s.consoleError(w, r, false, s.formError(err))
			return
		}
		in := caseFormInput(r)
		err := s.runCaseAction(r.Context(), auth.FromContext(r.Context()), id, action, in)
		if err == nil {
			http.Redirect(w, r, "/console/cases/"+itoa(id)+"?done="+action+"#case-flash", http.StatusSeeOther)
			return
		}
		if apperr.CodeOf(err) == apperr.Internal || apperr.CodeOf(err) == apperr.NotFound && !hasFields(err) {
			s.consoleError(w, r, false, err) // a vanished case has no page to return to
			return
		}
		p := staffCasePage{Problem: s.userMessage(err, i18n.FromRequest(r)), Input: in}
		s.renderCasePage(w, r, status(apperr.CodeOf(err)), id, p)
	}
}

func hasFields(err error) bool {
	e, ok := apperr.As(err)
	return ok && len(e.Fields) > 0
}

// caseFormInput reads the action forms' fields; names match the JSON.
func caseFormInput(r *http.Request) caseInput {
	f := r.PostForm
	in := caseInput{Note: f.Get("note"), Reason: f.Get("reason"), Canonical: f.Get("canonical"), Category: f.Get("category"),
		Zone: f.Get("zone"), What: f.Get("what"), Location: f.Get("location"), Why: f.Get("reason_text"), Deadline: f.Get("deadline"),
		Kind: f.Get("kind"), Outcome: f.Get("outcome"), Text: f.Get("text"), Assignee: f.Get("assignee")}
	in.Platform, _ = strconv.ParseInt(f.Get("platform_id"), 10, 64)
	in.Template, _ = strconv.ParseInt(f.Get("template"), 10, 64)
	for _, d := range f["department_ids"] {
		if n, err := strconv.ParseInt(d, 10, 64); err == nil {
			in.Departments = append(in.Departments, n)
		}
	}
	return in
}
