package demo

import (
	"context"
	"fmt"
	"time"

	"qinglang/internal/category"
)

// enterprise is a fictional company in a real district; div makes its
// credit code look like one registered there.
type enterprise struct{ name, div string }

var enterprises = []enterprise{
	{"南宁绿城食品有限公司", "450103"},
	{"广西八桂茶业有限公司", "450107"},
	{"南宁邕江物流有限公司", "450105"},
	{"广西东盟数字科技有限公司", "450110"},
	{"横州市茉莉花茶业有限公司", "450181"},
	{"南宁五象建材有限责任公司", "450108"},
}

// creditCode makes a valid unified social credit code: 9 1 (an enterprise
// registered with market regulation), the division, "MA" as new
// registrations since 2015 have, six more characters and the check
// character.
func (g *generator) creditCode(div string) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	body := []byte("91" + div + "MA5")
	for range 6 {
		body = append(body, chars[g.rng.IntN(len(chars))])
	}
	return string(body) + string(category.USCCCheckChar(string(body)))
}

// zoneFields fills a zone's extra fields the way a reporter would; option
// codes are the zone definitions' own.
func (g *generator) zoneFields(ctx context.Context, zone string, at time.Time) (map[string]any, error) {
	rng := g.rng
	switch zone {
	case "enterprise_infringement":
		license, err := g.files.newLicense(ctx)
		if err != nil {
			return nil, err
		}
		e := pick(rng, enterprises)
		p := pick(rng, platforms)
		return map[string]any{
			"kind":             pick(rng, []string{"impersonation", "misleading", "rumor", "insulting", "privacy_leak", "interference"}),
			"enterprise_name":  e.name,
			"credit_code":      g.creditCode(e.div),
			"filer":            "self",
			"license_files":    []string{license},
			"infringing_urls":  []string{fmt.Sprintf("https://%s/p/%d", firstDomain(p.Domains), 100000+rng.IntN(900000))},
			"evidence_summary": "相关内容与事实不符：我公司经营正常，已附营业执照及最近一期审计报告。发布者未向我公司核实，内容已被大量转载，造成客户流失。",
			"declaration":      true,
		}, nil
	case "cyberviolence":
		f := map[string]any{
			"victim":     pick(rng, []string{"self", "other"}),
			"kind":       pick(rng, []string{"insult", "doxxing", "rumor", "threat", "incite"}),
			"started_on": at.AddDate(0, 0, -rng.IntN(14)).In(cst).Format("2006-01-02"),
		}
		if rng.IntN(2) == 0 {
			f["victim_name"], _ = person(rng)
		}
		return f, nil
	case "elderly_fraud":
		return map[string]any{
			"victim_age_band": pick(rng, []string{"60-69", "70-79", "80+", "unknown"}),
			"amount":          float64(1+rng.IntN(60)) * 500,
			"fraud_type":      pick(rng, []string{"health_products", "investment", "insurance", "elderly_care_services", "antiques"}),
		}, nil
	case "algorithm":
		return map[string]any{
			"app_name": pick(rng, []string{"八桂生活App", "某外卖平台", "某酒店预订App", "绿城短视频"}),
			"problem":  pick(rng, []string{"price_discrimination", "addiction", "info_cocoon", "minors", "worker_rights", "list_manipulation"}),
		}, nil
	case "practitioner":
		return map[string]any{
			"practitioner_account": "@" + pick(rng, []string{"说南宁的老邕", "邕城爆料哥", "绿城观察员", "八桂热点"}),
			"employer_platform":    pick(rng, platforms).Name,
			"misconduct":           pick(rng, []string{"fake_news", "paid_deletion", "extortion", "plagiarism"}),
		}, nil
	case "historical_nihilism":
		if rng.IntN(2) == 0 {
			return map[string]any{"subject_kind": "event", "subject": pick(rng, []string{"百色起义", "昆仑关战役"}), "content_kind": pick(rng, []string{"distortion", "denial", "mockery"})}, nil
		}
		return map[string]any{"subject_kind": "person", "subject": "韦拔群烈士", "content_kind": pick(rng, []string{"defamation", "mockery"})}, nil
	}
	return nil, nil
}
