package auth_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func admFields(err error) []string {
	e, ok := apperr.As(err)
	if !ok {
		return []string{"not a field error: " + err.Error()}
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+"/"+f.Reason)
	}
	return out
}

func TestUserAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		var adminID, dept int64
		must(db.Write(ctx, func(tx *sql.Tx) (err error) {
			if err = tx.QueryRow(`INSERT INTO departments (code, name_zh, name_en) VALUES ('gaj', '公安局', 'Police') RETURNING id`).Scan(&dept); err != nil {
				return err
			}
			adminID, err = auth.CreateUser(ctx, tx, auth.NewUser{Username: "root", Role: auth.Admin}, "admin-password-1", now)
			return err
		}))
		admin := &auth.Principal{UserID: adminID, Username: "root", Role: auth.Admin}
		const pw = "a-good-password"

		if _, err := auth.AdminCreateUser(ctx, db, &auth.Principal{UserID: 9, Role: auth.Analyst}, auth.NewUser{Username: "x1x", Role: auth.Analyst}, pw, now); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("analyst created a user: %v", err)
		}
		_, err := auth.AdminCreateUser(ctx, db, admin, auth.NewUser{Username: "A", Role: auth.DeptHandler}, "short", now)
		if got := admFields(err); len(got) != 3 || got[0] != "username/bad_format" || got[1] != "password/weak" || got[2] != "department/required" {
			t.Errorf("invalid user: %v", got)
		}
		bad := int64(999)
		_, err = auth.AdminCreateUser(ctx, db, admin, auth.NewUser{Username: "li.si", Role: auth.DeptHandler, DepartmentID: &bad}, pw, now)
		if got := admFields(err); len(got) != 1 || got[0] != "department/required" {
			t.Errorf("unknown department: %v", got)
		}
		id, err := auth.AdminCreateUser(ctx, db, admin, auth.NewUser{Username: "li.si", Role: auth.DeptHandler, DepartmentID: &dept, PlatformID: &bad}, pw, now)
		must(err)
		if _, err := auth.AdminCreateUser(ctx, db, admin, auth.NewUser{Username: "li.si", Role: auth.Analyst}, pw, now); admFields(err)[0] != "username/taken" {
			t.Errorf("duplicate username: %v", err)
		}

		must(auth.SetRole(ctx, db, admin, id, auth.Analyst, auth.Scope{DepartmentID: &dept}, now))
		if err := auth.SetRole(ctx, db, admin, id, auth.DeptHandler, auth.Scope{}, now); admFields(err)[0] != "department/required" {
			t.Errorf("dept_handler without department: %v", err)
		}
		if err := auth.SetRole(ctx, db, admin, adminID, auth.Leader, auth.Scope{}, now); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("admin demoted themselves: %v", err)
		}
		if err := auth.SetDisabled(ctx, db, admin, adminID, true, now); apperr.CodeOf(err) != apperr.Conflict {
			t.Errorf("admin disabled themselves: %v", err)
		}
		if err := auth.SetRole(ctx, db, admin, 12345, auth.Analyst, auth.Scope{}, now); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("role of a missing user: %v", err)
		}

		users, err := auth.ListUsers(ctx, db, admin)
		must(err)
		if len(users) != 2 || users[0].Username != "li.si" || users[0].Role != auth.Analyst || users[0].DepartmentID != nil || users[0].PlatformID != nil {
			t.Fatalf("users: %+v", users)
		}

		// Disabling ends the user's sessions and tokens.
		p := &auth.Principal{UserID: id, Username: "li.si", Role: auth.Analyst}
		session, err := auth.CreateSession(ctx, db, id, "10.0.0.1", "test", now)
		must(err)
		_, token, err := auth.CreateToken(ctx, db, p, "脚本", now)
		must(err)
		must(auth.SetDisabled(ctx, db, admin, id, true, now))
		if sp, _ := auth.LookupSession(ctx, db, session, now); sp != nil {
			t.Error("session survived disabling")
		}
		var live int
		db.Read().QueryRow(`SELECT count(*) FROM sessions WHERE user_id = $1`, id).Scan(&live)
		var open int
		db.Read().QueryRow(`SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`, id).Scan(&open)
		if live != 0 || open != 0 {
			t.Errorf("after disable: %d sessions, %d open tokens", live, open)
		}
		must(auth.SetDisabled(ctx, db, admin, id, false, now))
		if tp, _ := auth.LookupToken(ctx, db, token, now); tp != nil {
			t.Error("a revoked token came back with the account")
		}

		// A reset password works, and ends the sessions opened with the old one.
		session, _ = auth.CreateSession(ctx, db, id, "10.0.0.1", "test", now)
		if err := auth.ResetPassword(ctx, db, admin, id, "short", now); admFields(err)[0] != "password/weak" {
			t.Errorf("weak reset: %v", err)
		}
		must(auth.ResetPassword(ctx, db, admin, id, "another-password-2", now))
		if sp, _ := auth.LookupSession(ctx, db, session, now); sp != nil {
			t.Error("session survived the password reset")
		}
		var hash string
		db.Read().QueryRow(`SELECT password_hash FROM users WHERE id = $1`, id).Scan(&hash)
		if ok, _ := auth.CheckPassword(hash, "another-password-2"); !ok {
			t.Error("new password does not match")
		}

		var actions []string
		rows, _ := db.Read().Query(`SELECT action FROM audit_log WHERE actor = 'root' ORDER BY id`)
		for rows.Next() {
			var a string
			rows.Scan(&a)
			actions = append(actions, a)
		}
		rows.Close()
		want := []string{"admin.user.create", "admin.user.role", "admin.user.disable", "admin.user.enable", "admin.user.password"}
		if len(actions) != len(want) {
			t.Fatalf("audit: %v", actions)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Errorf("audit %d: %s, want %s", i, actions[i], want[i])
			}
		}
		if _, err := audit.Verify(ctx, db); err != nil {
			t.Error(err)
		}
	})
}
