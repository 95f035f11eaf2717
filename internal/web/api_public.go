package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/evidence"
	"qinglang/internal/i18n"
	"qinglang/internal/report"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ok, err := s.DB.SchemaUpToDate(r.Context())
	if err != nil || !ok {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "schema not up to date"})
		return
	}
	if err := s.DB.Read().PingContext(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) apiCategories(w http.ResponseWriter, r *http.Request) {
	defs, err := s.formDefinitions(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, defs)
}

type evidenceJSON struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	MIME   string `json:"mime"`
}

func (s *Server) apiUploadEvidence(w http.ResponseWriter, r *http.Request) {
	ev, err := s.uploadEvidence(w, r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, ev)
}

// uploadEvidence streams the multipart part "file" through the evidence
// checks into the blob store and records it.
func (s *Server) uploadEvidence(w http.ResponseWriter, r *http.Request) (evidenceJSON, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return evidenceJSON{}, requestError(apperr.Unsupported, "Content-Type", "请以 multipart/form-data 上传，文件放在 file 字段", "Content-Type: upload as multipart/form-data with the file in the field \"file\"")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.Config.MaxUploadBytes+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return evidenceJSON{}, requestError(apperr.Invalid, "body", "上传内容无法解析", "body: the multipart body could not be read")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return evidenceJSON{}, apperr.Fields(apperr.Field("file", "required", "请在 file 字段中上传一个文件", "file: attach one file in the field \"file\""))
		}
		if err != nil {
			return evidenceJSON{}, s.uploadError(err)
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		return s.ingestPart(r.Context(), part, part.FileName())
	}
}

func (s *Server) ingestPart(ctx context.Context, body io.Reader, name string) (evidenceJSON, error) {
	meta, err := s.Evidence.Ingest(ctx, body)
	if err != nil {
		return evidenceJSON{}, s.uploadError(err)
	}
	id, err := s.Reports.RegisterEvidence(ctx, meta, name)
	if err != nil {
		return evidenceJSON{}, err
	}
	return evidenceJSON{ID: id, SHA256: meta.SHA256, Size: meta.Size, MIME: meta.MIME}, nil
}

func (s *Server) uploadError(err error) error {
	limitMB := s.Config.MaxUploadBytes >> 20
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, evidence.ErrTooLarge), errors.As(err, &tooBig):
		e := apperr.Fields(apperr.Field("file", "too_large", fmt.Sprintf("文件超过 %d MB，请压缩或截取关键部分后再上传", limitMB), fmt.Sprintf("file: larger than %d MB; compress it or cut it down", limitMB)))
		e.Code = apperr.TooLarge
		return e
	case errors.Is(err, evidence.ErrEmpty):
		return apperr.Fields(apperr.Field("file", "empty", "文件是空的", "file: the file is empty"))
	case errors.Is(err, evidence.ErrUnsupported):
		detail := strings.TrimPrefix(err.Error(), evidence.ErrUnsupported.Error()+": ")
		e := apperr.Fields(apperr.Field("file", "unsupported",
			"只接受图片（JPEG、PNG、WebP、GIF）、PDF 和 MP4 视频；该文件的内容不符（"+detail+"）",
			"file: only JPEG, PNG, WebP, GIF images, PDF and MP4 video are accepted; this file's content is not ("+detail+")"))
		e.Code = apperr.Unsupported
		return e
	}
	return err
}

type receiptJSON struct {
	report.Receipt
	TrackURL string `json:"track_url"`
}

func (s *Server) apiCreateReport(w http.ResponseWriter, r *http.Request) {
	var sub report.Submission
	if err := decodeJSON(w, r, &sub); err != nil {
		s.apiError(w, r, err)
		return
	}
	rec, err := s.Reports.Submit(r.Context(), sub, "api")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/reports/track?code="+rec.TrackingCode)
	writeJSON(w, http.StatusCreated, receiptJSON{rec, s.baseURL(r) + "/track?code=" + rec.TrackingCode})
}

// trackGate refuses a client that has guessed wrong too often.
func (s *Server) trackGate(r *http.Request) error {
	if blocked, wait := s.trackFail.blocked(s.clientIP(r), s.Now()); blocked {
		return &retryError{apperr.New(apperr.RateLimited,
			fmt.Sprintf("查询码或密码错误次数过多，请 %d 分钟后再试", int(wait.Minutes())+1),
			fmt.Sprintf("Too many wrong tracking codes or secrets; try again in %d minutes", int(wait.Minutes())+1)), wait}
	}
	return nil
}

// track opens a case and counts a failure for the client when it fails.
func (s *Server) track(r *http.Request, code, secret string) (*report.CaseView, error) {
	if err := s.trackGate(r); err != nil {
		return nil, err
	}
	v, err := s.Reports.Track(r.Context(), code, secret)
	if errors.Is(err, report.ErrNoCase) {
		s.trackFail.fail(s.clientIP(r), s.Now())
	}
	return v, err
}

func (s *Server) apiTrack(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v, err := s.track(r, q.Get("code"), q.Get("secret"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, caseJSON(v, i18n.FromRequest(r)))
}

type materialRequest struct {
	Code        string   `json:"code"`
	Secret      string   `json:"secret"`
	Text        string   `json:"text"`
	EvidenceIDs []string `json:"evidence_ids"`
}

func (s *Server) apiAddMaterial(w http.ResponseWriter, r *http.Request) {
	var req materialRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	s.afterTracked(w, r, req.Code, req.Secret, func() error {
		return s.Reports.AddMaterial(r.Context(), req.Code, req.Secret, req.Text, req.EvidenceIDs)
	})
}

type ratingRequest struct {
	Code      string `json:"code"`
	Secret    string `json:"secret"`
	Satisfied *bool  `json:"satisfied"`
	Comment   string `json:"comment"`
}

func (s *Server) apiRate(w http.ResponseWriter, r *http.Request) {
	var req ratingRequest
	if err := decodeJSON(w, r, &req); err != nil {
		s.apiError(w, r, err)
		return
	}
	if req.Satisfied == nil {
		s.apiError(w, r, apperr.Fields(apperr.Field("satisfied", "required", "请选择“满意”或“不满意”", "satisfied: true or false is required")))
		return
	}
	s.afterTracked(w, r, req.Code, req.Secret, func() error {
		return s.Reports.Rate(r.Context(), req.Code, req.Secret, *req.Satisfied, req.Comment)
	})
}

// afterTracked runs a reporter's action under the guessing throttle and
// answers with the case as it now stands.
func (s *Server) afterTracked(w http.ResponseWriter, r *http.Request, code, secret string, act func() error) {
	if err := s.trackGate(r); err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := act(); err != nil {
		if errors.Is(err, report.ErrNoCase) {
			s.trackFail.fail(s.clientIP(r), s.Now())
		}
		s.apiError(w, r, err)
		return
	}
	v, err := s.Reports.Track(r.Context(), code, secret)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, caseJSON(v, i18n.FromRequest(r)))
}

func (s *Server) baseURL(r *http.Request) string {
	if s.Config.BaseURL != "" {
		return s.Config.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
