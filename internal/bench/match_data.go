package bench

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"qinglang/internal/textsim"
)

// The match bench's rumor database is put together from the parts real
// rumors are made of: who says it, when, where, what happened, a number
// and what to do about it. Parts repeat across thousands of claims, as
// 网传, 南宁 and 投毒 do in a real database, which is what makes posting
// lists long and the bench honest.
var (
	matchOpeners = []string{"网传", "紧急扩散：", "听说", "据内部消息，", "速看！", "群里都在传", "", "有网友爆料",
		"朋友圈疯传", "重要通知："}
	matchTimes = []string{"今天上午", "昨晚", "刚刚", "明天", "下周一", "今天凌晨", "前天下午", "本周末", "月底前",
		"今年国庆期间", "从下个月起", "近日"}
	matchCities = []string{"南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州",
		"河池", "来宾", "崇左", "青秀区", "兴宁区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区", "横州",
		"宾阳县", "上林县", "马山县", "隆安县", "凭祥", "东兴", "北流", "桂平"}
	matchPlaces = []string{"某小区", "某小学", "人民医院", "某超市", "某工地", "火车站", "汽车总站", "菜市场", "某幼儿园",
		"第三中学", "化工厂", "万达广场", "景区", "高速收费站", "某村", "自来水厂", "地铁站", "夜市", "养老院",
		"大学城", "体育馆", "农贸市场", "物流园", "水库", "江边", "大桥", "隧道", "加油站", "银行网点", "派出所"}
	matchEvents = []string{"食堂使用过期肉类", "发生燃气爆炸", "有人在水里投毒", "出现不明传染病", "老虎从动物园出逃",
		"自来水检出重金属超标", "发生严重踩踏事故", "有人开面包车抢小孩", "楼房出现大面积裂缝", "发生大面积停电",
		"发现大量死鱼", "有人用针头扎人", "学生集体食物中毒", "大桥即将垮塌", "出现新冠变异毒株", "疫苗导致儿童白血病",
		"猪肉感染非洲猪瘟", "奶茶用过期牛奶制作", "老人被冒充燃气公司的人迷晕", "银行即将倒闭", "发生八级地震",
		"洪水冲垮大堤", "化工原料泄漏产生毒气", "学校取消期末考试", "电动车一律禁止上路", "全面封城", "出租车司机劫持乘客",
		"快递柜被放入针头", "西瓜被注射色素", "紫菜用塑料制成", "馒头添加洗衣粉", "大米被检出塑料颗粒", "鸡蛋是人造的",
		"手机充电打电话被电死", "5G基站传播病毒", "微信开始按条收费", "旧版人民币年底作废", "养老金全部停发",
		"房屋产权到期收回", "农村土地收归国有"}
	matchConsequences = []string{"已造成%d人死亡", "已有%d人住院治疗", "官方隐瞒了%d名遇难者", "%d个孩子下落不明",
		"相关部门正在封锁消息", "请大家千万不要前往", "赶紧转告家人朋友", "家里有老人小孩的一定注意",
		"%d小时内还会再次发生", "现场已经拉起警戒线", "附近%d个小区紧急撤离", "一定要转发到%d个群",
		"损失超过%d万元", "已有%d名家长到现场讨说法", "不转不是中国人", "专家提醒%d天内不要出门"}
	matchFillers = []string{"大家注意了，", "真的假的？", "太吓人了！", "我朋友亲眼看到的，", "刚刚收到消息，"}
)

func matchPick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// matchClaims returns n distinct claims.
func matchClaims(r *rand.Rand, n int) []string {
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	for len(out) < n {
		c := matchPick(r, matchOpeners) + matchPick(r, matchTimes) + matchPick(r, matchCities) + matchPick(r, matchPlaces) +
			matchPick(r, matchEvents) + "，" + matchPick(r, matchConsequences)
		if strings.Contains(c, "%d") {
			c = fmt.Sprintf(c, 2+r.IntN(98))
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// matchVariant rewords a claim the way reposts do: a filler phrase,
// traditional characters, emoji, other punctuation, a link.
func matchVariant(r *rand.Rand, c string) string {
	if r.IntN(2) == 0 {
		c = strings.Replace(c, "，", "，"+matchPick(r, matchFillers), 1)
	}
	switch r.IntN(4) {
	case 0:
		c = textsim.Traditional(c)
	case 1:
		c = "【" + strings.ReplaceAll(c, "，", "！！") + "】😱😱"
	case 2:
		c += fmt.Sprintf(" https://t.cn/A6%05x #%s#", r.IntN(1<<20), matchPick(r, matchCities))
	}
	return c
}

// matchContext returns n characters or so of everyday posts.
func matchContext(r *rand.Rand, posts []string, n int) string {
	var b strings.Builder
	for got := 0; got < n; {
		p := matchPick(r, posts)
		b.WriteString(p)
		got += len([]rune(p))
	}
	return b.String()
}

// matchTexts returns n texts: half hold a variant of a random claim
// inside 0–600 characters of context (want[i] is its index), half are
// 20–800 characters of unrelated posts (want[i] = -1).
func matchTexts(r *rand.Rand, claims, posts []string, n int) (texts []string, want []int) {
	for i := range n {
		if i%2 == 0 {
			texts = append(texts, matchContext(r, posts, 20+r.IntN(781)))
			want = append(want, -1)
			continue
		}
		k := r.IntN(len(claims))
		before, after := r.IntN(301), r.IntN(301)
		texts = append(texts, matchContext(r, posts, before)+matchVariant(r, claims[k])+matchContext(r, posts, after))
		want = append(want, k)
	}
	return texts, want
}
