package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/auth"
	"qinglang/internal/sla"
)

// pageEvidence serves one evidence file to staff who may see its case. It
// goes out with its stored (sniffed at upload) type and nosniff; images
// open in the browser, anything else is a download, and a sandbox policy
// keeps even a mislabelled file from running script on this origin.
func (s *Server) pageEvidence(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.Reports.EvidenceFor(r.Context(), auth.FromContext(r.Context()), r.PathValue("id"))
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	body, err := s.Evidence.Store.Open(r.Context(), f.SHA256)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	defer body.Close()
	disposition := "attachment"
	if strings.HasPrefix(f.MIME, "image/") && r.URL.Query().Get("download") == "" {
		disposition = "inline"
	}
	name := f.Name
	if name == "" {
		name = f.ID + "." + strings.TrimPrefix(f.MIME[strings.IndexByte(f.MIME, '/')+1:], "x-")
	}
	h := w.Header()
	h.Set("Content-Type", f.MIME)
	h.Set("Content-Length", strconv.FormatInt(f.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
	h.Set("Cache-Control", "private, no-store")
	io.Copy(w, body)
}

// pageEvidencePackage streams the police evidence package of a case. The
// domain checks permission and scope and writes the audit entry before
// the first byte; the headers go out with that first byte, so a refusal
// is still an ordinary error page. A failure halfway aborts the response:
// a cut connection is better than a ZIP that looks whole but is not.
func (s *Server) pageEvidencePackage(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.consoleError(w, r, false, errNoCase)
		return
	}
	codes, err := s.Reports.TrackingCodes(r.Context(), []int64{id})
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	// The domain names the file only once it is written; this is the same name.
	name := "evidence-" + codes[id] + "-" + s.Now().In(sla.Beijing).Format("20060102-150405") + ".zip"
	lw := &lazyZip{w: w, name: name}
	_, err = s.Reports.EvidencePackage(r.Context(), auth.FromContext(r.Context()), id, s.Evidence.Store, lw)
	switch {
	case err != nil && !lw.started:
		s.consoleError(w, r, false, err)
	case err != nil:
		s.Log.Error("evidence package failed midway", "case", id, "err", err)
		panic(http.ErrAbortHandler)
	}
}

// lazyZip sets the download's headers on the first write.
type lazyZip struct {
	w       http.ResponseWriter
	name    string
	started bool
}

func (l *lazyZip) Write(b []byte) (int, error) {
	if !l.started {
		l.started = true
		h := l.w.Header()
		h.Set("Content-Type", "application/zip")
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": l.name}))
	}
	return l.w.Write(b)
}
