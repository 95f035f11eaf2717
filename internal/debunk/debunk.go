// Package debunk publishes debunk articles: their claims and verdicts, the
// editorial states draft → review → published → corrected or retracted
// with a full revision history, syndication to the alliance member units
// by signed webhook, the members' repost reports, and the copy-ready
// versions of an article for each media channel.
package debunk

import (
	"html/template"
	"strings"
	"sync"
	"time"

	"qinglang/internal/pii"
	"qinglang/internal/store"
)

// Article states.
const (
	Draft     = "draft"
	Review    = "review"
	Published = "published"
	Corrected = "corrected"
	Retracted = "retracted"
)

// Claim is one claim an article reviews, with the verdict on it (one of
// rumor.Verdict's codes). RumorID links it to the rumor database.
type Claim struct {
	RumorID *int64
	Claim   string
	Verdict string
}

// Source is a reference the article relies on.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Article is a debunk article.
type Article struct {
	ID               int64
	Slug             string
	Title            string
	Summary          string
	BodyMD           string
	BodyHTML         template.HTML // rendered and sanitized at save
	CoverURL         string
	Tags             []string
	Region           string
	DepartmentID     *int64
	Department       string // the verifying department's name, read only
	Sources          []Source
	Claims           []Claim
	Status           string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	PublishedAt      *time.Time
	CorrectedAt      *time.Time
	RetractedAt      *time.Time
	CorrectionNote   string
	RetractionReason string
}

// Public reports whether visitors may see the article.
func (a *Article) Public() bool {
	return a.Status == Published || a.Status == Corrected || a.Status == Retracted
}

// Path is the article's path on the public site.
func (a *Article) Path() string { return "/articles/" + a.Slug }

// Revision is one saved state of an article.
type Revision struct {
	ID        int64
	ArticleID int64
	At        time.Time
	ByUser    *int64
	Status    string
	Title     string
	Summary   string
	BodyMD    string
	Note      string
}

// Service is the debunk desk.
type Service struct {
	db   *store.DB
	keys *pii.Keys
	kick func()
	now  func() time.Time

	mu       sync.RWMutex
	baseURL  string
	onChange func()
}

// New returns the service. kick wakes the outbox worker after a commit
// that enqueued webhooks; it may be nil.
func New(db *store.DB, keys *pii.Keys, kick func()) *Service {
	return &Service{db: db, keys: keys, kick: kick, now: func() time.Time { return time.Now().UTC() }}
}

// SetBaseURL sets the public site's address, used for the absolute
// article links in webhooks and media versions.
func (s *Service) SetBaseURL(u string) {
	s.mu.Lock()
	s.baseURL = strings.TrimRight(u, "/")
	s.mu.Unlock()
}

func (s *Service) base() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.baseURL
}

// SetOnChange registers f to run after every committed publication,
// correction or retraction (the web layer drops its page cache).
func (s *Service) SetOnChange(f func()) {
	s.mu.Lock()
	s.onChange = f
	s.mu.Unlock()
}

// kicked runs after a public change committed: the outbox worker wakes
// for the webhooks, and whoever caches public pages hears of it.
func (s *Service) kicked() {
	if s.kick != nil {
		s.kick()
	}
	s.mu.RLock()
	f := s.onChange
	s.mu.RUnlock()
	if f != nil {
		f()
	}
}
