package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/store"
)

// Sessions live in the database rather than in server memory, so several
// servers behind a load balancer share them and a restart signs nobody out.
const (
	SessionLifetime = 12 * time.Hour // absolute: a stolen cookie dies within a working day
	SessionIdle     = 2 * time.Hour  // an unattended console signs itself out
	// touchEvery bounds how often a lookup writes: a page with many
	// requests costs one UPDATE a minute, not one per request.
	touchEvery = time.Minute
)

// newSecret returns a random token and the SHA-256 that is stored in its
// place: a copy of the database does not yield working credentials.
func newSecret(prefix string) (token string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token)
}

// TokenHash is what the database holds for a session or API token.
func TokenHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// CreateSession signs userID in and returns the session token for the
// cookie; it is shown only this once.
func CreateSession(ctx context.Context, db *store.DB, userID int64, ip, userAgent string, now time.Time) (string, error) {
	token, hash := newSecret("")
	if len(userAgent) > 256 {
		userAgent = userAgent[:256]
	}
	err := db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
			VALUES ($1,$2,$3,$4,$5,$6,$7)`, hash, userID, now.UTC(), now.Add(SessionLifetime).UTC(), now.UTC(), ip, userAgent)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("auth: create session: %w", err)
	}
	return token, nil
}

// LookupSession returns the principal of a session token, or nil when the
// session is unknown, expired, idle too long or its user is disabled.
func LookupSession(ctx context.Context, db *store.DB, token string, now time.Time) (*Principal, error) {
	if token == "" {
		return nil, nil
	}
	hash := TokenHash(token)
	var expires, lastSeen time.Time
	p, disabled, err := scanPrincipal(db.Read().QueryRowContext(ctx, `SELECT `+principalColumns+`, s.expires_at, s.last_seen_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, hash), &expires, &lastSeen)
	if p == nil || disabled || err != nil {
		return nil, err
	}
	if !now.Before(expires) || now.Sub(lastSeen) > SessionIdle {
		return nil, nil
	}
	if now.Sub(lastSeen) >= touchEvery {
		err := db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2`, now.UTC(), hash)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("auth: touch session: %w", err)
		}
	}
	return p, nil
}

// Logout ends the session of token and records it. An unknown token is
// not an error: the cookie may outlive its session.
func Logout(ctx context.Context, db *store.DB, token, ip string, now time.Time) error {
	hash := TokenHash(token)
	return db.Write(ctx, func(tx *sql.Tx) error {
		var id int64
		var username string
		err := tx.QueryRowContext(ctx, `SELECT u.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id
			WHERE s.token_hash = $1`, hash).Scan(&id, &username)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("auth: logout: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash); err != nil {
			return fmt.Errorf("auth: logout: %w", err)
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &id, Actor: username,
			Action: "auth.logout", Target: userTarget(id), Detail: "ip=" + ip})
	})
}

// DeleteUserSessions signs a user out everywhere, inside the transaction
// that changes their password or disables them.
func DeleteUserSessions(ctx context.Context, tx *sql.Tx, userID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("auth: delete sessions: %w", err)
	}
	return nil
}

// principalColumns and scanPrincipal read a user as a principal; the
// callers add their own columns after them.
const principalColumns = `u.id, u.username, u.display_name, u.role, u.department_id, u.platform_id, u.unit_id, u.disabled`

// scanPrincipal returns nil without an error when there is no row.
func scanPrincipal(row *sql.Row, extra ...any) (p *Principal, disabled bool, err error) {
	p = &Principal{}
	var role string
	var dept, platform, unit sql.NullInt64
	dest := append([]any{&p.UserID, &p.Username, &p.DisplayName, &role, &dept, &platform, &unit, &disabled}, extra...)
	if err := row.Scan(dest...); errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	} else if err != nil {
		return nil, false, fmt.Errorf("auth: read user: %w", err)
	}
	p.Role = Role(role)
	p.DepartmentID, p.PlatformID, p.UnitID = optional(dept), optional(platform), optional(unit)
	return p, disabled, nil
}

func optional(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}
