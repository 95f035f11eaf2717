package debunk

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/platform"
	"qinglang/internal/store"
)

// Contact is a person to call at an alliance member unit.
type Contact struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// Unit is an alliance member unit.
type Unit struct {
	ID         int64
	Code       string
	Name       string
	Kind       string
	WebhookURL string
	Contacts   []Contact
}

// UnitTarget is the outbox target of a member's webhook.
func UnitTarget(id int64) string { return "unit:" + strconv.FormatInt(id, 10) }

var errNoUnit = apperr.New(apperr.NotFound, "成员单位不存在", "No such member unit")

func (u *Unit) validate() error {
	var errs []apperr.FieldError
	u.Code, u.Name, u.Kind, u.WebhookURL = strings.TrimSpace(u.Code), strings.TrimSpace(u.Name), strings.TrimSpace(u.Kind), strings.TrimSpace(u.WebhookURL)
	if u.Code == "" || len(u.Code) > 64 {
		errs = append(errs, apperr.Field("code", "required", "请填写单位代码", "code: required"))
	}
	if n := utf8.RuneCountInString(u.Name); n == 0 || n > 100 {
		errs = append(errs, apperr.Field("name", "required", "请填写单位名称（100字以内）", "name: required, at most 100 characters"))
	}
	if u.WebhookURL != "" && !isWebURL(u.WebhookURL) {
		errs = append(errs, apperr.Field("webhook_url", "bad_url", "回调地址须为 http(s) 网址", "webhook_url: must be an http(s) URL"))
	}
	var contacts []Contact
	for _, c := range u.Contacts {
		c.Name, c.Title, c.Phone, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Title), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Email)
		if c != (Contact{}) {
			contacts = append(contacts, c)
		}
	}
	u.Contacts = contacts
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	return nil
}

// SaveUnit creates (ID 0) or updates an alliance member. When its webhook
// URL is set for the first time it gets a signing secret, returned here:
// the one time it is shown. Otherwise secret is "".
func (s *Service) SaveUnit(ctx context.Context, p *auth.Principal, u Unit) (id int64, secret string, err error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return 0, "", err
	}
	if err := u.validate(); err != nil {
		return 0, "", err
	}
	contacts, _ := json.Marshal(u.Contacts)
	if u.Contacts == nil {
		contacts = []byte("[]")
	}
	now := s.now()
	id = u.ID
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		var hasSecret bool
		if id == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO units (code, name, kind, contacts, webhook_url) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
				u.Code, u.Name, u.Kind, string(contacts), u.WebhookURL).Scan(&id); err != nil {
				return unitErr(err)
			}
		} else {
			var sealed []byte
			err := tx.QueryRowContext(ctx, `SELECT webhook_secret FROM units WHERE id = $1`, id).Scan(&sealed)
			if errors.Is(err, sql.ErrNoRows) {
				return errNoUnit
			}
			if err != nil {
				return fmt.Errorf("debunk: unit: %w", err)
			}
			hasSecret = len(sealed) > 0
			if _, err := tx.ExecContext(ctx, `UPDATE units SET code = $1, name = $2, kind = $3, contacts = $4, webhook_url = $5 WHERE id = $6`,
				u.Code, u.Name, u.Kind, string(contacts), u.WebhookURL, id); err != nil {
				return unitErr(err)
			}
		}
		if u.WebhookURL != "" && !hasSecret {
			secret = newWebhookSecret()
			if _, err := tx.ExecContext(ctx, `UPDATE units SET webhook_secret = $1 WHERE id = $2`, s.keys.Seal(secret), id); err != nil {
				return fmt.Errorf("debunk: unit secret: %w", err)
			}
		}
		action := "admin.unit.update"
		if u.ID == 0 {
			action = "admin.unit.create"
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: action,
			Target: UnitTarget(id), Detail: u.Code + " " + u.Name})
	})
	if err != nil {
		return 0, "", err
	}
	return id, secret, nil
}

func unitErr(err error) error {
	if store.IsUniqueViolation(err) {
		return apperr.Fields(apperr.Field("code", "taken", "单位代码已被使用", "code: already taken"))
	}
	return fmt.Errorf("debunk: unit: %w", err)
}

// newWebhookSecret draws a signing secret in the platforms' format: the
// HMAC key is the whole string as shown.
func newWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return platform.SecretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// UnitSecret returns the signing key of an outbox target "unit:<id>" for
// the delivery worker.
func (s *Service) UnitSecret(ctx context.Context, target string) ([]byte, error) {
	rest, ok := strings.CutPrefix(target, "unit:")
	id, err := strconv.ParseInt(rest, 10, 64)
	if !ok || err != nil {
		return nil, fmt.Errorf("debunk: not a unit target: %q", target)
	}
	var sealed []byte
	err = s.db.Read().QueryRowContext(ctx, `SELECT webhook_secret FROM units WHERE id = $1`, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) || err == nil && len(sealed) == 0 {
		return nil, fmt.Errorf("debunk: %s has no webhook secret", target)
	}
	if err != nil {
		return nil, fmt.Errorf("debunk: unit secret: %w", err)
	}
	sec, err := s.keys.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("debunk: secret of %s: %w", target, err)
	}
	return []byte(sec), nil
}

// Units lists the alliance members by code.
func (s *Service) Units(ctx context.Context) ([]Unit, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT id, code, name, kind, webhook_url, contacts FROM units ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("debunk: units: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		var u Unit
		var contacts string
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.WebhookURL, &contacts); err != nil {
			return nil, fmt.Errorf("debunk: units: %w", err)
		}
		json.Unmarshal([]byte(contacts), &u.Contacts)
		out = append(out, u)
	}
	return out, rows.Err()
}

var channels = map[string]bool{"wechat": true, "weibo": true, "toutiao": true, "douyin": true, "website": true, "other": true}

// Repost records where the caller's unit reposted a public article and
// how many people it reached. Members report for their own unit only.
func (s *Service) Repost(ctx context.Context, p *auth.Principal, articleID int64, url, channel string, reach int64) error {
	if p == nil || p.Role != auth.AllianceMember || p.UnitID == nil {
		return apperr.New(apperr.Forbidden, "只有联盟成员单位可以报告转发", "Only alliance members report reposts")
	}
	url = strings.TrimSpace(url)
	var errs []apperr.FieldError
	if !isWebURL(url) || len(url) > 2000 {
		errs = append(errs, apperr.Field("url", "bad_url", "请填写转发页面的网址", "url: the http(s) address of the repost"))
	}
	if !channels[channel] {
		errs = append(errs, apperr.Field("channel", "unknown", "请选择渠道：微信、微博、头条、抖音、网站或其他", "channel: wechat, weibo, toutiao, douyin, website or other"))
	}
	if reach < 0 {
		errs = append(errs, apperr.Field("reach", "negative", "阅读量不能为负数", "reach: must not be negative"))
	}
	if len(errs) > 0 {
		return apperr.Fields(errs...)
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		status, err := lockStatus(ctx, tx, articleID)
		if err != nil {
			return err
		}
		if status != Published && status != Corrected {
			return apperr.New(apperr.Conflict, "文章未发布或已撤回", "The article is not published or was retracted")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO reposts (article_id, unit_id, url, channel, reach, reported_by, reported_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
			articleID, *p.UnitID, url, channel, reach, p.UserID, now); err != nil {
			return fmt.Errorf("debunk: repost: %w", err)
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: "article.repost",
			Target: target(articleID), Detail: UnitTarget(*p.UnitID) + " " + channel + " " + url})
	})
}

// MemberReach is one member's reposts of an article.
type MemberReach struct {
	UnitID  int64
	Code    string
	Name    string
	Reposts int
	Reach   int64
	LastAt  *time.Time
}

// ReachReport is how far an article travelled through the alliance.
type ReachReport struct {
	ArticleID   int64
	Reposts     int
	Reach       int64
	Members     []MemberReach // members that reposted, widest reach first
	NotReposted []MemberReach // members that have not reposted yet, by code
}

// Reach reports per member the reposts of an article and their reach.
func (s *Service) Reach(ctx context.Context, articleID int64) (ReachReport, error) {
	r := ReachReport{ArticleID: articleID}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT u.id, u.code, u.name, count(r.id), COALESCE(sum(r.reach), 0)
		FROM units u LEFT JOIN reposts r ON r.unit_id = u.id AND r.article_id = $1
		GROUP BY u.id, u.code, u.name ORDER BY COALESCE(sum(r.reach), 0) DESC, u.code`, articleID)
	if err != nil {
		return r, fmt.Errorf("debunk: reach: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m MemberReach
		if err := rows.Scan(&m.UnitID, &m.Code, &m.Name, &m.Reposts, &m.Reach); err != nil {
			return r, fmt.Errorf("debunk: reach: %w", err)
		}
		if m.Reposts == 0 {
			r.NotReposted = append(r.NotReposted, m)
			continue
		}
		r.Members = append(r.Members, m)
		r.Reposts += m.Reposts
		r.Reach += m.Reach
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	rows.Close()
	for i := range r.Members {
		var t time.Time
		if err := s.db.Read().QueryRowContext(ctx, `SELECT reported_at FROM reposts WHERE article_id = $1 AND unit_id = $2 ORDER BY reported_at DESC LIMIT 1`,
			articleID, r.Members[i].UnitID).Scan(&t); err == nil {
			t = t.UTC()
			r.Members[i].LastAt = &t
		}
	}
	return r, nil
}

// MemberTotals is every member's reposts and reach over all articles,
// widest reach first, with how many published articles it has not
// reposted yet.
func (s *Service) MemberTotals(ctx context.Context) ([]MemberTotal, error) {
	rows, err := s.db.Read().QueryContext(ctx, `SELECT u.id, u.code, u.name, count(r.id), COALESCE(sum(r.reach), 0),
		(SELECT count(*) FROM articles a WHERE a.status IN ('published', 'corrected')
			AND NOT EXISTS (SELECT 1 FROM reposts x WHERE x.article_id = a.id AND x.unit_id = u.id))
		FROM units u LEFT JOIN reposts r ON r.unit_id = u.id
		GROUP BY u.id, u.code, u.name ORDER BY COALESCE(sum(r.reach), 0) DESC, u.code`)
	if err != nil {
		return nil, fmt.Errorf("debunk: member totals: %w", err)
	}
	defer rows.Close()
	var out []MemberTotal
	for rows.Next() {
		var m MemberTotal
		if err := rows.Scan(&m.UnitID, &m.Code, &m.Name, &m.Reposts, &m.Reach, &m.Missing); err != nil {
			return nil, fmt.Errorf("debunk: member totals: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MemberTotal is one member's record over all articles.
type MemberTotal struct {
	UnitID     int64
	Code, Name string
	Reposts    int
	Reach      int64
	Missing    int // published articles it has not reposted
}
