package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"

	"qinglang/internal/auth"
	"qinglang/internal/org"
)

// An alliance member reports a repost through the staff API with its own
// token; the article's reach report credits its unit, and another member
// cannot report for it.
func TestRepostAPI(t *testing.T) {
	eachDB(t, func(t *testing.T, dbURL string) {
		ts := startServer(t, dbURL)
		d := newDebunkDesk(ts)
		ctx := context.Background()
		var unitA, unitB int64
		err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
			var err error
			if unitA, err = org.AddUnit(ctx, tx, org.Unit{Code: "nnrb", Name: "南宁日报社", Kind: "media"}); err != nil {
				return err
			}
			unitB, err = org.AddUnit(ctx, tx, org.Unit{Code: "gxtv", Name: "广西电视台", Kind: "media"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		id := d.publish(waterArticle(d.rumor("自来水谣言", waterClaim)))
		member := ts.session(auth.AllianceMember, &auth.Scope{UnitID: &unitA})
		outsider := ts.session(auth.Editor, nil)

		body := map[string]any{"slug": "tap-water-safe", "url": "https://mp.weixin.qq.com/s/abc", "channel": "wechat", "reach": 12000}
		if r := ts.postJSON("/api/v1/console/reposts", body, "Authorization", "Bearer "+member.bearer); r.Status != http.StatusCreated {
			t.Fatalf("repost: %d %s", r.Status, r.Body)
		}
		if r := ts.postJSON("/api/v1/console/reposts", body, "Authorization", "Bearer "+outsider.bearer); r.Status != http.StatusForbidden {
			t.Fatalf("an editor reported a repost: %d %s", r.Status, r.Body)
		}
		bad := map[string]any{"slug": "tap-water-safe", "url": "javascript:alert(1)", "channel": "wechat", "reach": 1}
		if r := ts.postJSON("/api/v1/console/reposts", bad, "Authorization", "Bearer "+member.bearer); r.Status != http.StatusBadRequest {
			t.Fatalf("a javascript: URL was accepted: %d %s", r.Status, r.Body)
		}
		reach, err := ts.Debunk.Reach(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if reach.Reposts != 1 || reach.Reach != 12000 || len(reach.Members) != 1 || reach.Members[0].UnitID != unitA ||
			len(reach.NotReposted) != 1 || reach.NotReposted[0].UnitID != unitB {
			t.Fatalf("reach report %+v", reach)
		}
		totals, err := ts.Debunk.MemberTotals(ctx)
		if err != nil || len(totals) != 2 || totals[0].UnitID != unitA || totals[0].Reach != 12000 || totals[0].Missing != 0 ||
			totals[1].Reposts != 0 || totals[1].Missing != 1 {
			t.Fatalf("member totals %+v, %v", totals, err)
		}
		admin := ts.session(auth.Admin, nil)
		if page := ts.get("/console/alliance", admin.cookie...); page.Status != http.StatusOK || !strings.Contains(string(page.Body), `id="member-totals"`) {
			t.Fatalf("alliance page %d without the totals", page.Status)
		}
	})
}

// Editors change the media matrix's templates from the console; a broken
// template is refused next to its channel, and the next version uses the
// saved one.
func TestMediaTemplates(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	d := newDebunkDesk(ts)
	editor := ts.session(auth.Editor, nil)
	post := func(channel, body string) response {
		form := "csrf=" + editor.csrf + "&channel=" + channel + "&body=" + body
		return ts.do("POST", "/console/articles/templates", "application/x-www-form-urlencoded", []byte(form), editor.cookie...)
	}
	if r := post("weibo", "%7B%7B.Title"); r.Status != http.StatusBadRequest {
		t.Fatalf("a broken template: %d %s", r.Status, r.Body)
	}
	if r := post("weibo", "%E3%80%90%E8%BE%9F%E8%B0%A3%E3%80%91%7B%7B.Title%7D%7D+%7B%7B.URL%7D%7D"); !strings.Contains(string(r.Body), `id="media-saved"`) {
		t.Fatalf("saving a template: %d %s", r.Status, r.Body)
	}
	id := d.publish(waterArticle(d.rumor("自来水谣言", waterClaim)))
	a, err := ts.Debunk.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ts.Debunk.Versions(context.Background(), a, "https://center.example")
	if err != nil || !strings.HasPrefix(v["weibo"], "【辟谣】网传") {
		t.Fatalf("weibo version %q, %v", v["weibo"], err)
	}
	if page := ts.get("/console/articles/templates", editor.cookie...); page.Status != http.StatusOK || !strings.Contains(string(page.Body), "【辟谣】") {
		t.Fatalf("templates page %d", page.Status)
	}
}
