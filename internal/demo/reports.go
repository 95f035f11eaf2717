package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"qinglang/internal/category"
	"qinglang/internal/report"
)

// seeded is a submitted report, as the lifecycle needs it.
type seeded struct {
	id       int64
	code     string
	secret   string // the reporter's, to rate the answer with
	url      string // the reported address, for the platform notice
	category string
	zone     string
	platform string // where the content was seen, "" if not on a partner platform
	at       time.Time
	target   report.Status
}

type choice struct {
	code string
	w    int
}

var categoryMix = []choice{{"fraud", 22}, {"rumor", 20}, {"porn", 9}, {"vulgar", 12}, {"gambling", 12},
	{"infringement", 8}, {"other", 12}, {"terror", 2}}

var channelMix = []choice{{"web", 28}, {"mobile", 14}, {"miniprogram", 16}, {"wechat", 12}, {"weibo", 4},
	{"toutiao", 4}, {"platform", 9}, {"volunteer", 4}, {"phone", 4}, {"letter", 1}, {"api", 4}}

// cover returns the i-th code while i is small, so every code occurs at
// least once, and a weighted random one after that.
func cover(rng *rand.Rand, i int, mix []choice) string {
	if i < len(mix) {
		return mix[i].code
	}
	return weighted(rng, mix)
}

func weighted(rng *rand.Rand, mix []choice) string {
	total := 0
	for _, c := range mix {
		total += c.w
	}
	n := rng.IntN(total)
	for _, c := range mix {
		if n -= c.w; n < 0 {
			return c.code
		}
	}
	return mix[0].code
}

// cst is China Standard Time: people report during their day, not ours.
var cst = time.FixedZone("CST", 8*3600)

// when picks a moment in the last 90 days, more of them recent, mostly
// in waking hours. min keeps a report old enough for its target status.
func when(rng *rand.Rand, now time.Time, minDays int) time.Time {
	days := minDays + int(float64(90-minDays)*math.Pow(rng.Float64(), 1.4))
	t := now.In(cst).AddDate(0, 0, -days)
	t = time.Date(t.Year(), t.Month(), t.Day(), 7+rng.IntN(16), rng.IntN(60), rng.IntN(60), 0, cst)
	if t.After(now) {
		t = t.AddDate(0, 0, -1)
	}
	return t.UTC()
}

// submission makes the i-th report. Every fourth one goes to a special
// zone, in turn, with that zone's fields filled in as a reporter would.
func (g *generator) submission(ctx context.Context, i int, at time.Time) (report.Submission, seeded, error) {
	rng := g.rng
	sub := report.Submission{Channel: cover(rng, i, channelMix)}
	s := seeded{at: at}
	if i%4 == 3 {
		z := category.Zones()[(i/4)%len(category.Zones())]
		sub.Zone, s.zone = z.Code, z.Code
		s.category = z.DefaultCategory
	} else {
		sub.Category = cover(rng, i-i/4, categoryMix)
		s.category = sub.Category
	}
	p := pick(rng, platforms)
	if sub.Channel == "platform" {
		sub.Platform = p.Code
	}
	if sub.Channel == "platform" || rng.IntN(3) > 0 {
		s.platform = p.Code
		sub.URLs = []string{fmt.Sprintf("https://%s/%s/%d", firstDomain(p.Domains), pick(rng, []string{"t", "v", "p", "a"}), 100000+rng.IntN(900000))}
	} else {
		sub.URLs = []string{fmt.Sprintf("https://%s.example/%d.html", pick(rng, []string{"xpj88-vip", "hk6-cai", "gx-touzi", "nn-fuli", "tb-fanli"}), rng.IntN(10000))}
	}
	s.url = sub.URLs[0]
	topic := s.category
	if s.zone != "" {
		topic = s.zone
	}
	if topic == "rumor" && rng.IntN(10) < 6 {
		// Most rumor reports repeat a story the rumor database knows.
		sub.Content = retelling(rng, pick(rng, demoRumors), nameOf(s.platform))
	} else {
		sub.Content = content(rng, topic, nameOf(s.platform))
	}
	// Most reporters say where they are; every district occurs.
	if i < len(districts) {
		sub.District = districts[i].Code
	} else if rng.IntN(10) < 7 {
		sub.District = weighted(rng, districtMix())
	}
	sub.Campaign = g.campaignFor(s.category, at)
	if s.zone != "" || sub.Channel == "volunteer" || sub.Channel == "phone" || rng.IntN(3) == 0 {
		name, phone := person(rng)
		sub.Reporter = report.Reporter{Name: name, Phone: phone}
	} else {
		sub.Reporter = report.Reporter{Anonymous: true}
	}
	if rng.IntN(5) == 0 {
		id, err := g.files.newScreenshot(ctx)
		if err != nil {
			return sub, s, err
		}
		sub.EvidenceIDs = []string{id}
	}
	var err error
	sub.ZoneFields, err = g.zoneFields(ctx, s.zone, at)
	return sub, s, err
}

func districtMix() []choice {
	var mix []choice
	for _, d := range districts {
		mix = append(mix, choice{d.Code, d.weight})
	}
	return mix
}

// campaignFor joins a report to the campaign open for its category at
// the time, as the portal's campaign entrance would.
func (g *generator) campaignFor(cat string, at time.Time) string {
	for _, c := range campaigns {
		open := !at.Before(g.now.AddDate(0, 0, c.from)) && at.Before(g.now.AddDate(0, 0, c.to))
		if c.categories == cat && open && g.rng.IntN(3) > 0 {
			return c.code
		}
	}
	return ""
}

func nameOf(platform string) string { return platformNames()[platform] }

func firstDomain(domains string) string {
	d, _, _ := strings.Cut(domains, ",")
	return d
}
