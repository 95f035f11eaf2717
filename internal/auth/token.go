package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/store"
)

// TokenPrefix marks personal API tokens, so secret scanners can find one
// pasted into a chat or a repository, and the server can tell them from
// anything else in an Authorization header.
const TokenPrefix = "qlt_"

// Token is a personal API token as its owner sees it: never the secret.
type Token struct {
	ID         int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

var errTokenNotFound = apperr.New(apperr.NotFound, "没有找到该令牌", "No such token")

// CreateToken makes a token for p's own use and returns it; only its hash
// is kept, so this is the one time anyone sees it.
func CreateToken(ctx context.Context, db *store.DB, p *Principal, name string, now time.Time) (id int64, token string, err error) {
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 64 {
		return 0, "", apperr.Fields(apperr.Field("name", "length", "请为令牌起一个名称（最多 64 个字）", "name: give the token a name of at most 64 characters"))
	}
	token, hash := newSecret(TokenPrefix)
	err = db.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1,$2,$3,$4) RETURNING id`,
			p.UserID, name, hash, now.UTC()).Scan(&id); err != nil {
			return fmt.Errorf("auth: create token: %w", err)
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "auth.token_create", Target: tokenTarget(id), Detail: "name=" + name})
	})
	if err != nil {
		return 0, "", err
	}
	return id, token, nil
}

// ListTokens returns a user's tokens, newest first, revoked ones included
// so the owner can see what was cut off and when.
func ListTokens(ctx context.Context, db *store.DB, userID int64) ([]Token, error) {
	rows, err := db.Read().QueryContext(ctx, `SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
		WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("auth: list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, fmt.Errorf("auth: list tokens: %w", err)
		}
		if used.Valid {
			t.LastUsedAt = &used.Time
		}
		if revoked.Valid {
			t.RevokedAt = &revoked.Time
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken ends a token. Its owner may revoke it, and so may an
// administrator of accounts; to anyone else it does not exist.
func RevokeToken(ctx context.Context, db *store.DB, p *Principal, id int64, now time.Time) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		var owner int64
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM api_tokens WHERE id = $1`, id).Scan(&owner, &revoked)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != p.UserID && !p.Can(AdminUsers)) {
			return errTokenNotFound
		}
		if err != nil {
			return fmt.Errorf("auth: revoke token: %w", err)
		}
		if revoked.Valid {
			return nil // revoking twice changes nothing and needs no entry
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, now.UTC(), id); err != nil {
			return fmt.Errorf("auth: revoke token: %w", err)
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "auth.token_revoke", Target: tokenTarget(id), Detail: "owner=" + userTarget(owner)})
	})
}

// LookupToken returns the principal of a bearer token, or nil when the
// token is unknown, revoked or its user disabled.
func LookupToken(ctx context.Context, db *store.DB, token string, now time.Time) (*Principal, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, nil
	}
	hash := TokenHash(token)
	var id int64
	var used sql.NullTime
	p, disabled, err := scanPrincipal(db.Read().QueryRowContext(ctx, `SELECT `+principalColumns+`, t.id, t.last_used_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, hash), &id, &used)
	if p == nil || disabled || err != nil {
		return nil, err
	}
	if !used.Valid || now.Sub(used.Time) >= touchEvery {
		err := db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now.UTC(), id)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("auth: touch token: %w", err)
		}
	}
	return p, nil
}

func tokenTarget(id int64) string { return "api_token:" + strconv.FormatInt(id, 10) }
