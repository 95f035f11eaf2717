package report

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/evidence"
	"qinglang/internal/pii"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// Service runs intake and the reporter's side of a case.
type Service struct {
	db   *store.DB
	keys *pii.Keys
	now  func() time.Time
	sla  policyCache
	// packageKey signs evidence packages (SetPackageKey).
	packageKey []byte
	// matchRumors, when set, matches each report against the rumor database.
	matchRumors func(text string) []RumorHit
	// kick wakes the outbox worker after a commit that enqueued an event
	// (SetOutbox); baseURL is the site's public address (SetBaseURL).
	kick    func()
	baseURL string
}

// NewService makes a Service; now may be nil for the wall clock.
func NewService(db *store.DB, keys *pii.Keys, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{db: db, keys: keys, now: func() time.Time { return now().UTC() }}
}

var errCodeTaken = errors.New("report: tracking code taken")

// Submit validates a report and stores it with its first timeline entry
// and its evidence in one transaction. The receipt is returned only after
// the commit, so an acknowledged report is durable.
func (s *Service) Submit(ctx context.Context, sub Submission, defaultChannel Channel) (Receipt, error) {
	c, err := validate(sub, defaultChannel)
	if err != nil {
		return Receipt{}, err
	}
	policy, err := s.policy(ctx)
	if err != nil {
		return Receipt{}, err
	}
	var hits []RumorHit
	if s.matchRumors != nil {
		hits = s.matchRumors(searchText(c))
	}
	secret := NewSecret()
	rec := Receipt{Secret: secret, Status: Submitted}
	for range 5 {
		rec.TrackingCode = NewTrackingCode()
		rec.CreatedAt = s.now()
		due := [2]time.Time{policy.Due(sla.Accept, rec.CreatedAt), policy.Due(sla.Reply, rec.CreatedAt)}
		err = s.db.Write(ctx, func(tx *sql.Tx) error {
			id, err := s.insert(ctx, tx, c, rec, due)
			if err != nil || len(hits) == 0 {
				return err
			}
			if err := recordHits(ctx, tx, id, hits, rec.CreatedAt); err != nil {
				return err
			}
			rec.Debunks, err = debunksFor(ctx, tx, id)
			return err
		})
		if !errors.Is(err, errCodeTaken) {
			break
		}
	}
	if err != nil {
		return Receipt{}, err
	}
	if rec.Debunks == nil {
		rec.Debunks = []DebunkNotice{}
	}
	return rec, nil
}

// insert writes the report; due holds when acceptance and the reply are due.
func (s *Service) insert(ctx context.Context, tx *sql.Tx, c *clean, rec Receipt, due [2]time.Time) (int64, error) {
	var errs []apperr.FieldError
	platformID := lookupID(ctx, tx, &errs, "platform", `SELECT id FROM platforms WHERE code = $1`, c.Platform, "合作平台", "partner platform")
	districtID := lookupID(ctx, tx, &errs, "district", `SELECT id FROM districts WHERE code = $1`, c.District, "所在地区", "district")
	campaignID, ferr := findCampaign(ctx, tx, c.Campaign, c.Category, rec.CreatedAt)
	if ferr != nil {
		errs = append(errs, *ferr)
	}
	if len(errs) > 0 {
		return 0, apperr.Fields(errs...)
	}

	if c.External != nil {
		if err := findExternal(ctx, tx, c.External); err != nil {
			return 0, err
		}
	}
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&exists); err != nil {
		return 0, err
	}
	if exists > 0 {
		return 0, errCodeTaken
	}
	urls, _ := json.Marshal(nonNil(c.URLs))
	fields, _ := json.Marshal(c.ZoneFields)
	var private []byte
	if len(c.ZonePriv) > 0 {
		b, _ := json.Marshal(c.ZonePriv)
		private = s.keys.Seal(string(b))
	}
	r := c.Reporter
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO reports (tracking_code, secret_hash, category, zone, content, urls, zone_fields, zone_private,
		channel, platform_id, campaign_id, district_id, status, anonymous, reporter_name, reporter_phone, reporter_email,
		reporter_phone_idx, reporter_email_idx, created_at, updated_at, stage_due_at, reply_due_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$20,$21,$22) RETURNING id`,
		rec.TrackingCode, s.keys.TokenHash(rec.Secret), c.Category, c.Zone, c.Content, string(urls), string(fields), private,
		string(c.Channel), platformID, campaignID, districtID, string(Submitted), r.Anonymous,
		s.keys.Seal(r.Name), s.keys.Seal(r.Phone), s.keys.Seal(r.Email),
		s.keys.Index("phone", r.Phone), s.keys.Index("email", r.Email), rec.CreatedAt, due[0], due[1]).Scan(&id)
	if store.IsUniqueViolation(err) {
		return 0, errCodeTaken
	}
	if err != nil {
		return 0, fmt.Errorf("report: insert: %w", err)
	}
	if c.External != nil {
		if err := saveExternal(ctx, tx, c.External, id, rec.CreatedAt); err != nil {
			return 0, err
		}
	}
	if err := indexText(ctx, tx, s.db.Dialect, id, searchText(c)); err != nil {
		return 0, err
	}
	if err := claimEvidence(ctx, tx, id, nil, c.Files, c.FileFields); err != nil {
		return 0, err
	}
	for _, u := range c.Uploads {
		if _, err := insertEvidence(ctx, tx, u, &id, rec.CreatedAt); err != nil {
			return 0, err
		}
	}
	return id, addEvent(ctx, tx, id, rec.CreatedAt, "reporter", "submitted", "", Submitted, "", true)
}

// lookupID finds the id of a reference row by code; an unknown code adds a
// field error. An empty code is a NULL id.
func lookupID(ctx context.Context, tx *sql.Tx, errs *[]apperr.FieldError, field, query, code, zh, en string) *int64 {
	if code == "" {
		return nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, query, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		*errs = append(*errs, apperr.Field(field, "unknown", "「"+zh+"」不存在："+code, field+": unknown "+en+" "+quote(code)))
		return nil
	}
	if err != nil {
		*errs = append(*errs, apperr.Field(field, "lookup_failed", "「"+zh+"」暂时无法核对，请稍后重试", field+": could not be checked, try again"))
		return nil
	}
	return &id
}

func findCampaign(ctx context.Context, tx *sql.Tx, code, cat string, now time.Time) (*int64, *apperr.FieldError) {
	if code == "" {
		return nil, nil
	}
	var id int64
	var starts, ends time.Time
	var cats string
	err := tx.QueryRowContext(ctx, `SELECT id, starts_at, ends_at, categories FROM campaigns WHERE code = $1`, code).Scan(&id, &starts, &ends, &cats)
	if err != nil {
		fe := apperr.Field("campaign", "unknown", "「专项行动」不存在："+code, "campaign: unknown campaign "+quote(code))
		return nil, &fe
	}
	if now.Before(starts) || !now.Before(ends) {
		fe := apperr.Field("campaign", "inactive", "该专项举报不在受理期内", "campaign: not open for reports now")
		return nil, &fe
	}
	if cats != "" && !strings.Contains(","+cats+",", ","+cat+",") {
		fe := apperr.Field("campaign", "category", "该专项举报不受理此类型："+cat, "campaign: does not take category "+quote(cat))
		return nil, &fe
	}
	return &id, nil
}

// claimEvidence attaches uploaded files to a report. A file can belong to
// one report only, so an id cannot be replayed into someone else's case.
// fields names the input each id came from.
func claimEvidence(ctx context.Context, tx *sql.Tx, reportID int64, materialID *int64, ids, fields []string) error {
	var errs []apperr.FieldError
	for i, id := range ids {
		res, err := tx.ExecContext(ctx, `UPDATE evidence SET report_id = $1, material_id = $2 WHERE id = $3 AND report_id IS NULL`, reportID, materialID, id)
		if err != nil {
			return fmt.Errorf("report: claim evidence: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			errs = append(errs, apperr.Field(fields[i], "unknown",
				"证据文件 "+id+" 不存在或已被使用，请重新上传", fmt.Sprintf("%s: evidence %s is unknown or already attached; upload it again", fields[i], id)))
		}
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

func addEvent(ctx context.Context, tx *sql.Tx, reportID int64, at time.Time, actor string, action Action, from, to Status, note string, public bool) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO report_events (report_id, at, actor_kind, action, from_status, to_status, note, public)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, reportID, at, actor, string(action), string(from), string(to), note, public)
	if err != nil {
		return fmt.Errorf("report: event: %w", err)
	}
	return nil
}

// RegisterEvidence records an ingested file and returns the id a report
// can claim it by.
func (s *Service) RegisterEvidence(ctx context.Context, m evidence.Meta, name string) (string, error) {
	var id string
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertEvidence(ctx, tx, Upload{m, name}, nil, s.now())
		return err
	})
	return id, err
}

// insertEvidence records a file, once per content, and an evidence row
// with an unguessable id, attached to reportID when it is given.
func insertEvidence(ctx context.Context, tx *sql.Tx, u Upload, reportID *int64, now time.Time) (string, error) {
	b := make([]byte, 15)
	rand.Read(b)
	id := strings.ToLower(base32.StdEncoding.EncodeToString(b))
	name := cleanText(u.Name)
	if r := []rune(name); len(r) > 200 {
		name = string(r[:200])
	}
	var dhash *int64 // stored signed: both databases' integers are
	if u.Meta.DHash != 0 {
		v := int64(u.Meta.DHash)
		dhash = &v
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, mime, dhash, created_at) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (sha256) DO NOTHING`,
		u.Meta.SHA256, u.Meta.Size, u.Meta.MIME, dhash, now); err != nil {
		return "", fmt.Errorf("report: register blob: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (id, sha256, name, report_id, created_at) VALUES ($1,$2,$3,$4,$5)`,
		id, u.Meta.SHA256, name, reportID, now); err != nil {
		return "", fmt.Errorf("report: register evidence: %w", err)
	}
	return id, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
