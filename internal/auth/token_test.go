package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		owner := &auth.Principal{UserID: newUser(t, db, "chen.jie", auth.Operator), Username: "chen.jie", Role: auth.Operator}
		other := &auth.Principal{UserID: newUser(t, db, "zhao.lei", auth.Analyst), Username: "zhao.lei", Role: auth.Analyst}
		admin := &auth.Principal{UserID: newUser(t, db, "admin", auth.Admin), Username: "admin", Role: auth.Admin}

		if _, _, err := auth.CreateToken(ctx, db, owner, "  ", t0); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("empty name: %v", err)
		}
		id, token, err := auth.CreateToken(ctx, db, owner, "导出脚本", t0)
		if err != nil || !strings.HasPrefix(token, "qlt_") || len(token) < 40 {
			t.Fatalf("create: %q, %v", token, err)
		}
		var plain int
		db.Read().QueryRow(`SELECT count(*) FROM api_tokens WHERE token_hash = $1`, []byte(token)).Scan(&plain)
		if plain != 0 {
			t.Fatal("the token is stored in the clear")
		}

		p, err := auth.LookupToken(ctx, db, token, t0.Add(time.Hour))
		if err != nil || p == nil || p.UserID != owner.UserID || p.Role != auth.Operator {
			t.Fatalf("lookup: %+v, %v", p, err)
		}
		for _, bad := range []string{"", "qlt_", "qlt_nope", strings.TrimPrefix(token, "qlt_")} {
			if p, _ := auth.LookupToken(ctx, db, bad, t0); p != nil {
				t.Fatalf("token %q accepted", bad)
			}
		}
		// Used again within the minute: last_used_at stays.
		auth.LookupToken(ctx, db, token, t0.Add(time.Hour+30*time.Second))
		list, err := auth.ListTokens(ctx, db, owner.UserID)
		if err != nil || len(list) != 1 || list[0].Name != "导出脚本" || list[0].LastUsedAt == nil ||
			!list[0].LastUsedAt.Equal(t0.Add(time.Hour)) || list[0].RevokedAt != nil {
			t.Fatalf("list: %+v, %v", list, err)
		}
		if l, _ := auth.ListTokens(ctx, db, other.UserID); len(l) != 0 {
			t.Fatalf("another user sees %d tokens", len(l))
		}

		// Someone else cannot revoke it, nor learn it exists.
		if err := auth.RevokeToken(ctx, db, other, id, t0); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("another user revoking: %v", err)
		}
		if p, _ := auth.LookupToken(ctx, db, token, t0.Add(2*time.Hour)); p == nil {
			t.Fatal("token stopped working after a refused revoke")
		}
		if err := auth.RevokeToken(ctx, db, owner, id, t0.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if p, _ := auth.LookupToken(ctx, db, token, t0.Add(3*time.Hour)); p != nil {
			t.Fatal("revoked token works")
		}
		if list, _ := auth.ListTokens(ctx, db, owner.UserID); list[0].RevokedAt == nil {
			t.Fatal("list does not show the revocation")
		}

		// An administrator may revoke anyone's token.
		id2, token2, _ := auth.CreateToken(ctx, db, other, "ci", t0)
		if err := auth.RevokeToken(ctx, db, admin, id2, t0); err != nil {
			t.Fatalf("admin revoking: %v", err)
		}
		if p, _ := auth.LookupToken(ctx, db, token2, t0); p != nil {
			t.Fatal("token revoked by the admin works")
		}
		if err := auth.RevokeToken(ctx, db, owner, 9999, t0); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("unknown id: %v", err)
		}

		got := strings.Join(actions(t, db), "\n")
		want := "auth.token_create chen.jie api_token:1\nauth.token_revoke chen.jie api_token:1\n" +
			"auth.token_create zhao.lei api_token:2\nauth.token_revoke admin api_token:2"
		if got != want {
			t.Fatalf("audit:\n%s\nwant:\n%s", got, want)
		}
		verifyAudit(t, db)
	})
}
