package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/store"
)

// scopeRules says which scope each scoped role needs: the one table that
// account creation and role changes both follow.
var scopeRules = map[Role]struct {
	field, table, zh, en string
	id                   func(*Scope) **int64
}{
	DeptHandler:     {"department", "departments", "部门处置员须选择所属部门", "department: a department handler needs a department", func(s *Scope) **int64 { return &s.DepartmentID }},
	PlatformLiaison: {"platform", "platforms", "平台联络员须选择所属平台", "platform: a platform liaison needs a platform", func(s *Scope) **int64 { return &s.PlatformID }},
	AllianceMember:  {"unit", "units", "辟谣联盟成员须选择所属单位", "unit: an alliance member needs a unit", func(s *Scope) **int64 { return &s.UnitID }},
}

// checkRole validates a role with its scope and returns the scope with only
// the id the role uses: an analyst keeps no stale department that would
// narrow or widen what they see later.
func checkRole(ctx context.Context, tx *sql.Tx, role Role, in Scope) (Scope, []apperr.FieldError) {
	if !role.Valid() {
		return Scope{}, []apperr.FieldError{apperr.Field("role", "unknown", "请选择角色", "role: unknown role "+strconv.Quote(string(role)))}
	}
	rule, scoped := scopeRules[role]
	if !scoped {
		return Scope{}, nil
	}
	id := *rule.id(&in)
	if id != nil {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+rule.table+" WHERE id = $1", *id).Scan(&n); err != nil || n == 0 {
			id = nil
		}
	}
	if id == nil {
		return Scope{}, []apperr.FieldError{apperr.Field(rule.field, "required", rule.zh, rule.en)}
	}
	var out Scope
	*rule.id(&out) = id
	return out, nil
}

// String is the scope as the audit detail records it.
func (s Scope) String() string {
	out := ""
	for _, f := range []struct {
		name string
		id   *int64
	}{{"department", s.DepartmentID}, {"platform", s.PlatformID}, {"unit", s.UnitID}} {
		if f.id != nil {
			out += " " + f.name + "=" + strconv.FormatInt(*f.id, 10)
		}
	}
	return out
}

// updateUser runs one UPDATE of a user ($1 is the id) and turns a missing
// user into NotFound.
func updateUser(ctx context.Context, tx *sql.Tx, id int64, q string, args ...any) error {
	res, err := tx.ExecContext(ctx, q, append([]any{id}, args...)...)
	if err != nil {
		return fmt.Errorf("auth: update user: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "用户不存在", "No such user")
	}
	return nil
}

func adminAudit(ctx context.Context, tx *sql.Tx, d store.Dialect, p *Principal, now time.Time, action string, userID int64, detail string) error {
	return audit.Append(ctx, tx, d, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: action, Target: userTarget(userID), Detail: detail})
}

func weakPassword() apperr.FieldError {
	return apperr.Field("password", "weak", fmt.Sprintf("密码须为 %d-128 个字符", MinPassword), fmt.Sprintf("password: %d to 128 characters", MinPassword))
}
