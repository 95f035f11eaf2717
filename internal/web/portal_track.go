package web

import (
	"net/http"

	"qinglang/internal/apperr"
	"qinglang/internal/i18n"
)

type trackPage struct {
	view
	Code   string
	Notice string
}

// pageTrackForm asks for the code and the secret. The code may come in the
// query (links in replies carry it); the secret never does, so it cannot
// end up in a URL.
func (s *Server) pageTrackForm(w http.ResponseWriter, r *http.Request) {
	s.renderTrackForm(w, r, http.StatusOK, r.URL.Query().Get("code"), nil)
}

func (s *Server) renderTrackForm(w http.ResponseWriter, r *http.Request, code int, trackingCode string, err error) {
	p := trackPage{view: newView(r, "track"), Code: trackingCode}
	if err != nil {
		p.Notice = s.userMessage(err, p.Lang)
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, code, "page_track.html", p)
}

// maxTrackForm bounds the url-encoded posts of the tracking pages.
const maxTrackForm = 64 << 10

func (s *Server) pageTrack(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTrackForm)
	code, secret := r.PostFormValue("code"), r.PostFormValue("secret")
	v, err := s.track(r, code, secret)
	if err != nil {
		s.renderTrackForm(w, r, status(apperr.CodeOf(err)), code, err)
		return
	}
	s.renderCase(w, r, http.StatusOK, v, secret, caseNotes{})
}

func (s *Server) pageAddMaterial(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxFormBody())
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		err = s.formError(err)
		s.renderTrackForm(w, r, status(apperr.CodeOf(err)), "", err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	code, secret, text := r.FormValue("code"), r.FormValue("secret"), r.FormValue("text")
	// The case is opened first, under the guessing throttle, so no file is
	// stored for someone who does not hold the secret.
	if _, err := s.track(r, code, secret); err != nil {
		s.renderTrackForm(w, r, status(apperr.CodeOf(err)), code, err)
		return
	}
	ids, err := s.registerFiles(r.Context(), r.MultipartForm.File["files"], "files")
	if err == nil {
		err = s.Reports.AddMaterial(r.Context(), code, secret, text, ids)
	}
	notes := &caseNotes{Material: text}
	s.afterCaseAction(w, r, code, secret, err, "case.material_added", notes, &notes.MaterialErrors)
}

func (s *Server) pageRate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTrackForm)
	code, secret := r.PostFormValue("code"), r.PostFormValue("secret")
	if _, err := s.track(r, code, secret); err != nil {
		s.renderTrackForm(w, r, status(apperr.CodeOf(err)), code, err)
		return
	}
	comment := r.PostFormValue("comment")
	var err error
	switch r.PostFormValue("satisfied") {
	case "yes", "no":
		err = s.Reports.Rate(r.Context(), code, secret, r.PostFormValue("satisfied") == "yes", comment)
	default:
		err = apperr.Fields(apperr.Field("satisfied", "required", "请选择“满意”或“不满意”", "Please choose satisfied or not satisfied"))
	}
	notes := &caseNotes{Comment: comment}
	s.afterCaseAction(w, r, code, secret, err, "case.rated", notes, &notes.RatingErrors)
}

// afterCaseAction shows the case again after a reporter's action: with a
// confirmation, or with the action's errors (into errs, a list of notes)
// next to its form and what was typed kept. No redirect, so the secret
// stays out of every URL.
func (s *Server) afterCaseAction(w http.ResponseWriter, r *http.Request, code, secret string, err error, doneKey string, notes *caseNotes, errs *[]string) {
	httpStatus := http.StatusOK
	if err == nil {
		*notes = caseNotes{DoneKey: doneKey}
	} else {
		httpStatus = status(apperr.CodeOf(err))
		lang := i18n.FromRequest(r)
		if e, ok := apperr.As(err); ok && len(e.Fields) > 0 {
			for _, f := range e.Fields {
				*errs = append(*errs, f.Message(lang))
			}
		} else {
			*errs = append(*errs, s.userMessage(err, lang))
		}
	}
	v, terr := s.Reports.Track(r.Context(), code, secret)
	if terr != nil {
		s.renderTrackForm(w, r, status(apperr.CodeOf(terr)), code, terr)
		return
	}
	s.renderCase(w, r, httpStatus, v, secret, *notes)
}

// userMessage is the message of a domain error, and a generic one (with
// the details in the log) for anything else.
func (s *Server) userMessage(err error, lang string) string {
	e, ok := apperr.As(err)
	if !ok {
		s.Log.Error("portal request failed", "err", err)
		return catalog["error.internal"].In(lang)
	}
	if len(e.Fields) > 0 {
		return e.Fields[0].Message(lang)
	}
	return e.Message(lang)
}
