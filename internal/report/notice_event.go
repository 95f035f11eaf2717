package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/outbox"
)

// NoticeCreatedTopic is the outbox topic of a new notice.
const NoticeCreatedTopic = "notice.created"

// NoticeEvent is the JSON body POSTed to a platform's webhook when the
// center sends it a notice (topic "notice.created"). This type is the one
// definition of that contract; the webhook documentation describes it
// field by field. The platform answers through respond_url (POST
// /api/v1/platform/notices/{id}/response with its API key).
type NoticeEvent struct {
	Event  string        `json:"event"` // always "notice.created"
	Notice NoticePayload `json:"notice"`
}

// NoticePayload is the notice inside a NoticeEvent.
type NoticePayload struct {
	ID        int64     `json:"id"`       // notice id, as in the platform API
	Case      string    `json:"case"`     // the case's tracking code, for the platform's records
	Category  string    `json:"category"` // report category code (fraud, rumor, …)
	What      string    `json:"what"`     // what the platform is asked to do
	Location  string    `json:"location"` // URL or in-app location of the content
	Reason    string    `json:"reason"`   // legal ground of the request
	Deadline  time.Time `json:"deadline"` // answer before this moment (RFC 3339, UTC)
	CreatedAt time.Time `json:"created_at"`
	// RespondURL is absolute when the server knows its public address
	// (QINGLANG_BASE_URL), otherwise a path on the API's host.
	RespondURL string `json:"respond_url"`
}

// SetOutbox makes Notify kick the delivery worker after a commit that
// enqueued a webhook event; without it events wait for the worker's poll.
func (s *Service) SetOutbox(kick func()) { s.kick = kick }

// SetBaseURL sets the public address respond_url is built on.
func (s *Service) SetBaseURL(u string) { s.baseURL = u }

// enqueueNotice writes the notice.created event for a platform with a
// webhook, in the notice's own transaction: the notice and its delivery
// commit together or not at all.
func (s *Service) enqueueNotice(ctx context.Context, tx *sql.Tx, c *caseHead, platformID int64, url string, n NoticePayload) error {
	if err := tx.QueryRowContext(ctx, `SELECT tracking_code FROM reports WHERE id = $1`, c.ID).Scan(&n.Case); err != nil {
		return fmt.Errorf("report: notice event: %w", err)
	}
	id := strconv.FormatInt(n.ID, 10)
	n.Category = c.Category
	n.RespondURL = s.baseURL + "/api/v1/platform/notices/" + id + "/response"
	body, err := json.Marshal(NoticeEvent{Event: NoticeCreatedTopic, Notice: n})
	if err != nil {
		return err
	}
	_, err = outbox.Enqueue(ctx, tx, n.CreatedAt, outbox.Event{Topic: NoticeCreatedTopic, Key: "notice-" + id,
		Target: "platform:" + strconv.FormatInt(platformID, 10), URL: url, Payload: body})
	return err
}
