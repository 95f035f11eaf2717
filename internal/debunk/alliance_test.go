package debunk_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/debunk"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestRepostScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		ua, _ := d.unit("member_a", "")
		ub, _ := d.unit("member_b", "")
		uc, _ := d.unit("member_c", "")
		ma := d.user("member.a", auth.AllianceMember, &ua)
		mb := d.user("member.b", auth.AllianceMember, &ub)
		id := d.publish("大桥谣言")
		draft := d.article("草稿")

		if err := d.s.Repost(ctx, ma, id, "https://mp.weixin.qq.com/s/abc", "wechat", 12000); err != nil {
			t.Fatal(err)
		}
		if err := d.s.Repost(ctx, ma, id, "https://weibo.com/1/2", "weibo", 3000); err != nil {
			t.Fatal(err)
		}
		if err := d.s.Repost(ctx, mb, id, "https://www.toutiao.com/a1", "toutiao", 500); err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			p    *auth.Principal
			id   int64
			url  string
			ch   string
			code apperr.Code
		}{
			"editor":      {d.editor, id, "https://x.example", "website", apperr.Forbidden},
			"no unit":     {&auth.Principal{UserID: ma.UserID, Role: auth.AllianceMember}, id, "https://x.example", "website", apperr.Forbidden},
			"bad url":     {ma, id, "javascript:alert(1)", "website", apperr.Invalid},
			"bad channel": {ma, id, "https://x.example", "fax", apperr.Invalid},
			"draft":       {ma, draft, "https://x.example", "website", apperr.Conflict},
			"missing":     {ma, 9999, "https://x.example", "website", apperr.NotFound},
		} {
			if err := d.s.Repost(ctx, c.p, c.id, c.url, c.ch, 1); apperr.CodeOf(err) != c.code {
				t.Errorf("%s: %v, want %s", name, err, c.code)
			}
		}
		// A member reports for its own unit whatever it claims.
		if n := d.count(`SELECT count(*) FROM reposts WHERE unit_id = $1 AND reported_by = $2`, ua, ma.UserID); n != 2 {
			t.Errorf("member a reposts = %d", n)
		}
		if n := d.count(`SELECT count(*) FROM reposts WHERE unit_id = $1 AND reported_by = $2`, ub, ma.UserID); n != 0 {
			t.Errorf("member a reported for b")
		}
		r, err := d.s.Reach(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Reposts != 3 || r.Reach != 15500 || len(r.Members) != 2 || r.Members[0].UnitID != ua || r.Members[0].Reach != 15000 ||
			r.Members[0].Reposts != 2 || r.Members[0].LastAt == nil {
			t.Errorf("reach = %+v", r)
		}
		if len(r.NotReposted) != 1 || r.NotReposted[0].UnitID != uc {
			t.Errorf("not reposted = %+v", r.NotReposted)
		}
	})
}

func TestUnitSecret(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		id, secret := d.unit("member_a", "")
		if secret != "" {
			t.Errorf("secret without webhook")
		}
		if _, err := d.s.UnitSecret(ctx, debunk.UnitTarget(id)); err == nil {
			t.Errorf("secret of a unit without webhook")
		}
		u := debunk.Unit{ID: id, Code: "member_a", Name: "A", WebhookURL: "https://a.example/hook"}
		_, secret, err := d.s.SaveUnit(ctx, d.admin, u)
		if err != nil || !strings.HasPrefix(secret, "whsec_") {
			t.Fatalf("first webhook: %q %v", secret, err)
		}
		got, err := d.s.UnitSecret(ctx, debunk.UnitTarget(id))
		if err != nil || string(got) != secret {
			t.Errorf("unit secret = %q %v", got, err)
		}
		u.WebhookURL = "https://a.example/hook2"
		if _, again, err := d.s.SaveUnit(ctx, d.admin, u); err != nil || again != "" {
			t.Errorf("secret shown again: %q %v", again, err)
		}
		if _, _, err := d.s.SaveUnit(ctx, d.editor, u); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("editor saved a unit: %v", err)
		}
		if _, err := d.s.UnitSecret(ctx, "platform:1"); err == nil {
			t.Errorf("platform target accepted")
		}
	})
}

func TestVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDesk(t, db)
		id := d.publish(strings.Repeat("标题很长", 30))
		a, _ := d.s.Get(ctx, id)
		a.BodyMD = strings.Repeat("正文段落内容，说明核查过程。", 300)
		a.BodyHTML = debunk.Render(a.BodyMD)
		const base = "https://piyao.example.gov.cn"
		link := base + "/articles/" + a.Slug
		v, err := d.s.Versions(ctx, a, base)
		if err != nil {
			t.Fatal(err)
		}
		for ch, limit := range map[string]int{"weibo": debunk.WeiboMax, "weibo_short": debunk.WeiboShortMax} {
			if n := utf8.RuneCountInString(v[ch]); n > limit || n < limit/2 || !strings.HasSuffix(v[ch], link) {
				t.Errorf("%s: %d chars (limit %d): %s", ch, n, limit, v[ch])
			}
		}
		if !strings.Contains(v["weibo_short"], "…") {
			t.Errorf("weibo_short not shortened: %s", v["weibo_short"])
		}
		if !strings.Contains(v["wechat"], "<h1>") || !strings.Contains(v["wechat"], link) {
			t.Errorf("wechat: %.200s", v["wechat"])
		}
		if strings.Contains(v["toutiao"], "<p>") || !strings.Contains(v["toutiao"], "核查结论：谣言") {
			t.Errorf("toutiao: %.300s", v["toutiao"])
		}
		for _, part := range []string{"【开场】", "【谣言】", "【真相】", "【依据】", "【结尾】"} {
			if !strings.Contains(v["video"], part) {
				t.Errorf("video lacks %s", part)
			}
		}
		if err := d.s.SaveTemplate(ctx, d.editor, "weibo", "{{.Nope}}"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad template: %v", err)
		}
		if err := d.s.SaveTemplate(ctx, d.editor, "weibo", "{{.Title"); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("unparsable template: %v", err)
		}
		if err := d.s.SaveTemplate(ctx, d.admin, "weibo", "x"); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("admin saved a template: %v", err)
		}
		if err := d.s.SaveTemplate(ctx, d.editor, "weibo", "辟谣｜{{.Title}} {{.URL}}"); err != nil {
			t.Fatal(err)
		}
		if err := d.s.SaveTemplate(ctx, d.editor, "weibo", "辟谣！{{.Title}} {{.URL}}"); err != nil {
			t.Fatal(err)
		}
		v, _ = d.s.Versions(ctx, a, base)
		if !strings.HasPrefix(v["weibo"], "辟谣！标题很长") || utf8.RuneCountInString(v["weibo_short"]) > debunk.WeiboShortMax {
			t.Errorf("edited weibo: %s / %s", v["weibo"], v["weibo_short"])
		}
	})
}
