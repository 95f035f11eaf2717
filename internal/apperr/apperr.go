// Package apperr is the small set of error kinds the domain returns and the
// HTTP layer maps to status codes in one place. Messages are written for the
// person who has to act on them, in Chinese and English.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for the caller.
type Code string

const (
	Invalid      Code = "invalid"      // 400/422: the caller's input is wrong
	NotFound     Code = "not_found"    // 404
	Conflict     Code = "conflict"     // 409: the state does not allow it
	Unauthorized Code = "unauthorized" // 401
	Forbidden    Code = "forbidden"    // 403
	TooLarge     Code = "too_large"    // 413
	Unsupported  Code = "unsupported"  // 415
	RateLimited  Code = "rate_limited" // 429
	Unavailable  Code = "unavailable"  // 503
	Internal     Code = "internal"     // 500, details only in the log
)

// FieldError says what is wrong with one input field.
type FieldError struct {
	Field  string
	Reason string
	Zh, En string
}

// Error is a domain error with a message for people.
type Error struct {
	Code   Code
	Zh, En string
	Fields []FieldError
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s (%s: %s)", e.Code, e.En, e.Fields[0].Field, e.Fields[0].En)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.En)
}

// Message returns the message in lang ("en…" for English, else Chinese).
func (e *Error) Message(lang string) string {
	if isEn(lang) {
		return e.En
	}
	return e.Zh
}

func isEn(lang string) bool { return len(lang) >= 2 && lang[:2] == "en" }

// FieldMessage returns a field's message in lang.
func (f FieldError) Message(lang string) string {
	if isEn(lang) {
		return f.En
	}
	return f.Zh
}

// New makes an error of the given kind.
func New(code Code, zh, en string) *Error { return &Error{Code: code, Zh: zh, En: en} }

// Fields makes an Invalid error from field errors.
func Fields(fs ...FieldError) *Error {
	return &Error{Code: Invalid, Zh: "提交的内容有误，请按提示修改后重试", En: "Some fields need correcting", Fields: fs}
}

// Field makes a single field error.
func Field(field, reason, zh, en string) FieldError {
	return FieldError{Field: field, Reason: reason, Zh: zh, En: en}
}

// CodeOf returns the kind of err; Internal for errors the domain did not make.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
