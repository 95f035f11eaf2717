package demo

import (
	"context"
	"fmt"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/report"
	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// holidays2026 is DEMO DATA: the 2026 public holidays and 调休 workdays
// as the State Council announced them, entered so that working-day SLAs
// in the demo skip 国庆 and 中秋 as a real center's would. A real center
// enters each year's calendar from the official notice itself.
var holidays2026 = []struct {
	from, to string // days off, inclusive
	name     string
	workdays []string // weekend days worked instead
}{
	{"2026-01-01", "2026-01-03", "元旦", []string{"2026-01-04"}},
	{"2026-02-15", "2026-02-23", "春节", []string{"2026-02-14", "2026-02-28"}},
	{"2026-04-04", "2026-04-06", "清明节", nil},
	{"2026-05-01", "2026-05-05", "劳动节", []string{"2026-05-09"}},
	{"2026-06-19", "2026-06-21", "端午节", nil},
	{"2026-09-25", "2026-09-27", "中秋节", nil},
	{"2026-10-01", "2026-10-07", "国庆节", []string{"2026-09-20", "2026-10-10"}},
}

// seedCalendar enters the holiday calendar through the admin's own
// function, so it is audited like any change of the calendar.
func seedCalendar(ctx context.Context, db *store.DB, admin *auth.Principal) error {
	for _, h := range holidays2026 {
		from, _ := time.Parse(time.DateOnly, h.from)
		to, _ := time.Parse(time.DateOnly, h.to)
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			if err := sla.SetHoliday(ctx, db, admin, d.Format(time.DateOnly), "holiday", h.name+"（演示数据）"); err != nil {
				return fmt.Errorf("demo: holiday %s: %w", h.name, err)
			}
		}
		for _, w := range h.workdays {
			if err := sla.SetHoliday(ctx, db, admin, w, "workday", h.name+"调休上班（演示数据）"); err != nil {
				return fmt.Errorf("demo: workday %s: %w", w, err)
			}
		}
	}
	return nil
}

// replyTemplates are the center's standard answers the analysts start from.
var replyTemplates = []report.ReplyTemplate{
	{Code: "removed", Title: "已通知平台删除", Body: "您好！您于{{date}}举报的{{category}}信息（查询码 {{tracking_code}}）经核查属实，已通知相关平台依法删除，并对发布账号作出处置。感谢您对清朗网络空间的支持！"},
	{Code: "transferred", Title: "已移交主管部门", Body: "您好！您举报的线索（查询码 {{tracking_code}}）已移交有关部门依法处理，部门已反馈处置结果。如遇财产损失，请及时拨打110报警。"},
	{Code: "rumor", Title: "谣言已辟谣", Category: "rumor", Body: "您好！经核实，您举报的说法为不实信息，有关部门已发布辟谣说明，相关内容已删除。请以官方发布为准，不信谣、不传谣。"},
	{Code: "fraud_warning", Title: "诈骗线索已处置", Category: "fraud", Body: "您好！您举报的涉诈线索已移交公安机关，相关网站已封堵。请牢记：凡是要求先转账、刷单返利、冒充客服退款的都是诈骗。"},
	{Code: "not_found", Title: "未发现违法内容", Body: "您好！经核查，您{{date}}举报的内容未发现违法和不良信息。如有新的证据，欢迎通过查询码 {{tracking_code}} 补充材料。"},
}

func seedTemplates(ctx context.Context, svc *report.Service, admin *auth.Principal) error {
	for _, t := range replyTemplates {
		if _, err := svc.SaveTemplate(ctx, admin, t); err != nil {
			return fmt.Errorf("demo: template %s: %w", t.Code, err)
		}
	}
	return nil
}
