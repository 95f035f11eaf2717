package auth_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

const testPassword = "correct horse 电池"

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// newUser creates an account with testPassword.
func newUser(t *testing.T, db *store.DB, username string, role auth.Role) int64 {
	t.Helper()
	var id int64
	err := db.Write(context.Background(), func(tx *sql.Tx) (err error) {
		id, err = auth.CreateUser(context.Background(), tx, auth.NewUser{Username: username, DisplayName: "测试 " + username, Role: role}, testPassword, t0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// actions lists the audited actions in order, for the assertions below.
func actions(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.Read().Query(`SELECT action, actor, target, detail FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a, actor, target, detail string
		rows.Scan(&a, &actor, &target, &detail)
		if strings.Contains(detail, testPassword) || strings.Contains(detail, "wrong password") {
			t.Errorf("audit detail %q holds a password", detail)
		}
		out = append(out, a+" "+actor+" "+target)
	}
	return out
}

func verifyAudit(t *testing.T, db *store.DB) {
	t.Helper()
	if _, err := audit.Verify(context.Background(), db); err != nil {
		t.Fatalf("audit chain: %v", err)
	}
}

func TestLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := newUser(t, db, "zhang.wei", auth.Operator)

		_, errWrong := auth.Login(ctx, db, "zhang.wei", "wrong password", "10.0.0.1", t0)
		_, errUnknown := auth.Login(ctx, db, "nobody", testPassword, "10.0.0.1", t0)
		if apperr.CodeOf(errWrong) != apperr.Unauthorized || errWrong.Error() != errUnknown.Error() {
			t.Fatalf("wrong password %v and unknown user %v must look the same", errWrong, errUnknown)
		}
		p, err := auth.Login(ctx, db, " Zhang.Wei ", testPassword, "10.0.0.1", t0)
		if err != nil || p == nil || p.UserID != id || p.Role != auth.Operator || p.DisplayName != "测试 zhang.wei" {
			t.Fatalf("right password: %+v, %v", p, err)
		}

		// A success resets the count: four failures, a success and four more
		// do not lock.
		for i := 0; i < 4; i++ {
			auth.Login(ctx, db, "zhang.wei", "wrong password", "10.0.0.1", t0)
		}
		if _, err := auth.Login(ctx, db, "zhang.wei", testPassword, "10.0.0.1", t0); err != nil {
			t.Fatalf("after 4 failures (with one earlier success): %v", err)
		}
		for i := 0; i < 4; i++ {
			auth.Login(ctx, db, "zhang.wei", "wrong password", "10.0.0.1", t0)
		}
		if _, err := auth.Login(ctx, db, "zhang.wei", testPassword, "10.0.0.1", t0); err != nil {
			t.Fatalf("success did not reset the failure count: %v", err)
		}

		// Five in a row lock the account for 15 minutes, right password or not.
		for i := 1; i <= 5; i++ {
			_, err = auth.Login(ctx, db, "zhang.wei", "wrong password", "10.0.0.1", t0.Add(time.Duration(i)*time.Second))
		}
		if apperr.CodeOf(err) != apperr.Forbidden || !strings.Contains(err.Error(), "17:15 (Beijing time)") {
			t.Fatalf("5th failure: %v, want locked until 17:15 Beijing time", err)
		}
		if e, _ := apperr.As(err); e == nil || !strings.Contains(e.Zh, "17:15") {
			t.Fatalf("lock message %v does not name the time in Beijing", err)
		}
		if _, err := auth.Login(ctx, db, "zhang.wei", testPassword, "10.0.0.1", t0.Add(14*time.Minute)); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("right password while locked: %v", err)
		}
		if _, err := auth.Login(ctx, db, "zhang.wei", testPassword, "10.0.0.1", t0.Add(16*time.Minute)); err != nil {
			t.Fatalf("after the lock ends: %v", err)
		}

		got := strings.Join(actions(t, db), "\n")
		for _, want := range []string{"auth.login zhang.wei user:", "auth.login_failed unknown ", "auth.locked zhang.wei user:"} {
			if !strings.Contains(got, want) {
				t.Errorf("audit log lacks %q:\n%s", want, got)
			}
		}
		var detail string
		db.Read().QueryRow(`SELECT detail FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id LIMIT 1`).Scan(&detail)
		if detail != "ip=10.0.0.1 reason=wrong_password" {
			t.Errorf("failure detail = %q", detail)
		}
		verifyAudit(t, db)
	})
}

func TestLoginDisabled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := newUser(t, db, "li.na", auth.Analyst)
		if _, err := auth.Login(ctx, db, "li.na", testPassword, "10.0.0.2", t0); err != nil {
			t.Fatal(err)
		}
		db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE users SET disabled = true WHERE id = $1`, id)
			return err
		})
		if _, err := auth.Login(ctx, db, "li.na", testPassword, "10.0.0.2", t0); !errors.Is(err, auth.ErrDisabled) {
			t.Fatalf("disabled user with the right password: %v", err)
		}
		// Without the password nobody learns the account is disabled.
		if _, err := auth.Login(ctx, db, "li.na", "wrong password", "10.0.0.2", t0); !errors.Is(err, auth.ErrBadLogin) {
			t.Fatalf("disabled user, wrong password: %v", err)
		}
		verifyAudit(t, db)
	})
}
