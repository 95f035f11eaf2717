package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"qinglang/internal/apperr"
	"qinglang/internal/platform"
	"qinglang/internal/report"
)

// The partner platform API (DESIGN section 6): routes of Access Platform
// take a platform API key, in "Authorization: Bearer qlp_…" or
// "X-API-Key", and act for that key's platform only.

// platformRateFactor is how many times the public per-client rate a
// platform key may call: its systems forward many users' reports.
const platformRateFactor = 10

type callerKey struct{}

var errNoPlatformKey = apperr.New(apperr.Unauthorized, "缺少平台 API 密钥：请在请求头 Authorization: Bearer qlp_… 或 X-API-Key 中提供",
	"Missing platform API key: send it as Authorization: Bearer qlp_… or X-API-Key")

// platformAuth resolves the API key to its platform, refuses unknown,
// revoked (401) and disabled (403) callers, and applies the key's rate.
func (s *Server) platformAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		key := strings.TrimSpace(r.Header.Get("X-API-Key"))
		if h := r.Header.Get("Authorization"); key == "" && len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
			key = strings.TrimSpace(h[7:])
		}
		var c platform.Caller
		var err error = errNoPlatformKey
		if key != "" {
			c, err = s.Platforms.Lookup(r.Context(), key)
		}
		if err != nil {
			if apperr.CodeOf(err) == apperr.Unauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="qinglang platform API"`)
			}
			s.apiError(w, r, err)
			return
		}
		if ok, wait := s.platformLimit.allow("key:" + strconv.FormatInt(c.KeyID, 10)); !ok {
			w.Header().Set("Retry-After", retryAfter(wait))
			s.apiError(w, r, apperr.New(apperr.RateLimited, "该密钥请求过于频繁，请稍后再试", "Too many requests with this key; slow down and retry later"))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callerKey{}, c)))
	})
}

func callerOf(r *http.Request) platform.Caller {
	c, _ := r.Context().Value(callerKey{}).(platform.Caller)
	return c
}

// apiPlatformReport files a report a user made on the platform: the
// channel is "platform" and the platform is the key's, whatever the body
// says about the channel; naming another platform is refused.
func (s *Server) apiPlatformReport(w http.ResponseWriter, r *http.Request) {
	c := callerOf(r)
	var fwd forwardedReport
	if err := decodeJSON(w, r, &fwd); err != nil {
		s.apiError(w, r, err)
		return
	}
	sub := fwd.Submission
	if fwd.ExternalID != "" {
		if len(fwd.ExternalID) > 128 || strings.ContainsFunc(fwd.ExternalID, unicode.IsControl) {
			s.apiError(w, r, apperr.Fields(apperr.Field("external_id", "bad_format", "external_id 最长128个字符，且不能含控制字符", "external_id: at most 128 characters, no control characters")))
			return
		}
		sub.External = &report.ExternalRef{PlatformID: c.PlatformID, ID: fwd.ExternalID}
	}
	if sub.Platform != "" && sub.Platform != c.Code {
		s.apiError(w, r, apperr.New(apperr.Forbidden, "此密钥只能代表平台「"+c.Code+"」转交举报，请求体中的 platform 为「"+sub.Platform+"」",
			"This key forwards reports for platform "+c.Code+" only; the body names "+sub.Platform))
		return
	}
	sub.Channel, sub.Platform = "platform", c.Code
	rec, err := s.Reports.Submit(r.Context(), sub, "platform")
	var dup *report.DuplicateError
	if errors.As(err, &dup) {
		w.Header().Set("Location", "/api/v1/reports/track?code="+dup.TrackingCode)
		writeJSON(w, http.StatusOK, duplicateJSON{dup.TrackingCode, nil, dup.Status, dup.CreatedAt, true,
			s.baseURL(r) + "/track?code=" + dup.TrackingCode})
		return
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/reports/track?code="+rec.TrackingCode)
	writeJSON(w, http.StatusCreated, receiptJSON{rec, s.baseURL(r) + "/track?code=" + rec.TrackingCode})
}

// forwardedReport is a report as a platform forwards it: a public report
// with the platform's own id of it, which makes a retry harmless.
type forwardedReport struct {
	report.Submission
	ExternalID string `json:"external_id,omitempty"`
}

// duplicateJSON answers a forwarded report seen before: the first case's
// tracking code; its secret went out with the first answer only.
type duplicateJSON struct {
	TrackingCode string        `json:"tracking_code"`
	Secret       *string       `json:"secret"`
	Status       report.Status `json:"status"`
	CreatedAt    time.Time     `json:"created_at"`
	Duplicate    bool          `json:"duplicate"`
	TrackURL     string        `json:"track_url"`
}

type contentPush struct {
	Items []platform.ContentItem `json:"items"`
}

func (s *Server) apiPlatformContent(w http.ResponseWriter, r *http.Request) {
	var body contentPush
	if err := decodePlatformJSON(w, r, &body); err != nil {
		s.apiError(w, r, err)
		return
	}
	got, err := s.Platforms.PushContent(r.Context(), callerOf(r).PlatformID, body.Items)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, got)
}

func (s *Server) apiPlatformNotices(w http.ResponseWriter, r *http.Request) {
	f, err := noticeFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ns, total, err := s.Reports.PlatformNotices(r.Context(), callerOf(r).PlatformID, f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := noticeListJSON{Notices: []platformNoticeJSON{}, Page: f.Page, PerPage: f.PerPage, Total: total}
	for _, n := range ns {
		out.Notices = append(out.Notices, s.platformNotice(r, n))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiPlatformRespond(w http.ResponseWriter, r *http.Request) {
	c := callerOf(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.apiError(w, r, apperr.New(apperr.NotFound, "处置通知不存在", "No such notice"))
		return
	}
	var in report.NoticeResponse
	if err := decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	who := report.Responder{PlatformID: c.PlatformID, Actor: "platform:" + c.Code, By: c.KeyPrefix}
	if err := s.Reports.RespondNotice(r.Context(), who, id, in); err != nil {
		s.apiError(w, r, err)
		return
	}
	ns, _, err := s.Reports.PlatformNotices(r.Context(), c.PlatformID, report.NoticeFilter{ID: id})
	if err != nil || len(ns) == 0 {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s.platformNotice(r, ns[0]))
}
