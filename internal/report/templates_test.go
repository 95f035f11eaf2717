package report_test

import (
	"context"
	"testing"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/report"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func TestReplyTemplates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		admin := &auth.Principal{UserID: w.analyst.UserID, Username: "admin", Role: auth.Admin}
		fraud := report.ReplyTemplate{Code: "fraud-done", Title: "诈骗已处置", Category: "fraud",
			Body: "您于{{date}}举报的{{ category }}信息（查询码 {{tracking_code}}）已处置。"}
		if _, err := w.svc.SaveTemplate(ctx, w.analyst, fraud); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("analyst saved a template: %v", err)
		}
		id, err := w.svc.SaveTemplate(ctx, admin, fraud)
		w.must(err)
		_, err = w.svc.SaveTemplate(ctx, admin, report.ReplyTemplate{Code: "thanks", Title: "通用感谢", Body: "感谢您的举报。"})
		w.must(err)
		_, err = w.svc.SaveTemplate(ctx, admin, report.ReplyTemplate{Code: "porn", Title: "色情", Body: "已处理。", Category: "porn"})
		w.must(err)

		for _, c := range []struct {
			in     report.ReplyTemplate
			fields []string
		}{
			{report.ReplyTemplate{Code: "Bad Code", Title: "", Body: "x {{name}}", Category: "nope"}, []string{"code", "title", "body", "category"}},
			{report.ReplyTemplate{Code: "thanks", Title: "重复", Body: "x"}, []string{"code"}},
		} {
			_, err := w.svc.SaveTemplate(ctx, admin, c.in)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid || len(e.Fields) != len(c.fields) {
				t.Fatalf("%+v: %v", c.in, err)
			}
			for i, f := range e.Fields {
				if f.Field != c.fields[i] || f.Zh == "" || f.En == "" {
					t.Errorf("field %d: %+v", i, f)
				}
			}
		}

		list, err := w.svc.Templates(ctx, w.operator, "fraud")
		w.must(err)
		if len(list) != 2 || list[0].Code != "thanks" || list[1].Code != "fraud-done" {
			t.Fatalf("fraud templates: %+v", list)
		}
		if all, _ := w.svc.Templates(ctx, admin, ""); len(all) != 3 {
			t.Errorf("all templates: %d", len(all))
		}
		d := &report.CaseDetail{TrackingCode: "6PD2H-TSN1V", Category: "fraud", CreatedAt: time.Date(2025, 11, 27, 18, 0, 0, 0, time.UTC)}
		if got, want := report.Render(list[1], d), "您于2025年11月28日举报的诈骗信息（查询码 6PD2H-TSN1V）已处置。"; got != want {
			t.Errorf("render: %q, want %q", got, want)
		}

		fraud.ID, fraud.Title = id, "诈骗类已处置"
		_, err = w.svc.SaveTemplate(ctx, admin, fraud)
		w.must(err)
		w.must(w.svc.DeleteTemplate(ctx, admin, id))
		if err := w.svc.DeleteTemplate(ctx, admin, id); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("second delete: %v", err)
		}
		var n int
		db.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE action LIKE 'admin.template.%' AND actor = 'admin'`).Scan(&n)
		if n != 5 {
			t.Errorf("audit entries: %d, want 5", n)
		}
	})
}
