package auth_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		id := newUser(t, db, "wang.fang", auth.Analyst)
		token, err := auth.CreateSession(ctx, db, id, "10.0.0.3", "Firefox", t0)
		if err != nil {
			t.Fatal(err)
		}
		if b, err := base64.RawURLEncoding.DecodeString(token); err != nil || len(b) != 32 {
			t.Fatalf("token %q is not 32 random bytes in base64url", token)
		}
		var stored []byte
		db.Read().QueryRow(`SELECT token_hash FROM sessions WHERE user_id = $1`, id).Scan(&stored)
		if string(stored) != string(auth.TokenHash(token)) {
			t.Fatal("the database does not hold the token's SHA-256")
		}

		lookup := func(token string, at time.Time) *auth.Principal {
			t.Helper()
			p, err := auth.LookupSession(ctx, db, token, at)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		if p := lookup(token, t0.Add(time.Minute)); p == nil || p.UserID != id || p.Role != auth.Analyst || p.Username != "wang.fang" {
			t.Fatalf("lookup: %+v", p)
		}
		if lookup("not-a-token", t0) != nil || lookup("", t0) != nil {
			t.Fatal("an unknown token found a session")
		}

		// Used every 90 minutes the session stays; at 12 hours it ends.
		for at := t0.Add(90 * time.Minute); at.Before(t0.Add(auth.SessionLifetime)); at = at.Add(90 * time.Minute) {
			if lookup(token, at) == nil {
				t.Fatalf("active session ended at %v", at.Sub(t0))
			}
		}
		if lookup(token, t0.Add(auth.SessionLifetime)) != nil {
			t.Fatal("session outlived its 12 hours")
		}

		// Idle for more than 2 hours: over.
		idle, _ := auth.CreateSession(ctx, db, id, "10.0.0.3", "Firefox", t0)
		if lookup(idle, t0.Add(119*time.Minute)) == nil {
			t.Fatal("session ended before 2 idle hours")
		}
		if lookup(idle, t0.Add(119*time.Minute+auth.SessionIdle+time.Second)) != nil {
			t.Fatal("idle session still works")
		}

		// last_seen_at is written at most once a minute.
		fresh, _ := auth.CreateSession(ctx, db, id, "", "", t0)
		lookup(fresh, t0.Add(30*time.Second))
		var seen time.Time
		db.Read().QueryRow(`SELECT last_seen_at FROM sessions WHERE token_hash = $1`, auth.TokenHash(fresh)).Scan(&seen)
		if !seen.Equal(t0) {
			t.Fatalf("last_seen_at moved to %v after 30 s", seen)
		}

		// Logout ends one session; a password change ends them all.
		if err := auth.Logout(ctx, db, fresh, "10.0.0.3", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if lookup(fresh, t0.Add(time.Minute)) != nil {
			t.Fatal("session works after logout")
		}
		if err := auth.Logout(ctx, db, fresh, "10.0.0.3", t0); err != nil {
			t.Fatalf("second logout: %v", err)
		}
		other, _ := auth.CreateSession(ctx, db, id, "", "", t0)
		if err := auth.SetPassword(ctx, db, "wang.fang", "a new password 123"); err != nil {
			t.Fatal(err)
		}
		if lookup(other, t0.Add(time.Minute)) != nil {
			t.Fatal("session survived a password change")
		}

		// A disabled user's sessions stop working at once.
		s2, _ := auth.CreateSession(ctx, db, id, "", "", t0)
		db.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE users SET disabled = true WHERE id = $1`, id)
			return err
		})
		if lookup(s2, t0.Add(time.Minute)) != nil {
			t.Fatal("disabled user's session works")
		}
		if got := actions(t, db); len(got) != 1 || got[0] != "auth.logout wang.fang user:1" {
			t.Fatalf("audit = %q, want one logout", got)
		}
		verifyAudit(t, db)
	})
}
