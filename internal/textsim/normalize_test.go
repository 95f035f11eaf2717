package textsim

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"Ｈｅｌｌｏ\u3000Ｗｏｒｌｄ", "hello world"},
		{"网传：某地自来水被投毒！！！", "网传某地自来水被投毒"},
		{"速看！！！？？？……", "速看"},
		{"〔2024〕5号文件", "2024 5号文件"},
		{"【紧急通知】明天停水", "紧急通知明天停水"},
		{"「速看」『转发』", "速看转发"},
		{"《食品安全法》第三条", "食品安全法第三条"},
		{"這個國家說", "这个国家说"},
		{"謠言與闢謠", "谣言与辟谣"},
		{"醫藥學會發點經傳為", "医药学会发点经传为"},
		{"臺灣颱風", "台湾台风"},
		{"繁體字與簡體字混合，这是简体", "繁体字与简体字混合这是简体"},
		{"看这里https://t.cn/A6xYz谣言", "看这里谣言"},
		{"详见www.example.com/a?b=1后面", "详见后面"},
		{"链接：http://weibo.com/123 转发", "链接转发"},
		{"Ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ谣言", "谣言"},
		{"ｈｔｔｐｓ：／／ｔ．ｃｎ／ａ看", "看"},
		{"@平安南宁 网传消息不实", "网传消息不实"},
		{"回复@小明:别信", "回复别信"},
		{"@用户名", ""},
		{"mail abc@example.com now", "mail abc example com now"},
		{"#南宁疫情#最新消息", "最新消息"},
		{"#谣言 #辟谣 别信", "别信"},
		{"太可怕了[吃惊][doge]", "太可怕了"},
		{"家人👨‍👩‍👧‍👦平安", "家人平安"},
		{"点赞👍🏽👍🏿", "点赞"},
		{"❤️爱心", "爱心"},
		{"国旗🇨🇳中国", "国旗中国"},
		{"1️⃣2️⃣3️⃣步骤", "123步骤"},
		{"谣\u200b言", "谣言"},
		{"谣\u200d言\ufeff", "谣言"},
		{"谣 言 止 于 智 者", "谣言止于智者"},
		{"tab\t\tand\n\nnewline", "tab and newline"},
		{"  前后空格  ", "前后空格"},
		{"\u3000全角空格\u3000", "全角空格"},
		{"iPhone 15 Pro发布", "iphone 15 pro发布"},
		{"新冠 3 天 转阴", "新冠3天转阴"},
		{"COVID-19疫苗", "covid 19疫苗"},
		{"价格涨了50%！", "价格涨了50"},
		{"￥100元", "100元"},
		{"①②③", "123"},
		{"ｶﾀｶﾅ", "カタカナ"},
		{"Ⅻ月", "xii月"},
		{"ﬁle", "file"},
		{"Cafe\u0301", "café"},
		{"葛\U000E0100城", "葛城"},
		{"网传---某地~~~停电", "网传某地停电"},
		{"转发!!!求扩散!!!", "转发求扩散"},
		{"——来自微博", "来自微博"},
		{"數字１２３與ABC", "数字123与abc"},
		{"", ""},
		{"！！！", ""},
		{"😀😀😀", ""},
	} {
		if got := Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSimplifiedParagraph(t *testing.T) {
	trad := "網傳某地自來水被投毒，請大家轉發給親戚朋友！這則謠言經過衛生部門闢謠：專家說喝開水沒有問題，" +
		"學校會發通知，醫院藥品供應正常。與其聽信傳言，不如關注官方發佈的權威消息；國家統計數據顯示，" +
		"經濟運行總體穩定，價格變動屬於正常範圍。颱風過後，氣象臺提醒市民減少外出，兒童請遠離積水區域，購買食物時注意檢查保質期。"
	want := "网传某地自来水被投毒，请大家转发给亲戚朋友！这则谣言经过卫生部门辟谣：专家说喝开水没有问题，" +
		"学校会发通知，医院药品供应正常。与其听信传言，不如关注官方发布的权威消息；国家统计数据显示，" +
		"经济运行总体稳定，价格变动属于正常范围。台风过后，气象台提醒市民减少外出，儿童请远离积水区域，购买食物时注意检查保质期。"
	if got := Simplified(trad); got != want {
		t.Errorf("Simplified:\n got %s\nwant %s", got, want)
	}
	// Simplified text, including characters that are also traditional
	// forms elsewhere (著名, 乾隆, 于), must come through unchanged.
	if s := "著名的乾隆皇帝于是说"; Simplified(s) != s {
		t.Errorf("Simplified changed simplified text: %s", Simplified(s))
	}
	if n := len([]rune(t2sPairs)) / 2; n < 1500 {
		t.Errorf("only %d traditional → simplified pairs", n)
	}
}

// tricky is the alphabet of the property tests: each piece exercises a
// branch of Normalize.
var tricky = []string{
	"网传", "謠言", "國", "a", "B", "1", "１", "Ａ", " ", "\u3000", "\n", "，", "!", "。", "【", "】",
	"@", "#", "[", "]", "微笑", "http://", "https://", "www.", ".", "/", "t.cn", "?", "=",
	"\u200b", "\u200d", "\ufe0f", "\u20e3", "\u0301", "e", "😀", "👨", "🏽", "ᄀ", "ᅡ", "ﬁ", "①", "Ⅻ",
	"İ", "ß", "Σ", "ｶ", "ﾞ", "%", "￥", "〔", "〕", "'", "-", "_",
}

func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(24) {
		b.WriteString(tricky[r.IntN(len(tricky))])
	}
	return b.String()
}

func TestNormalizeIdempotent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomText(r)
		n := Normalize(s)
		if nn := Normalize(n); nn != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, nn)
		}
	}
}

// fold's fast ranges must agree with NFKC and lower case rune by rune.
func TestFoldFastRanges(t *testing.T) {
	for _, rg := range [][2]rune{{0, 0x7f}, {cjkBase, cjkEnd}, {0x3000, 0x3035}, {0x1F300, 0x1FAFF}, {0x200B, 0x200F}, {0xFE0F, 0xFE0F}, {0xFF01, 0xFF5E}} {
		for r := rg[0]; r <= rg[1]; r++ {
			want := strings.ToLower(norm.NFKC.String(string(r)))
			if got := string(fold(string(r), nil)); got != want {
				t.Errorf("fold(%U) = %q, NFKC and lower case give %q", r, got, want)
			}
		}
	}
}
