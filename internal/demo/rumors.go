package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"qinglang/internal/monitor"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
)

// The rumor center's demo: a rumor database of the kind of stories that
// go round a city, reports that repeat them (matched at intake, so their
// reporters are pointed at the debunk), a burst of one old rumor in the
// last two hours that raises an early warning, monitored feeds and
// imported items, and verification tasks sent to departments.

// demoRumor is an entry of the rumor database with the texts people
// repeat it in.
type demoRumor struct {
	key                            string // the debunk's address on the fictional 辟谣 site
	title, verdict, topic, summary string
	region                         string
	claims                         []string
	depts                          []string
	debunk                         string // the debunk's title; "" for none
	// retellings are what reporters write: close wordings the matcher
	// links, looser ones it keeps as near misses for an editor, and
	// paraphrases it does not recognize at all.
	retellings []string
}

const burstRumor = "metro_line1"

var demoRumors = []demoRumor{
	{key: "tap_water", title: "某小区自来水被污染、喝了会中毒", verdict: "rumor", topic: "饮水安全",
		summary: "经市卫健委和供水企业检测，相关小区出厂水和末梢水各项指标均符合国家标准。网传照片系外地旧图。",
		claims:  []string{"南宁某小区自来水被污染，喝了会中毒，大家赶紧买瓶装水", "小区自来水被污染了，水龙头流出黄水，千万别喝"},
		depts:   []string{"health"}, debunk: "南宁市卫健委：网传“某小区自来水被污染”不实，水质检测全部达标",
		retellings: []string{"南宁某小区自来水被污染，喝了会中毒，大家赶紧去超市买瓶装水", "群里都在说小区自来水被污染了，水龙头流出黄水千万别喝",
			"听说小区自来水被污染，喝了会中毒，是真的吗", "听说我们这边的自来水有毒，好几户人家喝了拉肚子"}},
	{key: "canteen", title: "某学校食堂发生集体食物中毒", verdict: "false", topic: "食品安全",
		summary: "经市教育局、市场监管局联合核查，该校当日仅有2名学生因肠胃不适就医，与食堂饮食无关，不存在集体食物中毒。",
		claims:  []string{"南宁某学校食堂发生集体食物中毒，几十名学生送医抢救", "某中学食堂饭菜有问题，全校学生食物中毒"},
		depts:   []string{"education", "market"}, debunk: "市教育局、市市场监管局：某校“集体食物中毒”系不实信息",
		retellings: []string{"南宁某学校食堂发生集体食物中毒，几十名学生被送医院抢救", "家长群疯传某中学食堂饭菜有问题，全校学生食物中毒",
			"孩子学校好像出事了，说是吃了食堂的饭很多人上吐下泻"}},
	{key: "sinkhole", title: "民族大道因地陷全线封闭三个月", verdict: "misleading", topic: "交通出行",
		summary: "民族大道某路口人行道出现约1平方米塌陷，已于当晚修复，仅临时占用一条车道，不存在全线封闭。",
		claims:  []string{"民族大道发生地陷，全线封闭三个月，请绕行", "民族大道路面塌陷出现大坑，车辆掉进去了，道路封闭"},
		depts:   []string{"police"}, debunk: "交警部门：民族大道“全线封闭三个月”说法误导，塌陷点已当晚修复",
		retellings: []string{"民族大道发生地陷，全线封闭三个月，大家出门请绕行", "朋友圈说民族大道路面塌陷出现大坑，有车掉进去了，道路已经封闭",
			"民族大道那边好像塌了个洞，是不是要封路很久"}},
	{key: "plastic_rice", title: "某超市售卖“塑料大米”", verdict: "rumor", topic: "食品安全",
		summary: "市场监管部门抽检该超市在售大米，未发现任何塑料成分；视频中“大米结块”系受潮所致。",
		claims:  []string{"某超市在卖塑料大米，煮出来的饭能搓成球还能弹起来", "超市卖的大米是塑料做的，用火一烧就冒黑烟"},
		depts:   []string{"market"}, debunk: "市市场监管局：“超市卖塑料大米”是老谣言，抽检未发现问题",
		retellings: []string{"某超市在卖塑料大米，煮出来的饭能搓成球还能弹起来，太可怕了", "超市卖的大米是塑料做的，用火一烧就冒黑烟，大家注意",
			"买的米煮了之后怪怪的，网上说是假米"}},
	{key: "scenic_free", title: "青秀山景区即日起门票全免", verdict: "misleading", topic: "文化旅游",
		summary: "青秀山景区仅在特定节日对特定人群免票，其余时间正常售票。网传“即日起全免”系截取旧通知。",
		claims:  []string{"青秀山景区即日起门票全部免费，所有游客都不用买票", "好消息：青秀山门票从今天开始全免，转给需要的人"},
		depts:   []string{"tourism"}, debunk: "市文广旅局：青秀山“门票全免”为旧通知，请以景区公告为准",
		retellings: []string{"青秀山景区即日起门票全部免费，所有游客都不用买票了", "好消息：青秀山门票从今天开始全免，赶紧转给需要的人"}},
	{key: burstRumor, title: "南宁地铁1号线明天起全线停运", verdict: "rumor", topic: "轨道交通",
		summary: "南宁轨道交通集团未发布任何停运通知，1号线正常运营。网传截图系伪造的运营公告。",
		claims:  []string{"南宁地铁1号线明天起全线停运检修一个月，上班的提前安排", "地铁1号线要停运了，明天开始全线停运一个月"},
		depts:   []string{"cac", "police"}, debunk: "南宁轨道交通：网传“1号线全线停运一个月”系伪造公告",
		retellings: []string{"南宁地铁1号线明天起全线停运检修一个月，上班的朋友提前安排", "紧急通知：地铁1号线要停运了，明天开始全线停运一个月",
			"南宁地铁一号线明天起全线停运检修一个月！上班族注意", "听说地铁1号线明天开始全线停运检修一个月，是真的吗"}},
	{key: "fever_hospital", title: "某医院拒收发热病人", verdict: "unverified", topic: "卫生健康",
		summary:    "网传某医院急诊拒收发热病人，正由市卫健委核实。",
		claims:     []string{"南宁某医院急诊拒收发热病人，让病人自己回家", "某医院发热门诊不接诊，发烧的病人被赶走"},
		depts:      []string{"health"},
		retellings: []string{"南宁某医院急诊拒收发热病人，还让病人自己回家", "某医院发热门诊不接诊，我家老人发烧被赶走了"}},
	{key: "pension", title: "养老金下月起停发", verdict: "rumor", topic: "社会保障",
		summary: "人社部门表示养老金按时足额发放，不存在停发。该消息常被用于诱导老人办理所谓“养老保险升级”。",
		claims:  []string{"养老金下个月开始停发，退休老人赶紧去社保局办手续", "紧急通知：下月起养老金暂停发放，要重新认证才能领"},
		depts:   []string{"cac", "police"}, debunk: "南宁人社：“养老金下月停发”系谣言，谨防借机诈骗",
		retellings: []string{"养老金下个月开始停发，退休老人赶紧去社保局办手续", "紧急通知：下月起养老金暂停发放，要重新认证才能领，转给家里老人",
			"听说养老金以后不发了，我爸妈急得睡不着"}},
	{key: "bank_collapse", title: "北湖路某银行即将倒闭", verdict: "rumor", topic: "金融",
		summary: "金融监管部门表示该行经营正常、流动性充足，存款受存款保险保障。造谣者已被公安机关依法处理。",
		claims:  []string{"北湖路某银行即将倒闭，存款取不出来了，赶紧去取钱", "某银行资金链断裂马上要破产，存在里面的钱都拿不回来"},
		depts:   []string{"finance", "police"}, debunk: "南宁金融监管分局：网传“某银行即将倒闭”系谣言",
		retellings: []string{"北湖路某银行即将倒闭，存款取不出来了，大家赶紧去取钱", "某银行资金链断裂马上要破产，存在里面的钱都拿不回来了"}},
	{key: "earthquake", title: "南宁今晚将发生7级地震", verdict: "rumor", topic: "防灾减灾",
		summary: "地震部门表示，目前地震预报在世界范围内尚无法做到准确预测时间地点，凡是具体到时间的“地震预报”都是谣言。",
		claims:  []string{"南宁今晚将发生7级地震，请大家不要待在室内", "地震局内部消息：南宁今晚有大地震，赶紧转告家人"},
		depts:   []string{"cac"}, debunk: "市地震局：“南宁今晚7级地震”系谣言，地震无法精确预报",
		retellings: []string{"南宁今晚将发生7级地震，请大家今晚不要待在室内", "地震局内部消息：南宁今晚有大地震，赶紧转告家人"}},
	{key: "typhoon", title: "台风正面登陆南宁全市停课一周", verdict: "false", topic: "防灾减灾",
		summary: "气象部门未发布台风正面登陆南宁的预报，教育部门未发布停课通知。网传截图伪造气象台标识。",
		claims:  []string{"台风将正面登陆南宁，全市停课一周", "气象台发布：台风直扑南宁，全市中小学停课一周"},
		depts:   []string{"education"}, debunk: "市教育局、市气象台：网传“全市停课一周”不实",
		retellings: []string{"台风将正面登陆南宁，全市中小学停课一周", "气象台发布：台风直扑南宁，全市中小学停课一周，家长注意"}},
	{key: "dead_fish", title: "邕江某段出现大量死鱼", verdict: "true", topic: "生态环境",
		summary:    "经核实，邕江某段因持续高温、水体溶解氧偏低出现死鱼，相关部门已打捞并加强水质监测。",
		claims:     []string{"邕江边出现大量死鱼，一大片漂在水面上", "邕江发现很多死鱼，江水有异味"},
		depts:      []string{"market"},
		retellings: []string{"邕江边出现大量死鱼，一大片漂在水面上，是不是水被污染了", "邕江发现很多死鱼，江水有异味"}},
	{key: "rider", title: "外卖骑手在商场被保安围殴致死", verdict: "false", topic: "社会治安",
		summary: "经公安机关调查，系一名外卖骑手与保安发生口角推搡，双方均无大碍，已调解处理，不存在“围殴致死”。",
		claims:  []string{"外卖骑手在万象城被保安围殴致死，大家转发讨个公道", "一名外卖小哥在商场送餐被保安活活打死"},
		depts:   []string{"police"}, debunk: "警方通报：“外卖骑手被围殴致死”不实，双方纠纷已调解",
		retellings: []string{"外卖骑手在万象城被保安围殴致死，大家转发讨个公道", "一名外卖小哥在商场送餐被保安活活打死了",
			"外卖骑手在万象城被保安打了，听说人没了"}},
}

// seedRumors saves the rumor database as the demo editor, three to four
// months back, before the first report comes in.
func seedRumors(ctx context.Context, db *store.DB, w *world, now time.Time) (map[string]int64, error) {
	ids := map[string]int64{}
	for i, d := range demoRumors {
		at := now.AddDate(0, 0, -120+2*i)
		r := rumor.Rumor{Title: d.title, Verdict: rumor.Verdict(d.verdict), Topic: d.topic, Region: d.region, Summary: d.summary, Claims: d.claims}
		for _, code := range d.depts {
			r.DepartmentIDs = append(r.DepartmentIDs, w.depts[code])
		}
		if d.debunk != "" {
			pub := at
			r.Debunks = []rumor.Debunk{{Title: d.debunk, URL: "https://piyao.nanning.example/" + d.key + ".html", PublishedAt: &pub}}
		}
		id, err := rumor.Save(ctx, db, w.crew["editor"], r, at)
		if err != nil {
			return nil, fmt.Errorf("demo: rumor %s: %w", d.key, err)
		}
		ids[d.key] = id
	}
	return ids, nil
}

// matcherFor matches reports at intake, as the app wires it.
func matcherFor(m *rumor.Matcher) func(string) []report.RumorHit {
	return func(text string) []report.RumorHit {
		var out []report.RumorHit
		for _, h := range m.Match(text, 5) {
			out = append(out, report.RumorHit{RumorID: h.RumorID, Score: h.Score, Linked: h.Linked})
		}
		return out
	}
}

// retelling is a rumor as a reporter passes it on: reworded, with emoji,
// in traditional characters, with the link it came with, or inside what
// the reporter says about it.
func retelling(rng *rand.Rand, d demoRumor, where string) string {
	s := pick(rng, d.retellings)
	switch rng.IntN(5) {
	case 0:
		s = withEmoji(rng, s)
	case 1:
		s = traditional(s)
	case 2:
		s += fmt.Sprintf(" https://t.cn/A6%04x", rng.IntN(1<<16))
	}
	var b strings.Builder
	if where != "" && rng.IntN(2) == 0 {
		b.WriteString("在" + where + "上看到有人转发：")
	} else {
		b.WriteString(pick(rng, []string{"网传：", "有人在群里发：", "", "朋友圈疯传“"}))
	}
	b.WriteString(s)
	if strings.Contains(b.String(), "“") {
		b.WriteString("”")
	}
	b.WriteString("。")
	if e := pick(rng, effects); e != "" {
		b.WriteString(e + "，")
	}
	b.WriteString(pick(rng, []string{"请核实是不是谣言。", "请尽快辟谣。", "恳请核实。", "希望有关部门澄清。"}))
	return b.String()
}

var emojis = []string{"😱", "‼️", "🔥", "🙏", "⚠️", "😭", "👉"}

func withEmoji(rng *rand.Rand, s string) string {
	var b strings.Builder
	b.WriteString(pick(rng, emojis))
	for i, r := range []rune(s) {
		if i > 0 && rng.IntN(9) == 0 {
			b.WriteString(pick(rng, emojis))
		}
		b.WriteRune(r)
	}
	return b.String() + pick(rng, emojis) + pick(rng, emojis)
}

// traditional writes s as a Hong Kong or Taiwan repost would, as far as
// the characters of the demo's rumors go.
var toTraditional = strings.NewReplacer(strings.Split(
	"网,網,传,傳,说,說,发,發,现,現,这,這,个,個,们,們,门,門,长,長,东,東,车,車,铁,鐵,线,線,时,時,间,間,过,過,区,區,学,學,医,醫,"+
		"银,銀,闭,閉,关,關,为,為,会,會,来,來,运,運,报,報,风,風,养,養,饭,飯,鱼,魚,赶,趕,紧,緊,买,買,污,汙,场,場,饮,飲,"+
		"从,從,开,開,进,進,转,轉,给,給,让,讓,卖,賣,烧,燒,烟,煙,钱,錢,断,斷,链,鏈,产,產,将,將,级,級,灾,災,气,氣,课,課,"+
		"边,邊,国,國,骑,騎,围,圍,殴,毆,宁,寧,检,檢,办,辦,续,續,认,認,证,證,领,領,诊,診,动,動,体,體,应,應,听,聽,吗,嗎,"+
		"亲,親,属,屬,绕,繞,乱,亂", ",")...)

func traditional(s string) string { return toTraditional.Replace(s) }

// seedBurst files reworded reports of one old rumor in the last two hours,
// as when a debunked rumor suddenly goes round again.
func seedBurst(ctx context.Context, g *generator, svc *report.Service, clock *time.Time) error {
	var d demoRumor
	for _, x := range demoRumors {
		if x.key == burstRumor {
			d = x
		}
	}
	// The burst is of wordings the matcher links, so it gathers in the
	// rumor's cluster.
	burst := d
	burst.retellings = d.retellings[:3]
	channels := []report.Channel{"web", "mobile", "miniprogram", "wechat", "weibo"}
	for i := range 15 {
		*clock = g.now.Add(-2*time.Hour + time.Duration(i)*7*time.Minute + time.Duration(g.rng.IntN(120))*time.Second)
		p := pick(g.rng, platforms)
		sub := report.Submission{Category: "rumor", Channel: string(pick(g.rng, channels)), Reporter: report.Reporter{Anonymous: true},
			Content: retelling(g.rng, burst, p.Name),
			URLs:    []string{fmt.Sprintf("https://%s/t/%d", firstDomain(p.Domains), 100000+g.rng.IntN(900000))}}
		if _, err := svc.Submit(ctx, sub, "web"); err != nil {
			return fmt.Errorf("demo: burst report %d: %w", i, err)
		}
	}
	return nil
}

// demoItems are what the monitoring sweep collected: some repeat the
// rumors, the rest is the city's ordinary news.
var demoItems = []struct {
	days          int // received this many days ago
	platform, key string
	title, text   string
}{
	{25, "yongcheng_bbs", "tap_water", "紧急！小区自来水被污染", "南宁某小区自来水被污染，喝了会中毒，大家赶紧买瓶装水，已经有人送医院了"},
	{25, "nanning_toutiao", "", "南宁今年新增公共停车泊位", "市住建部门介绍，今年全市新增公共停车泊位一万余个，主要分布在老城区和医院、学校周边。"},
	{24, "lvcheng_video", "plastic_rice", "实拍超市塑料大米", "某超市在卖塑料大米，煮出来的饭能搓成球还能弹起来，用火一烧就冒黑烟"},
	{22, "nanhu_qa", "pension", "养老金是不是要停发了？", "听人说养老金下个月开始停发，退休老人要赶紧去社保局办手续，是真的吗"},
	{20, "nanning_news", "", "南宁地铁5号线客流创新高", "据南宁轨道交通集团统计，5号线日均客流持续增长，高峰时段行车间隔进一步缩短。"},
	{18, "qingxiu_community", "bank_collapse", "北湖路那家银行要倒闭了", "北湖路某银行即将倒闭，存款取不出来了，赶紧去取钱，排队的人很多"},
	{15, "yongjiang_evening", "", "邕江两岸亮化工程完工", "邕江两岸夜景亮化提升工程近日完工，市民晚上可以沿江散步观景。"},
	{14, "bagui_life", "earthquake", "地震预警？", "地震局内部消息：南宁今晚有大地震，赶紧转告家人，今晚不要待在室内"},
	{12, "nanning_guide", "", "中山路美食街周末延长营业", "中山路美食街周末营业时间延长至凌晨两点，周边公交线路同步调整。"},
	{10, "yongcheng_bbs", "rider", "外卖小哥被打", "一名外卖小哥在商场送餐被保安活活打死，大家转发讨个公道"},
	{9, "nanning_toutiao", "", "南宁发布高温橙色预警", "市气象台发布高温橙色预警，预计未来三天最高气温可达37℃，请注意防暑。"},
	{8, "zhuangxiang_live", "scenic_free", "青秀山免费啦", "好消息：青秀山门票从今天开始全免，所有游客都不用买票，转给需要的人"},
	{7, "nanning_news", "dead_fish", "邕江边现死鱼", "有市民反映邕江边出现大量死鱼，一大片漂在水面上，江水有异味"},
	{6, "lvcheng_video", "canteen", "某中学食堂出事了？", "家长群疯传某中学食堂饭菜有问题，全校学生食物中毒，几十名学生送医"},
	{5, "bagui_life", "", "三街两巷举办非遗市集", "三街两巷本周末举办非遗市集，壮锦、绣球等传统手工艺集中展示。"},
	{4, "qingxiu_community", "fever_hospital", "发烧去医院被拒", "南宁某医院急诊拒收发热病人，让病人自己回家，太过分了"},
	{3, "nanhu_qa", "sinkhole", "民族大道封路？", "民族大道发生地陷，全线封闭三个月，请绕行，有车掉进坑里了"},
	{3, "nanning_toutiao", "", "南宁新开通两条公交线路", "为方便五象新区市民出行，新开通两条公交线路，连接地铁站和居民区。"},
	{2, "yongcheng_bbs", "typhoon", "台风来了全市停课？", "气象台发布：台风直扑南宁，全市中小学停课一周，家长注意安排"},
	{1, "nanning_guide", "", "南湖公园音乐喷泉恢复开放", "南湖公园音乐喷泉检修完毕，即日起每晚八点恢复表演。"},
}

// seedMonitoring registers two feeds (their host does not exist, so the
// first poll records an error, as a dead feed would) and imports the
// sweep's items as CSV files, a few days' worth at a time.
func seedMonitoring(ctx context.Context, db *store.DB, w *world, now time.Time, clock *time.Time) error {
	mon := &monitor.Service{DB: db, Now: func() time.Time { return *clock }}
	ed := w.crew["editor"]
	*clock = now.AddDate(0, 0, -40)
	for _, f := range []monitor.FeedInput{
		{Name: "南宁本地资讯（RSS）", URL: "https://feeds.example.invalid/nanning/rss", Interval: 30 * time.Minute},
		{Name: "邕城论坛热帖（Atom）", URL: "https://feeds.example.invalid/yongcheng/atom.xml", Interval: time.Hour},
	} {
		if _, err := mon.AddFeed(ctx, ed, f); err != nil {
			return fmt.Errorf("demo: feed %s: %w", f.Name, err)
		}
	}
	domains := map[string]string{}
	for _, p := range platforms {
		domains[p.Code] = firstDomain(p.Domains)
	}
	for _, batch := range [][2]int{{26, 11}, {11, 4}, {4, 0}} { // (from, to] days ago
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		cw.Write([]string{"编号", "链接", "标题", "正文", "发布时间"})
		for i, it := range demoItems {
			if it.days > batch[0] || it.days <= batch[1] {
				continue
			}
			host := domains[it.platform]
			pub := now.AddDate(0, 0, -it.days).In(cst).Format("2006-01-02 15:04")
			cw.Write([]string{fmt.Sprintf("sweep-%03d", i+1), fmt.Sprintf("https://%s/p/%d", host, 300000+i*7919), it.title, it.text, pub})
		}
		cw.Flush()
		*clock = now.AddDate(0, 0, -batch[1]).Add(-3 * time.Hour)
		if _, err := mon.ImportCSV(ctx, ed, &buf); err != nil {
			return fmt.Errorf("demo: import items: %w", err)
		}
	}
	return nil
}

// seedVerification sends two claims to departments: the school canteen
// story, which the education bureau has answered, and the hospital story,
// still open with the health commission.
func seedVerification(ctx context.Context, db *store.DB, w *world, rumors map[string]int64, now time.Time) error {
	ed := w.crew["editor"]
	canteen, hospital := rumors["canteen"], rumors["fever_hospital"]
	opened := now.AddDate(0, 0, -20)
	task, err := rumor.OpenTask(ctx, db, ed, rumor.TaskInput{Claim: "南宁某学校食堂发生集体食物中毒，几十名学生送医抢救",
		Question: "请核实该校近期是否发生食物中毒事件、就医学生人数及原因，并提供可公开的说明。", RumorID: &canteen,
		Departments: []int64{w.depts["education"]}}, opened)
	if err != nil {
		return fmt.Errorf("demo: verification task: %w", err)
	}
	var req int64
	if err := db.Read().QueryRowContext(ctx, `SELECT id FROM verification_requests WHERE task_id = $1`, task).Scan(&req); err != nil {
		return fmt.Errorf("demo: verification request: %w", err)
	}
	if err := rumor.AnswerRequest(ctx, db, w.crew["education"], req,
		"经与学校、区教育局及市场监管所联合核查：当日仅2名学生因肠胃不适就医，次日已返校；食堂留样检测未见异常，不存在集体食物中毒。",
		"经核查，网传“某学校食堂发生集体食物中毒”不实。该校当日有2名学生因肠胃不适就医，与食堂饮食无关，现已返校上课。请广大市民不信谣、不传谣。",
		opened.Add(26*time.Hour)); err != nil {
		return fmt.Errorf("demo: verification answer: %w", err)
	}
	_, err = rumor.OpenTask(ctx, db, ed, rumor.TaskInput{Claim: "南宁某医院急诊拒收发热病人，让病人自己回家",
		Question: "请核实网传医院急诊拒收发热病人一事是否属实，医院发热门诊的接诊安排如何。", RumorID: &hospital,
		Departments: []int64{w.depts["health"]}}, now.Add(-20*time.Hour))
	if err != nil {
		return fmt.Errorf("demo: verification task: %w", err)
	}
	return nil
}

// clusterAll runs the clusterer once over what the demo filed, as the
// app's worker would have while it happened: look-alikes gather into
// clusters, monitored items are matched, and the burst raises its alert.
// Raised is left unset: the alert row and its audit entry are the demo's.
func clusterAll(ctx context.Context, db *store.DB, now time.Time) error {
	m, err := rumor.NewMatcher(ctx, db)
	if err != nil {
		return err
	}
	c := &rumor.Clusterer{DB: db, Alerts: rumor.DefaultAlertRule(), Matcher: m}
	for {
		n, err := c.Once(ctx, now)
		if err != nil {
			return fmt.Errorf("demo: clustering: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}
