package category

import (
	"sort"
	"time"
)

// Reasons a zone field is refused; stable codes for API clients.
const (
	ReasonRequired      = "required"
	ReasonUnknownField  = "unknown_field"
	ReasonInvalidOption = "invalid_option"
	ReasonTooLong       = "too_long"
	ReasonNotNumber     = "not_number"
	ReasonOutOfRange    = "out_of_range"
	ReasonBadChecksum   = "bad_checksum"
	ReasonBadFormat     = "bad_format"
	ReasonMustAccept    = "must_accept"
	ReasonBadURL        = "bad_url"
	ReasonTooMany       = "too_many"
)

// FieldError is one problem with one submitted field. Msg is written for
// the reporter and names the field by its label.
type FieldError struct {
	Field  string
	Reason string
	Msg    Text
}

func (e FieldError) Error() string {
	return "category: " + e.Field + ": " + e.Reason + ": " + e.Msg.En
}

// Validate checks the zone's extra fields and returns them normalized:
// trimmed NFC strings, option codes, []string for lists, float64 for
// numbers, bool for checkboxes, canonical USCC/ID numbers, digits-only
// phone numbers and normalized URLs. Empty optional fields are left out.
//
// values may come from JSON (string, float64, json.Number, bool, []any) or
// from an HTML form (string or []string, checkboxes "on"). Codes that are
// not fields of the zone are errors, so a client typo is not silently lost.
// Errors come in the zone's field order, unknown fields last.
func (z Zone) Validate(values map[string]any) (clean map[string]any, errs []FieldError) {
	return z.validate(values, time.Now())
}

func (z Zone) validate(values map[string]any, now time.Time) (map[string]any, []FieldError) {
	clean := make(map[string]any)
	perField := make([][]FieldError, len(z.Fields))
	for i, f := range z.Fields {
		raw, given := values[f.Code]
		if !given {
			continue
		}
		v, errs := f.normalize(raw, now)
		perField[i] = errs
		if v != nil && len(errs) == 0 {
			clean[f.Code] = v
		}
	}

	// Second pass: requirements depend on other fields' normalized values.
	var errs []FieldError
	for i, f := range z.Fields {
		if f.RequiredIf != nil && !z.condHolds(*f.RequiredIf, clean) {
			// Personal information is collected only when needed (PIPL's
			// minimum-necessary rule): an agent's ID number sent with
			// filer=self is dropped, together with any complaint about it.
			delete(clean, f.Code)
			continue
		}
		errs = append(errs, perField[i]...)
		if _, ok := clean[f.Code]; ok || len(perField[i]) > 0 {
			continue
		}
		switch {
		case f.MustBeTrue:
			errs = append(errs, f.fail(ReasonMustAccept))
		case f.Required || f.RequiredIf != nil:
			errs = append(errs, f.fail(ReasonRequired))
		}
	}

	var unknown []string
	for code := range values {
		if _, ok := z.Field(code); !ok {
			unknown = append(unknown, code)
		}
	}
	sort.Strings(unknown)
	for _, code := range unknown {
		errs = append(errs, FieldError{Field: code, Reason: ReasonUnknownField, Msg: Text{
			Zh: "「" + code + "」不是本专区的填写项",
			En: code + " is not a field of this zone",
		}})
	}
	return clean, errs
}

func (z Zone) condHolds(c Cond, clean map[string]any) bool {
	v, _ := clean[c.Field].(string)
	return v == c.Equals
}

// normalize converts one submitted value. It returns nil for an empty
// value; a Bool that is false counts as empty, because an unchecked HTML
// checkbox is simply not sent.
func (f Field) normalize(raw any, now time.Time) (any, []FieldError) {
	switch f.Type {
	case TypeMultiSelect, TypeURLs, TypeFiles:
		items, ok := listOf(raw, f.Type == TypeURLs)
		if !ok {
			return nil, []FieldError{f.fail(ReasonBadFormat)}
		}
		return f.normalizeList(items)
	case TypeNumber:
		return f.normalizeNumber(raw)
	case TypeBool:
		b, ok := boolOf(raw)
		switch {
		case !ok:
			return nil, []FieldError{f.fail(ReasonBadFormat)}
		case !b && f.MustBeTrue:
			return nil, []FieldError{f.fail(ReasonMustAccept)}
		case !b:
			return nil, nil
		}
		return true, nil
	}
	s, ok := stringOf(raw)
	if !ok {
		return nil, []FieldError{f.fail(ReasonBadFormat)}
	}
	return f.normalizeString(s, now)
}
