package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// The search bench's reports are put together from the kinds of text a
// city center receives, in proportions that make the queried words as
// common as in real intake: 诈骗 in about one report in eight, the
// four-character phrases (冒充客服, 刷单返利, 网络赌博) in a few percent.

type mixItem struct {
	code string
	w    int
}

var (
	benchCategories = []mixItem{{"fraud", 22}, {"rumor", 20}, {"porn", 9}, {"vulgar", 12}, {"gambling", 12},
		{"infringement", 8}, {"other", 15}, {"terror", 2}}
	benchChannels = []mixItem{{"web", 28}, {"mobile", 14}, {"miniprogram", 16}, {"wechat", 12}, {"weibo", 4},
		{"toutiao", 4}, {"platform", 9}, {"volunteer", 4}, {"phone", 4}, {"letter", 1}, {"api", 4}}
	benchZones = []string{"enterprise_infringement", "cyberviolence", "elderly_fraud", "algorithm", "practitioner", "historical_nihilism"}
)

var benchSubjects = map[string][]string{
	"fraud": {"有账号冒充客服，谎称快递丢失理赔，诱导下载屏幕共享软件后转账，实施诈骗",
		"有人在群里发布刷单返利兼职广告，先让垫付小额订单再返佣金，之后以任务未完成为由要求继续转账",
		"有人推广所谓跨境投资理财平台，宣称日收益3%、稳赚不赔，拉人入群后无法提现，涉嫌诈骗",
		"有账号以低价转让演唱会门票为名收取定金后拉黑买家",
		"有人冒充公检法工作人员，称对方涉嫌洗钱，要求把钱转入安全账户，是典型的电信诈骗",
		"有人发布无抵押低息贷款广告，先收取保证金、解冻费后失联"},
	"rumor": {"网传某小区自来水被污染，喝了会中毒，配图是别的城市的旧照片", "网传某学校食堂发生集体食物中毒，多名学生送医",
		"网传大桥出现裂缝，明天起封闭施工，引起市民恐慌", "网传台风将正面登陆，全市停课一周，截图伪造了气象台的标识"},
	"porn":         {"有直播间以同城交友为名进行色情引流，引导观众添加私人微信付费观看", "有账号在评论区大量发布招嫖广告，留有联系方式"},
	"vulgar":       {"有网红账号拍摄低俗擦边视频博取流量，围观者大量转发", "有主播以挑战为名直播暴饮暴食，诱导未成年人模仿打赏"},
	"gambling":     {"有帖子推广境外网络赌博网站，以彩票计划群为名拉人注册充值", "一个过期的政府机构旧域名被人抢注后，跳转到境外博彩网站", "有短视频账号植入网络赌博App下载二维码，并招募代理", "有人在群里组织斗牛赌博，通过收款码结算"},
	"infringement": {"有人未经同意发布我的照片、住址和工作单位，还配了侮辱性文字", "有账号盗用我拍摄的夜景视频，去掉水印后当作原创发布"},
	"terror":       {"有账号在视频评论区发布暴恐血腥视频片段，并配有煽动性文字"},
	"other":        {"有网站长期发布未经核实的社会新闻，标题夸大其词", "有账号组织网络水军刷评控评，操纵热搜榜单", "有应用强制索取通讯录权限，并频繁弹出诱导广告"},
}

var benchClosings = map[string][]string{
	"rumor": {"经核实系谣言，请尽快处置", "请相关部门辟谣", "已在多个群里传播"},
	"":      {"请尽快处理", "希望相关部门依法查处", "已有多人受害", "截图已上传", "请核查", ""},
}

var benchPlaces = []string{"朝阳广场", "民族大道", "五象新区", "青秀山", "南湖公园", "万象城", "中山路", "火车东站", "琅东", "北湖路"}

func pick(rng *rand.Rand, mix []mixItem) string {
	total := 0
	for _, m := range mix {
		total += m.w
	}
	n := rng.IntN(total)
	for _, m := range mix {
		if n -= m.w; n < 0 {
			return m.code
		}
	}
	return mix[0].code
}

func benchText(rng *rand.Rand, cat string) string {
	subj := benchSubjects[cat]
	closing := benchClosings[cat]
	if closing == nil {
		closing = benchClosings[""]
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s附近，", benchPlaces[rng.IntN(len(benchPlaces))])
	b.WriteString(subj[rng.IntN(len(subj))])
	if c := closing[rng.IntN(len(closing))]; c != "" {
		b.WriteString("，" + c)
	}
	b.WriteString("。")
	return b.String()
}

// benchStatus is where a report of a given age stands: recent ones are
// still being handled, most old ones are closed, a few are stuck.
func benchStatus(rng *rand.Rand, age time.Duration) string {
	var mix []mixItem
	switch {
	case age < 24*time.Hour:
		mix = []mixItem{{"submitted", 70}, {"assessing", 20}, {"rejected", 10}}
	case age < 14*24*time.Hour:
		mix = []mixItem{{"submitted", 15}, {"assessing", 20}, {"disposing", 15}, {"transferred", 10}, {"replied", 25}, {"rejected", 15}}
	default:
		mix = []mixItem{{"submitted", 1}, {"assessing", 1}, {"disposing", 1}, {"transferred", 2}, {"replied", 25},
			{"closed", 55}, {"rejected", 13}, {"merged", 2}}
	}
	return pick(rng, mix)
}

// stageDays is the working days each open stage allows (DESIGN section 3).
var stageDays = map[string]int{"submitted": 1, "assessing": 3, "disposing": 2, "transferred": 10}
