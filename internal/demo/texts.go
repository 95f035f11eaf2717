package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"qinglang/internal/report"
)

// The report texts are put together from pieces, so several hundred
// reports read like different people wrote them about a handful of real
// kinds of problems.

var places = []string{"朝阳广场", "民族大道", "五象新区", "青秀山", "南湖公园", "万象城", "三街两巷", "中山路美食街",
	"邕江边", "火车东站", "安吉客运站", "广西大学附近", "琅东", "江南万达", "埌东汽车站", "北湖路"}

// what each category's reports are about; %s is a place in Nanning.
var subjects = map[string][]string{
	"fraud": {
		"有人在群里发布“刷单返利”兼职广告，先让垫付小额订单再返佣金，之后以“任务未完成”为由要求继续转账",
		"有账号冒充电商平台客服，谎称“快递丢失理赔”“会员自动扣费”，诱导下载屏幕共享软件并转账",
		"有人推广所谓“东盟跨境投资”理财平台，宣称日收益3%、稳赚不赔，拉人入群后无法提现",
		"有账号以“%s附近低价转让演唱会门票”为名收取定金后拉黑买家",
		"有人冒充公检法工作人员，称对方涉嫌洗钱，要求把钱转入“安全账户”配合调查",
		"有人发布“无抵押低息贷款、黑户可办”广告，先收取“保证金”“解冻费”后失联",
	},
	"rumor": {
		"网传“%s附近某小区自来水被污染，喝了会中毒”，配图是别的城市的旧照片，附近居民纷纷抢购瓶装水",
		"网传“某学校食堂发生集体食物中毒，多名学生送医”，学校和家长群均称不实",
		"网传“邕江大桥出现裂缝，明天起封闭施工”，引起市民恐慌",
		"网传“明天起全市机动车单双号限行”，没有任何官方出处",
		"网传“台风将正面登陆南宁，全市停课一周”，截图伪造了气象台的标识",
		"网传“%s发生恶性伤人事件”，视频实际是多年前外地的旧闻",
		"网传“某超市售卖过期婴儿奶粉致婴儿住院”，配图与该超市无关",
	},
	"porn": {
		"有直播间以“同城交友”为名进行色情引流，引导观众添加私人微信付费观看",
		"有账号在评论区大量发布招嫖广告，留有联系方式和“%s附近上门”字样",
		"有网站以“福利资源”为名售卖淫秽视频会员，在论坛多个帖子中留链接",
	},
	"vulgar": {
		"有网红账号在%s拍摄低俗擦边视频博取流量，围观者拍摄后大量转发",
		"有账号恶搞南宁方言，内容侮辱女性，评论区充斥低俗言论",
		"有主播以“挑战”为名直播暴饮暴食和自残式行为，诱导未成年人模仿打赏",
	},
	"gambling": {
		"有帖子推广境外赌博网站，以“彩票计划群”“稳赚带单”为名拉人注册充值",
		"一个过期的政府机构旧域名被人抢注后，跳转到境外博彩网站",
		"有短视频账号在视频中植入网络赌博App下载二维码，并招募“代理”",
		"有人在群里组织网络“斗牛”赌博，通过收款码结算",
	},
	"infringement": {
		"有人未经同意发布我的照片、住址和工作单位，还配了侮辱性文字",
		"有账号盗用我拍摄的%s夜景视频，去掉水印后当作原创发布",
		"有人冒用我店铺的名称和招牌照片开设账号，以低价为名收款后不发货",
	},
	"terror": {
		"有账号在视频评论区发布暴恐血腥视频片段，并配有煽动性文字",
		"有群组转发宣扬极端主义的音视频，鼓动他人加入",
	},
	"other": {
		"有人在二手平台出售公民个人信息，按条收费，称可查住址和开房记录",
		"有账号发布“代办各类证件、学历”广告，明码标价",
		"有人在网上兜售管制刀具和仿真枪，称可以发货到%s",
		"有人发布售卖野生动物制品的信息，称货源来自边境",
	},
}

// zoneSubjects are what the special zones' reports are about.
var zoneSubjects = map[string][]string{
	"enterprise_infringement": {
		"有自媒体账号捏造我公司“即将破产、老板跑路”的消息，导致客户和供应商纷纷上门讨要货款",
		"有账号仿冒我公司官方账号，使用我公司商标发布虚假促销信息收取订金",
		"有人在论坛发帖泄露我公司负责人的家庭住址、电话和孩子就读学校",
		"有账号连续发布误导性视频，称我公司产品“致癌”，与检测报告结论不符",
	},
	"cyberviolence": {
		"有人把我的照片P图后配上侮辱性文字在群里传播，并号召网友去我单位闹事",
		"一名外卖骑手因一条差评被人肉搜索，手机号和住址被公开，评论区大量辱骂",
		"有账号持续造谣某中学老师“体罚学生致残”，煽动网友围攻其家人",
	},
	"elderly_fraud": {
		"有直播间向老年人推销所谓“降三高”保健品，声称能代替药物，一盒卖到上千元",
		"有人以“以房养老”“养老项目投资”为名吸收老年人资金，承诺每月高额返利",
		"有人冒充社保工作人员给老人打电话，称要办理“养老保险升级”并索要验证码",
	},
	"algorithm": {
		"同一个酒店房间，老用户看到的价格比新注册用户贵了近百元",
		"外卖平台算法不断压缩骑手配送时间，超时就扣钱，逼得骑手闯红灯",
		"App不断推送同质化的低俗内容，关闭个性化推荐后仍然推送",
	},
	"practitioner": {
		"有自媒体“记者”以曝光负面新闻相要挟，向%s一带商户索要“公关费”",
		"有网络编辑收钱帮人删帖，按条明码标价",
		"有账号编造“游客在%s被宰”的假新闻博取流量，店家已报警",
	},
	"historical_nihilism": {
		"有账号发布视频恶搞抗战英烈事迹，歪曲历史",
		"有帖子否定百色起义的历史结论，散布所谓“内幕揭秘”",
	},
}

var effects = []string{"已有多人被骗", "评论区已有上百人转发", "身边老人已经信以为真", "相关内容仍在持续传播",
	"我已向平台投诉但没有处理", "点赞量已过万", "附近居民很担心", ""}

var closers = []string{"请尽快核查处理。", "希望有关部门依法处置。", "请平台删除相关内容并处理账号。", "恳请核实。", "谢谢！"}

// content writes a report text about cat, a category or a zone code,
// naming where it was seen.
func content(rng *rand.Rand, cat, where string) string {
	list := subjects[cat]
	if l, ok := zoneSubjects[cat]; ok {
		list = l
	}
	s := pick(rng, list)
	if strings.Contains(s, "%s") {
		s = fmt.Sprintf(s, pick(rng, places))
	}
	var b strings.Builder
	if where != "" && rng.IntN(2) == 0 {
		b.WriteString("在" + where + "上看到：")
	}
	b.WriteString(s + "。")
	if e := pick(rng, effects); e != "" {
		b.WriteString(e + "，")
	}
	b.WriteString(pick(rng, closers))
	return b.String()
}

// replies are the center's answers by outcome.
var replies = map[string][]string{
	"removed": {
		"您好！您举报的信息经核查属实，已通知相关平台依法删除，并对发布账号作出处置。感谢您对清朗网络空间的支持！",
		"您好！经核查，相关内容违反《网络信息内容生态治理规定》，平台已下架处理。感谢您的举报。",
	},
	"transferred": {
		"您好！您举报的线索已移交有关部门依法处理，涉嫌违法犯罪的将依法追究责任。如遇财产损失，请及时拨打110报警。",
		"您好！经研判，您举报的问题属于有关部门职责范围，已转交处理，部门已反馈处置结果。感谢您的举报。",
	},
	"rumor": {
		"您好！经核实，该说法为不实信息，有关部门已发布辟谣说明，相关不实内容已删除。请以官方发布为准，不信谣、不传谣。",
	},
}

// rejections are the reasons given to reporters, with the reason code
// each one explains.
var rejections = []struct {
	reason report.RejectReason
	note   string
}{
	{"insufficient_evidence", "举报内容未提供具体链接或截图，无法定位核实，欢迎补充证据后重新举报。"},
	{"not_harmful", "经核查，所举报内容属于正常的商业宣传或个人观点表达。"},
	{"out_of_scope", "所反映的是消费纠纷，建议拨打12315向市场监管部门反映。"},
	{"duplicate", "该信息已有其他网民举报并正在处理，本次举报不再重复受理。"},
	{"invalid", "举报内容与有害信息无关，无法受理。"},
}

var ratingComments = map[bool][]string{
	true:  {"处理很及时，链接已经打不开了，感谢！", "回复清楚，点赞。", "", "谢谢工作人员。"},
	false: {"帖子换了个账号又发出来了。", "回复太笼统，没说具体怎么处理的。", "处理太慢了。"},
}

var surnames = []rune("韦黄覃陆蒙梁李莫农廖卢罗周陈")
var givenChars = []rune("晓明丽华志强婷芳建国海燕秀英伟杰文静春玲俊宇欣怡佳")

// person makes up a name and a mainland mobile number (13x/15x/18x).
func person(rng *rand.Rand) (name, phone string) {
	name = string(surnames[rng.IntN(len(surnames))])
	for range 1 + rng.IntN(2) {
		name += string(givenChars[rng.IntN(len(givenChars))])
	}
	prefix := pick(rng, []string{"13", "15", "18"})
	return name, fmt.Sprintf("%s%d%08d", prefix, rng.IntN(10), rng.IntN(100000000))
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
