package web

import (
	"time"

	"qinglang/internal/report"
)

// The staff API's JSON shapes. Codes come with their label in the
// request's language; reporter contacts are masked as on the case page.

type queueItemJSON struct {
	ID            int64         `json:"id"`
	TrackingCode  string        `json:"tracking_code"`
	Status        report.Status `json:"status"`
	StatusLabel   string        `json:"status_label"`
	Category      string        `json:"category"`
	CategoryLabel string        `json:"category_label"`
	Zone          string        `json:"zone,omitempty"`
	Channel       string        `json:"channel"`
	Preview       string        `json:"preview"`
	PlatformID    *int64        `json:"platform_id"`
	DistrictID    *int64        `json:"district_id"`
	AssigneeID    *int64        `json:"assignee_id"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
	StageDueAt    *time.Time    `json:"stage_due_at"`
	ReplyDueAt    *time.Time    `json:"reply_due_at"`
	Overdue       bool          `json:"overdue"`
	DueSoon       bool          `json:"due_soon"`
}

type queueJSON struct {
	Items       []queueItemJSON `json:"items"`
	Total       int             `json:"total"`
	TotalCapped bool            `json:"total_capped"` // more than total: show "10000+"
	Page        int             `json:"page"`
	PerPage     int             `json:"per_page"`
}

type staffEventJSON struct {
	At     time.Time     `json:"at"`
	Actor  string        `json:"actor"`
	Action string        `json:"action"`
	Label  string        `json:"label"`
	From   report.Status `json:"from"`
	To     report.Status `json:"to"`
	Note   string        `json:"note,omitempty"`
	Public bool          `json:"public"`
}

type transferJSON struct {
	ID           int64         `json:"id"`
	CaseID       int64         `json:"case_id"`
	TrackingCode string        `json:"tracking_code,omitempty"`
	DepartmentID int64         `json:"department_id"`
	Department   string        `json:"department"`
	Status       string        `json:"status"` // pending, accepted, fed_back
	Note         string        `json:"note,omitempty"`
	CreatedAt    time.Time     `json:"created_at"`
	DueAt        time.Time     `json:"due_at"`
	Feedback     string        `json:"feedback,omitempty"`
	FedBackAt    *time.Time    `json:"fed_back_at"`
	CaseStatus   report.Status `json:"case_status,omitempty"`
}

type noticeJSON struct {
	ID           int64      `json:"id"`
	Platform     string     `json:"platform"`
	What         string     `json:"what"`
	Location     string     `json:"location"`
	Reason       string     `json:"reason"`
	Deadline     time.Time  `json:"deadline"`
	CreatedAt    time.Time  `json:"created_at"`
	Status       string     `json:"status"`
	Response     string     `json:"response,omitempty"`
	ResponseNote string     `json:"response_note,omitempty"`
	RespondedAt  *time.Time `json:"responded_at"`
}

type caseFileJSON struct {
	ID     string `json:"id"`
	SHA256 string `json:"sha256"`
	MIME   string `json:"mime"`
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	URL    string `json:"url"`
}

type caseDetailJSON struct {
	queueItemJSON
	Content    string           `json:"content"`
	URLs       []string         `json:"urls"`
	ZoneFields map[string]any   `json:"zone_fields"`
	Platform   string           `json:"platform,omitempty"`
	District   string           `json:"district,omitempty"`
	Campaign   string           `json:"campaign,omitempty"`
	Assignee   string           `json:"assignee,omitempty"`
	Canonical  *int64           `json:"canonical_id"`
	Reporter   report.Reporter  `json:"reporter"` // masked
	Timeline   []staffEventJSON `json:"timeline"`
	Transfers  []transferJSON   `json:"transfers"`
	Notices    []noticeJSON     `json:"notices"`
	Evidence   []caseFileJSON   `json:"evidence"`
	Materials  []materialJSON   `json:"materials"`
	Merged     []string         `json:"merged"`
}

func queueItemOf(it report.QueueItem, lang string) queueItemJSON {
	return queueItemJSON{it.ID, it.TrackingCode, it.Status, it.Status.Label().In(lang), it.Category, categoryLabel(it.Category, lang),
		it.Zone, it.Channel, it.ContentPreview, it.PlatformID, it.DistrictID, it.AssigneeID, it.CreatedAt, it.UpdatedAt,
		it.StageDueAt, it.ReplyDueAt, it.Overdue, it.DueSoon}
}

func transferOf(t report.TransferRow) transferJSON {
	return transferJSON{ID: t.ID, CaseID: t.ReportID, DepartmentID: t.DepartmentID, Department: t.Department, Status: t.Status,
		Note: t.Note, CreatedAt: t.CreatedAt, DueAt: t.DueAt, Feedback: t.Feedback, FedBackAt: t.FedBackAt}
}

func caseDetailOf(d *report.CaseDetail, lang string, now time.Time) caseDetailJSON {
	late := d.StageDueAt != nil && d.StageDueAt.Before(now) || d.ReplyDueAt != nil && d.ReplyDueAt.Before(now) && isOpenStatus(d.Status)
	c := caseDetailJSON{queueItemJSON: queueItemJSON{ID: d.ID, TrackingCode: d.TrackingCode, Status: d.Status, StatusLabel: d.Status.Label().In(lang),
		Category: d.Category, CategoryLabel: categoryLabel(d.Category, lang), Zone: d.Zone, Channel: d.Channel, AssigneeID: d.AssigneeID,
		CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt, StageDueAt: d.StageDueAt, ReplyDueAt: d.ReplyDueAt, Overdue: late,
		DueSoon: !late && d.StageDueAt != nil && d.StageDueAt.Before(now.Add(24*time.Hour))},
		Content: d.Content, URLs: nonNil(d.URLs), ZoneFields: d.ZoneFields, Platform: d.Platform, District: d.District, Campaign: d.Campaign,
		Assignee: d.Assignee, Canonical: d.CanonicalID, Reporter: d.Reporter, Timeline: []staffEventJSON{}, Transfers: []transferJSON{},
		Notices: []noticeJSON{}, Evidence: []caseFileJSON{}, Materials: []materialJSON{}, Merged: nonNil(d.Merged)}
	if c.ZoneFields == nil {
		c.ZoneFields = map[string]any{}
	}
	for _, e := range d.Timeline {
		c.Timeline = append(c.Timeline, staffEventJSON{e.At, e.Actor, string(e.Action), e.Action.Label().In(lang), e.From, e.Status, e.Note, e.Public})
	}
	for _, t := range d.Transfers {
		c.Transfers = append(c.Transfers, transferOf(t))
	}
	for _, n := range d.Notices {
		c.Notices = append(c.Notices, noticeJSON{n.ID, n.Platform, n.What, n.Location, n.Reason, n.Deadline, n.CreatedAt, n.Status, n.Response, n.RespNote, n.RespondedAt})
	}
	for _, f := range d.Evidence {
		c.Evidence = append(c.Evidence, caseFileJSON{f.ID, f.SHA256, f.MIME, f.Name, f.Size, "/console/evidence/" + f.ID})
	}
	for _, m := range d.Materials {
		c.Materials = append(c.Materials, materialJSON{m.At, m.Text, m.Files})
	}
	return c
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
