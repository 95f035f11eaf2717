package auth

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/store"
)

// Account changes are permission changes: each one checks AdminUsers and
// is audited in its own transaction. An administrator cannot disable or
// demote their own account, so the center always keeps the administrator
// who is acting.

// UserInfo is an account as the admin pages list it (never its hash).
type UserInfo struct {
	ID          int64
	Username    string
	DisplayName string
	Email       string
	Role        Role
	Scope
	Disabled    bool
	CreatedAt   time.Time
	LastLoginAt *time.Time
	LockedUntil *time.Time
}

// Scope ties a role to its department, platform or unit.
type Scope struct {
	DepartmentID, PlatformID, UnitID *int64
}

// ListUsers lists every account by username.
func ListUsers(ctx context.Context, db *store.DB, p *Principal) ([]UserInfo, error) {
	if err := p.Require(AdminUsers); err != nil {
		return nil, err
	}
	rows, err := db.Read().QueryContext(ctx, `SELECT id, username, display_name, email, role, department_id, platform_id, unit_id,
		disabled, created_at, last_login_at, locked_until FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("auth: list users: %w", err)
	}
	defer rows.Close()
	var out []UserInfo
	for rows.Next() {
		var u UserInfo
		var dept, platform, unit sql.NullInt64
		var last, locked sql.NullTime
		if err := rows.Scan(&u.ID, &u.Username, &u.DisplayName, &u.Email, &u.Role, &dept, &platform, &unit,
			&u.Disabled, &u.CreatedAt, &last, &locked); err != nil {
			return nil, fmt.Errorf("auth: list users: %w", err)
		}
		u.DepartmentID, u.PlatformID, u.UnitID = optional(dept), optional(platform), optional(unit)
		if last.Valid {
			u.LastLoginAt = &last.Time
		}
		if locked.Valid {
			u.LockedUntil = &locked.Time
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// AdminCreateUser creates an account from the admin pages.
func AdminCreateUser(ctx context.Context, db *store.DB, p *Principal, u NewUser, password string, now time.Time) (int64, error) {
	if err := p.Require(AdminUsers); err != nil {
		return 0, err
	}
	var errs []apperr.FieldError
	if !usernameRe.MatchString(u.Username) {
		errs = append(errs, apperr.Field("username", "bad_format", "「用户名」须为 3-32 个小写字母、数字、.、_ 或 -", "username: 3-32 of a-z, 0-9, '.', '_' or '-'"))
	}
	if _, err := HashPassword(password); err != nil {
		errs = append(errs, weakPassword())
	}
	var id int64
	err := db.Write(ctx, func(tx *sql.Tx) error {
		scope, ferrs := checkRole(ctx, tx, u.Role, Scope{u.DepartmentID, u.PlatformID, u.UnitID})
		if errs = append(errs, ferrs...); len(errs) > 0 {
			return apperr.Fields(errs...)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE username = $1`, u.Username).Scan(&n); err != nil {
			return fmt.Errorf("auth: create user: %w", err)
		}
		if n > 0 {
			return apperr.Fields(apperr.Field("username", "taken", "用户名「"+u.Username+"」已被使用", "username: "+u.Username+" is taken"))
		}
		u.DepartmentID, u.PlatformID, u.UnitID = scope.DepartmentID, scope.PlatformID, scope.UnitID
		var err error
		if id, err = CreateUser(ctx, tx, u, password, now); err != nil {
			return err
		}
		return adminAudit(ctx, tx, db.Dialect, p, now, "admin.user.create", id, "role="+string(u.Role)+scope.String())
	})
	return id, err
}

// SetRole changes an account's role and data scope. The change applies to
// the user's next request: sessions read the role afresh every time.
func SetRole(ctx context.Context, db *store.DB, p *Principal, userID int64, role Role, scope Scope, now time.Time) error {
	if err := p.Require(AdminUsers); err != nil {
		return err
	}
	if userID == p.UserID && role != p.Role {
		return apperr.Fields(apperr.Field("role", "self", "不能更改自己的角色，请由其他管理员操作", "role: you cannot change your own role; ask another administrator"))
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		scope, errs := checkRole(ctx, tx, role, scope)
		if len(errs) > 0 {
			return apperr.Fields(errs...)
		}
		if err := updateUser(ctx, tx, userID, `UPDATE users SET role = $2, department_id = $3, platform_id = $4, unit_id = $5 WHERE id = $1`,
			string(role), scope.DepartmentID, scope.PlatformID, scope.UnitID); err != nil {
			return err
		}
		return adminAudit(ctx, tx, db.Dialect, p, now, "admin.user.role", userID, "role="+string(role)+scope.String())
	})
}

// SetDisabled disables an account, signing it out everywhere and revoking
// its API tokens, or enables it again.
func SetDisabled(ctx context.Context, db *store.DB, p *Principal, userID int64, disabled bool, now time.Time) error {
	if err := p.Require(AdminUsers); err != nil {
		return err
	}
	if userID == p.UserID && disabled {
		return apperr.New(apperr.Conflict, "不能停用自己的账号", "You cannot disable your own account")
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if err := updateUser(ctx, tx, userID, `UPDATE users SET disabled = $2 WHERE id = $1`, disabled); err != nil {
			return err
		}
		if !disabled {
			return adminAudit(ctx, tx, db.Dialect, p, now, "admin.user.enable", userID, "")
		}
		if err := DeleteUserSessions(ctx, tx, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, now.UTC(), userID); err != nil {
			return fmt.Errorf("auth: revoke tokens: %w", err)
		}
		return adminAudit(ctx, tx, db.Dialect, p, now, "admin.user.disable", userID, "sessions ended, API tokens revoked")
	})
}

// ResetPassword sets a new password for a user who lost theirs, lifts a
// lockout and ends the user's sessions.
func ResetPassword(ctx context.Context, db *store.DB, p *Principal, userID int64, password string, now time.Time) error {
	if err := p.Require(AdminUsers); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return apperr.Fields(weakPassword())
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if err := updateUser(ctx, tx, userID, `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1`, hash); err != nil {
			return err
		}
		if err := DeleteUserSessions(ctx, tx, userID); err != nil {
			return err
		}
		return adminAudit(ctx, tx, db.Dialect, p, now, "admin.user.password", userID, "password reset by an administrator")
	})
}
