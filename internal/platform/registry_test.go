package platform_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"qinglang/internal/auth"
	"qinglang/internal/platform"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestSaveValidatesAndNormalizes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		reg := registry(t, db)
		_, err := reg.Save(ctx, admin, platform.Platform{Code: "Bad Code", Kind: "tv", Domains: []string{"not a host"},
			WebhookURL: "http://hooks.example.com/x", Contacts: []platform.Contact{{Phone: "abc", Email: "nobody"}}})
		want := []string{"code/bad_format", "name/required", "kind/unknown", "domains/bad_host", "webhook_url/bad_url",
			"contacts[0].name/required", "contacts[0].phone/bad_format", "contacts[0].email/bad_format"}
		if got := fields(err); !slices.Equal(got, want) {
			t.Fatalf("fields %v, want %v (err %v)", got, want, err)
		}
		if _, err := reg.Save(ctx, &auth.Principal{UserID: 2, Role: auth.Analyst}, platform.Platform{Code: "x", Name: "X"}); err == nil {
			t.Error("an analyst saved a platform")
		}

		s, err := reg.Save(ctx, admin, platform.Platform{Code: "bagui", Name: " 八桂论坛 ", Kind: "forum",
			Domains:    []string{"HTTPS://BBS.Bagui.example/thread/1", "bbs.bagui.example", "八桂.中国"},
			WebhookURL: "http://127.0.0.1:9/hook", Contacts: []platform.Contact{{Name: "韦主管", Role: "审核主管", Phone: "0771-5550123", Email: "wei@bagui.example"}, {}}})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Created || !strings.HasPrefix(s.Secret, platform.SecretPrefix) || len(s.Secret) != len(platform.SecretPrefix)+43 {
			t.Errorf("saved %+v: want a new platform with a webhook secret shown once", s)
		}
		p, err := reg.Get(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "八桂论坛" || !slices.Equal(p.Domains, []string{"bbs.bagui.example", "xn--45qs07c.xn--fiqs8s"}) || len(p.Contacts) != 1 || !p.HasSecret {
			t.Errorf("stored %+v", p)
		}
		if !regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{6}$`).MatchString(p.Entrance) {
			t.Errorf("entrance %q is not 6 Crockford base32 characters", p.Entrance)
		}
		got, err := reg.SecretFor(ctx, platform.Target(s.ID))
		if err != nil || string(got) != s.Secret {
			t.Errorf("SecretFor = %q, %v; want the secret shown at creation", got, err)
		}
		var sealed []byte
		db.Read().QueryRow(`SELECT webhook_secret FROM platforms WHERE id = $1`, s.ID).Scan(&sealed)
		if strings.Contains(string(sealed), s.Secret) {
			t.Error("the webhook secret is stored in clear")
		}

		// A second save keeps the secret; rotation replaces it.
		p.Name = "八桂论坛社区"
		if again, err := reg.Save(ctx, admin, p); err != nil || again.Secret != "" || again.Created {
			t.Errorf("update: %+v, %v; want no new secret", again, err)
		}
		rotated, err := reg.RotateSecret(ctx, admin, s.ID)
		if err != nil || rotated == s.Secret {
			t.Fatalf("rotate: %q, %v", rotated, err)
		}
		if got, _ := reg.SecretFor(ctx, platform.Target(s.ID)); string(got) != rotated {
			t.Error("SecretFor does not return the rotated secret")
		}
		if _, err := reg.Save(ctx, admin, platform.Platform{Code: "bagui", Name: "重复"}); !slices.Contains(fields(err), "code/taken") {
			t.Errorf("duplicate code: %v", err)
		}
		noHook, _ := reg.Save(ctx, admin, platform.Platform{Code: "quiet", Name: "无回调平台"})
		if _, err := reg.RotateSecret(ctx, admin, noHook.ID); err == nil {
			t.Error("rotated the secret of a platform without a webhook")
		}

		list, err := reg.List(ctx, platform.Filter{Query: "BAGUI"})
		if err != nil || len(list) != 1 || list[0].Name != "八桂论坛社区" {
			t.Errorf("List(bagui) = %+v, %v", list, err)
		}
		if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action LIKE 'admin.platform.%' AND detail NOT LIKE '%whsec_%'`); n != 4 {
			t.Errorf("%d audit entries without secrets, want 4 (create, update, rotate, create)", n)
		}
	})
}
