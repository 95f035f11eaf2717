package bench

import (
	"math/rand/v2"
	"time"

	"qinglang/internal/report"
)

type benchQuery struct {
	kind string // filters, text2, text4
	f    report.QueueFilter
}

// text2 pairs each word with the category an operator would narrow it to.
var (
	text2 = [][2]string{{"诈骗", "fraud"}, {"谣言", "rumor"}, {"赌博", "gambling"}, {"刷单", "fraud"}, {"客服", "fraud"}, {"辟谣", "rumor"}}
	text4 = []string{"冒充客服", "刷单返利", "网络赌博", "电信诈骗", "食物中毒"}
)

// benchQueries is n first-page queue queries as operators run them, the
// three kinds in turn: (a) filters only, (b) a two-character word with a
// filter, (c) a four-character phrase alone.
func benchQueries(n int, now time.Time) []benchQuery {
	rng := rand.New(rand.NewPCG(3, 4))
	id := func(max int) *int64 { v := int64(1 + rng.IntN(max)); return &v }
	cat := func() string { return pick(rng, benchCategories) }
	out := make([]benchQuery, n)
	for i := range out {
		var f report.QueueFilter
		switch i % 3 {
		case 0:
			switch i / 3 % 4 {
			case 0:
				f.Statuses, f.Category = []report.Status{report.Submitted, report.Assessing}, cat()
			case 1:
				f.Overdue = true
			case 2:
				f.DistrictID = id(benchDistrict)
				f.From = now.AddDate(0, 0, -rng.IntN(330)-30)
				f.To = f.From.AddDate(0, 0, 30)
			case 3:
				f.AssigneeID = id(benchUsers)
			}
			out[i] = benchQuery{"filters", f}
		case 1:
			w := text2[rng.IntN(len(text2))]
			f.Text = w[0]
			switch i / 3 % 3 {
			case 0:
				f.Statuses = []report.Status{report.Closed}
			case 1:
				f.Category = w[1]
			case 2:
				f.DistrictID = id(benchDistrict)
			}
			out[i] = benchQuery{"text2", f}
		default:
			f.Text = text4[rng.IntN(len(text4))]
			out[i] = benchQuery{"text4", f}
		}
	}
	return out
}
