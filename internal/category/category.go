// Package category holds the report categories (举报类型) and special zones
// (举报专区) with their extra fields, in one place: the public web form and
// GET /api/v1/categories render from these definitions, and the API
// validates submitted zone fields with them, so the form, the API and the
// validation cannot drift apart.
package category

import "qinglang/internal/i18n"

// Text is a bilingual label (see package i18n).
type Text = i18n.Text

// Category is a report category (举报类型). Code is a stable API value.
type Category struct {
	Code  string
	Label Text
	Desc  Text
}

// Categories returns the report categories in the order the form shows
// them. Each call returns a fresh slice so callers cannot alter the
// definitions for everyone else.
func Categories() []Category {
	return []Category{
		{"terror", Text{Zh: "暴恐", En: "Terrorism and violence"},
			Text{Zh: "宣扬恐怖主义、极端主义，或煽动实施暴力恐怖活动的信息", En: "Content promoting terrorism or extremism, or inciting violent terrorist acts"}},
		{"fraud", Text{Zh: "诈骗", En: "Fraud"},
			Text{Zh: "网络诈骗、虚假投资理财、刷单返利、冒充客服或公检法等信息", En: "Online scams: fake investments, task-for-rebate schemes, impersonated customer service or police"}},
		{"porn", Text{Zh: "色情", En: "Pornography"},
			Text{Zh: "传播淫秽色情内容、招嫖或色情引流的信息", En: "Obscene or pornographic content, solicitation, or traffic to such content"}},
		{"vulgar", Text{Zh: "低俗", En: "Vulgar content"},
			Text{Zh: "低俗恶搞、擦边炒作、宣扬畸形审美等不良信息", En: "Vulgar, borderline-sexual or sensationalist content"}},
		{"gambling", Text{Zh: "赌博", En: "Gambling"},
			Text{Zh: "网络赌博、赌博网站推广、赌博引流及相关支付结算信息", En: "Online gambling, promotion of gambling sites and their payment channels"}},
		{"infringement", Text{Zh: "侵权", En: "Infringement"},
			Text{Zh: "侵害个人或企业名誉权、隐私权、肖像权、知识产权等合法权益的信息", En: "Content infringing the reputation, privacy, likeness or intellectual property of a person or enterprise"}},
		{"rumor", Text{Zh: "谣言", En: "Rumor"},
			Text{Zh: "编造、传播虚假信息，扰乱经济秩序和社会秩序", En: "Fabricated or false information that disrupts economic or social order"}},
		{"other", Text{Zh: "其他", En: "Other"},
			Text{Zh: "其他违法和不良信息", En: "Other illegal or harmful information"}},
	}
}

// LookupCategory finds a category by its code.
func LookupCategory(code string) (Category, bool) {
	for _, c := range Categories() {
		if c.Code == code {
			return c, true
		}
	}
	return Category{}, false
}
