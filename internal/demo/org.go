package demo

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"qinglang/internal/i18n"
	"qinglang/internal/org"
)

// district is a Nanning county-level division or development zone; div is
// its GB/T 2260 code, used in the credit codes of enterprises there.
type district struct {
	org.District
	div    string
	weight int // share of reports: the central districts see the most
}

func d(code, zh, en, kind, div string, weight int) district {
	return district{org.District{Code: code, Name: i18n.Text{Zh: zh, En: en}, Kind: kind}, div, weight}
}

// districts are the 15 divisions of Nanning in the order the city lists them.
var districts = []district{
	d("xingning", "兴宁区", "Xingning District", "district", "450102", 9),
	d("qingxiu", "青秀区", "Qingxiu District", "district", "450103", 14),
	d("jiangnan", "江南区", "Jiangnan District", "district", "450105", 9),
	d("xixiangtang", "西乡塘区", "Xixiangtang District", "district", "450107", 12),
	d("liangqing", "良庆区", "Liangqing District", "district", "450108", 6),
	d("yongning", "邕宁区", "Yongning District", "district", "450109", 4),
	d("wuming", "武鸣区", "Wuming District", "district", "450110", 5),
	d("longan", "隆安县", "Long'an County", "county", "450123", 2),
	d("mashan", "马山县", "Mashan County", "county", "450124", 2),
	d("shanglin", "上林县", "Shanglin County", "county", "450125", 2),
	d("binyang", "宾阳县", "Binyang County", "county", "450126", 4),
	d("hengzhou", "横州市", "Hengzhou City", "city", "450181", 4),
	d("gaoxin", "高新区", "Nanning High-tech Industrial Development Zone", "zone", "450107", 4),
	d("jingkai", "经开区", "Nanning Economic and Technological Development Zone", "zone", "450105", 3),
	d("dongmeng", "东盟经开区", "Guangxi-ASEAN Economic and Technological Development Zone", "zone", "450110", 2),
}

// departments take transfers; the keys say which cases go where.
var departments = []org.Department{
	{Code: "cac", Name: i18n.Text{Zh: "市委网信办", En: "Cyberspace Affairs Office"}},
	{Code: "culture", Name: i18n.Text{Zh: "市文化市场综合行政执法支队", En: "Cultural Market Law Enforcement"}},
	{Code: "press", Name: i18n.Text{Zh: "市新闻出版局", En: "Press and Publication Administration"}},
	{Code: "market", Name: i18n.Text{Zh: "市市场监督管理局", En: "Market Regulation Administration"}},
	{Code: "police", Name: i18n.Text{Zh: "市公安局网络安全保卫支队", En: "Public Security Bureau, Cyber Security Division"}, IsPolice: true},
	{Code: "education", Name: i18n.Text{Zh: "市教育局", En: "Education Bureau"}},
	{Code: "health", Name: i18n.Text{Zh: "市卫生健康委员会", En: "Health Commission"}},
	{Code: "tourism", Name: i18n.Text{Zh: "市文化广电和旅游局", En: "Culture, Radio, Television and Tourism Bureau"}},
	{Code: "finance", Name: i18n.Text{Zh: "南宁金融监管分局", En: "Financial Regulatory Administration, Nanning Branch"}},
	{Code: "telecom", Name: i18n.Text{Zh: "市通信管理办公室", En: "Communications Administration"}},
}

// platforms are fictional partner platforms; their domains use the
// reserved .example TLD so no demo link points at a real site.
var platforms = []org.Platform{
	{Code: "yongcheng_bbs", Name: "邕城论坛", Kind: "forum", Domains: "bbs.yongcheng.example"},
	{Code: "nanning_toutiao", Name: "南宁头条号", Kind: "social", Domains: "nntoutiao.example"},
	{Code: "lvcheng_video", Name: "绿城短视频", Kind: "short_video", Domains: "lvchengvideo.example,v.lvcheng.example"},
	{Code: "bagui_life", Name: "八桂生活App", Kind: "other", Domains: "baguilife.example"},
	{Code: "nanning_news", Name: "南宁新闻网", Kind: "news", Domains: "news.nanning.example"},
	{Code: "yongjiang_evening", Name: "邕江晚报客户端", Kind: "news", Domains: "yjwb.example"},
	{Code: "zhuangxiang_live", Name: "壮乡直播", Kind: "live", Domains: "zxlive.example"},
	{Code: "nanhu_qa", Name: "南湖问答", Kind: "forum", Domains: "nanhuqa.example"},
	{Code: "qingxiu_community", Name: "青秀邻里社区", Kind: "forum", Domains: "qxlinli.example"},
	{Code: "yongjia_secondhand", Name: "邕家二手", Kind: "ecommerce", Domains: "yjershou.example"},
	{Code: "asean_shop", Name: "东盟微店", Kind: "ecommerce", Domains: "aseanshop.example"},
	{Code: "nanning_guide", Name: "南宁吃喝玩乐", Kind: "other", Domains: "nnguide.example"},
}

// units are the joint rumor-debunking alliance's member units.
var units = []org.Unit{
	{Code: "nanning_daily", Name: "南宁日报社", Kind: "media"},
	{Code: "nanning_tv", Name: "南宁广播电视台", Kind: "media"},
	{Code: "gxu_journalism", Name: "广西大学新闻与传播学院", Kind: "university"},
	{Code: "nanning_cast", Name: "南宁市科学技术协会", Kind: "association"},
}

// campaign is a special campaign; reports of its categories filed in its
// period join it.
type campaign struct {
	code, zh, en, categories string
	from, to                 int // days relative to now
}

var campaigns = []campaign{
	{"rumor_2026", "清朗·打击网络谣言专项行动", "Qinglang campaign against online rumors", "rumor", -60, 30},
	{"enterprise_infringement", "涉企侵权专项举报", "Special reporting of infringements against enterprises", "infringement", -120, 180},
}

// ids are the seeded rows' ids by code.
type ids map[string]int64

// seedOrg writes the reference data and returns the ids that accounts
// are scoped by.
func seedOrg(ctx context.Context, tx *sql.Tx, now time.Time) (depts, plats, unitIDs ids, err error) {
	depts, plats, unitIDs = ids{}, ids{}, ids{}
	for i, x := range districts {
		if _, err = org.AddDistrict(ctx, tx, x.District, i+1); err != nil {
			return
		}
	}
	for _, x := range departments {
		if depts[x.Code], err = org.AddDepartment(ctx, tx, x); err != nil {
			return
		}
	}
	for _, x := range platforms {
		if plats[x.Code], err = org.AddPlatform(ctx, tx, x, now); err != nil {
			return
		}
	}
	for _, x := range units {
		if unitIDs[x.Code], err = org.AddUnit(ctx, tx, x); err != nil {
			return
		}
	}
	for _, c := range campaigns {
		_, err = tx.ExecContext(ctx, `INSERT INTO campaigns (code, title_zh, title_en, starts_at, ends_at, categories) VALUES ($1,$2,$3,$4,$5,$6)`,
			c.code, c.zh, c.en, now.AddDate(0, 0, c.from), now.AddDate(0, 0, c.to), c.categories)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("demo: campaign: %w", err)
		}
	}
	return
}
