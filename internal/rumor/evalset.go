package rumor

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"qinglang/internal/textsim"
)

// EvalClaim is a claim of an evaluation: a wording of the rumor id (a
// rumor with several wordings has several EvalClaims with one id).
type EvalClaim struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// EvalText is a labelled text: ClaimID is the claim it repeats, "" for
// none. Kind says how a generated text was made, for per-kind recall.
type EvalText struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	ClaimID string `json:"claim_id"`
	Kind    string `json:"-"`
}

// GenerateEvalSet makes the labelled set: for each claim, a variant per way
// rumors get reworded (and one combining several), then the unrelated
// texts and the hard negatives, alone, inside long posts and after the
// opening words of their rumor. The same seed
// gives the same set.
func GenerateEvalSet(claims []EvalClaim, hardNegatives []string, seed uint64) []EvalText {
	g := &generator{r: rand.New(rand.NewPCG(seed, 0x5eed)), context: EvalUnrelated()}
	var out []EvalText
	add := func(kind, text, claim string) {
		out = append(out, EvalText{ID: fmt.Sprintf("t%04d", len(out)+1), Text: text, ClaimID: claim, Kind: kind})
	}
	for _, c := range claims {
		for _, k := range variantKinds {
			add(k.name, k.make(g, c.Text), c.ID)
		}
		add("combined", g.embed(g.emoji(textsim.Traditional(g.synonyms(c.Text)))), c.ID)
	}
	for _, s := range g.context {
		add("unrelated", s, "")
		add("unrelated_in_post", g.embed(s), "")
	}
	for i, s := range hardNegatives {
		add("hard_negative", s, "")
		add("hard_negative_in_post", g.embed(s), "")
		if i < len(claims) {
			// The rumor's opening words leading into another statement.
			rs := []rune(claims[i].Text)
			add("same_opening", string(rs[:len(rs)/3])+s, "")
		}
	}
	return out
}

var variantKinds = []struct {
	name string
	make func(g *generator, s string) string
}{
	{"insertion", (*generator).insert},
	{"deletion", (*generator).delete},
	{"reordering", (*generator).reorder},
	{"synonyms", (*generator).synonyms},
	{"punctuation", (*generator).punctuation},
	{"emoji", (*generator).emoji},
	{"traditional", func(_ *generator, s string) string { return textsim.Traditional(s) }},
	{"link_hashtag", (*generator).linkHashtag},
	{"embedded", (*generator).embed},
}

type generator struct {
	r       *rand.Rand
	context []string
}

func (g *generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func clauses(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，。！？；、", r) })
}

var fillers = []string{"大家注意了，", "真的假的，", "刚刚收到消息，", "据内部人士透露，", "太吓人了，", "我朋友说"}

// insert puts a filler phrase at a clause boundary.
func (g *generator) insert(s string) string {
	cs := clauses(s)
	i := g.r.IntN(len(cs) + 1)
	cs = append(cs[:i], append([]string{strings.TrimSuffix(g.pick(fillers), "，")}, cs[i:]...)...)
	return strings.Join(cs, "，")
}

// delete drops a clause of a long claim, or two characters of a short one,
// as people retelling a rumor do.
func (g *generator) delete(s string) string {
	cs := clauses(s)
	if len(cs) >= 3 {
		i := 1 + g.r.IntN(len(cs)-1)
		return strings.Join(append(cs[:i:i], cs[i+1:]...), "，")
	}
	rs := []rune(strings.Join(cs, "，"))
	i := len(rs)/3 + g.r.IntN(len(rs)/3)
	return string(append(rs[:i:i], rs[i+2:]...))
}

// reorder swaps two clauses, or the halves of a one-clause claim.
func (g *generator) reorder(s string) string {
	cs := clauses(s)
	if len(cs) < 2 {
		rs := []rune(s)
		return string(rs[len(rs)/2:]) + "，" + string(rs[:len(rs)/2])
	}
	i := g.r.IntN(len(cs) - 1)
	cs[i], cs[i+1] = cs[i+1], cs[i]
	return strings.Join(cs, "，")
}

var synonymTable = [][2]string{
	{"网传", "听说"}, {"紧急", "速看"}, {"孩子", "小孩"}, {"小孩", "孩子"}, {"赶紧", "赶快"},
	{"千万", "一定"}, {"不要", "别"}, {"大家", "各位"}, {"已经", "早就"}, {"明天", "明日"},
	{"全部", "都"}, {"马上", "立刻"}, {"转发", "扩散"}, {"死了", "没了"}, {"会", "将"},
}

var openers = []string{"网传", "听说", "据说", "紧急通知：", "速看！"}

// synonyms swaps the words of the table it finds and opens with a hearsay
// phrase, the usual dress of a forwarded rumor.
func (g *generator) synonyms(s string) string {
	orig := s
	for _, p := range synonymTable {
		if strings.Contains(orig, p[0]) {
			s = strings.Replace(s, p[0], p[1], 1)
		}
	}
	return g.pick(openers) + s
}

// punctuation rewrites the punctuation: none at all, spaces, or shouting.
func (g *generator) punctuation(s string) string {
	cs := clauses(s)
	switch g.r.IntN(3) {
	case 0:
		return strings.Join(cs, "")
	case 1:
		return strings.Join(cs, " ") + "。。。"
	}
	return "【" + strings.Join(cs, "！！") + "】？？？"
}

var emojis = []string{"😱", "🙏", "‼️", "⚠️", "👨‍👩‍👧", "👍🏽", "🔥", "[吃惊]", "[怒]", "❗"}

// emoji sprinkles emoji (ZWJ sequences and Weibo codes too) over the text,
// inside words as well: that is how posts dodge keyword filters.
func (g *generator) emoji(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 0 && g.r.IntN(8) == 0 {
			b.WriteString(g.pick(emojis))
		}
		b.WriteRune(r)
	}
	return b.String() + g.pick(emojis) + g.pick(emojis)
}

var hashtags = []string{"#南宁头条#", "#辟谣#", "#紧急扩散#", "#本地新闻", "@南宁发布", "@平安南宁 "}

// linkHashtag adds what a repost carries: a short link, a topic tag, a
// mention.
func (g *generator) linkHashtag(s string) string {
	link := fmt.Sprintf("https://t.cn/A6%04x", g.r.IntN(1<<16))
	if g.r.IntN(2) == 0 {
		link = fmt.Sprintf("www.example.cn/news/%d.html?from=timeline", g.r.IntN(10000))
	}
	return g.pick(hashtags) + s + link + g.pick(hashtags)
}

// embed wraps the text in 200–800 characters of unrelated everyday posts,
// as a rumor forwarded inside a long message or an article.
func (g *generator) embed(s string) string {
	want := 200 + g.r.IntN(601)
	var before, after strings.Builder
	for n := 0; n < want; {
		c := g.pick(g.context)
		n += len([]rune(c))
		if g.r.IntN(2) == 0 {
			before.WriteString(c)
		} else {
			after.WriteString(c)
		}
	}
	return before.String() + s + "。" + after.String()
}
