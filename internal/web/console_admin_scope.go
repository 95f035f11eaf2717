package web

import (
	"net/http"

	"qinglang/internal/auth"
	"qinglang/internal/org"
)

// scopeChoices are the roles and the departments, platforms and units an
// account's role can be tied to, for the account forms.
type scopeChoices struct {
	lists map[string][]opt             // "role", "department", "platform", "unit"
	names map[string]map[string]string // list → value → label
}

func (s *Server) loadScopeChoices(r *http.Request) (scopeChoices, error) {
	ctx, lang := r.Context(), s.newConsoleView(r, "").Lang
	c := scopeChoices{lists: map[string][]opt{}, names: map[string]map[string]string{}}
	add := func(list, value, label string) {
		c.lists[list] = append(c.lists[list], opt{Value: value, Label: label})
		if c.names[list] == nil {
			c.names[list] = map[string]string{}
		}
		c.names[list][value] = label
	}
	for _, role := range auth.Roles() {
		add("role", string(role), role.Label().In(lang))
	}
	deps, err := org.Departments(ctx, s.DB)
	if err != nil {
		return c, err
	}
	for _, d := range deps {
		add("department", itoa(d.ID), d.Name.In(lang))
	}
	plats, err := s.Reports.Platforms(ctx)
	if err != nil {
		return c, err
	}
	for _, p := range plats {
		add("platform", itoa(p.ID), p.Name)
	}
	units, err := org.Units(ctx, s.DB)
	if err != nil {
		return c, err
	}
	for _, u := range units {
		add("unit", itoa(u.ID), u.Name)
	}
	return c, nil
}

// Options lists a select's choices with value marked selected.
func (c scopeChoices) Options(list, value string) []opt {
	out := make([]opt, len(c.lists[list]))
	for i, o := range c.lists[list] {
		o.Selected = o.Value == value
		out[i] = o
	}
	return out
}

// ScopeOf names what an account's role is tied to, "" for unscoped roles.
func (c scopeChoices) ScopeOf(u auth.UserInfo) string {
	for _, f := range []struct {
		list string
		id   *int64
	}{{"department", u.DepartmentID}, {"platform", u.PlatformID}, {"unit", u.UnitID}} {
		if f.id != nil {
			return c.names[f.list][itoa(*f.id)]
		}
	}
	return ""
}

// Current is the value the edit forms start from: what was just posted
// when the post from form failed, else the account's own.
func (p usersPage) Current(form, field string) string {
	if p.Is(form) {
		return p.Val(field)
	}
	u := p.Editing
	if u == nil {
		return ""
	}
	switch field {
	case "role":
		return string(u.Role)
	case "department":
		return idOf(u.DepartmentID)
	case "platform":
		return idOf(u.PlatformID)
	case "unit":
		return idOf(u.UnitID)
	}
	return ""
}

// ScopeLists are the scope selects in the order the form shows them.
func (c scopeChoices) ScopeLists() []string { return []string{"department", "platform", "unit"} }

// scopeForm is the role-and-scope part of an account form: the page, and
// which form (create or role) it sits in.
type scopeForm struct {
	Page usersPage
	Form string
}

// ScopeForm hands the role and scope fields their page and form.
func (p usersPage) ScopeForm(form string) scopeForm { return scopeForm{p, form} }
