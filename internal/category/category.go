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
		{"terror", Text{"暴恐", "Terrorism and violence"},
			Text{"宣扬恐怖主义、极端主义，或煽动实施暴力恐怖活动的信息", "Content promoting terrorism or extremism, or inciting violent terrorist acts"}},
		{"fraud", Text{"诈骗", "Fraud"},
			Text{"网络诈骗、虚假投资理财、刷单返利、冒充客服或公检法等信息", "Online scams: fake investments, task-for-rebate schemes, impersonated customer service or police"}},
		{"porn", Text{"色情", "Pornography"},
			Text{"传播淫秽色情内容、招嫖或色情引流的信息", "Obscene or pornographic content, solicitation, or traffic to such content"}},
		{"vulgar", Text{"低俗", "Vulgar content"},
			Text{"低俗恶搞、擦边炒作、宣扬畸形审美等不良信息", "Vulgar, borderline-sexual or sensationalist content"}},
		{"gambling", Text{"赌博", "Gambling"},
			Text{"网络赌博、赌博网站推广、赌博引流及相关支付结算信息", "Online gambling, promotion of gambling sites and their payment channels"}},
		{"infringement", Text{"侵权", "Infringement"},
			Text{"侵害个人或企业名誉权、隐私权、肖像权、知识产权等合法权益的信息", "Content infringing the reputation, privacy, likeness or intellectual property of a person or enterprise"}},
		{"rumor", Text{"谣言", "Rumor"},
			Text{"编造、传播虚假信息，扰乱经济秩序和社会秩序", "Fabricated or false information that disrupts economic or social order"}},
		{"other", Text{"其他", "Other"},
			Text{"其他违法和不良信息", "Other illegal or harmful information"}},
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
