package category

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/urlnorm"
)

var (
	// Evidence ids are issued by the upload endpoint; only their shape is
	// checked here, whether they exist is the caller's business.
	fileIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	// Mainland mobile numbers: 11 digits, 13x–19x.
	phonePattern = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	// Amounts as people write them; ParseFloat alone would also take
	// "Inf", "0x1p3" or "1e9".
	numberPattern = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
)

func (f Field) normalizeString(s string, now time.Time) (any, []FieldError) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	fail := func(reason string) (any, []FieldError) { return nil, []FieldError{f.fail(reason)} }
	switch f.Type {
	case TypeText, TypeTextarea:
		s = cleanText(s, f.Type == TypeTextarea)
		if utf8.RuneCountInString(s) > f.maxLen() {
			return fail(ReasonTooLong)
		}
		return s, nil
	case TypeSelect:
		s = strings.TrimSpace(s)
		if !f.hasOption(s) {
			return fail(ReasonInvalidOption)
		}
		return s, nil
	case TypeUSCC:
		s = normalizeUSCC(fold(s))
		if r := checkUSCC(s); r != "" {
			return fail(r)
		}
		return s, nil
	case TypeIDCard:
		s = normalizeIDCard(fold(s))
		if r := checkIDCard(s, now); r != "" {
			return fail(r)
		}
		return s, nil
	case TypePhone:
		s = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(fold(s))
		for _, prefix := range []string{"+86", "0086"} {
			s = strings.TrimPrefix(s, prefix)
		}
		if len(s) == 13 && strings.HasPrefix(s, "86") {
			s = s[2:]
		}
		if !phonePattern.MatchString(s) {
			return fail(ReasonBadFormat)
		}
		return s, nil
	case TypeDate:
		s = strings.NewReplacer("/", "-", ".", "-").Replace(fold(s))
		d, err := time.Parse("2006-1-2", s)
		if err != nil {
			return fail(ReasonBadFormat)
		}
		// A day of slack: the reporter's "today" may be ahead of ours.
		if d.Year() < 1900 || d.After(now.AddDate(0, 0, 1)) {
			return fail(ReasonOutOfRange)
		}
		return d.Format("2006-01-02"), nil
	}
	return fail(ReasonBadFormat)
}

func (f Field) normalizeNumber(raw any) (any, []FieldError) {
	var v float64
	switch n := raw.(type) {
	case float64:
		v = n
	case int:
		v = float64(n)
	case int64:
		v = float64(n)
	default:
		s, ok := stringOf(raw)
		if !ok {
			return nil, []FieldError{f.fail(ReasonNotNumber)}
		}
		// People write amounts as "12,000", "¥ 500" or in full width.
		s = strings.NewReplacer(",", "", " ", "", "¥", "", "元", "").Replace(fold(s))
		if s == "" {
			return nil, nil
		}
		if !numberPattern.MatchString(s) {
			return nil, []FieldError{f.fail(ReasonNotNumber)}
		}
		v, _ = strconv.ParseFloat(s, 64)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) { // only a Go caller can send these
		return nil, []FieldError{f.fail(ReasonNotNumber)}
	}
	if f.Max > 0 && (v < f.Min || v > f.Max) {
		return nil, []FieldError{f.fail(ReasonOutOfRange)}
	}
	return v, nil
}

func (f Field) normalizeList(items []string) (any, []FieldError) {
	if len(items) == 0 {
		return nil, nil
	}
	if f.Type == TypeURLs {
		urls, uerrs := urlnorm.NormalizeList(items, f.maxItems())
		var errs []FieldError
		for _, err := range uerrs {
			var ue *urlnorm.Error
			switch {
			case errors.As(err, &ue) && ue.Reason == urlnorm.ReasonTooMany:
				errs = append(errs, f.fail(ReasonTooMany))
			case errors.As(err, &ue):
				errs = append(errs, f.failURL(ue))
			}
		}
		return urls, errs
	}
	var out []string
	seen := make(map[string]bool, len(items))
	for _, s := range items {
		s = fold(s)
		switch {
		case f.Type == TypeMultiSelect && !f.hasOption(s):
			return nil, []FieldError{f.fail(ReasonInvalidOption)}
		case f.Type == TypeFiles && !fileIDPattern.MatchString(s):
			return nil, []FieldError{f.fail(ReasonBadFormat)}
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) > f.maxItems() {
		return nil, []FieldError{f.fail(ReasonTooMany)}
	}
	return out, nil
}

func (f Field) hasOption(code string) bool {
	for _, o := range f.Options {
		if o.Code == code {
			return true
		}
	}
	return false
}

func (f Field) maxLen() int {
	switch {
	case f.MaxLen > 0:
		return f.MaxLen
	case f.Type == TypeTextarea:
		return defaultTextareaLen
	}
	return defaultTextLen
}

func (f Field) maxItems() int {
	switch {
	case f.MaxItems > 0:
		return f.MaxItems
	case f.Type == TypeMultiSelect:
		return len(f.Options)
	}
	return defaultMaxItems
}
