package web

import (
	"strings"

	"qinglang/internal/apperr"
)

// addErrors places each field error of a refused submission next to its
// input, and lists them all at the top.
func (p *reportPage) addErrors(err error) {
	if err == nil {
		return
	}
	e, ok := apperr.As(err)
	if !ok {
		p.Notice, _ = p.T("error.internal")
		return
	}
	if len(e.Fields) == 0 {
		p.Notice = e.Message(p.Lang)
		return
	}
	known := map[string]bool{"category": true, "content": true, "urls": true, "district": true, "evidence": true,
		"reporter-anonymous": true, "reporter-name": true, "reporter-phone": true, "reporter-email": true}
	if p.Zone != nil {
		for _, f := range p.Zone.Fields {
			known[f.Anchor] = true
		}
	}
	for _, f := range e.Fields {
		a, msg := anchorOf(f.Field), f.Message(p.Lang)
		if !known[a] {
			a = "" // e.g. zone or channel: shown in the summary only
		}
		p.Errors[a] = append(p.Errors[a], msg)
		p.Summary = append(p.Summary, problem{a, msg})
	}
	if p.Zone != nil {
		for i, f := range p.Zone.Fields {
			p.Zone.Fields[i].Errors = p.Errors[f.Anchor]
		}
	}
}

// anchorOf turns a field path of report.Submit into the anchor of its
// input: "urls[2]" is the URLs textarea, "zone_fields.credit_code" is
// "zf-credit_code", "reporter.phone" is "reporter-phone", and evidence
// problems belong to the evidence file input.
func anchorOf(field string) string {
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	switch {
	case field == "evidence_ids" || field == "file":
		return "evidence"
	case strings.HasPrefix(field, "zone_fields."):
		return "zf-" + strings.TrimPrefix(field, "zone_fields.")
	}
	return strings.ReplaceAll(field, ".", "-")
}
