// Package auth holds staff accounts, their roles and data scopes.
package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"time"

	"qinglang/internal/i18n"
	"qinglang/internal/store"
)

// Role is what a staff account may do (DESIGN section 1).
type Role string

const (
	Operator        Role = "operator"
	Analyst         Role = "analyst"
	DeptHandler     Role = "dept_handler"
	PlatformLiaison Role = "platform_liaison"
	Editor          Role = "editor"
	AllianceMember  Role = "alliance_member"
	Volunteer       Role = "volunteer"
	Leader          Role = "leader"
	Admin           Role = "admin"
)

var roleLabels = map[Role]i18n.Text{
	Operator:        {Zh: "受理员", En: "Operator"},
	Analyst:         {Zh: "研判员", En: "Analyst"},
	DeptHandler:     {Zh: "部门处置员", En: "Department handler"},
	PlatformLiaison: {Zh: "平台联络员", En: "Platform liaison"},
	Editor:          {Zh: "辟谣编辑", En: "Debunk editor"},
	AllianceMember:  {Zh: "辟谣联盟成员单位", En: "Alliance member"},
	Volunteer:       {Zh: "网络文明志愿者", En: "Volunteer"},
	Leader:          {Zh: "领导", En: "Leader"},
	Admin:           {Zh: "管理员", En: "Administrator"},
}

// Roles lists every role.
func Roles() []Role {
	return []Role{Operator, Analyst, DeptHandler, PlatformLiaison, Editor, AllianceMember, Volunteer, Leader, Admin}
}

// Label is the role's name.
func (r Role) Label() i18n.Text { return roleLabels[r] }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// NewUser is an account to create. The scope ids tie a role to its
// department, platform or unit.
type NewUser struct {
	Username     string
	DisplayName  string
	Role         Role
	DepartmentID *int64
	PlatformID   *int64
	UnitID       *int64
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,31}$`)

// CreateUser adds an account with a password.
func CreateUser(ctx context.Context, tx *sql.Tx, u NewUser, password string, now time.Time) (int64, error) {
	if !usernameRe.MatchString(u.Username) {
		return 0, fmt.Errorf("auth: username must be 3-32 lowercase letters, digits, '.', '_' or '-'")
	}
	if !u.Role.Valid() {
		return 0, fmt.Errorf("auth: unknown role %q", u.Role)
	}
	switch {
	case u.Role == DeptHandler && u.DepartmentID == nil:
		return 0, fmt.Errorf("auth: a department handler needs a department")
	case u.Role == PlatformLiaison && u.PlatformID == nil:
		return 0, fmt.Errorf("auth: a platform liaison needs a platform")
	case u.Role == AllianceMember && u.UnitID == nil:
		return 0, fmt.Errorf("auth: an alliance member needs a unit")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return 0, err
	}
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, role, password_hash, department_id, platform_id, unit_id, created_at)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, u.Username, u.DisplayName, string(u.Role), hash, u.DepartmentID, u.PlatformID, u.UnitID, now).Scan(&id)
	if store.IsUniqueViolation(err) {
		return 0, fmt.Errorf("auth: user %q exists already", u.Username)
	}
	if err != nil {
		return 0, fmt.Errorf("auth: create user: %w", err)
	}
	return id, nil
}

// SetPassword replaces a user's password, lifts a lockout and signs the
// user out everywhere: whoever knew the old password loses the sessions
// it opened.
func SetPassword(ctx context.Context, db *store.DB, username, password string) error {
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL
			WHERE username = $2 RETURNING id`, hash, username).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("auth: no user %q", username)
		}
		if err != nil {
			return fmt.Errorf("auth: set password: %w", err)
		}
		return DeleteUserSessions(ctx, tx, id)
	})
}
