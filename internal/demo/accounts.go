package demo

import (
	"context"
	"crypto/rand"
	"database/sql"
	"slices"
	"time"

	"qinglang/internal/auth"
)

// Account is a seeded staff account with its password, shown once.
type Account struct {
	Username    string
	DisplayName string
	Role        auth.Role
	Scope       string // the department, platform or unit the role is tied to
	Password    string
}

// Accounts are the seeded accounts, one or more per role.
type Accounts []Account

// staff lists the demo accounts: every role once, and a handler for each
// department (added by seedAccounts), so scoping (公安 sees only its
// transfers) can be tried and every transfer has someone to answer it. A
// handler's username is its department's code, so the lifecycle finds a
// department's handler by the department.
var staff = []member{
	{"admin", "系统管理员", auth.Admin, "", "", ""},
	{"operator", "韦晓兰（受理）", auth.Operator, "", "", ""},
	{"analyst", "黄志明（研判）", auth.Analyst, "", "", ""},
	{"police", "覃警官（网安支队）", auth.DeptHandler, "police", "", ""},
	{"market", "陆科长（市场监管）", auth.DeptHandler, "market", "", ""},
	{"liaison", "邕城论坛审核组", auth.PlatformLiaison, "", "yongcheng_bbs", ""},
	{"editor", "梁晓雯（辟谣编辑）", auth.Editor, "", "", ""},
	{"alliance", "南宁日报社融媒体部", auth.AllianceMember, "", "", "nanning_daily"},
	{"volunteer", "蒙佳怡（志愿者）", auth.Volunteer, "", "", ""},
	{"leader", "李主任", auth.Leader, "", "", ""},
}

type member struct {
	username, name string
	role           auth.Role
	dept, platform string
	unit           string
}

// crew are the seeded accounts as the principals the lifecycle acts as,
// by username.
type crew map[string]*auth.Principal

// seedAccounts creates the accounts with random passwords. The passwords
// come from crypto/rand, not from the seeded generator: demo data may be
// reproducible, a login must not be guessable from the seed.
func seedAccounts(ctx context.Context, tx *sql.Tx, depts, plats, unitIDs ids, now time.Time) (Accounts, crew, error) {
	all := slices.Clone(staff)
	for _, d := range departments {
		if !slices.ContainsFunc(staff, func(m member) bool { return m.dept == d.Code }) {
			all = append(all, member{username: d.Code, name: d.Name.Zh + "处置员", role: auth.DeptHandler, dept: d.Code})
		}
	}
	var out Accounts
	people := crew{}
	for _, s := range all {
		u := auth.NewUser{Username: s.username, DisplayName: s.name, Role: s.role}
		scope := ""
		switch {
		case s.dept != "":
			id := depts[s.dept]
			u.DepartmentID, scope = &id, departmentNames()[s.dept]
		case s.platform != "":
			id := plats[s.platform]
			u.PlatformID, scope = &id, platformNames()[s.platform]
		case s.unit != "":
			id := unitIDs[s.unit]
			u.UnitID, scope = &id, unitNames()[s.unit]
		}
		pw := password()
		id, err := auth.CreateUser(ctx, tx, u, pw, now)
		if err != nil {
			return nil, nil, err
		}
		people[s.username] = &auth.Principal{UserID: id, Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
			DepartmentID: u.DepartmentID, PlatformID: u.PlatformID, UnitID: u.UnitID}
		out = append(out, Account{s.username, s.name, s.role, scope, pw})
	}
	return out, people, nil
}

// password is 15 symbols (75 bits) grouped for reading off a screen.
func password() string {
	const alphabet = "0123456789abcdefghjkmnpqrstvwxyz" // 32 symbols: c&31 has no bias
	b := make([]byte, 15)
	rand.Read(b)
	out := make([]byte, 0, 17)
	for i, c := range b {
		if i > 0 && i%5 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[c&31])
	}
	return string(out)
}

func departmentNames() map[string]string {
	m := map[string]string{}
	for _, x := range departments {
		m[x.Code] = x.Name.Zh
	}
	return m
}

func platformNames() map[string]string {
	m := map[string]string{}
	for _, x := range platforms {
		m[x.Code] = x.Name
	}
	return m
}

func unitNames() map[string]string {
	m := map[string]string{}
	for _, x := range units {
		m[x.Code] = x.Name
	}
	return m
}
