// Package report holds the public side of a case: intake of a report with
// its evidence, and what the reporter may see and do with the tracking code
// and secret.
package report

import (
	"time"

	"qinglang/internal/evidence"

	"qinglang/internal/i18n"
)

// Status is where a case stands in its lifecycle (DESIGN section 3).
type Status string

const (
	Submitted   Status = "submitted"
	Assessing   Status = "assessing"
	Disposing   Status = "disposing"
	Transferred Status = "transferred"
	Replied     Status = "replied"
	Closed      Status = "closed"
	Rejected    Status = "rejected"
	Merged      Status = "merged"
)

var statusLabels = map[Status]i18n.Text{
	Submitted:   {Zh: "已提交，待受理", En: "Submitted"},
	Assessing:   {Zh: "研判中", En: "Under assessment"},
	Disposing:   {Zh: "处置中", En: "Being disposed"},
	Transferred: {Zh: "已移交相关部门", En: "Transferred to a department"},
	Replied:     {Zh: "已回复", En: "Replied"},
	Closed:      {Zh: "已办结", En: "Closed"},
	Rejected:    {Zh: "不予受理", En: "Not accepted"},
	Merged:      {Zh: "已并案处理", En: "Merged with another case"},
}

// Label is the status as the reporter reads it.
func (s Status) Label() i18n.Text { return statusLabels[s] }

// Statuses lists every status in lifecycle order.
func Statuses() []Status {
	return []Status{Submitted, Assessing, Disposing, Transferred, Replied, Closed, Rejected, Merged}
}

// Channel is how a report reached the center (受理渠道).
type Channel string

var channelLabels = map[Channel]i18n.Text{
	"web":         {Zh: "网站", En: "Website"},
	"mobile":      {Zh: "手机网页", En: "Mobile web"},
	"miniprogram": {Zh: "小程序", En: "Mini-program"},
	"wechat":      {Zh: "微信公众号", En: "WeChat"},
	"weibo":       {Zh: "微博", En: "Weibo"},
	"toutiao":     {Zh: "今日头条", En: "Toutiao"},
	"platform":    {Zh: "合作平台举报入口", En: "Partner platform entrance"},
	"volunteer":   {Zh: "志愿者", En: "Volunteer"},
	"phone":       {Zh: "电话", En: "Phone"},
	"letter":      {Zh: "来信", En: "Letter"},
	"api":         {Zh: "接口", En: "API"},
}

// Channels lists the channel codes in a stable order.
func Channels() []Channel {
	return []Channel{"web", "mobile", "miniprogram", "wechat", "weibo", "toutiao", "platform", "volunteer", "phone", "letter", "api"}
}

// Label is the channel's name.
func (c Channel) Label() i18n.Text { return channelLabels[c] }

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { _, ok := channelLabels[c]; return ok }

// Reporter is who filed a report. Name, phone and e-mail are sealed at rest.
type Reporter struct {
	Anonymous bool   `json:"anonymous"`
	Name      string `json:"name,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
}

// Submission is a report as a citizen or a client sends it.
type Submission struct {
	Category    string         `json:"category"`
	Zone        string         `json:"zone,omitempty"`
	Content     string         `json:"content"`
	URLs        []string       `json:"urls,omitempty"`
	Platform    string         `json:"platform,omitempty"`
	Channel     string         `json:"channel,omitempty"`
	Campaign    string         `json:"campaign,omitempty"`
	District    string         `json:"district,omitempty"`
	ZoneFields  map[string]any `json:"zone_fields,omitempty"`
	EvidenceIDs []string       `json:"evidence_ids,omitempty"`
	Reporter    Reporter       `json:"reporter"`
	// Uploads are files that came with the submission itself (the web
	// form); they are recorded in the report's own transaction.
	Uploads []Upload `json:"-"`
	// External is a partner platform's own id of the report it forwards;
	// a second submission with it files nothing and answers *DuplicateError.
	External *ExternalRef `json:"-"`
}

// Upload is an ingested file with the name it was uploaded under.
type Upload struct {
	Meta evidence.Meta
	Name string
}

// Receipt is what the reporter gets back, once: the secret is never shown
// again.
type Receipt struct {
	TrackingCode string    `json:"tracking_code"`
	Secret       string    `json:"secret"`
	Status       Status    `json:"status"`
	CreatedAt    time.Time `json:"created_at"`
	// Debunks lists the debunked rumors the report matched: the reporter
	// learns at once where the facts are.
	Debunks []DebunkNotice `json:"debunks"`
}
