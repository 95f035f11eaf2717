package platform_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"qinglang/internal/pii"
	"qinglang/internal/platform"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		reg := registry(t, db)
		a, _ := reg.Save(ctx, admin, platform.Platform{Code: "a", Name: "甲平台"})
		b, _ := reg.Save(ctx, admin, platform.Platform{Code: "b", Name: "乙平台"})
		if _, _, err := reg.CreateKey(ctx, admin, a.ID, " "); fields(err) == nil {
			t.Errorf("a key without a name: %v", err)
		}
		k1, key1, err := reg.CreateKey(ctx, admin, a.ID, "审核系统")
		if err != nil {
			t.Fatal(err)
		}
		_, key2, _ := reg.CreateKey(ctx, admin, a.ID, "备用")
		_, keyB, _ := reg.CreateKey(ctx, admin, b.ID, "乙")
		if !strings.HasPrefix(key1, platform.KeyPrefix) || len(key1) != len(platform.KeyPrefix)+43 || !strings.HasPrefix(key1, k1.Prefix) {
			t.Errorf("key %q with prefix %q", key1, k1.Prefix)
		}
		if n := count(t, db, `SELECT count(*) FROM platform_keys WHERE key_hash = $1`, []byte(key1)); n != 0 {
			t.Error("the key is stored in clear")
		}
		for key, want := range map[string]int64{key1: a.ID, key2: a.ID, keyB: b.ID} {
			c, err := reg.Lookup(ctx, key)
			if err != nil || c.PlatformID != want {
				t.Errorf("Lookup = %+v, %v; want platform %d", c, err, want)
			}
		}
		for _, bad := range []string{"", "qlt_staff-token", "qlp_guessed", key1 + "x"} {
			if _, err := reg.Lookup(ctx, bad); !errors.Is(err, platform.ErrBadKey) {
				t.Errorf("Lookup(%q) = %v, want ErrBadKey", bad, err)
			}
		}

		if err := reg.RevokeKey(ctx, admin, b.ID, k1.ID); err == nil {
			t.Error("revoked platform a's key through platform b")
		}
		if err := reg.RevokeKey(ctx, admin, a.ID, k1.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := reg.Lookup(ctx, key1); !errors.Is(err, platform.ErrBadKey) {
			t.Errorf("a revoked key: %v", err)
		}
		if _, err := reg.Lookup(ctx, key2); err != nil {
			t.Errorf("the other key of the platform stopped working: %v", err)
		}
		pa, _ := reg.Get(ctx, a.ID)
		pa.Disabled = true
		if _, err := reg.Save(ctx, admin, pa); err != nil {
			t.Fatal(err)
		}
		if _, err := reg.Lookup(ctx, key2); !errors.Is(err, platform.ErrDisabled) {
			t.Errorf("a disabled platform's key: %v", err)
		}
		keys, _ := reg.Keys(ctx, a.ID)
		if len(keys) != 2 || keys[1].RevokedAt == nil || keys[0].LastUsedAt == nil {
			t.Errorf("keys %+v: want two, the first revoked, the second used", keys)
		}
		if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action IN ('admin.platform.key_create', 'admin.platform.key_revoke')`); n != 4 {
			t.Errorf("%d key audit entries, want 4", n)
		}
	})
}

// Lookup records use at most once a minute, so a busy key costs no write
// per request.
func TestLookupTouchesOncePerMinute(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	clock := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	keys, _ := pii.New(make([]byte, 32))
	registry(t, db)
	reg := platform.New(db, keys, func() time.Time { return clock })
	a, _ := reg.Save(ctx, admin, platform.Platform{Code: "a", Name: "甲"})
	_, key, _ := reg.CreateKey(ctx, admin, a.ID, "k")
	used := func() time.Time {
		var at time.Time
		db.Read().QueryRow(`SELECT last_used_at FROM platform_keys`).Scan(&at)
		return at.UTC()
	}
	reg.Lookup(ctx, key)
	first := used()
	clock = clock.Add(30 * time.Second)
	reg.Lookup(ctx, key)
	if !used().Equal(first) {
		t.Error("last use written again within the minute")
	}
	clock = clock.Add(31 * time.Second)
	reg.Lookup(ctx, key)
	if !used().Equal(clock) {
		t.Errorf("last use %v, want %v", used(), clock)
	}
}

func TestPushContent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		reg := registry(t, db)
		a, _ := reg.Save(ctx, admin, platform.Platform{Code: "a", Name: "甲"})
		items := []platform.ContentItem{{ExternalID: "1", Text: "某地发生地震的传言"}, {ExternalID: "2", Title: "标题", URL: "https://a.example/2"}, {ExternalID: "1", Text: "重复"}}
		got, err := reg.PushContent(ctx, a.ID, items)
		if err != nil || got != (platform.Pushed{Accepted: 2, Duplicates: 1}) {
			t.Errorf("push = %+v, %v", got, err)
		}
		got, _ = reg.PushContent(ctx, a.ID, items[:2])
		if got != (platform.Pushed{Accepted: 0, Duplicates: 2}) {
			t.Errorf("second push = %+v", got)
		}
		_, err = reg.PushContent(ctx, a.ID, []platform.ContentItem{{ExternalID: "3", Text: "x"}, {Text: "no id", URL: "ftp://x"}})
		if f := fields(err); len(f) != 2 || f[0] != "items[1].external_id/invalid" || f[1] != "items[1].url/invalid" {
			t.Errorf("bad items: %v", f)
		}
		if n := count(t, db, `SELECT count(*) FROM monitored_items WHERE platform_id = $1`, a.ID); n != 2 {
			t.Errorf("%d items stored, want 2 (a bad batch stores nothing)", n)
		}
		many := make([]platform.ContentItem, platform.MaxContentItems+1)
		if _, err := reg.PushContent(ctx, a.ID, many); fields(err) == nil {
			t.Error("a batch over the limit was taken")
		}
	})
}
