package demo_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/blob"
	"qinglang/internal/category"
	"qinglang/internal/demo"
	"qinglang/internal/pii"
	"qinglang/internal/report"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestSeed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		keys, err := pii.New(make([]byte, 32))
		if err != nil {
			t.Fatal(err)
		}
		blobs, err := blob.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		target := demo.Target{DB: db, Keys: keys, Blobs: blobs, TempDir: t.TempDir()}
		accounts, err := demo.Seed(ctx, target, rand.New(rand.NewPCG(1, 2)))
		if err != nil {
			t.Fatal(err)
		}
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.Read().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		if n := count(`SELECT count(*) FROM districts`); n != 15 {
			t.Errorf("%d districts, want 15", n)
		}
		if n := count(`SELECT count(*) FROM reports`); n < 315 || n > 415 {
			t.Errorf("%d reports, want 315-415 (300-400 and the burst)", n)
		}
		if n := count(`SELECT count(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id)`); n > 0 {
			t.Errorf("%d reports without a timeline entry", n)
		}
		if n := count(`SELECT count(*) FROM reports r WHERE status <> (SELECT to_status FROM report_events e WHERE e.report_id = r.id AND action <> 'rated' ORDER BY e.id DESC LIMIT 1)`); n > 0 {
			t.Errorf("%d reports whose status is not where their timeline ends", n)
		}
		if n := count(`SELECT count(*) FROM report_events e JOIN reports r ON r.id = e.report_id WHERE e.at < r.created_at`); n > 0 {
			t.Errorf("%d timeline entries before their report", n)
		}
		if n := count(`SELECT count(*) FROM report_ratings`); n == 0 {
			t.Error("no ratings")
		}
		for _, c := range category.Categories() {
			if count(`SELECT count(*) FROM reports WHERE category = $1`, c.Code) == 0 {
				t.Errorf("no report of category %s", c.Code)
			}
		}
		for _, z := range category.Zones() {
			if count(`SELECT count(*) FROM reports WHERE zone = $1`, z.Code) == 0 {
				t.Errorf("no report in zone %s", z.Code)
			}
		}
		for _, c := range report.Channels() {
			if count(`SELECT count(*) FROM reports WHERE channel = $1`, string(c)) == 0 {
				t.Errorf("no report by channel %s", c)
			}
		}
		for _, s := range report.Statuses() {
			if count(`SELECT count(*) FROM reports WHERE status = $1`, string(s)) == 0 {
				t.Errorf("no report in status %s", s)
			}
		}
		seen := map[auth.Role]bool{}
		for _, a := range accounts {
			seen[a.Role] = true
			if len(a.Password) < auth.MinPassword {
				t.Errorf("account %s: password %q too short", a.Username, a.Password)
			}
		}
		for _, r := range auth.Roles() {
			if !seen[r] || count(`SELECT count(*) FROM users WHERE role = $1`, string(r)) == 0 {
				t.Errorf("no account with role %s", r)
			}
		}
		// The lifecycle ran through the workflow: its side tables are
		// filled, its due times set, and every act audited in one chain.
		for q, what := range map[string]string{
			`SELECT count(*) FROM transfers WHERE status = 'fed_back'`:                                     "fed-back transfers",
			`SELECT count(*) FROM transfers WHERE status = 'pending'`:                                      "pending transfers",
			`SELECT count(*) FROM notices`:                                                                 "platform notices",
			`SELECT count(*) FROM notices WHERE status = 'answered' AND $1 > responded_at`:                 "notices answered by their platform",
			`SELECT count(*) FROM notices WHERE status = 'sent'`:                                           "notices still open",
			`SELECT count(*) FROM report_events WHERE action = 'platform_reply' AND public`:                "platform answers on the reporter's timeline",
			`SELECT count(*) FROM reports WHERE assignee_id IS NOT NULL`:                                   "assigned cases",
			`SELECT count(*) FROM reports WHERE status = 'assessing' AND stage_due_at < $1`:                "overdue cases in assessment",
			`SELECT count(*) FROM reports WHERE status = 'submitted' AND stage_due_at < $1`:                "overdue new reports",
			`SELECT count(*) FROM reports WHERE status IN ('submitted','assessing') AND stage_due_at > $1`: "cases within their time",
			`SELECT count(*) FROM reply_templates`:                                                         "reply templates",
			`SELECT count(*) FROM holidays WHERE day >= '2026-10-01' AND day < '2026-10-08'`:               "国庆 holidays",
			`SELECT count(*) FROM report_events WHERE action = 'reopened'`:                                 "cases reopened by their reporter",
		} {
			args := []any{}
			if strings.Contains(q, "$1") {
				args = append(args, time.Now().UTC())
			}
			if count(q, args...) == 0 {
				t.Errorf("no %s", what)
			}
		}
		// The rumor center: reports matched at intake, a burst clustered
		// with its early warning, monitored items matched, verification.
		if n := count(`SELECT count(*) FROM rumors`); n < 10 {
			t.Errorf("%d rumors, want at least 10", n)
		}
		if n := count(`SELECT count(*) FROM rumor_matches WHERE kind = 'report' AND status = 'linked'`); n < 10 {
			t.Errorf("%d reports linked to a rumor, want at least 10", n)
		}
		if n := count(`SELECT count(*) FROM rumor_matches WHERE kind = 'report' AND status = 'near_miss'`); n == 0 {
			t.Error("no near misses for an editor to review")
		}
		if n := count(`SELECT count(*) FROM clusters WHERE size >= 10`); n == 0 {
			t.Error("no cluster of 10 or more")
		}
		if n := count(`SELECT count(*) FROM alerts WHERE status = 'open'`); n != 1 {
			t.Errorf("%d open alerts, want exactly 1 (the burst's)", n)
		}
		if n := count(`SELECT count(*) FROM alerts a JOIN clusters c ON c.id = a.cluster_id JOIN rumors r ON r.id = c.rumor_id
			WHERE a.status = 'open' AND r.title LIKE '%地铁%'`); n != 1 {
			t.Error("the open alert is not the burst's")
		}
		if n := count(`SELECT count(*) FROM rumor_matches WHERE kind = 'item' AND status = 'linked'`); n == 0 {
			t.Error("no monitored item linked to a rumor")
		}
		if n := count(`SELECT count(*) FROM feeds`); n != 2 {
			t.Errorf("%d feeds, want 2", n)
		}
		if n := count(`SELECT count(*) FROM monitored_items`); n < 15 {
			t.Errorf("%d monitored items, want about 20", n)
		}
		if n := count(`SELECT count(*) FROM verification_tasks WHERE status = 'answered'`); n != 1 {
			t.Errorf("%d answered verification tasks, want 1", n)
		}
		if n := count(`SELECT count(*) FROM verification_requests WHERE status = 'pending'`); n == 0 {
			t.Error("no verification request still pending")
		}
		// What the tracking page shows a reporter of a debunked rumor.
		if n := count(`SELECT count(DISTINCT m.subject_id) FROM rumor_matches m JOIN rumors r ON r.id = m.rumor_id JOIN rumor_debunks d ON d.rumor_id = r.id
			WHERE m.kind = 'report' AND m.status = 'linked' AND r.verdict IN ('rumor','false','misleading') AND d.url LIKE 'https://piyao.nanning.example/%'`); n < 10 {
			t.Errorf("%d reports linked to a debunked rumor with its debunk, want at least 10", n)
		}
		t.Logf("rumor matches: %d linked, %d near misses; items linked %d; clusters %d (largest %d)",
			count(`SELECT count(*) FROM rumor_matches WHERE kind = 'report' AND status = 'linked'`),
			count(`SELECT count(*) FROM rumor_matches WHERE kind = 'report' AND status = 'near_miss'`),
			count(`SELECT count(*) FROM rumor_matches WHERE kind = 'item' AND status = 'linked'`),
			count(`SELECT count(*) FROM clusters`), count(`SELECT COALESCE(max(size), 0) FROM clusters`))
		// The debunk desk: published articles answering the rumors, some
		// corrected, one retracted, reposted by alliance members.
		if n := count(`SELECT count(*) FROM articles WHERE status IN ('published','corrected')`); n < 20 {
			t.Errorf("%d public articles, want at least 20", n)
		}
		if n := count(`SELECT count(*) FROM articles WHERE status = 'corrected' AND correction_note <> ''`); n < 3 {
			t.Errorf("%d corrected articles, want at least 3", n)
		}
		if n := count(`SELECT count(*) FROM articles WHERE status = 'retracted' AND retraction_reason <> ''`); n != 1 {
			t.Errorf("%d retracted articles, want exactly 1", n)
		}
		if n := count(`SELECT count(*) FROM reposts`); n < 5 {
			t.Errorf("%d reposts, want at least 5", n)
		}
		if n := count(`SELECT count(DISTINCT unit_id) FROM reposts`); n < 3 {
			t.Errorf("reposts by %d members, want 3", n)
		}
		if n := count(`SELECT count(DISTINCT rumor_id) FROM rumor_debunks WHERE article_id IS NOT NULL`); n < 10 {
			t.Errorf("%d rumors pointing at a published article, want at least 10", n)
		}
		if n := count(`SELECT count(*) FROM articles WHERE body_html NOT LIKE '%<blockquote>%' OR body_html NOT LIKE '%<h2%'`); n > 0 {
			t.Errorf("%d articles without headings or the quoted statement", n)
		}
		if n := count(`SELECT count(*) FROM report_events WHERE at > $1`, time.Now().UTC()); n > 0 {
			t.Errorf("%d timeline entries in the future", n)
		}
		res, err := audit.Verify(ctx, db)
		if err != nil {
			t.Fatalf("audit log after seeding: %v", err)
		}
		staffActs := count(`SELECT count(*) FROM report_events WHERE actor_kind = 'staff'`)
		if caseAudits := count(`SELECT count(*) FROM audit_log WHERE target LIKE 'report:%'`); caseAudits < staffActs/2 || res.Entries < int64(caseAudits) {
			t.Errorf("%d audit entries (%d on cases) for %d staff acts", res.Entries, caseAudits, staffActs)
		}

		if _, err := demo.Seed(ctx, target, rand.New(rand.NewPCG(1, 2))); !errors.Is(err, demo.ErrNotEmpty) {
			t.Errorf("second seed: %v, want ErrNotEmpty", err)
		}
	})
}

func TestPrepareFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	if err := demo.PrepareFolder(dir); err != nil {
		t.Fatalf("new folder: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "qinglang.db"), []byte("old demo"), 0o600)
	if err := demo.PrepareFolder(dir); err != nil {
		t.Fatalf("marked folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "qinglang.db")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a previous demo's files survived the restart")
	}

	real := t.TempDir()
	os.WriteFile(filepath.Join(real, "qinglang.db"), []byte("real data"), 0o600)
	if err := demo.PrepareFolder(real); err == nil {
		t.Fatal("a folder without the marker was accepted")
	}
	if b, _ := os.ReadFile(filepath.Join(real, "qinglang.db")); string(b) != "real data" {
		t.Error("an unmarked folder was touched")
	}
	if err := demo.PrepareFolder(t.TempDir()); err != nil {
		t.Errorf("empty folder: %v", err)
	}
}
