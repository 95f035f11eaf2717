package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/platform"
	"qinglang/internal/report"
)

// Partner platforms in the demo answer most notices through the same
// call as the platform API, so the liaison page, the compliance ranking
// and the reporter's timeline all have something to show. No platform
// has a webhook: the demo has no receiver to post to.

// platformAnswer is the platform's answer to s's notice, some 4 to 40
// hours after it, or nothing for about a quarter of the notices (they
// stay open, some of them overdue). Its own generator, seeded by the
// case, keeps the rest of the demo's random draws as they were.
func platformAnswer(s *seeded) []act {
	rng := rand.New(rand.NewPCG(uint64(s.id), 0x9e3779b9))
	if rng.IntN(4) == 0 {
		return nil
	}
	response := weighted(rng, []choice{{"removed", 60}, {"restricted", 20}, {"no_violation", 10}, {"not_found", 10}})
	note := map[string]string{
		"removed":      "已删除相关内容，并对发布账号禁言 7 天。",
		"restricted":   "已对相关内容限制传播，账号列入重点巡查。",
		"no_violation": "经复核，该内容为正常商品推广，未发现违规。",
		"not_found":    "按所给链接未找到该内容，可能已被作者删除。",
	}[response]
	return []act{{time.Duration(4+rng.IntN(36)) * h, func(ctx context.Context, w *world, s *seeded) error {
		id := w.plats[s.platform]
		open, _, err := w.svc.PlatformNotices(ctx, id, report.NoticeFilter{Status: "sent", PerPage: 200})
		if err != nil {
			return err
		}
		for _, n := range open {
			if n.Case == s.code {
				return w.svc.RespondNotice(ctx, report.Responder{PlatformID: id, Actor: "platform:" + s.platform, By: "demo"},
					n.ID, report.NoticeResponse{Response: response, Note: note})
			}
		}
		return fmt.Errorf("demo: no open notice of case %s for %s", s.code, s.platform)
	}}}
}

// demoKeyPlatforms get an API key at demo start, printed with the
// accounts, so the platform API can be tried at once.
var demoKeyPlatforms = []string{"yongcheng_bbs", "lvcheng_video", "nanning_news"}

// PlatformKey is an API key made for the demo, shown once.
type PlatformKey struct {
	Platform, Name, Key string
}

// PlatformKeys gives the demo's key platforms an API key each.
func PlatformKeys(ctx context.Context, m Target) ([]PlatformKey, error) {
	reg := platform.New(m.DB, m.Keys, nil)
	admin := &auth.Principal{Username: "admin", Role: auth.Admin}
	if err := m.DB.Read().QueryRowContext(ctx, `SELECT id FROM users WHERE username = 'admin'`).Scan(&admin.UserID); err != nil {
		return nil, fmt.Errorf("demo: the admin account: %w", err)
	}
	var out []PlatformKey
	for _, code := range demoKeyPlatforms {
		p, err := reg.GetByCode(ctx, code)
		if err != nil {
			return nil, fmt.Errorf("demo: platform %s: %w", code, err)
		}
		_, key, err := reg.CreateKey(ctx, admin, p.ID, "演示密钥")
		if err != nil {
			return nil, err
		}
		out = append(out, PlatformKey{Platform: code, Name: p.Name, Key: key})
	}
	return out, nil
}
