package auth

import (
	"context"

	"qinglang/internal/apperr"
)

// Principal is the signed-in staff member acting on a request, with the
// data scope of their role.
type Principal struct {
	UserID       int64
	Username     string
	DisplayName  string
	Role         Role
	DepartmentID *int64 // dept_handler: the only department whose transfers they see
	PlatformID   *int64 // platform_liaison
	UnitID       *int64 // alliance_member
}

// Can reports whether the principal's role has permission perm.
func (p *Principal) Can(perm Permission) bool { return p != nil && p.Role.Can(perm) }

// Require returns a Forbidden error unless the principal has perm.
func (p *Principal) Require(perm Permission) error {
	if p.Can(perm) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "您的账号没有此项权限", "Your account is not allowed to do this")
}

type principalKey struct{}

// WithPrincipal stores p in ctx.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal of a request, or nil.
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
