// Package platform is the registry of partner platforms (重点网络平台):
// their details and liaison contacts, the API keys they call the platform
// API with, the webhook that notices are pushed to, bulk import from a
// spreadsheet, monitored content they push, and how well they answer
// notices.
package platform

import (
	"time"

	"qinglang/internal/i18n"
	"qinglang/internal/pii"
	"qinglang/internal/store"
)

// Platform is one partner platform.
type Platform struct {
	ID         int64
	Code       string
	Name       string
	Kind       Kind
	Domains    []string
	DistrictID *int64
	District   string // the district's Chinese name, for lists
	Contacts   []Contact
	WebhookURL string
	// HasSecret tells whether a webhook signing secret exists; the secret
	// itself leaves the registry only through SecretFor and, once, on
	// creation or rotation.
	HasSecret bool
	Entrance  string // short code of the platform's report entrance (/p/{code})
	Disabled  bool
	CreatedAt time.Time
}

// Contact is a liaison person at the platform.
type Contact struct {
	Name  string `json:"name"`
	Role  string `json:"role,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// Kind is the platform's type, a stable code.
type Kind string

var kindLabels = map[Kind]i18n.Text{
	"news":        {Zh: "新闻网站", En: "News site"},
	"forum":       {Zh: "论坛社区", En: "Forum / community"},
	"short_video": {Zh: "短视频", En: "Short video"},
	"live":        {Zh: "直播", En: "Live streaming"},
	"social":      {Zh: "社交", En: "Social network"},
	"ecommerce":   {Zh: "电商", En: "E-commerce"},
	"search":      {Zh: "搜索", En: "Search engine"},
	"app_store":   {Zh: "应用商店", En: "App store"},
	"other":       {Zh: "其他", En: "Other"},
}

// Kinds lists the kind codes in display order.
func Kinds() []Kind {
	return []Kind{"news", "forum", "short_video", "live", "social", "ecommerce", "search", "app_store", "other"}
}

// Label names the kind; a code this version does not know (older data)
// is shown as it is.
func (k Kind) Label() i18n.Text {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return i18n.Text{Zh: string(k), En: string(k)}
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := kindLabels[k]; return ok }

// parseKind reads a kind given as its code or its Chinese or English
// label, as a spreadsheet may hold either.
func parseKind(s string) (Kind, bool) {
	for _, k := range Kinds() {
		l := k.Label()
		if s == string(k) || s == l.Zh || equalFold(s, l.En) {
			return k, true
		}
	}
	return "", false
}

// Registry reads and changes the registry. It holds the keys that seal
// webhook secrets and hash API keys.
type Registry struct {
	db   *store.DB
	keys *pii.Keys
	now  func() time.Time
}

// New makes a Registry; now may be nil for the wall clock.
func New(db *store.DB, keys *pii.Keys, now func() time.Time) *Registry {
	if now == nil {
		now = time.Now
	}
	return &Registry{db: db, keys: keys, now: func() time.Time { return now().UTC() }}
}

// Target is how outbox events name a platform: "platform:<id>".
func Target(id int64) string { return "platform:" + itoa(id) }
