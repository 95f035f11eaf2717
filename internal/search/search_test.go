package search

import (
	"slices"
	"testing"
)

func TestBigramsAndQueries(t *testing.T) {
	tests := []struct {
		in, bigrams, fts, tsq string
		ok                    bool
	}{
		{"电信诈骗", "电信 信诈 诈骗", `"电信 信诈 诈骗"`, `('电信' <-> '信诈' <-> '诈骗')`, true},
		{"诈骗", "诈骗", `"诈骗"`, `'诈骗'`, true},
		{"骗", "骗", "", "", false},
		{"冒充客服 刷单", "冒充 充客 客服 刷单", `"冒充 充客 客服" AND "刷单"`, `('冒充' <-> '充客' <-> '客服') & '刷单'`, true},
		{"ＡＢＣ１２３", "abc123", `"abc123"`, `'abc123'`, true}, // full-width folds
		{"App下载链接", "app 下载 载链 链接", `"app 下载 载链 链接"`, `('app' <-> '下载' <-> '载链' <-> '链接')`, true},
		{"微信号wx12345加我", "微信 信号 wx12345 加我", `"微信 信号 wx12345 加我"`, `('微信' <-> '信号' <-> 'wx12345' <-> '加我')`, true},
		{"日收益3%稳赚", "日收 收益 3 稳赚", `"日收 收益 3 稳赚"`, `('日收' <-> '收益' <-> '3' <-> '稳赚')`, true},
		{"赌博🎰网站", "赌博 网站", `"赌博 网站"`, `('赌博' <-> '网站')`, true},
		{"🎰🎲", "", "", "", false},
		{"，。！", "", "", "", false},
		{"", "", "", "", false},
		{`"诈骗" OR 1=1`, "诈骗 or 1 1", `"诈骗" AND "or" AND "1 1"`, `'诈骗' & 'or' & ('1' <-> '1')`, true},
		{`诈骗" NEAR(谣言`, "诈骗 near 谣言", `"诈骗" AND "near 谣言"`, `'诈骗' & ('near' <-> '谣言')`, true},
		{"bigrams:诈骗", "bigrams 诈骗", `"bigrams 诈骗"`, `('bigrams' <-> '诈骗')`, true},
		{"诈* ^谣言", "诈 谣言", "", "", false}, // 诈 alone is one character
		{"诈骗* ^谣言", "诈骗 谣言", `"诈骗" AND "谣言"`, `'诈骗' & '谣言'`, true},
		{"'; DROP TABLE reports; --", "drop table reports", `"drop" AND "table" AND "reports"`, `'drop' & 'table' & 'reports'`, true},
		{"a & b | !c <-> d", "a b c d", `"a" AND "b" AND "c" AND "d"`, `'a' & 'b' & 'c' & 'd'`, true},
		{"网络　赌博", "网络 赌博", `"网络" AND "赌博"`, `'网络' & '赌博'`, true}, // ideographic space
		{"カタカナ", "カタ タカ カナ", `"カタ タカ カナ"`, `('カタ' <-> 'タカ' <-> 'カナ')`, true},
		{"한국어", "한국 국어", `"한국 국어"`, `('한국' <-> '국어')`, true},
		{"Café Über", "café über", `"café" AND "über"`, `'café' & 'über'`, true},
		{"我 要", "我 要", "", "", false},
		{"谣言，台风停课", "谣言 台风 风停 停课", `"谣言 台风 风停 停课"`, `('谣言' <-> '台风' <-> '风停' <-> '停课')`, true},
		{"㊙️", "秘", "", "", false}, // NFKC: circled ideograph becomes 秘
	}
	for _, tt := range tests {
		if got := Bigrams(tt.in); got != tt.bigrams {
			t.Errorf("Bigrams(%q) = %q, want %q", tt.in, got, tt.bigrams)
		}
		fts, ok := Query(tt.in)
		if fts != tt.fts || ok != tt.ok {
			t.Errorf("Query(%q) = %q, %v; want %q, %v", tt.in, fts, ok, tt.fts, tt.ok)
		}
		tsq, ok := TSQuery(tt.in)
		if tsq != tt.tsq || ok != tt.ok {
			t.Errorf("TSQuery(%q) = %q, %v; want %q, %v", tt.in, tsq, ok, tt.tsq, tt.ok)
		}
	}
}

func TestLikeTerms(t *testing.T) {
	got := LikeTerms(" 骗  100%_a\\b ")
	want := []string{"%骗%", `%100\%\_a\\b%`}
	if !slices.Equal(got, want) {
		t.Fatalf("LikeTerms = %q, want %q", got, want)
	}
}
