package web_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/config"
	"qinglang/internal/platform"
	"qinglang/internal/report"
)

// platformWorld is a running server with two partner platforms, a key
// for each, an admin and an analyst.
type platformWorld struct {
	*testServer
	admin, analyst *auth.Principal
	a, b           int64 // weibo (seeded) and douyin
	keyA, keyB     string
}

func newPlatformWorld(t *testing.T, dbURL string, options ...func(*config.Config)) *platformWorld {
	ts := startServer(t, dbURL, options...)
	ts.seed()
	w := &platformWorld{testServer: ts}
	ctx, now := context.Background(), time.Now()
	err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		for _, u := range []struct {
			p    **auth.Principal
			name string
			role auth.Role
		}{{&w.admin, "admin1", auth.Admin}, {&w.analyst, "analyst1", auth.Analyst}} {
			id, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: u.name, DisplayName: u.name, Role: u.role}, staffPassword, now)
			if err != nil {
				return err
			}
			*u.p = &auth.Principal{UserID: id, Username: u.name, Role: u.role}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	weibo, _ := ts.Platforms.GetByCode(ctx, testPlatform)
	w.a = weibo.ID
	saved, err := ts.Platforms.Save(ctx, w.admin, platform.Platform{Code: "douyin", Name: "抖音", Kind: "short_video"})
	if err != nil {
		t.Fatal(err)
	}
	w.b = saved.ID
	if _, w.keyA, err = ts.Platforms.CreateKey(ctx, w.admin, w.a, "审核系统"); err != nil {
		t.Fatal(err)
	}
	if _, w.keyB, err = ts.Platforms.CreateKey(ctx, w.admin, w.b, "审核系统"); err != nil {
		t.Fatal(err)
	}
	return w
}

func bearer(key string) []string { return []string{"Authorization", "Bearer " + key} }

// notice files a report, accepts it and notifies platform a; it returns
// the case's receipt and the notice id.
func (w *platformWorld) notice(t *testing.T) (receipt, int64) {
	t.Helper()
	r := w.postJSON("/api/v1/reports", map[string]any{"category": "fraud", "content": "虚假投资理财网站，诱导转账。",
		"urls": []any{"https://weibo.com/t/9"}, "reporter": map[string]any{"anonymous": true}})
	var rec receipt
	r.JSON(t, &rec)
	var caseID int64
	w.DB.Read().QueryRow(`SELECT id FROM reports WHERE tracking_code = $1`, rec.TrackingCode).Scan(&caseID)
	ctx := context.Background()
	if err := w.Reports.Accept(ctx, w.analyst, caseID, ""); err != nil {
		t.Fatal(err)
	}
	if err := w.Reports.Notify(ctx, w.analyst, caseID, report.NoticeInput{PlatformID: w.a, What: "删除诈骗帖", Location: "https://weibo.com/t/9", Reason: "涉嫌诈骗"}); err != nil {
		t.Fatal(err)
	}
	var id int64
	w.DB.Read().QueryRow(`SELECT max(id) FROM notices WHERE report_id = $1`, caseID).Scan(&id)
	return rec, id
}
