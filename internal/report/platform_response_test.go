package report_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/evidence"
	"qinglang/internal/report"
	"qinglang/internal/sla"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// A notice to a platform with a webhook enqueues its event in the same
// transaction and kicks the worker; one without a webhook enqueues nothing.
func TestNotifyEnqueuesWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		kicks := 0
		w.svc.SetOutbox(func() { kicks++ })
		w.svc.SetBaseURL("https://jubao.example.cn")
		quiet, _ := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, quiet, ""))
		w.must(w.svc.Notify(ctx, w.analyst, quiet, report.NoticeInput{PlatformID: w.platform, What: "删除", Location: "https://example.com/1", Reason: "诈骗"}))
		if n := count(t, db, `SELECT count(*) FROM outbox`); n != 0 || kicks != 0 {
			t.Fatalf("no webhook: %d events, %d kicks", n, kicks)
		}

		w.exec(`UPDATE platforms SET webhook_url = 'https://hooks.yc.example/notice' WHERE id = $1`, w.platform)
		id, rec := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, id, ""))
		w.must(w.svc.Notify(ctx, w.analyst, id, report.NoticeInput{PlatformID: w.platform, What: "删除诈骗帖", Location: "https://example.com/2", Reason: "涉嫌诈骗"}))
		var topic, key, target, url, payload string
		db.Read().QueryRow(`SELECT topic, idempotency_key, target, url, payload FROM outbox`).Scan(&topic, &key, &target, &url, &payload)
		var noticeID int64
		db.Read().QueryRow(`SELECT id FROM notices WHERE report_id = $1`, id).Scan(&noticeID)
		var ev report.NoticeEvent
		if err := json.Unmarshal([]byte(payload), &ev); err != nil {
			t.Fatal(err)
		}
		n := ev.Notice
		if topic != "notice.created" || key != "notice-"+itoa(noticeID) || target != "platform:"+itoa(w.platform) || url != "https://hooks.yc.example/notice" {
			t.Errorf("event %s %s %s %s", topic, key, target, url)
		}
		if ev.Event != "notice.created" || n.ID != noticeID || n.Case != rec.TrackingCode || n.Category != "fraud" || n.What != "删除诈骗帖" ||
			n.Deadline.IsZero() || n.RespondURL != "https://jubao.example.cn/api/v1/platform/notices/"+itoa(noticeID)+"/response" {
			t.Errorf("payload %s", payload)
		}
		if kicks != 1 {
			t.Errorf("%d kicks, want 1", kicks)
		}
		w.exec(`UPDATE platforms SET disabled = true WHERE id = $1`, w.platform)
		other, _ := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, other, ""))
		if err := w.svc.Notify(ctx, w.analyst, other, report.NoticeInput{PlatformID: w.platform, What: "删除", Location: "x", Reason: "y"}); !isCode(err, apperr.Invalid) {
			t.Errorf("notice to a disabled platform: %v", err)
		}
	})
}

func TestRespondNotice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		ctx := context.Background()
		var other int64
		w.exec(`INSERT INTO platforms (code, name, created_at) VALUES ('other', '他站', $1)`, time.Now().UTC())
		db.Read().QueryRow(`SELECT id FROM platforms WHERE code = 'other'`).Scan(&other)

		id, _ := w.submit()
		w.must(w.svc.Accept(ctx, w.operator, id, ""))
		for _, what := range []string{"删除帖子", "封禁账号"} {
			w.must(w.svc.Notify(ctx, w.analyst, id, report.NoticeInput{PlatformID: w.platform, What: what, Location: "https://example.com", Reason: "诈骗"}))
		}
		var n1, n2 int64
		db.Read().QueryRow(`SELECT min(id), max(id) FROM notices WHERE report_id = $1`, id).Scan(&n1, &n2)
		yc := report.Responder{PlatformID: w.platform, By: "qlp_abcdefgh"}
		before := w.footprint(id)

		if err := w.svc.RespondNotice(ctx, report.Responder{PlatformID: other, By: "qlp_zzzzzzzz"}, n1, report.NoticeResponse{Response: "removed"}); !isCode(err, apperr.NotFound) {
			t.Errorf("another platform's notice: %v, want not found", err)
		}
		if err := w.svc.RespondNotice(ctx, yc, n1, report.NoticeResponse{Response: "no_violation"}); !isCode(err, apperr.Invalid) {
			t.Errorf("no_violation without a reason: %v", err)
		}
		if err := w.svc.RespondNotice(ctx, yc, n1, report.NoticeResponse{Response: "deleted"}); !isCode(err, apperr.Invalid) {
			t.Errorf("unknown response: %v", err)
		}
		if err := w.svc.RespondNotice(ctx, yc, n1, report.NoticeResponse{Response: "removed", EvidenceIDs: []string{"nope"}}); !isCode(err, apperr.Invalid) {
			t.Errorf("unknown evidence: %v", err)
		}
		if after := w.footprint(id); after != before {
			t.Fatalf("refused answers changed the case: %v → %v", before, after)
		}

		var due0 time.Time
		db.Read().QueryRow(`SELECT stage_due_at FROM reports WHERE id = $1`, id).Scan(&due0)
		shot, err := w.svc.RegisterEvidence(ctx, evidence.Meta{SHA256: strings.Repeat("ab", 32), Size: 10, MIME: "image/png"}, "删除截图.png")
		w.must(err)
		w.must(w.svc.RespondNotice(ctx, yc, n1, report.NoticeResponse{Response: "removed", Note: "已删除并封禁", EvidenceIDs: []string{shot}}))
		if err := w.svc.RespondNotice(ctx, yc, n1, report.NoticeResponse{Response: "removed"}); !isCode(err, apperr.Conflict) {
			t.Errorf("second answer: %v, want conflict", err)
		}
		var due1 time.Time
		db.Read().QueryRow(`SELECT stage_due_at FROM reports WHERE id = $1`, id).Scan(&due1)
		if !due1.Equal(due0) {
			t.Errorf("stage due moved with a notice still open: %v → %v", due0, due1)
		}
		w.must(w.svc.RespondNotice(ctx, yc, n2, report.NoticeResponse{Response: "no_violation", Note: "账号已实名核验，内容为正常商品推广"}))
		w.expect(id, report.Disposing)
		var due2 time.Time
		db.Read().QueryRow(`SELECT stage_due_at FROM reports WHERE id = $1`, id).Scan(&due2)
		pol, _ := sla.Load(ctx, db)
		if want := pol.Due(sla.Assess, time.Now()); !due2.Equal(want) {
			t.Errorf("stage due after the last answer %v, want the assessment limit %v", due2, want)
		}

		var resp, note, by, ev string
		db.Read().QueryRow(`SELECT response, response_note, responded_by, response_evidence FROM notices WHERE id = $1`, n1).Scan(&resp, &note, &by, &ev)
		if resp != "removed" || note != "已删除并封禁" || by != "qlp_abcdefgh" || ev != `["`+shot+`"]` {
			t.Errorf("notice %s %s %s %s", resp, note, by, ev)
		}
		if n := count(t, db, `SELECT count(*) FROM evidence WHERE id = $1 AND report_id = $2`, shot, id); n != 1 {
			t.Error("the platform's evidence is not on the case")
		}
		if n := count(t, db, `SELECT count(*) FROM report_events WHERE report_id = $1 AND action = 'platform_reply' AND actor_kind = 'platform' AND public AND note IN ('已删除', '未发现违规')`, id); n != 2 {
			t.Errorf("%d public platform_reply events, want 2", n)
		}
		if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action = 'case.platform_reply' AND actor = 'platform:yc'`); n != 2 {
			t.Errorf("%d audit entries by platform:yc, want 2", n)
		}
		ns, total, err := w.svc.PlatformNotices(ctx, w.platform, report.NoticeFilter{Status: "answered", PerPage: 1})
		if err != nil || total != 2 || len(ns) != 1 || ns[0].ID != n2 || ns[0].Response != "no_violation" {
			t.Errorf("PlatformNotices = %+v, %d, %v", ns, total, err)
		}
		if ns, total, _ := w.svc.PlatformNotices(ctx, other, report.NoticeFilter{}); total != 0 || len(ns) != 0 {
			t.Errorf("another platform sees %d notices", total)
		}
	})
}

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (w *world) exec(q string, args ...any) {
	w.t.Helper()
	err := w.db.Write(context.Background(), func(tx *sql.Tx) error { _, err := tx.Exec(q, args...); return err })
	if err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
