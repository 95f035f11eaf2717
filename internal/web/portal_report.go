package web

import (
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/category"
	"qinglang/internal/report"
)

func (s *Server) pageReportForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.renderReportForm(w, r, http.StatusOK, url.Values{"category": {q.Get("category")}, "zone": {q.Get("zone")}}, nil)
}

func (s *Server) renderReportForm(w http.ResponseWriter, r *http.Request, code int, values url.Values, err error) {
	p, derr := s.newReportPage(r, values, err)
	if derr != nil {
		s.Log.Error("report form", "err", derr)
		http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
		return
	}
	if err != nil {
		p.FilesLost = r.MultipartForm != nil && len(r.MultipartForm.File) > 0
	}
	s.render(w, r, code, "page_report.html", p)
}

// maxFormBody bounds a report form post: five full-size files and the text.
func (s *Server) maxFormBody() int64 { return s.Config.MaxUploadBytes*5 + 1<<20 }

func (s *Server) pageReportSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxFormBody())
	// Files past 1 MB spool to disk rather than memory.
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		err = s.formError(err)
		s.renderReportForm(w, r, status(apperr.CodeOf(err)), url.Values{}, err)
		return
	}
	defer r.MultipartForm.RemoveAll()
	values := url.Values(r.MultipartForm.Value)

	// The challenge goes first, so a script without the work done costs us
	// no file ingestion. Why it failed is for the log; the reporter just
	// gets a fresh challenge.
	if err := s.Pow.Verify(values.Get("pow_token"), values.Get("pow_nonce"), s.Now()); err != nil {
		s.Log.Info("report form challenge failed", "err", err, "client", s.clientIP(r))
		s.renderReportForm(w, r, http.StatusBadRequest, values,
			apperr.New(apperr.Invalid, "安全校验未通过，请重新提交", "The security check failed; please submit again"))
		return
	}
	sub, err := s.submissionOf(r.Context(), values, r.MultipartForm.File)
	if e := entranceOf(r); e != nil {
		// Through a partner platform's entrance the platform is the one
		// its link names, never a form field a script could change.
		sub.Channel, sub.Platform = "platform", e.Code
	}
	if err == nil {
		var rec report.Receipt
		if rec, err = s.Reports.Submit(r.Context(), sub, channelOf(r)); err == nil {
			s.renderReceipt(w, r, rec, sub)
			return
		}
	}
	if _, ok := apperr.As(err); !ok {
		s.Log.Error("report submit", "err", err)
	}
	s.renderReportForm(w, r, status(apperr.CodeOf(err)), values, err)
}

// submissionOf reads the form into the same Submission the API takes.
func (s *Server) submissionOf(ctx context.Context, v url.Values, files map[string][]*multipart.FileHeader) (report.Submission, error) {
	sub := report.Submission{
		Category: v.Get("category"),
		Zone:     v.Get("zone"),
		Content:  v.Get("content"),
		URLs:     lines(v.Get("urls")),
		District: v.Get("district"),
		Reporter: report.Reporter{Anonymous: v.Get("anonymous") != ""},
	}
	// The contact inputs are hidden while "anonymous" is ticked; what was
	// typed into them before is not part of an anonymous report.
	if !sub.Reporter.Anonymous {
		sub.Reporter.Name, sub.Reporter.Phone, sub.Reporter.Email = v.Get("name"), v.Get("phone"), v.Get("email")
	}
	for _, fh := range files["evidence"] {
		meta, err := s.ingestFile(ctx, fh, "evidence")
		if err != nil {
			return sub, err
		}
		sub.Uploads = append(sub.Uploads, report.Upload{Meta: meta, Name: fh.Filename})
	}
	z, ok := category.LookupZone(sub.Zone)
	if !ok {
		return sub, nil
	}
	sub.ZoneFields = map[string]any{}
	for _, f := range z.Fields {
		if f.Type != category.TypeFiles {
			if vals := v["zf."+f.Code]; len(vals) > 0 {
				sub.ZoneFields[f.Code] = vals
			}
			continue
		}
		// A file field holds evidence ids, so its files are registered
		// before the report exists. If the report is then refused, they
		// stay behind as unattached uploads (as after an API upload that
		// is never used), not as part of any report.
		ids, err := s.registerFiles(ctx, files["zf_"+f.Code], "zone_fields."+f.Code)
		if err != nil {
			return sub, err
		}
		if len(ids) > 0 {
			sub.ZoneFields[f.Code] = ids
		}
	}
	return sub, nil
}

// lines splits a textarea into its non-empty lines.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var phoneUA = regexp.MustCompile(`(?i)mobile|android|iphone|ipod|harmonyos|micromessenger`)

// channelOf tells the mobile web (H5) from the desktop site, which the
// center's statistics count as separate channels.
func channelOf(r *http.Request) report.Channel {
	if phoneUA.MatchString(r.UserAgent()) {
		return "mobile"
	}
	return "web"
}
