package web_test

import (
	"context"
	"database/sql"
	"net/http"
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
	})
}
