package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/i18n"
)

// status maps a domain error kind to its HTTP status, in one place.
func status(c apperr.Code) int {
	switch c {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.Unsupported:
		return http.StatusUnsupportedMediaType
	case apperr.RateLimited:
		return http.StatusTooManyRequests
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// writeJSON sends v with the given status. Answers are not cached unless
// the handler has said otherwise.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if w.Header().Get("Cache-Control") == "" {
		w.Header().Set("Cache-Control", "no-store")
	}
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// apiError answers with the error contract of DESIGN section 6. Errors the
// domain did not make are logged and shown only as "internal".
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	lang := i18n.FromRequest(r)
	e, ok := apperr.As(err)
	if !ok {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		e = apperr.New(apperr.Internal, "服务器内部错误，请稍后重试", "Internal error; please try again later")
	}
	body := errorBody{Error: errorDetail{Code: string(e.Code), Message: e.Message(lang)}}
	if len(e.Fields) > 0 {
		body.Error.Fields = map[string]string{}
		var first []string
		for _, f := range e.Fields {
			if _, dup := body.Error.Fields[f.Field]; !dup {
				body.Error.Fields[f.Field] = f.Message(lang)
				first = append(first, f.Message(lang))
			}
		}
		// The message names the fields too, for clients that only show it.
		body.Error.Message = strings.Join(first, "；")
		if i18n.IsEn(lang) {
			body.Error.Message = strings.Join(first, "; ")
		}
	}
	var retry *retryError
	if errors.As(err, &retry) {
		w.Header().Set("Retry-After", retryAfter(retry.wait))
	}
	if e.Code == apperr.RateLimited && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "60")
	}
	writeJSON(w, status(e.Code), body)
}

// maxJSONBody bounds a JSON request; a report is far smaller.
const maxJSONBody = 256 << 10

// decodeJSON reads a JSON body strictly: the right content type, UTF-8,
// one value, no unknown fields, and errors that name the field at fault.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	return decodeJSONLimit(w, r, v, maxJSONBody)
}

// decodeJSONLimit is decodeJSON for a body of at most limit bytes.
func decodeJSONLimit(w http.ResponseWriter, r *http.Request, v any, limit int64) error {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return requestError(apperr.Unsupported, "Content-Type", "请求体须为 JSON，并设置 Content-Type: application/json", "Content-Type: send a JSON body with Content-Type: application/json")
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return requestError(apperr.Unsupported, "Content-Type", "请求体须为 UTF-8 编码的 JSON（不接受 "+cs+"）", "Content-Type: the body must be UTF-8 JSON, not "+cs)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return jsonError(err, limit)
	}
	// encoding/json would turn GBK or Latin-1 bytes into U+FFFD silently
	// and store a report nobody can read.
	if !utf8.Valid(body) {
		return requestError(apperr.Invalid, "body", "请求体不是有效的 UTF-8 编码，请以 UTF-8 发送", "body: not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, limit)
	}
	if _, err := dec.Token(); err != io.EOF {
		return requestError(apperr.Invalid, "body", "请求体只能包含一个 JSON 对象", "body: must hold exactly one JSON object")
	}
	return nil
}

func jsonError(err error, limit int64) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return requestError(apperr.TooLarge, "body", fmt.Sprintf("请求体超过 %d KB", limit>>10), fmt.Sprintf("body: larger than %d KB", limit>>10))
	case errors.As(err, &syn):
		return requestError(apperr.Invalid, "body", fmt.Sprintf("请求体不是有效的 JSON（第 %d 字节附近）", syn.Offset), fmt.Sprintf("body: malformed JSON near byte %d", syn.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return apperr.Fields(apperr.Field(field, "wrong_type",
			fmt.Sprintf("「%s」的类型不正确，应为 %s", field, typeZh(typ.Type.Kind().String())),
			fmt.Sprintf("%s: wrong type, expected %s", field, typ.Type.Kind())))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return requestError(apperr.Invalid, "body", "请求体为空或不完整", "body: empty or cut short")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Fields(apperr.Field(field, "unknown_field", "不认识的字段「"+field+"」，请对照 /api/openapi.json", field+": unknown field; see /api/openapi.json"))
	}
	return requestError(apperr.Invalid, "body", "请求体无法解析", "body: could not be read")
}

// requestError is a problem with the request as a whole. It names the
// input at fault ("body", "Content-Type") like a field, so a client that
// shows error.fields has something to point at.
func requestError(code apperr.Code, field, zh, en string) *apperr.Error {
	e := apperr.Fields(apperr.Field(field, string(code), zh, en))
	e.Code = code
	return e
}

// retryError is a refusal that knows when the client may come back, so
// Retry-After tells the truth instead of a guess.
type retryError struct {
	err  *apperr.Error
	wait time.Duration
}

func (e *retryError) Error() string { return e.err.Error() }
func (e *retryError) Unwrap() error { return e.err }

func typeZh(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "bool":
		return "布尔值"
	case "slice":
		return "数组"
	case "map", "struct":
		return "对象"
	}
	return "数字"
}
