package rumor_test

import (
	"bytes"
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// center is a database with an editor, a debunked rumor, a matcher and a
// report service wired to it.
type center struct {
	db      *store.DB
	reports *report.Service
	matcher *rumor.Matcher
	editor  *auth.Principal
	rumorID int64
}

func newCenter(t *testing.T, db *store.DB) *center {
	ctx := context.Background()
	c := &center{db: db}
	keys, _ := pii.New(bytes.Repeat([]byte{3}, 32))
	c.reports = report.NewService(db, keys, nil)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		id, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: "editor1", Role: auth.Editor}, "password-123456", time.Now())
		c.editor = &auth.Principal{UserID: id, Username: "editor1", Role: auth.Editor}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c.rumorID, err = rumor.Save(ctx, db, c.editor, rumor.Rumor{Title: "南宁某小区自来水被污染系谣言", Verdict: "rumor", Topic: "water",
		Claims:  []string{"南宁某小区自来水被污染，喝了会中毒，大家千万别喝", "凤岭小区自来水有毒"},
		Debunks: []rumor.Debunk{{Title: "辟谣：南宁自来水水质检测全部合格", URL: "https://example.gov.cn/piyao/1"}}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if c.matcher, err = rumor.NewMatcher(ctx, db); err != nil {
		t.Fatal(err)
	}
	c.reports.SetRumorMatcher(func(text string) []report.RumorHit {
		var out []report.RumorHit
		for _, h := range c.matcher.Match(text, 5) {
			out = append(out, report.RumorHit{RumorID: h.RumorID, Score: h.Score, Linked: h.Linked})
		}
		return out
	})
	return c
}

// A burst of reworded reports of a debunked rumor: each reporter is told
// of the debunk at once, the reports form one cluster, and one alert is
// raised for the burst, not one per report.
func TestBurstOfRewordedReports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newCenter(t, db)
		variants := []string{
			"网传南宁某小区自来水被污染，喝了会中毒，大家千万别喝！！",
			"紧急扩散：南宁某小区的自来水被污染了，喝了会中毒，千万别喝",
			"南寧某小區自來水被污染，喝了會中毒，大家千萬別喝 http://t.cn/abc",
			"听说南宁某小区自来水被污染😱喝了会中毒大家千万别喝 #南宁#",
			"@邻居群 南宁某小区自来水被污染，喝了会中毒，大家千万别喝",
			"转发：南宁某小区自来水被污染，喝了会中毒，大家千万别喝。",
			"今天群里都在传：南宁某小区自来水被污染，喝了会中毒，大家千万别喝，是真的吗？",
			"南宁某小区自来水被污染 喝了会中毒 大家千万别喝",
		}
		var receipts []report.Receipt
		for _, v := range variants {
			rec, err := c.reports.Submit(ctx, report.Submission{Category: "rumor", Content: v, URLs: []string{"https://weibo.com/123"},
				Reporter: report.Reporter{Anonymous: true}}, "api")
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.Debunks) != 1 || rec.Debunks[0].RumorID != c.rumorID || len(rec.Debunks[0].Links) != 1 {
				t.Fatalf("%q: receipt debunks %+v, want the water rumor", v, rec.Debunks)
			}
			receipts = append(receipts, rec)
		}
		// An unrelated report is not linked.
		other, err := c.reports.Submit(ctx, report.Submission{Category: "fraud", Content: "有人冒充客服以退款为名诱导转账",
			URLs: []string{"https://example.com/fraud"}, Reporter: report.Reporter{Anonymous: true}}, "api")
		if err != nil || len(other.Debunks) != 0 {
			t.Fatalf("unrelated report: %+v %v", other.Debunks, err)
		}
		v, err := c.reports.Track(ctx, receipts[3].TrackingCode, receipts[3].Secret)
		if err != nil || len(v.Debunks) != 1 || v.Debunks[0].Links[0].URL != "https://example.gov.cn/piyao/1" {
			t.Fatalf("tracking page debunks: %+v %v", v, err)
		}

		cl := &rumor.Clusterer{DB: db, Alerts: rumor.DefaultAlertRule()}
		n, err := cl.Once(ctx, time.Now())
		if err != nil || n != len(variants)+1 {
			t.Fatalf("clustered %d, %v", n, err)
		}
		var clusters, biggest, alerts int
		db.Read().QueryRow(`SELECT count(*), max(size) FROM clusters`).Scan(&clusters, &biggest)
		db.Read().QueryRow(`SELECT count(*) FROM alerts`).Scan(&alerts)
		if clusters != 2 || biggest != len(variants) || alerts != 1 {
			t.Fatalf("%d clusters (largest %d), %d alerts; want 2 clusters (largest %d), 1 alert", clusters, biggest, alerts, len(variants))
		}
		// More of the same burst raises nothing new while the alert is open.
		if _, err := c.reports.Submit(ctx, report.Submission{Category: "rumor", Content: variants[0] + "再转一次", URLs: []string{"https://weibo.com/123"},
			Reporter: report.Reporter{Anonymous: true}}, "api"); err != nil {
			t.Fatal(err)
		}
		if _, err := cl.Once(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		db.Read().QueryRow(`SELECT count(*) FROM alerts`).Scan(&alerts)
		if alerts != 1 {
			t.Fatalf("%d alerts after more of the burst, want 1", alerts)
		}
		var alertID int64
		db.Read().QueryRow(`SELECT id FROM alerts`).Scan(&alertID)
		if err := rumor.SetAlertStatus(ctx, db, c.editor, alertID, "acknowledged", "已安排核查", time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := rumor.SetAlertStatus(ctx, db, c.editor, alertID, "acknowledged", "", time.Now()); err == nil {
			t.Fatal("acknowledged twice")
		}
	})
}

// A restarted clusterer rebuilds from the database and keeps placing
// look-alikes in their existing clusters.
func TestClustererRebuilds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newCenter(t, db)
		submit := func(text, url string) {
			if _, err := c.reports.Submit(ctx, report.Submission{Category: "other", Content: text, URLs: []string{url},
				Reporter: report.Reporter{Anonymous: true}}, "api"); err != nil {
				t.Fatal(err)
			}
		}
		submit("某APP大数据杀熟，同一商品老用户价格更高", "https://shop.example.com/item/1?utm_source=wx")
		if _, err := (&rumor.Clusterer{DB: db}).Once(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		submit("完全不同的描述文字，但是同一个链接", "http://m.shop.example.com/item/1")
		fresh := &rumor.Clusterer{DB: db}
		rctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { fresh.Run(rctx); close(done) }()
		deadline := time.Now().Add(10 * time.Second)
		var clusters, members int
		for time.Now().Before(deadline) {
			db.Read().QueryRow(`SELECT count(DISTINCT cluster_id), count(*) FROM cluster_members`).Scan(&clusters, &members)
			if members == 2 {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
		<-done
		if members != 2 || clusters != 1 {
			t.Fatalf("%d members in %d clusters, want 2 in 1 (same canonical URL)", members, clusters)
		}
	})
}

// Monitored items are matched against the rumor database as they are
// clustered.
func TestItemsAreMatched(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newCenter(t, db)
		now := time.Now().UTC()
		err := db.Write(ctx, func(tx *sql.Tx) error {
			for i, text := range []string{"【扩散】南宁某小区自来水被污染，喝了会中毒，大家千万别喝", "今天天气晴朗，适合出游"} {
				if _, err := tx.ExecContext(ctx, `INSERT INTO monitored_items (source, external_id, text, received_at) VALUES ('csv', $1, $2, $3)`,
					string(rune('a'+i)), text, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		cl := &rumor.Clusterer{DB: db, Matcher: c.matcher}
		if _, err := cl.Once(ctx, now.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		var linked, count int
		db.Read().QueryRow(`SELECT count(*) FROM rumor_matches WHERE kind = 'item' AND status = 'linked' AND rumor_id = $1`, c.rumorID).Scan(&linked)
		db.Read().QueryRow(`SELECT match_count FROM rumors WHERE id = $1`, c.rumorID).Scan(&count)
		if linked != 1 || count != 1 {
			t.Fatalf("%d linked items, match count %d; want 1 and 1", linked, count)
		}
	})
}
