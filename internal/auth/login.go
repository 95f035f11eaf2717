package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/store"
)

// Lockout: enough tries for typos, too few to guess a password, and short
// enough that a locked-out colleague is back at work after a coffee.
const (
	MaxFailedLogins = 5
	LockoutDuration = 15 * time.Minute
)

// One message for an unknown user and a wrong password, so the login
// form does not tell which usernames exist.
var (
	ErrBadLogin = apperr.New(apperr.Unauthorized, "用户名或密码错误", "Wrong username or password")
	ErrDisabled = apperr.New(apperr.Forbidden, "该账号已停用，请联系管理员", "This account is disabled; please contact an administrator")
)

// dummyHash is checked for unknown users and locked accounts, so they take
// as long to refuse as a wrong password does.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("qinglang-no-such-user")
	return h
})

// cst is the center's clock, for the time a lock ends.
var cst = time.FixedZone("CST", 8*3600)

func lockedError(until time.Time) *apperr.Error {
	hm := until.In(cst).Format("15:04")
	return apperr.New(apperr.Forbidden, "登录失败次数过多，账号已锁定至 "+hm+"（北京时间），请稍后再试",
		"Too many failed sign-ins: the account is locked until "+hm+" (Beijing time)")
}

// Login checks a username and password and returns the principal. Every
// outcome is audited with the client's address; the password never is.
func Login(ctx context.Context, db *store.DB, username, password, ip string, now time.Time) (*Principal, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	var hash string
	var locked sql.NullTime
	p, disabled, err := scanPrincipal(db.Read().QueryRowContext(ctx, `SELECT `+principalColumns+`, u.password_hash, u.locked_until
		FROM users u WHERE u.username = $1`, username), &hash, &locked)
	if err != nil {
		return nil, err
	}
	if p == nil {
		CheckPassword(dummyHash(), password)
		// The typed name is left out: people type their password there.
		return nil, loginAudit(ctx, db, nil, ip, now, "auth.login_failed", "reason=unknown_user", ErrBadLogin)
	}
	if locked.Valid && now.Before(locked.Time) {
		CheckPassword(dummyHash(), password) // no guessing while locked
		return nil, loginAudit(ctx, db, p, ip, now, "auth.login_failed", "reason=locked", lockedError(locked.Time))
	}
	ok, err := CheckPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("auth: user %d: %w", p.UserID, err)
	}
	switch {
	case !ok:
		return nil, recordFailure(ctx, db, p, ip, now)
	case disabled:
		// Only after the right password, so a guesser learns nothing.
		return nil, loginAudit(ctx, db, p, ip, now, "auth.login_failed", "reason=disabled", ErrDisabled)
	}
	var refused error
	err = db.Write(ctx, func(tx *sql.Tx) error {
		// Another server may have locked the account while we hashed.
		_, locked, err := lockState(ctx, tx, db.Dialect, p.UserID)
		if err != nil {
			return err
		}
		if locked.Valid && now.Before(locked.Time) {
			refused = lockedError(locked.Time)
			return appendLogin(ctx, tx, db.Dialect, p, ip, now, "auth.login_failed", "reason=locked")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2`,
			now.UTC(), p.UserID); err != nil {
			return fmt.Errorf("auth: login: %w", err)
		}
		return appendLogin(ctx, tx, db.Dialect, p, ip, now, "auth.login", "")
	})
	if err != nil {
		return nil, err
	}
	if refused != nil {
		return nil, refused
	}
	return p, nil
}

// recordFailure counts a wrong password and locks the account at the
// limit. The counter starts over after a lock, so a locked-out user gets
// the full number of tries again when the lock ends.
func recordFailure(ctx context.Context, db *store.DB, p *Principal, ip string, now time.Time) error {
	result := error(ErrBadLogin)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		failed, _, err := lockState(ctx, tx, db.Dialect, p.UserID)
		if err != nil {
			return err
		}
		failed++
		var until any
		if failed >= MaxFailedLogins {
			failed, until = 0, now.Add(LockoutDuration).UTC()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3`, failed, until, p.UserID); err != nil {
			return fmt.Errorf("auth: count failed login: %w", err)
		}
		if err := appendLogin(ctx, tx, db.Dialect, p, ip, now, "auth.login_failed", "reason=wrong_password"); err != nil {
			return err
		}
		if until == nil {
			return nil
		}
		result = lockedError(now.Add(LockoutDuration))
		return appendLogin(ctx, tx, db.Dialect, p, ip, now, "auth.locked", "until="+now.Add(LockoutDuration).UTC().Format(time.RFC3339))
	})
	if err != nil {
		return err
	}
	return result
}

// lockState reads the counters inside the write transaction; on
// PostgreSQL the row stays locked until it commits, so concurrent failures
// on several servers all count.
func lockState(ctx context.Context, tx *sql.Tx, d store.Dialect, userID int64) (failed int, locked sql.NullTime, err error) {
	q := `SELECT failed_logins, locked_until FROM users WHERE id = $1`
	if d == store.Postgres {
		q += " FOR UPDATE"
	}
	if err = tx.QueryRowContext(ctx, q, userID).Scan(&failed, &locked); err != nil {
		err = fmt.Errorf("auth: lock state: %w", err)
	}
	return failed, locked, err
}

// loginAudit records a refusal in a transaction of its own and returns
// the refusal.
func loginAudit(ctx context.Context, db *store.DB, p *Principal, ip string, now time.Time, action, reason string, refusal error) error {
	err := db.Write(ctx, func(tx *sql.Tx) error { return appendLogin(ctx, tx, db.Dialect, p, ip, now, action, reason) })
	if err != nil {
		return err // an unaudited refusal is still a refusal, as an internal error
	}
	return refusal
}

func appendLogin(ctx context.Context, tx *sql.Tx, d store.Dialect, p *Principal, ip string, now time.Time, action, reason string) error {
	e := audit.Entry{At: now, Actor: "unknown", Action: action, Detail: "ip=" + ip}
	if p != nil {
		e.ActorID, e.Actor, e.Target = &p.UserID, p.Username, userTarget(p.UserID)
	}
	if reason != "" {
		e.Detail += " " + reason
	}
	return audit.Append(ctx, tx, d, e)
}

func userTarget(id int64) string { return "user:" + strconv.FormatInt(id, 10) }
