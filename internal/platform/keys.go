package platform

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
)

// KeyPrefix marks platform API keys, so secret scanners find one pasted
// somewhere it should not be, and the server tells them from staff tokens.
const KeyPrefix = "qlp_"

// displayLen is how much of a key lists show: enough to tell a
// platform's keys apart, far too little to use.
const displayLen = len(KeyPrefix) + 8

// touchEvery bounds the writes that recording a key's last use costs.
const touchEvery = time.Minute

// APIKey is a key as lists show it: never the key itself.
type APIKey struct {
	ID         int64
	PlatformID int64
	Name       string
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Caller is the platform an API request acts for, found by its key.
type Caller struct {
	PlatformID int64
	Code, Name string
	KeyID      int64
	KeyPrefix  string
}

var (
	// ErrBadKey is the one answer to an unknown and a revoked key.
	ErrBadKey = apperr.New(apperr.Unauthorized, "API 密钥无效或已吊销，请向举报中心申请新的密钥（Authorization: Bearer qlp_…）",
		"The API key is unknown or revoked; ask the reporting center for a new one (Authorization: Bearer qlp_…)")
	// ErrDisabled refuses a valid key of a platform the center has switched off.
	ErrDisabled = apperr.New(apperr.Forbidden, "该平台的接口权限已被停用，请联系举报中心", "This platform's API access is disabled; contact the reporting center")
	errNoKey    = apperr.New(apperr.NotFound, "没有找到该密钥", "No such key")
)

// CreateKey makes an API key for a platform and returns it: only its
// keyed hash is kept, so this is the one time anyone sees it.
func (r *Registry) CreateKey(ctx context.Context, p *auth.Principal, platformID int64, name string) (APIKey, string, error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return APIKey{}, "", err
	}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 64 {
		return APIKey{}, "", apperr.Fields(apperr.Field("name", "length", "请为密钥起一个名称（最多 64 个字），如「审核系统」", "name: give the key a name of at most 64 characters"))
	}
	b := make([]byte, 32)
	rand.Read(b)
	key := KeyPrefix + base64.RawURLEncoding.EncodeToString(b)
	k := APIKey{PlatformID: platformID, Name: name, Prefix: key[:displayLen], CreatedAt: r.now()}
	err := r.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := r.one(ctx, tx, `p.id = $1`, platformID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO platform_keys (platform_id, name, prefix, key_hash, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			platformID, name, k.Prefix, r.keys.TokenHash(key), k.CreatedAt).Scan(&k.ID); err != nil {
			return fmt.Errorf("platform: create key: %w", err)
		}
		return audit.Append(ctx, tx, r.db.Dialect, audit.Entry{At: k.CreatedAt, ActorID: &p.UserID, Actor: p.Username,
			Action: "admin.platform.key_create", Target: Target(platformID), Detail: "key=" + itoa(k.ID) + " " + k.Prefix + "… name=" + name})
	})
	if err != nil {
		return APIKey{}, "", err
	}
	return k, key, nil
}

// RevokeKey ends a key at once; revoking twice changes nothing.
func (r *Registry) RevokeKey(ctx context.Context, p *auth.Principal, platformID, keyID int64) error {
	if err := p.Require(auth.AdminOrg); err != nil {
		return err
	}
	now := r.now()
	return r.db.Write(ctx, func(tx *sql.Tx) error {
		var revoked sql.NullTime
		var prefix string
		err := tx.QueryRowContext(ctx, `SELECT revoked_at, prefix FROM platform_keys WHERE id = $1 AND platform_id = $2`, keyID, platformID).Scan(&revoked, &prefix)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoKey
		}
		if err != nil || revoked.Valid {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE platform_keys SET revoked_at = $1 WHERE id = $2`, now, keyID); err != nil {
			return fmt.Errorf("platform: revoke key: %w", err)
		}
		return audit.Append(ctx, tx, r.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "admin.platform.key_revoke", Target: Target(platformID), Detail: "key=" + itoa(keyID) + " " + prefix + "…"})
	})
}

// Keys lists a platform's keys, newest first, revoked ones included.
func (r *Registry) Keys(ctx context.Context, platformID int64) ([]APIKey, error) {
	rows, err := r.db.Read().QueryContext(ctx, `SELECT id, platform_id, name, prefix, created_at, last_used_at, revoked_at
		FROM platform_keys WHERE platform_id = $1 ORDER BY id DESC`, platformID)
	if err != nil {
		return nil, fmt.Errorf("platform: keys: %w", err)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		var k APIKey
		var used, revoked sql.NullTime
		if err := rows.Scan(&k.ID, &k.PlatformID, &k.Name, &k.Prefix, &k.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("platform: keys: %w", err)
		}
		k.LastUsedAt, k.RevokedAt = timePtr(used), timePtr(revoked)
		out = append(out, k)
	}
	return out, rows.Err()
}

// Lookup finds the platform of an API key: ErrBadKey for an unknown or
// revoked key, ErrDisabled for a disabled platform. It records the key's
// last use at most once a minute.
func (r *Registry) Lookup(ctx context.Context, key string) (Caller, error) {
	if !strings.HasPrefix(key, KeyPrefix) {
		return Caller{}, ErrBadKey
	}
	var c Caller
	var disabled bool
	var used sql.NullTime
	err := r.db.Read().QueryRowContext(ctx, `SELECT k.id, k.prefix, k.last_used_at, p.id, p.code, p.name, p.disabled
		FROM platform_keys k JOIN platforms p ON p.id = k.platform_id WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
		r.keys.TokenHash(key)).Scan(&c.KeyID, &c.KeyPrefix, &used, &c.PlatformID, &c.Code, &c.Name, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Caller{}, ErrBadKey
	}
	if err != nil {
		return Caller{}, fmt.Errorf("platform: lookup key: %w", err)
	}
	if disabled {
		return Caller{}, ErrDisabled
	}
	if now := r.now(); !used.Valid || now.Sub(used.Time) >= touchEvery {
		err := r.db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE platform_keys SET last_used_at = $1 WHERE id = $2`, now, c.KeyID)
			return err
		})
		if err != nil {
			return Caller{}, fmt.Errorf("platform: touch key: %w", err)
		}
	}
	return c, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if t.Valid {
		return &t.Time
	}
	return nil
}
