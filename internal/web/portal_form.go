package web

import (
	"net/http"
	"net/url"
	"slices"

	"qinglang/internal/challenge"
	"qinglang/internal/report"
)

// The report form's field names are the API's field paths where they can
// be (category, content, urls, district, evidence), with these additions:
//
//   - zone fields are "zf.<code>"; a zone's file fields are file inputs
//     named "zf_<code>", so their uploads never share a name with a value;
//   - the reporter is "anonymous" (checkbox), "name", "phone", "email";
//   - the proof of work is "pow_token" and "pow_nonce" (see pow.js).
//
// Every input has the id "f-" + its anchor (see anchorOf), so a field error
// of report.Submit finds its input and the error summary can link to it.

type option struct {
	Code, Label string
	Selected    bool
}

type problem struct {
	Anchor string // "" when the problem belongs to no single input
	Msg    string
}

type zoneView struct {
	Code, Label, Desc string
	Fields            []fieldView
}

// fieldView is one zone field with everything resolved for the template:
// its language, its value from a failed attempt and its errors.
type fieldView struct {
	Anchor, Name, Type, Label, Help, Cond string
	Choose                                string // the empty choice of a select
	Required                              bool
	Value                                 string
	Options                               []option
	MaxLength                             int
	Errors                                []string
}

// control is how a one-line zone field is typed: phones get the phone
// keypad, codes are not auto-corrected into words.
type control struct {
	Type, Mode string
	Caps       bool
}

func (f fieldView) Control() control {
	switch f.Type {
	case "phone":
		return control{"tel", "tel", false}
	case "number":
		// Not type=number: it refuses the full-width digits of Chinese input
		// methods, which the server accepts.
		return control{"text", "decimal", false}
	case "date":
		return control{"date", "", false}
	case "uscc", "idcard":
		return control{"text", "", true}
	}
	return control{"text", "", false}
}

// inputView is one of the reporter's contact inputs.
type inputView struct {
	Anchor, Name, Type, Label, Value, Auto string
	Errors                                 []string
}

// Input describes a contact input for the "input" template.
func (p *reportPage) Input(anchor, name, typ, labelKey, auto string) (inputView, error) {
	label, err := p.T(labelKey)
	return inputView{anchor, name, typ, label, p.Val(name), auto, p.Errors[anchor]}, err
}

type reportPage struct {
	view
	Pow        challenge.Challenge
	Categories []option
	Districts  []option
	Zone       *zoneView
	Values     url.Values
	Errors     map[string][]string // by anchor
	Summary    []problem
	Notice     string // trouble with the form as a whole
	FilesLost  bool   // files were chosen: they have to be chosen again
	ContentMax int
	UploadMB   int64
}

// Val is the submitted value of a field, for refilling the form.
func (p *reportPage) Val(name string) string { return p.Values.Get(name) }

func (p *reportPage) Checked(name string) bool { return p.Values.Get(name) != "" }

func (p *reportPage) Err(anchor string) []string { return p.Errors[anchor] }

// newReportPage builds the form from the definitions the API serves, with
// values and errors of a failed attempt when there was one.
func (s *Server) newReportPage(r *http.Request, values url.Values, err error) (*reportPage, error) {
	defs, derr := s.formDefinitions(r.Context())
	if derr != nil {
		return nil, derr
	}
	p := &reportPage{view: newView(r, "report"), Pow: s.Pow.New(s.Now()), Values: values,
		Errors: map[string][]string{}, ContentMax: report.MaxContent, UploadMB: s.Config.MaxUploadBytes >> 20}
	zoneCode := values.Get("zone")
	cat := values.Get("category")
	for _, z := range defs.Zones {
		if z.Code != zoneCode {
			continue
		}
		p.Zone = &zoneView{Code: z.Code, Label: p.label(z.labelled), Desc: p.pick(z.Description, z.DescriptionEn)}
		for _, f := range z.Fields {
			p.Zone.Fields = append(p.Zone.Fields, p.fieldViewOf(z, f))
		}
		if cat == "" {
			cat = z.DefaultCategory
		}
	}
	for _, c := range defs.Categories {
		p.Categories = append(p.Categories, option{c.Code, p.label(c.labelled), c.Code == cat})
	}
	for _, d := range defs.Districts {
		p.Districts = append(p.Districts, option{d.Code, p.label(d), d.Code == values.Get("district")})
	}
	p.addErrors(err)
	return p, nil
}

func (p *reportPage) fieldViewOf(z zoneJSON, f fieldJSON) fieldView {
	fv := fieldView{Anchor: "zf-" + f.Code, Name: "zf." + f.Code, Type: f.Type, Label: p.label(f.labelled),
		Help: p.pick(f.Help, f.HelpEn), Required: f.Required, MaxLength: f.MaxLength}
	fv.Choose, _ = p.T("form.choose")
	if f.Type == "files" {
		fv.Name = "zf_" + f.Code
	}
	vals := p.Values[fv.Name]
	if len(vals) > 0 {
		fv.Value = vals[0]
	}
	for _, o := range f.Options {
		fv.Options = append(fv.Options, option{o.Code, p.label(o), slices.Contains(vals, o.Code)})
	}
	if c := f.RequiredIf; c != nil {
		for _, other := range z.Fields {
			if other.Code != c.Field {
				continue
			}
			for _, o := range other.Options {
				if o.Code == c.Equals {
					fv.Cond, _ = p.Tf("form.required_if", p.label(other.labelled), p.label(o))
				}
			}
		}
	}
	return fv
}

func (p *reportPage) label(l labelled) string { return p.pick(l.Label, l.LabelEn) }

func (p *reportPage) pick(zh, en string) string {
	if p.En() && en != "" {
		return en
	}
	return zh
}
