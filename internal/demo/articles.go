package demo

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/debunk"
	"qinglang/internal/pii"
	"qinglang/internal/store"
)

// The debunk desk's demo: published articles, most of them answering a
// rumor of the rumor database (so the rumor check and the reporters'
// tracking pages point at them), a few standalone; three corrected, one
// retracted; and reposts reported by three alliance members. The debunk
// service takes its time from the wall clock, so these are the newest
// acts of the demo and the audit chain stays in order.

// demoArticle is a debunk article; rumor names the rumor it answers ("" for
// a standalone claim, which then gives claim, verdict and summary).
type demoArticle struct {
	slug, rumor          string
	title, summary       string
	claim, verdict, dept string
	region               string
	tags                 []string
	statement            string   // the verifying department's statement, quoted
	points               []string // what was checked
	advice               string
	source               debunk.Source
}

var demoArticles = []demoArticle{
	{slug: "tap-water-safe", rumor: "tap_water", region: "西乡塘区", tags: []string{"饮水安全", "民生"},
		statement: "经对相关小区出厂水、二次供水设施及末梢水连续三天采样检测，浑浊度、余氯、菌落总数等指标均符合《生活饮用水卫生标准》（GB 5749—2022）。",
		points:    []string{"供水企业和疾控中心联合采样 42 份，全部合格", "网传“黄水”照片经比对为 2019 年外省新闻配图", "小区二次供水水箱已按规定于本月完成清洗"},
		advice:    "如发现自来水异常，请拨打供水服务热线核实，不要轻信、转发未经证实的消息。",
		source:    debunk.Source{Title: "南宁市卫生健康委员会水质检测通报", URL: "https://wsjkw.nanning.example/notice/water-2026.html"}},
	{slug: "school-canteen-no-poisoning", rumor: "canteen", region: "兴宁区", tags: []string{"食品安全", "校园"},
		statement: "经联合核查，该校当日就医学生共 2 名，诊断为急性肠胃炎，与学校食堂供餐无关。学校食堂留样检测未发现问题。",
		points:    []string{"调取就医记录：当日仅 2 名学生就医，均已返校", "食堂 48 小时留样送检，结果合格", "网传“几十名学生送医”视频拍摄于外地"},
		advice:    "家长如有疑问，可通过学校家委会或教育局公开电话了解情况。",
		source:    debunk.Source{Title: "南宁市教育局情况说明", URL: "https://jyj.nanning.example/news/canteen.html"}},
	{slug: "minzu-avenue-not-closed", rumor: "sinkhole", region: "青秀区", tags: []string{"交通出行"},
		statement: "民族大道某路口人行道出现约 1 平方米塌陷，系地下雨水管渗漏所致，已于当晚完成回填修复，期间仅临时占用一条车道。",
		points:    []string{"塌陷位于人行道，未波及机动车道", "当晚 23 时完成修复并恢复通行", "不存在“全线封闭三个月”的交通管制"},
		advice:    "出行信息请以交警部门官方发布为准。",
		source:    debunk.Source{Title: "南宁交警官方微博", URL: "https://weibo.example/nanningjiaojing/status/8812"}},
	{slug: "plastic-rice-old-rumor", rumor: "plastic_rice", region: "江南区", tags: []string{"食品安全", "老谣言"},
		statement: "对该超市在售的 6 个批次大米进行抽检，均未检出塑料成分；视频中“结块能弹”的米饭系大米受潮及淀粉特性所致。",
		points:    []string{"“塑料大米”在成本上毫无可能：塑料比大米贵", "米饭搓成球能弹起是支链淀粉的正常特性", "该超市进货台账、检验报告齐全"},
		advice:    "购买粮油请选择正规渠道，保留购物凭证，发现问题可拨打 12315 投诉。",
		source:    debunk.Source{Title: "市市场监管局抽检结果公告", URL: "https://scjgj.nanning.example/notice/rice.html"}},
	{slug: "qingxiu-mountain-tickets", rumor: "scenic_free", region: "青秀区", tags: []string{"文化旅游"},
		statement: "青秀山景区仅在法定节假日对特定人群实行免票政策，其余时间正常售票。网传通知系截取往年旧通知。",
		points:    []string{"网传截图为 2023 年“三月三”期间的免票通知", "景区现行票价及优惠政策以官方公众号为准"},
		advice:    "出游前请通过景区官方渠道查询开放及票务信息。",
		source:    debunk.Source{Title: "青秀山风景区官方公告", URL: "https://qxs.nanning.example/notice/tickets.html"}},
	{slug: "metro-line1-running", rumor: burstRumor, region: "南宁市", tags: []string{"轨道交通", "伪造公告"},
		statement: "南宁轨道交通集团从未发布 1 号线停运检修通知，1 号线各站点运营正常。网传截图系伪造我司运营公告，我司已向公安机关报案。",
		points:    []string{"截图中的公章、文号格式与我司公文不符", "1 号线今日客运量与往日持平，运营正常", "公安机关已对造谣者展开调查"},
		advice:    "地铁运营信息请以“南宁轨道交通”官方 App、公众号发布为准。",
		source:    debunk.Source{Title: "南宁轨道交通集团声明", URL: "https://www.nngdjt.example/news/statement.html"}},
	{slug: "hospital-fever-clinic", rumor: "fever_hospital", region: "兴宁区", tags: []string{"卫生健康"},
		statement: "经调阅监控和接诊记录，该医院发热门诊当日正常接诊 136 人次。网传视频中的患者因挂号系统故障等候较久，医院已致歉并优化流程。",
		points:    []string{"发热门诊 24 小时开放，不存在拒收情况", "挂号系统故障约 20 分钟，已修复"},
		advice:    "就医遇到问题可拨打 12345 政务服务热线反映。",
		source:    debunk.Source{Title: "南宁市卫生健康委员会答复", URL: "https://wsjkw.nanning.example/reply/fever.html"}},
	{slug: "pension-not-stopped", rumor: "pension", region: "南宁市", tags: []string{"社会保障", "防诈骗"},
		statement: "我市养老金按月足额发放，不存在停发情况，也不需要办理任何“升级”“重新认证”手续。凡是要求提供银行卡密码、验证码的都是诈骗。",
		points:    []string{"养老金领取资格认证可通过手机 App 免费办理", "社保部门不会通过电话、短信要求转账", "已有不法分子借此谣言实施诈骗"},
		advice:    "请子女提醒家中老人：接到此类电话，立即挂断并拨打 96110 咨询。",
		source:    debunk.Source{Title: "南宁市人力资源和社会保障局提醒", URL: "https://rsj.nanning.example/news/pension.html"}},
	{slug: "bank-not-collapsing", rumor: "bank_collapse", region: "西乡塘区", tags: []string{"金融", "存款保险"},
		statement: "该行经营稳健，各项监管指标符合要求，流动性充足。存款人的存款受《存款保险条例》保障。",
		points:    []string{"该行营业网点正常营业，存取款业务正常", "造谣者已被公安机关依法行政拘留"},
		advice:    "请勿听信、传播涉金融机构的不实信息，以免造成不必要的损失。",
		source:    debunk.Source{Title: "南宁金融监管分局答记者问", URL: "https://nfra.nanning.example/news/bank.html"}},
	{slug: "no-earthquake-prediction", rumor: "earthquake", region: "南宁市", tags: []string{"防灾减灾", "科普"},
		statement: "目前全世界都无法对地震发生的时间、地点、震级作出准确的短临预报。地震预报由省级人民政府统一发布，任何个人和机构无权发布。",
		points:    []string{"凡是精确到“今晚”“几点”的地震预报都是谣言", "地震部门没有“内部消息”"},
		advice:    "学习掌握防震避险知识，比转发“预报”更有用。",
		source:    debunk.Source{Title: "中国地震局科普", URL: "https://www.cea.example/kepu/forecast.html"}},
	{slug: "typhoon-no-school-closure", rumor: "typhoon", region: "南宁市", tags: []string{"防灾减灾", "校园"},
		statement: "市气象台未发布台风正面登陆南宁的预报，市教育局未发布全市停课通知。网传截图伪造气象台标识。",
		points:    []string{"本次台风预计在广东西部沿海登陆，对南宁影响为中到大雨", "如需停课，将由教育部门通过官方渠道统一发布"},
		advice:    "请关注“南宁气象”公众号获取最新预报。",
		source:    debunk.Source{Title: "南宁市气象台天气公报", URL: "https://qx.nanning.example/forecast/typhoon.html"}},
	{slug: "yongjiang-dead-fish-confirmed", rumor: "dead_fish", region: "江南区", tags: []string{"生态环境"},
		statement: "邕江某段因持续高温、水体溶解氧偏低出现部分死鱼，已全部打捞并作无害化处理。水质监测显示主要指标正常，饮用水源不受影响。",
		points:    []string{"情况属实，但原因是自然因素而非污染", "沿江水厂取水口水质监测正常", "已加密水质监测频次至每日两次"},
		advice:    "请勿捡拾、食用死鱼。",
		source:    debunk.Source{Title: "南宁市生态环境局通报", URL: "https://sthjj.nanning.example/notice/fish.html"}},
	{slug: "rider-dispute-settled", rumor: "rider", region: "青秀区", tags: []string{"社会治安"},
		statement: "经调查，一名外卖骑手与商场保安因通行问题发生口角和推搡，双方均未受伤，已由派出所调解处理。",
		points:    []string{"监控显示双方仅有推搡，无殴打行为", "当事骑手已在平台发布视频说明情况", "网传“致死”说法毫无根据"},
		advice:    "涉警情信息请以公安机关通报为准。",
		source:    debunk.Source{Title: "南宁市公安局青秀分局警情通报", URL: "https://gaj.nanning.example/jingqing/rider.html"}},

	{slug: "no-free-pension-upgrade", title: "“医保卡升级可领补贴”是诈骗套路", verdict: "rumor", dept: "police", region: "南宁市", tags: []string{"防诈骗", "医保"},
		claim: "医保卡要升级成电子社保卡，点链接填银行卡号可以领 800 元补贴", summary: "医保部门从未通过短信链接开展“升级领补贴”，该链接为钓鱼网站。",
		statement: "医保电子凭证激活免费，不需要填写银行卡号和密码，更没有“补贴”。",
		points:    []string{"钓鱼网站域名与官方域名相似，已被封堵", "本月已接报相关诈骗 17 起"},
		advice:    "收到可疑链接不要点击，遇到诈骗请拨打 110 或 96110。",
		source:    debunk.Source{Title: "南宁市公安局反诈中心提示", URL: "https://gaj.nanning.example/fanzha/yibao.html"}},
	{slug: "no-mosquito-dengue-outbreak", title: "网传“南宁登革热大暴发”不实", verdict: "false", dept: "health", region: "南宁市", tags: []string{"卫生健康", "传染病"},
		claim: "南宁登革热大暴发，医院已经住满了", summary: "我市今年报告的登革热病例均为散发，医院收治正常，不存在“大暴发”。",
		statement: "今年以来我市报告的登革热病例均为散发病例，疫情总体平稳，各医院收治秩序正常。",
		points:    []string{"病例多为境外输入及其关联病例", "已开展重点区域灭蚊行动"},
		advice:    "清除积水、防蚊灭蚊是预防登革热最有效的办法。",
		source:    debunk.Source{Title: "南宁市疾控中心疫情通报", URL: "https://cdc.nanning.example/notice/dengue.html"}},
	{slug: "gas-price-not-doubled", title: "“燃气费下月翻倍”说法误导", verdict: "misleading", dept: "market", region: "南宁市", tags: []string{"民生", "价格"},
		claim: "南宁燃气费下个月开始翻倍", summary: "我市正在就居民阶梯气价调整征求意见，调整幅度远低于“翻倍”，且尚未实施。",
		statement: "居民用气价格调整方案仍在听证、征求意见阶段，第一档气价拟上调幅度不超过 0.2 元/立方米。",
		points:    []string{"“翻倍”说法混淆了商业气价与居民气价", "方案实施前将向社会公布"},
		advice:    "价格调整信息请以发展改革部门公告为准。",
		source:    debunk.Source{Title: "南宁市发展和改革委员会听证公告", URL: "https://fgw.nanning.example/notice/gas.html"}},
	{slug: "no-child-kidnapping-van", title: "“面包车专抢小孩”系旧谣翻炒", verdict: "rumor", dept: "police", region: "良庆区", tags: []string{"社会治安", "老谣言"},
		claim: "良庆区有一辆白色面包车专门抢小孩，已经抢走好几个", summary: "警方未接到任何儿童被抢报警，网传视频系多年前外地旧视频。",
		statement: "我局未接到相关报警，辖区内未发生抢夺儿童案件。网传视频经核查为 2018 年外省视频。",
		points:    []string{"该谣言每隔一段时间就会换个地名重新出现", "发布者已被依法处理"},
		advice:    "如发现可疑情况请立即拨打 110。",
		source:    debunk.Source{Title: "良庆公安官方微博", URL: "https://weibo.example/liangqinggongan/status/5521"}},
	{slug: "exam-answers-scam", title: "“高考答案提前泄露”都是骗局", verdict: "false", dept: "education", region: "南宁市", tags: []string{"校园", "防诈骗"},
		claim: "有内部渠道可以买到今年高考原题和答案", summary: "试卷全程保密押运、视频监控，兜售“答案”的都是诈骗。",
		statement: "高考试卷从印制、运送到保管全程有公安押运和视频监控，任何兜售“试题答案”的行为都是诈骗。",
		points:    []string{"购买所谓“答案”不仅被骗钱，还可能涉嫌违法", "已通报网信部门清理相关信息"},
		advice:    "考生和家长请勿上当受骗。",
		source:    debunk.Source{Title: "广西招生考试院提醒", URL: "https://www.gxeea.example/news/warning.html"}},
	{slug: "wuming-oranges-safe", title: "“武鸣沃柑打了膨大剂有毒”不实", verdict: "false", dept: "market", region: "武鸣区", tags: []string{"食品安全", "农产品"},
		claim: "武鸣沃柑都打了膨大剂，吃了对身体有害", summary: "抽检武鸣区沃柑样品农药残留全部合格，果实大小由品种和管理决定。",
		statement: "本年度抽检武鸣沃柑样品 120 批次，农药残留全部合格。植物生长调节剂按规定使用对人体无害。",
		points:    []string{"沃柑个头大是品种特性", "抽检结果已在官网公开"},
		advice:    "请放心食用，购买时选择正规销售渠道。",
		source:    debunk.Source{Title: "南宁市农业农村局抽检公告", URL: "https://nyj.nanning.example/notice/orange.html"}},
	{slug: "airport-not-closed", title: "吴圩机场“全面停航”系误读", verdict: "misleading", dept: "cac", region: "江南区", tags: []string{"交通出行"},
		claim: "南宁吴圩机场明天全面停航", summary: "因雷雨天气部分航班延误或取消，机场并未全面停航。",
		statement: "受强对流天气影响，当日部分航班延误或取消，机场运行总体正常，未实施全面停航。",
		points:    []string{"取消航班占当日计划的 8%", "旅客可通过航空公司免费改签或退票"},
		advice:    "出行前请通过航空公司或机场官方渠道查询航班动态。",
		source:    debunk.Source{Title: "南宁吴圩国际机场公告", URL: "https://www.nnairport.example/notice/weather.html"}},
	{slug: "5g-tower-radiation", title: "“5G 基站辐射致癌”没有科学依据", verdict: "rumor", dept: "telecom", region: "南宁市", tags: []string{"科普", "通信"},
		claim: "小区楼顶装了 5G 基站，辐射会让人得癌症", summary: "基站电磁辐射远低于国家限值，没有证据表明会致癌。",
		statement: "经对小区周边 5G 基站电磁辐射监测，数值远低于《电磁环境控制限值》规定的公众曝露限值。",
		points:    []string{"监测值不到国家限值的 1%", "世界卫生组织未将基站辐射列为致癌因素"},
		advice:    "对基站有疑问可申请免费检测。",
		source:    debunk.Source{Title: "南宁市通信管理办公室监测报告", URL: "https://txb.nanning.example/report/5g.html"}},
	{slug: "binyang-bridge-safe", title: "宾阳县某大桥“出现裂缝即将垮塌”不实", verdict: "false", dept: "cac", region: "宾阳县", tags: []string{"交通出行", "安全"},
		claim: "宾阳县某大桥出现大裂缝，马上就要塌了", summary: "网传“裂缝”为桥面伸缩缝，桥梁定期检测结果正常。",
		statement: "经专业机构检测，大桥结构安全，网传照片中的“裂缝”系桥面伸缩缝，属正常构造。",
		points:    []string{"伸缩缝用于适应温度变化，是桥梁必备构造", "大桥今年已完成定期检测"},
		advice:    "如发现桥梁异常请拨打 12345 反映。",
		source:    debunk.Source{Title: "宾阳县交通运输局说明", URL: "https://binyang.nanning.example/news/bridge.html"}},
	{slug: "free-electric-bikes", title: "“电动车免费换新牌”为虚假信息", verdict: "rumor", dept: "police", region: "南宁市", tags: []string{"交通出行", "防诈骗"},
		claim: "电动车要全部换新车牌，扫码缴费 99 元包办", summary: "交警部门未开展统一换牌，扫码缴费为诈骗。",
		statement: "我市未开展电动自行车统一换牌工作，也从未委托任何机构代办收费。",
		points:    []string{"二维码指向个人收款账户", "已有市民被骗，警方已立案"},
		advice:    "办理车辆业务请到交警部门窗口或官方 App。",
		source:    debunk.Source{Title: "南宁交警提醒", URL: "https://weibo.example/nanningjiaojing/status/9034"}},
	{slug: "elevator-fall-duplicate", title: "网传“小区电梯坠落多人受伤”不实", verdict: "false", dept: "market", region: "西乡塘区", tags: []string{"安全"},
		claim: "西乡塘区某小区电梯从 20 楼坠落，多人受伤", summary: "市场监管部门核查未发现电梯坠落事故。",
		statement: "经核查，该小区电梯运行正常，未发生坠落事故。",
		points:    []string{"电梯维保记录完整"},
		advice:    "电梯安全问题可拨打 96333 电梯应急处置热线。",
		source:    debunk.Source{Title: "市市场监管局特种设备科", URL: "https://scjgj.nanning.example/notice/elevator.html"}},
}

// corrections and the retraction of the demo, by slug.
var (
	demoCorrections = map[string]string{
		"school-canteen-no-poisoning": "更正：原文称“食堂留样检测未发现问题”，经复核，检测报告于次日出具，本文已补充检测机构名称。",
		"airport-not-closed":          "更正：取消航班比例应为 8%（原文误作 18%），已改正。",
		"bank-not-collapsing":         "更正：造谣者被处以行政拘留而非刑事拘留，已改正。",
	}
	demoRetraction = map[string]string{
		"elevator-fall-duplicate": "撤回：经进一步核查，该小区电梯当日确曾发生故障停梯并困人，虽无坠落，但本文“运行正常”的结论不准确，予以撤回，待调查结论公布后重新发布。",
	}
)

// demoReposts are the alliance members that report reposts: the alliance
// demo account's unit and two more members, each with an account made here.
var demoReposts = []struct {
	unit, username, name, site string
}{
	{"nanning_daily", "", "", "https://www.nnrb.example/piyao/"},
	{"nanning_tv", "nntv", "南宁广播电视台新媒体中心", "https://www.nntv.example/news/"},
	{"gxu_journalism", "gxu_journalism", "广西大学新闻与传播学院融媒体中心", "https://xinchuan.gxu.example/piyao/"},
}

var repostChannels = []string{"wechat", "weibo", "website", "toutiao", "douyin"}

func (a demoArticle) body(r *demoRumor, deptName string) string {
	var b strings.Builder
	claim, summary := a.claim, a.summary
	if r != nil {
		claim, summary = r.claims[0], r.summary
	}
	fmt.Fprintf(&b, "## 网传内容\n\n近日，有网民在微信群、短视频平台转发消息称：“%s”，引发不少市民关注。\n\n", claim)
	fmt.Fprintf(&b, "## 核查结果\n\n%s\n\n", summary)
	fmt.Fprintf(&b, "## 官方说明\n\n> %s\n>\n> ——%s\n\n", a.statement, deptName)
	b.WriteString("## 核查要点\n\n")
	for _, p := range a.points {
		fmt.Fprintf(&b, "- %s\n", p)
	}
	fmt.Fprintf(&b, "\n## 提醒\n\n**%s**\n\n", a.advice)
	fmt.Fprintf(&b, "## 信息来源\n\n- [%s](%s)\n", a.source.Title, a.source.URL)
	return b.String()
}

// seedArticles publishes the demo's debunk articles as the demo editor and
// reports reposts as alliance members. It returns the accounts it made for
// the alliance members beyond the demo's own.
func seedArticles(ctx context.Context, db *store.DB, keys *pii.Keys, w *world, rumors map[string]int64, unitIDs ids, now time.Time) (Accounts, error) {
	svc := debunk.New(db, keys, nil)
	ed := w.crew["editor"]
	byKey := map[string]*demoRumor{}
	for i := range demoRumors {
		byKey[demoRumors[i].key] = &demoRumors[i]
	}
	names := departmentNames()
	published := map[string]int64{}
	var order []string
	for _, a := range demoArticles {
		art := debunk.Article{Slug: a.slug, Title: a.title, Summary: a.summary, Region: a.region, Tags: a.tags,
			Sources: []debunk.Source{a.source}}
		dept := a.dept
		r := byKey[a.rumor]
		if r != nil {
			id := rumors[r.key]
			art.Title, art.Summary = r.debunk, r.summary
			if art.Title == "" {
				art.Title = "关于“" + r.title + "”的核查"
			}
			if art.Region == "" {
				art.Region = r.region
			}
			art.Tags = append(art.Tags, r.topic)
			for _, c := range r.claims {
				art.Claims = append(art.Claims, debunk.Claim{RumorID: &id, Claim: c, Verdict: r.verdict})
			}
			dept = r.depts[0]
		} else {
			art.Claims = []debunk.Claim{{Claim: a.claim, Verdict: a.verdict}}
		}
		deptID := w.depts[dept]
		art.DepartmentID = &deptID
		art.BodyMD = a.body(r, names[dept])
		id, err := svc.Save(ctx, ed, art)
		if err == nil {
			err = svc.Submit(ctx, ed, id)
		}
		if err == nil {
			err = svc.Publish(ctx, ed, id)
		}
		if err != nil {
			return nil, fmt.Errorf("demo: article %s: %w", a.slug, err)
		}
		published[a.slug] = id
		order = append(order, a.slug)
	}
	for _, slug := range order {
		if note, ok := demoCorrections[slug]; ok {
			if err := svc.Correct(ctx, ed, published[slug], note, ""); err != nil {
				return nil, fmt.Errorf("demo: correct %s: %w", slug, err)
			}
		}
		if reason, ok := demoRetraction[slug]; ok {
			if err := svc.Retract(ctx, ed, published[slug], reason); err != nil {
				return nil, fmt.Errorf("demo: retract %s: %w", slug, err)
			}
		}
	}

	// The alliance members' accounts and their reposts.
	var made Accounts
	members := make([]*auth.Principal, len(demoReposts))
	for i, m := range demoReposts {
		if m.username == "" {
			members[i] = w.crew["alliance"]
			continue
		}
		unit := unitIDs[m.unit]
		pw := password()
		err := db.Write(ctx, func(tx *sql.Tx) error {
			id, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: m.username, DisplayName: m.name, Role: auth.AllianceMember, UnitID: &unit}, pw, now)
			members[i] = &auth.Principal{UserID: id, Username: m.username, DisplayName: m.name, Role: auth.AllianceMember, UnitID: &unit}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("demo: alliance account %s: %w", m.username, err)
		}
		made = append(made, Account{m.username, m.name, auth.AllianceMember, unitNames()[m.unit], pw})
	}
	for i, slug := range order {
		if _, retracted := demoRetraction[slug]; retracted {
			continue
		}
		for j, m := range demoReposts {
			// The daily reposts nearly everything; the others what
			// concerns their audience.
			if j > 0 && (i+j)%3 != 0 {
				continue
			}
			ch := repostChannels[(i+j)%len(repostChannels)]
			reach := int64(1200 + (i*7919+j*104729)%48000)
			url := fmt.Sprintf("%s%s-%d.html", m.site, slug, j+1)
			if err := svc.Repost(ctx, members[j], published[slug], url, ch, reach); err != nil {
				return nil, fmt.Errorf("demo: repost %s by %s: %w", slug, m.unit, err)
			}
		}
	}
	return made, nil
}
