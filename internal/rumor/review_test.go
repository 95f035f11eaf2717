package rumor_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// An editor reviews near misses: confirming links the report (counted on
// the rumor, the debunk shown to the reporter), dismissing does not; each
// is audited, happens once, and needs rumor.edit.
func TestReviewMatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, now := context.Background(), time.Now().UTC()
		c := newCenter(t, db)
		// Texts that resemble no claim: their near misses are set up by hand,
		// as the matcher's scores between the thresholds depend on its tuning.
		var recs []report.Receipt
		var ids []int64
		for _, text := range []string{"小区的水好像有点怪味", "听说水有问题"} {
			rec, err := c.reports.Submit(ctx, report.Submission{Category: "rumor", Content: text, URLs: []string{"https://weibo.com/9"},
				Reporter: report.Reporter{Anonymous: true}}, "api")
			if err != nil {
				t.Fatal(err)
			}
			var id int64
			db.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&id)
			recs, ids = append(recs, rec), append(ids, id)
		}
		seen := now.Add(-time.Hour).Truncate(time.Second)
		var matches []int64
		err := db.Write(ctx, func(tx *sql.Tx) error {
			for _, id := range ids {
				var m int64
				if err := tx.QueryRowContext(ctx, `INSERT INTO rumor_matches (kind, subject_id, rumor_id, score, status, created_at)
					VALUES ('report',$1,$2,0.5,'near_miss',$3) RETURNING id`, id, c.rumorID, seen).Scan(&m); err != nil {
					return err
				}
				matches = append(matches, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		analyst := &auth.Principal{UserID: c.editor.UserID, Username: "analyst", Role: auth.Analyst}
		if err := rumor.ReviewMatch(ctx, db, analyst, matches[0], true, now); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("analyst reviewed: %v", err)
		}
		if err := rumor.ReviewMatch(ctx, db, c.editor, matches[0], true, now); err != nil {
			t.Fatal(err)
		}
		if err := rumor.ReviewMatch(ctx, db, c.editor, matches[1], false, now); err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			if err := rumor.ReviewMatch(ctx, db, c.editor, m, true, now); apperr.CodeOf(err) != apperr.Conflict {
				t.Errorf("match %d reviewed twice: %v", m, err)
			}
		}
		if err := rumor.ReviewMatch(ctx, db, c.editor, 999999, true, now); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("unknown match: %v", err)
		}

		r, err := rumor.Get(ctx, db, c.rumorID)
		if err != nil || r.MatchCount != 1 || r.FirstSeenAt == nil || !r.FirstSeenAt.Equal(seen) {
			t.Fatalf("rumor after review: %+v %v; want one match first seen at %v", r, err, seen)
		}
		for i, want := range []int{1, 0} {
			v, err := c.reports.Track(ctx, recs[i].TrackingCode, recs[i].Secret)
			if err != nil || len(v.Debunks) != want {
				t.Errorf("report %d: %d debunks on the tracking page (%v), want %d", i, len(v.Debunks), err, want)
			}
		}
		confirmed, _ := rumor.ListMatches(ctx, db, rumor.MatchFilter{Status: rumor.MatchConfirmed})
		dismissed, _ := rumor.ListMatches(ctx, db, rumor.MatchFilter{Status: rumor.MatchDismissed})
		if len(confirmed) != 1 || confirmed[0].ID != matches[0] || len(dismissed) != 1 || dismissed[0].ID != matches[1] {
			t.Errorf("confirmed %+v, dismissed %+v", confirmed, dismissed)
		}
		var audited int
		db.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE action IN ('rumor_match.confirmed', 'rumor_match.dismissed')`).Scan(&audited)
		if audited != 2 {
			t.Errorf("%d audit entries, want 2", audited)
		}
	})
}
