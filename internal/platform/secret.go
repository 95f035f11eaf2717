package platform

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
)

// SecretPrefix marks webhook signing secrets. The HMAC key is the whole
// secret string as shown (its UTF-8 bytes), so a receiver pastes it as it
// is and decodes nothing.
const SecretPrefix = "whsec_"

func newWebhookSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return SecretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// crockford is Crockford's base32 alphabet: no I, L, O or U, so a code
// read aloud or off a poster is not misread.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// EntranceLen is the length of a report entrance short code.
const EntranceLen = 6

// newEntrance draws a short code no other platform has. 32^6 codes make a
// collision rare; the unique index is the last word.
func newEntrance(ctx context.Context, tx *sql.Tx) (string, error) {
	for range 10 {
		b := make([]byte, EntranceLen)
		rand.Read(b)
		for i := range b {
			b[i] = crockford[b[i]&31]
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM platforms WHERE entrance = $1`, string(b)).Scan(&n); err != nil {
			return "", fmt.Errorf("platform: entrance: %w", err)
		}
		if n == 0 {
			return string(b), nil
		}
	}
	return "", errors.New("platform: no free entrance code after 10 draws")
}

// RotateSecret replaces a platform's webhook signing secret and returns
// the new one: the one time it is shown. Deliveries signed before still
// carry the old signature; the platform should accept both briefly.
func (r *Registry) RotateSecret(ctx context.Context, p *auth.Principal, id int64) (string, error) {
	if err := p.Require(auth.AdminOrg); err != nil {
		return "", err
	}
	secret := newWebhookSecret()
	now := r.now()
	err := r.db.Write(ctx, func(tx *sql.Tx) error {
		var url string
		err := tx.QueryRowContext(ctx, `SELECT webhook_url FROM platforms WHERE id = $1`, id).Scan(&url)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoPlatform
		}
		if err != nil {
			return fmt.Errorf("platform: rotate: %w", err)
		}
		if url == "" {
			return apperr.New(apperr.Conflict, "该平台尚未设置回调地址，无需签名密钥", "The platform has no webhook URL, so it needs no signing secret")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE platforms SET webhook_secret = $1 WHERE id = $2`, r.keys.Seal(secret), id); err != nil {
			return fmt.Errorf("platform: rotate: %w", err)
		}
		return audit.Append(ctx, tx, r.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "admin.platform.secret_rotate", Target: Target(id)})
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// SecretFor returns the webhook signing key of an outbox target
// ("platform:<id>") for the delivery worker.
func (r *Registry) SecretFor(ctx context.Context, target string) ([]byte, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(target, "platform:"), 10, 64)
	if err != nil || !strings.HasPrefix(target, "platform:") {
		return nil, fmt.Errorf("platform: not a platform target: %q", target)
	}
	var sealed []byte
	err = r.db.Read().QueryRowContext(ctx, `SELECT webhook_secret FROM platforms WHERE id = $1`, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) || err == nil && len(sealed) == 0 {
		return nil, fmt.Errorf("platform: %s has no webhook secret", target)
	}
	if err != nil {
		return nil, fmt.Errorf("platform: secret: %w", err)
	}
	s, err := r.keys.Open(sealed)
	if err != nil {
		return nil, fmt.Errorf("platform: secret of %s: %w", target, err)
	}
	return []byte(s), nil
}
