package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/auth"
	"qinglang/internal/category"
	"qinglang/internal/i18n"
)

// zoneField is one extra field of a zone report, labelled from the
// zone's definition (the same one the reporter's form was built from).
type zoneField struct {
	Code, Label, Value string
}

// zoneFields lists a report's zone fields in the definition's order, the
// values put into words: options by their labels, yes/no, lists joined.
// File fields are left out: their files are in the evidence list.
func zoneFields(zone string, values map[string]any, lang string) []zoneField {
	z, ok := category.LookupZone(zone)
	if !ok || len(values) == 0 {
		return nil
	}
	var out []zoneField
	for _, f := range z.Fields {
		v, ok := values[f.Code]
		if !ok || f.Type == category.TypeFiles {
			continue
		}
		if s := fieldValue(f, v, lang); s != "" {
			out = append(out, zoneField{Code: f.Code, Label: f.Label.In(lang), Value: s})
		}
	}
	return out
}

func fieldValue(f category.Field, v any, lang string) string {
	switch v := v.(type) {
	case string:
		return optionLabel(f, v, lang)
	case bool:
		if v {
			return i18n.Text{Zh: "是", En: "Yes"}.In(lang)
		}
		return i18n.Text{Zh: "否", En: "No"}.In(lang)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		var parts []string
		for _, x := range v {
			parts = append(parts, fieldValue(f, x, lang))
		}
		sep := "、"
		if f.Type == category.TypeURLs {
			sep = "\n"
		}
		return strings.Join(parts, sep)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func optionLabel(f category.Field, code, lang string) string {
	for _, o := range f.Options {
		if o.Code == code {
			return o.Label.In(lang)
		}
	}
	return code
}

// pageReveal shows the reporter's contact and the sealed zone fields once,
// on the answer to this POST: no address holds them, and the look is
// audited by the domain.
func (s *Server) pageReveal(w http.ResponseWriter, r *http.Request) {
	id, ok := caseID(r)
	if !ok {
		s.consoleError(w, r, false, errNoCase)
		return
	}
	rep, zone, err := s.Reports.RevealReporter(r.Context(), auth.FromContext(r.Context()), id)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderCasePage(w, r, http.StatusOK, id, staffCasePage{Revealed: &rep, revealedZone: zone})
}
