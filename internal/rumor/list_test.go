package rumor_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// The console's lists: rumors by search and filters, clusters of two or
// more with their trend and members in joining order, matches by status,
// alerts by status with the open count.
func TestLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, now := context.Background(), time.Now().UTC()
		c := newCenter(t, db)
		other, err := rumor.Save(ctx, db, c.editor, rumor.Rumor{Title: "青秀区明天停课属实", Verdict: "true", Topic: "education", Region: "qingxiu",
			Claims: []string{"青秀区明天中小学停课一天", "100%_停课"}}, now.Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		titles := func(f rumor.ListFilter) []int64 {
			t.Helper()
			rs, err := rumor.List(ctx, db, f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, r := range rs {
				ids = append(ids, r.ID)
			}
			return ids
		}
		for _, tc := range []struct {
			name string
			f    rumor.ListFilter
			want []int64
		}{
			{"all", rumor.ListFilter{}, []int64{other, c.rumorID}},
			{"claim wording", rumor.ListFilter{Query: "凤岭小区"}, []int64{c.rumorID}},
			{"title", rumor.ListFilter{Query: "停课属实"}, []int64{other}},
			{"pattern characters are literal", rumor.ListFilter{Query: "0%_"}, []int64{other}},
			{"underscore alone matches no other character", rumor.ListFilter{Query: "区_"}, nil},
			{"verdict", rumor.ListFilter{Verdict: "rumor"}, []int64{c.rumorID}},
			{"topic", rumor.ListFilter{Topic: "education"}, []int64{other}},
			{"region", rumor.ListFilter{Region: "qingxiu"}, []int64{other}},
			{"whole city", rumor.ListFilter{Region: "-"}, []int64{c.rumorID}},
		} {
			if got := titles(tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
		if topics, err := rumor.Topics(ctx, db); err != nil || !slices.Equal(topics, []string{"education", "water"}) {
			t.Errorf("topics %v %v", topics, err)
		}

		// Three reports of the water rumor and one unrelated: one cluster
		// of three, the singleton is not listed.
		var codes []string
		for _, text := range []string{"南宁某小区自来水被污染，喝了会中毒，大家千万别喝", "凤岭小区自来水有毒！", "转：南宁某小区自来水被污染，喝了会中毒", "有人冒充客服以退款为名诱导转账"} {
			rec, err := c.reports.Submit(ctx, report.Submission{Category: "rumor", Content: text, URLs: []string{"https://weibo.com/" + fmt.Sprint(len(codes))}, Reporter: report.Reporter{Anonymous: true}}, "api")
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, rec.TrackingCode)
		}
		if _, err := (&rumor.Clusterer{DB: db}).Once(ctx, now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		later := now.Add(time.Hour)
		for _, by := range []rumor.ClusterSort{rumor.ClustersByActivity, rumor.ClustersBySize} {
			cs, err := rumor.ListClusters(ctx, db, by, later, 0)
			if err != nil || len(cs) != 1 {
				t.Fatalf("clusters by %s: %+v %v", by, cs, err)
			}
			if cs[0].Size != 3 || cs[0].RumorID != c.rumorID || len(cs[0].Trend) != rumor.TrendDays || cs[0].Trend[rumor.TrendDays-1] != 3 {
				t.Errorf("cluster %+v: want 3 members of the water rumor, all today", cs[0])
			}
		}
		cs, _ := rumor.ListClusters(ctx, db, rumor.ClustersBySize, later.Add(48*time.Hour), 0)
		if tr := cs[0].Trend; tr[rumor.TrendDays-3] != 3 || tr[rumor.TrendDays-1] != 0 {
			t.Errorf("trend two days on: %v, want the 3 two bars back", tr)
		}
		ms, err := rumor.ClusterMembers(ctx, db, cs[0].ID)
		if err != nil || len(ms) != 3 || ms[0].TrackingCode != codes[0] || ms[0].Status != "submitted" || ms[2].TrackingCode != codes[2] {
			t.Fatalf("members %+v %v, want the three reports in order", ms, err)
		}
		if ids := rumor.MemberReports(ms); len(ids) != 3 || ids[0] != ms[0].SubjectID {
			t.Errorf("member reports %v", ids)
		}
		if _, err := rumor.GetCluster(ctx, db, 999999, later); err == nil {
			t.Error("an unknown cluster was found")
		}

		linked, err := rumor.ListMatches(ctx, db, rumor.MatchFilter{Status: rumor.MatchLinked, RumorID: c.rumorID})
		if err != nil || len(linked) != 3 || linked[0].Label != codes[2] || linked[0].Preview == "" || linked[0].SubjectStatus != "submitted" {
			t.Fatalf("linked matches %+v %v", linked, err)
		}
		if n, _ := rumor.CountMatches(ctx, db, rumor.MatchLinked); n != 3 {
			t.Errorf("%d linked, want 3", n)
		}
		if none, _ := rumor.ListMatches(ctx, db, rumor.MatchFilter{RumorID: other}); len(none) != 0 {
			t.Errorf("matches of the other rumor: %+v", none)
		}
	})
}

// Alerts list by status, newest first, with the cluster's label; the
// badge counts the open ones only.
func TestAlertList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, now := context.Background(), time.Now().UTC()
		c := newCenter(t, db)
		var cluster int64
		err := db.Write(ctx, func(tx *sql.Tx) error {
			if err := tx.QueryRowContext(ctx, `INSERT INTO clusters (label, size, first_at, last_at) VALUES ('自来水被污染', 6, $1, $1) RETURNING id`, now).Scan(&cluster); err != nil {
				return err
			}
			for i, a := range []struct {
				cluster any
				topic   string
			}{{cluster, ""}, {nil, "water"}, {cluster, ""}} {
				if _, err := tx.ExecContext(ctx, `INSERT INTO alerts (cluster_id, topic, rule, window_count, baseline, status, dedupe, raised_at)
					VALUES ($1,$2,'6 in 1h',6,0.5,'open',$3,$4)`, a.cluster, a.topic, fmt.Sprint("x#", i), now.Add(time.Duration(i)*time.Minute)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		all, err := rumor.ListAlerts(ctx, db, "", 0)
		if err != nil || len(all) != 3 || all[0].Label != "自来水被污染" || all[1].Label != "water" || all[1].ClusterID != 0 {
			t.Fatalf("alerts %+v %v", all, err)
		}
		if err := rumor.SetAlertStatus(ctx, db, c.editor, all[0].ID, rumor.AlertAcknowledged, "已核查", now); err != nil {
			t.Fatal(err)
		}
		if err := rumor.SetAlertStatus(ctx, db, c.editor, all[1].ID, rumor.AlertClosed, "误报", now); err != nil {
			t.Fatal(err)
		}
		if n, err := rumor.OpenAlerts(ctx, db); err != nil || n != 1 {
			t.Errorf("%d open alerts (%v), want 1", n, err)
		}
		acked, _ := rumor.ListAlerts(ctx, db, rumor.AlertAcknowledged, 0)
		if len(acked) != 1 || acked[0].Note != "已核查" || acked[0].AcknowledgedAt == nil || acked[0].ClosedAt != nil {
			t.Errorf("acknowledged: %+v", acked)
		}
		closed, _ := rumor.ListAlerts(ctx, db, rumor.AlertClosed, 0)
		if len(closed) != 1 || closed[0].Topic != "water" || closed[0].ClosedAt == nil {
			t.Errorf("closed: %+v", closed)
		}
	})
}
