package web

import (
	"context"
	"time"

	"qinglang/internal/category"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/report"
)

// The JSON shapes of the public API. Labels are given in Chinese ("label")
// and English ("label_en") so a client renders either without a second call.

type labelled struct {
	Code    string `json:"code"`
	Label   string `json:"label"`
	LabelEn string `json:"label_en"`
}

type categoryJSON struct {
	labelled
	Description   string `json:"description"`
	DescriptionEn string `json:"description_en"`
}

type fieldJSON struct {
	labelled
	Help       string     `json:"help,omitempty"`
	HelpEn     string     `json:"help_en,omitempty"`
	Type       string     `json:"type"`
	Required   bool       `json:"required"`
	RequiredIf *condJSON  `json:"required_if,omitempty"`
	MustBeTrue bool       `json:"must_be_true,omitempty"`
	Options    []labelled `json:"options,omitempty"`
	MaxLength  int        `json:"max_length,omitempty"`
	MaxItems   int        `json:"max_items,omitempty"`
	Min        *float64   `json:"min,omitempty"`
	Max        *float64   `json:"max,omitempty"`
	Sensitive  bool       `json:"sensitive,omitempty"`
}

type condJSON struct {
	Field  string `json:"field"`
	Equals string `json:"equals"`
}

type zoneJSON struct {
	categoryJSON
	DefaultCategory string      `json:"default_category"`
	Fields          []fieldJSON `json:"fields"`
}

type formDefs struct {
	Categories []categoryJSON `json:"categories"`
	Zones      []zoneJSON     `json:"zones"`
	Channels   []labelled     `json:"channels"`
	Districts  []labelled     `json:"districts"`
}

func lbl(code string, t i18n.Text) labelled { return labelled{code, t.Zh, t.En} }

// formDefinitions is the one description of the report form, served to
// clients and rendered by the portal.
func (s *Server) formDefinitions(ctx context.Context) (formDefs, error) {
	var d formDefs
	for _, c := range category.Categories() {
		d.Categories = append(d.Categories, categoryJSON{lbl(c.Code, c.Label), c.Desc.Zh, c.Desc.En})
	}
	for _, z := range category.Zones() {
		zj := zoneJSON{categoryJSON: categoryJSON{lbl(z.Code, z.Label), z.Desc.Zh, z.Desc.En}, DefaultCategory: z.DefaultCategory}
		for _, f := range z.Fields {
			zj.Fields = append(zj.Fields, fieldJSONOf(f))
		}
		d.Zones = append(d.Zones, zj)
	}
	for _, c := range report.Channels() {
		d.Channels = append(d.Channels, lbl(string(c), c.Label()))
	}
	ds, err := org.Districts(ctx, s.DB)
	if err != nil {
		return d, err
	}
	d.Districts = []labelled{}
	for _, x := range ds {
		d.Districts = append(d.Districts, lbl(x.Code, x.Name))
	}
	return d, nil
}

func fieldJSONOf(f category.Field) fieldJSON {
	fj := fieldJSON{labelled: lbl(f.Code, f.Label), Help: f.Help.Zh, HelpEn: f.Help.En, Type: string(f.Type),
		Required: f.Required, MustBeTrue: f.MustBeTrue, MaxLength: f.MaxLen, MaxItems: f.MaxItems, Sensitive: f.Sensitive}
	if f.RequiredIf != nil {
		fj.RequiredIf = &condJSON{f.RequiredIf.Field, f.RequiredIf.Equals}
	}
	for _, o := range f.Options {
		fj.Options = append(fj.Options, lbl(o.Code, o.Label))
	}
	if f.Max > 0 {
		fj.Min, fj.Max = &f.Min, &f.Max
	}
	return fj
}

type eventJSON struct {
	At          time.Time `json:"at"`
	Action      string    `json:"action"`
	Label       string    `json:"label"`
	Status      string    `json:"status"`
	StatusLabel string    `json:"status_label"`
	Note        string    `json:"note,omitempty"`
}

type replyJSON struct {
	At   time.Time `json:"at"`
	Kind string    `json:"kind"` // reply or rejection
	Text string    `json:"text"`
}

type materialJSON struct {
	At    time.Time `json:"at"`
	Text  string    `json:"text"`
	Files int       `json:"files"`
}

type caseResponse struct {
	TrackingCode   string                `json:"tracking_code"`
	Status         string                `json:"status"`
	StatusLabel    string                `json:"status_label"`
	Category       string                `json:"category"`
	CategoryLabel  string                `json:"category_label"`
	Zone           string                `json:"zone,omitempty"`
	ZoneLabel      string                `json:"zone_label,omitempty"`
	CreatedAt      time.Time             `json:"created_at"`
	UpdatedAt      time.Time             `json:"updated_at"`
	Timeline       []eventJSON           `json:"timeline"`
	Reply          *replyJSON            `json:"reply"`
	Materials      []materialJSON        `json:"materials"`
	EvidenceCount  int                   `json:"evidence_count"`
	CanAddMaterial bool                  `json:"can_add_material"`
	CanRate        bool                  `json:"can_rate"`
	Debunks        []report.DebunkNotice `json:"debunks"`
}

func caseJSON(v *report.CaseView, lang string) caseResponse {
	c := caseResponse{TrackingCode: v.TrackingCode, Status: string(v.Status), StatusLabel: v.Status.Label().In(lang),
		Category: v.Category, Zone: v.Zone, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
		Timeline: []eventJSON{}, Materials: []materialJSON{}, EvidenceCount: v.EvidenceCount,
		CanAddMaterial: v.CanAddMaterial(), CanRate: v.CanRate(), Debunks: v.Debunks}
	if c.Debunks == nil {
		c.Debunks = []report.DebunkNotice{}
	}
	if cat, ok := category.LookupCategory(v.Category); ok {
		c.CategoryLabel = cat.Label.In(lang)
	}
	if z, ok := category.LookupZone(v.Zone); ok {
		c.ZoneLabel = z.Label.In(lang)
	}
	for _, e := range v.Timeline {
		c.Timeline = append(c.Timeline, eventJSON{e.At, string(e.Action), e.Action.Label().In(lang), string(e.Status), e.Status.Label().In(lang), e.Note})
	}
	if v.Reply != nil {
		kind := "reply"
		if v.Reply.Action == "rejected" {
			kind = "rejection"
		}
		c.Reply = &replyJSON{v.Reply.At, kind, v.Reply.Note}
	}
	for _, m := range v.Materials {
		c.Materials = append(c.Materials, materialJSON{m.At, m.Text, m.Files})
	}
	return c
}
