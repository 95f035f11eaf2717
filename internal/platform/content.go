package platform

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
)

// MaxContentItems bounds one monitoring push: a bigger batch is split by
// the platform, so one call stays one short transaction.
const MaxContentItems = 500

// ContentItem is one piece of content a platform pushes for monitoring
// (巡查监测).
type ContentItem struct {
	ExternalID  string     `json:"external_id"`
	URL         string     `json:"url,omitempty"`
	Title       string     `json:"title,omitempty"`
	Text        string     `json:"text"`
	Author      string     `json:"author,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// Pushed counts what a push stored: items new to the center, and items
// it had already (the same external_id from the same platform).
type Pushed struct {
	Accepted   int `json:"accepted"`
	Duplicates int `json:"duplicates"`
}

// PushContent stores a batch of content from platformID. Every item is
// checked first; one bad item refuses the batch, naming each bad field,
// so the platform can fix and resend it whole.
func (r *Registry) PushContent(ctx context.Context, platformID int64, items []ContentItem) (Pushed, error) {
	var errs []apperr.FieldError
	bad := func(i int, field, zh, en string) {
		f := fmt.Sprintf("items[%d].%s", i, field)
		errs = append(errs, apperr.Field(f, "invalid", f+"："+zh, f+": "+en))
	}
	switch {
	case len(items) == 0:
		return Pushed{}, apperr.Fields(apperr.Field("items", "required", "items 不能为空", "items: send at least one item"))
	case len(items) > MaxContentItems:
		return Pushed{}, apperr.Fields(apperr.Field("items", "too_many", fmt.Sprintf("每次最多推送 %d 条", MaxContentItems), fmt.Sprintf("items: at most %d per call", MaxContentItems)))
	}
	for i := range items {
		it := &items[i]
		it.ExternalID, it.URL, it.Title, it.Author = strings.TrimSpace(it.ExternalID), strings.TrimSpace(it.URL), strings.TrimSpace(it.Title), strings.TrimSpace(it.Author)
		it.Text = strings.TrimSpace(it.Text)
		if it.ExternalID == "" || len(it.ExternalID) > 200 {
			bad(i, "external_id", "必填，最多 200 字节", "required, at most 200 bytes")
		}
		if it.Text == "" && it.Title == "" {
			bad(i, "text", "text 和 title 至少填写一项", "give text or title")
		}
		if utf8.RuneCountInString(it.Text) > 20000 || utf8.RuneCountInString(it.Title) > 500 || utf8.RuneCountInString(it.Author) > 200 {
			bad(i, "text", "内容过长（正文 20000 字、标题 500 字、作者 200 字以内）", "too long (text 20000, title 500, author 200 characters)")
		}
		if u, err := url.Parse(it.URL); it.URL != "" && (err != nil || u.Scheme != "http" && u.Scheme != "https" || len(it.URL) > 2048) {
			bad(i, "url", "须为 http:// 或 https:// 地址", "must be an http:// or https:// address")
		}
	}
	if len(errs) > 0 {
		return Pushed{}, apperr.Fields(errs...)
	}
	var out Pushed
	now := r.now()
	err := r.db.Write(ctx, func(tx *sql.Tx) error {
		for _, it := range items {
			res, err := tx.ExecContext(ctx, `INSERT INTO monitored_items (source, platform_id, external_id, url, title, text, author, published_at, received_at)
				VALUES ('platform',$1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (source, platform_id, external_id) DO NOTHING`,
				platformID, it.ExternalID, it.URL, it.Title, it.Text, it.Author, utcPtr(it.PublishedAt), now)
			if err != nil {
				return fmt.Errorf("platform: push content: %w", err)
			}
			if n, _ := res.RowsAffected(); n > 0 {
				out.Accepted++
			} else {
				out.Duplicates++
			}
		}
		return nil
	})
	return out, err
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
