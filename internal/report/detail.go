package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/pii"
)

// StaffEvent is a timeline entry as staff see it: with its author and the
// internal entries.
type StaffEvent struct {
	Event
	Actor  string // display name, or 举报人 / 系统
	From   Status
	Public bool
}

// EvidenceFile is a file attached to a case.
type EvidenceFile struct {
	ID, SHA256, MIME, Name string
	Size                   int64
	CreatedAt              time.Time
}

// NoticeRow is a notice sent to a platform about a case.
type NoticeRow struct {
	ID                         int64
	Platform                   string
	What, Location, Reason     string
	Deadline, CreatedAt        time.Time
	Status, Response, RespNote string
	RespondedAt                *time.Time
}

// CaseDetail is a case as the console shows it. Reporter contacts are
// masked; RevealReporter shows them to roles that may see them, audited.
type CaseDetail struct {
	ID                           int64
	TrackingCode                 string
	Status                       Status
	Category, Zone, Channel      string
	Content                      string
	URLs                         []string
	ZoneFields                   map[string]any
	HasZonePrivate               bool
	Platform, District, Campaign string
	Assignee                     string
	AssigneeID                   *int64
	CanonicalID                  *int64
	Anonymous                    bool
	Reporter                     Reporter // masked
	CreatedAt, UpdatedAt         time.Time
	StageDueAt, ReplyDueAt       *time.Time
	Timeline                     []StaffEvent
	Transfers                    []TransferRow
	Notices                      []NoticeRow
	Evidence                     []EvidenceFile
	Materials                    []Material
	Merged                       []string // tracking codes of cases merged into this one
}

// visible checks the principal's data scope for case id: a department
// handler sees only cases transferred to its department.
func (s *Service) visible(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, p *auth.Principal, id int64) error {
	if err := p.Require(auth.CaseView); err != nil {
		return err
	}
	if p.Role != auth.DeptHandler {
		return nil
	}
	var n int
	dept := int64(-1)
	if p.DepartmentID != nil {
		dept = *p.DepartmentID
	}
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM transfers WHERE report_id = $1 AND department_id = $2`, id, dept).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "案件不存在", "No such case")
	}
	return nil
}

// Case reads one case for the console.
func (s *Service) Case(ctx context.Context, p *auth.Principal, id int64) (*CaseDetail, error) {
	db := s.db.Read()
	if err := s.visible(ctx, db, p, id); err != nil {
		return nil, err
	}
	d := &CaseDetail{ID: id}
	var urls, fields string
	var private, name, phone, email []byte
	var platform, district, campaign, assignee sql.NullString
	var assigneeID, canonical sql.NullInt64
	var stageDue, replyDue sql.NullTime
	err := db.QueryRowContext(ctx, `SELECT r.tracking_code, r.status, r.category, r.zone, r.channel, r.content, r.urls, r.zone_fields, r.zone_private,
		p.name, d.name_zh, c.title_zh, u.display_name, r.assignee_id, r.canonical_id, r.anonymous, r.reporter_name, r.reporter_phone, r.reporter_email,
		r.created_at, r.updated_at, r.stage_due_at, r.reply_due_at
		FROM reports r LEFT JOIN platforms p ON p.id = r.platform_id LEFT JOIN districts d ON d.id = r.district_id
		LEFT JOIN campaigns c ON c.id = r.campaign_id LEFT JOIN users u ON u.id = r.assignee_id WHERE r.id = $1`, id).
		Scan(&d.TrackingCode, &d.Status, &d.Category, &d.Zone, &d.Channel, &d.Content, &urls, &fields, &private,
			&platform, &district, &campaign, &assignee, &assigneeID, &canonical, &d.Anonymous, &name, &phone, &email,
			&d.CreatedAt, &d.UpdatedAt, &stageDue, &replyDue)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.New(apperr.NotFound, "案件不存在", "No such case")
	}
	if err != nil {
		return nil, fmt.Errorf("report: case: %w", err)
	}
	json.Unmarshal([]byte(urls), &d.URLs)
	json.Unmarshal([]byte(fields), &d.ZoneFields)
	d.HasZonePrivate = len(private) > 0
	d.Platform, d.District, d.Campaign, d.Assignee = platform.String, district.String, campaign.String, assignee.String
	if assigneeID.Valid {
		d.AssigneeID = &assigneeID.Int64
	}
	if canonical.Valid {
		d.CanonicalID = &canonical.Int64
	}
	if stageDue.Valid {
		d.StageDueAt = &stageDue.Time
	}
	if replyDue.Valid {
		d.ReplyDueAt = &replyDue.Time
	}
	r, err := s.openReporter(name, phone, email)
	if err != nil {
		return nil, err
	}
	d.Reporter = Reporter{Anonymous: d.Anonymous, Name: pii.MaskName(r.Name), Phone: pii.MaskPhone(r.Phone), Email: pii.MaskEmail(r.Email)}
	if r.Phone == "" {
		d.Reporter.Phone = ""
	}
	if r.Email == "" {
		d.Reporter.Email = ""
	}
	return d, s.loadCaseLists(ctx, d)
}

func (s *Service) openReporter(name, phone, email []byte) (Reporter, error) {
	var r Reporter
	var err error
	for _, f := range []struct {
		dst *string
		src []byte
	}{{&r.Name, name}, {&r.Phone, phone}, {&r.Email, email}} {
		if *f.dst, err = s.keys.Open(f.src); err != nil {
			return r, fmt.Errorf("report: reporter data: %w", err)
		}
	}
	return r, nil
}

// RevealReporter shows a case's reporter unmasked, with the sensitive zone
// fields, to a role that may see personal data; every look is audited.
func (s *Service) RevealReporter(ctx context.Context, p *auth.Principal, id int64) (Reporter, map[string]any, error) {
	if err := p.Require(auth.PIIView); err != nil {
		return Reporter{}, nil, err
	}
	var r Reporter
	var zone map[string]any
	now := s.now()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if err := s.visible(ctx, tx, p, id); err != nil {
			return err
		}
		var name, phone, email, private []byte
		var anonymous bool
		if err := tx.QueryRowContext(ctx, `SELECT anonymous, reporter_name, reporter_phone, reporter_email, zone_private FROM reports WHERE id = $1`, id).
			Scan(&anonymous, &name, &phone, &email, &private); err != nil {
			return apperr.New(apperr.NotFound, "案件不存在", "No such case")
		}
		var err error
		if r, err = s.openReporter(name, phone, email); err != nil {
			return err
		}
		r.Anonymous = anonymous
		if len(private) > 0 {
			plain, err := s.keys.Open(private)
			if err != nil {
				return fmt.Errorf("report: zone data: %w", err)
			}
			json.Unmarshal([]byte(plain), &zone)
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "pii.view", Target: "report:" + strconv.FormatInt(id, 10), Detail: "reporter contact and sensitive zone fields"})
	})
	return r, zone, err
}
