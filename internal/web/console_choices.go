package web

import (
	"context"
	"strconv"

	"qinglang/internal/category"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/report"
)

// opt is one option of a console select or checkbox group, with its state
// worked out in Go so templates only print.
type opt struct {
	Value, Label string
	Selected     bool
}

// choices are the reference lists console forms pick from, read once per
// page: the queue's filters, the case page's action forms.
type choices struct {
	Platforms, Districts, Departments, Assignees []opt
	// names of ids, for showing a queue row's platform, district, assignee
	platform, district, assignee map[string]string
}

func (s *Server) loadChoices(ctx context.Context, lang string) (*choices, error) {
	c := &choices{platform: map[string]string{}, district: map[string]string{}, assignee: map[string]string{}}
	ps, err := s.Reports.Platforms(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		c.Platforms = append(c.Platforms, opt{Value: itoa(p.ID), Label: p.Name})
		c.platform[itoa(p.ID)] = p.Name
	}
	as, err := s.Reports.Assignees(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		c.Assignees = append(c.Assignees, opt{Value: itoa(a.ID), Label: a.Name})
		c.assignee[itoa(a.ID)] = a.Name
	}
	ds, err := org.Districts(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		c.Districts = append(c.Districts, opt{Value: itoa(d.ID), Label: d.Name.In(lang)})
		c.district[itoa(d.ID)] = d.Name.In(lang)
	}
	deps, err := org.Departments(ctx, s.DB)
	if err != nil {
		return nil, err
	}
	for _, d := range deps {
		c.Departments = append(c.Departments, opt{Value: itoa(d.ID), Label: d.Name.In(lang)})
	}
	return c, nil
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func idOf(p *int64) string {
	if p == nil {
		return ""
	}
	return itoa(*p)
}

// marked copies opts with those whose value is in selected marked.
func marked(opts []opt, selected ...string) []opt {
	out := make([]opt, len(opts))
	for i, o := range opts {
		o.Selected = false
		for _, v := range selected {
			if v != "" && o.Value == v {
				o.Selected = true
			}
		}
		out[i] = o
	}
	return out
}

func statusOpts(lang string) []opt {
	var out []opt
	for _, st := range report.Statuses() {
		out = append(out, opt{Value: string(st), Label: st.Label().In(lang)})
	}
	return out
}

func categoryOpts(lang string) []opt {
	var out []opt
	for _, c := range category.Categories() {
		out = append(out, opt{Value: c.Code, Label: c.Label.In(lang)})
	}
	return out
}

func zoneOpts(lang string) []opt {
	var out []opt
	for _, z := range category.Zones() {
		out = append(out, opt{Value: z.Code, Label: z.Label.In(lang)})
	}
	return out
}

func channelOpts(lang string) []opt {
	var out []opt
	for _, c := range report.Channels() {
		out = append(out, opt{Value: string(c), Label: c.Label().In(lang)})
	}
	return out
}

// categoryLabel, zoneLabel and channelLabel name a code in lang, or
// show the code itself if it is no longer defined.
func categoryLabel(code, lang string) string {
	if c, ok := category.LookupCategory(code); ok {
		return c.Label.In(lang)
	}
	return code
}

func zoneLabel(code, lang string) string {
	if z, ok := category.LookupZone(code); ok {
		return z.Label.In(lang)
	}
	return code
}

func channelLabel(code, lang string) string {
	if l := report.Channel(code).Label(); l != (i18n.Text{}) {
		return l.In(lang)
	}
	return code
}
