package textsim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意"

func randomHan(r *rand.Rand, n int) string {
	rs := []rune(commonHan)
	var b strings.Builder
	for range n {
		b.WriteRune(rs[r.IntN(len(rs))])
	}
	return b.String()
}

// A text always matches itself and its normalized form, whatever else the
// index holds.
func TestMatchSelf(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := NewIndex()
	var texts []string
	for i := range 300 {
		s := randomText(r) + randomHan(r, 4+r.IntN(30)) + randomText(r)
		if i%3 == 0 {
			s = randomText(r) // the tricky alphabet alone, short texts too
		}
		texts = append(texts, s)
		ix.Add(fmt.Sprint(i), s)
	}
	for i, s := range texts {
		if Normalize(s) == "" {
			continue
		}
		for _, q := range []string{s, Normalize(s)} {
			m := ix.Match(q, 1000)
			found := false
			for _, x := range m {
				found = found || x.ID == fmt.Sprint(i) && x.Score == 1
			}
			if !found || m[0].Score != 1 {
				t.Fatalf("text %d %q does not match itself at 1: %v", i, q, m)
			}
		}
	}
}

// Without hitting MaxExact, Match returns what scoring every claim does.
func TestMatchEqualsBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ix := NewIndexWith(Options{Threshold: 0.3})
	// Claims from a small vocabulary overlap a lot: the hard case for
	// pruning by bounds.
	words := []string{"网传", "某地", "学校", "食堂", "自来水", "投毒", "疫苗", "死亡", "紧急", "通知", "停电", "地震", "明天", "小孩", "医院"}
	phrase := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	var claims []string
	for i := range 2000 {
		c := phrase(3 + r.IntN(4))
		claims = append(claims, c)
		ix.Add(fmt.Sprintf("c%d", i%1500), c) // some ids with two wordings
	}
	for range 300 {
		q := randomHan(r, r.IntN(200)) + phrase(2+r.IntN(3)) + claims[r.IntN(len(claims))] + randomHan(r, r.IntN(200))
		got, want := ix.Match(q, 3), ix.BruteForce(q, 3)
		if len(got) != len(want) {
			t.Fatalf("Match %v, BruteForce %v", got, want)
		}
		for i := range got {
			if got[i].Score != want[i].Score {
				t.Fatalf("Match %v, BruteForce %v", got, want)
			}
		}
	}
}

func TestMatchContainment(t *testing.T) {
	ix := NewIndex()
	ix.Add("water", "网传南宁市自来水厂被人投毒，千万不要喝自来水")
	ix.Add("water", "南宁自来水有毒")
	ix.Add("salt", "核污水排海后食盐会被污染，赶紧囤盐")
	context := "今天天气不错，下午去公园散步，看到很多人在跳广场舞。晚上家里吃了火锅，孩子作业写到很晚。"
	for _, c := range []struct{ text, want string }{
		{context + "群里都在说：網傳南寧市自來水廠被人投毒!!千萬不要喝自來水😱 https://t.cn/x" + context, "water"},
		{"@朋友 南宁自来水有毒？？", "water"},
		{"赶紧囤盐！核污水排海后，食盐会被污染 #囤盐#", "salt"},
		{context + "自来水公司今天发布了水质检测报告，南宁市水质合格。" + context, ""},
		{"南宁市自来水价格调整听证会将于下月召开", ""},
	} {
		m := ix.Match(c.text, 1)
		got := ""
		if len(m) > 0 {
			got = m[0].ID
		}
		if got != c.want {
			t.Errorf("Match(%q) = %v, want %q", c.text, m, c.want)
		}
	}
}

// Run with -race: Match calls share the index and its scratch pool.
func TestMatchConcurrent(t *testing.T) {
	ix := NewIndex()
	r := rand.New(rand.NewPCG(7, 8))
	var claims []string
	for i := range 500 {
		claims = append(claims, randomHan(r, 20))
		ix.Add(fmt.Sprint(i), claims[i])
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(claims); i += 4 {
				if m := ix.Match("前文"+claims[i]+"后文", 1); len(m) == 0 || m[0].ID != fmt.Sprint(i) {
					t.Errorf("claim %d: %v", i, m)
				}
			}
		})
	}
	ix.Add("late", "后来加入的一条谣言") // an Add while matching: rebuilt on the next Match
	wg.Wait()
	if m := ix.Match("后来加入的一条谣言", 1); len(m) == 0 || m[0].ID != "late" {
		t.Errorf("late claim not found: %v", m)
	}
}
