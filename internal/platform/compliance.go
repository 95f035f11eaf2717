package platform

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"qinglang/internal/auth"
)

// Responses are the answers a platform may give a notice, in display order.
func Responses() []string { return []string{"removed", "restricted", "no_violation", "not_found"} }

// Compliance is how one platform answered the notices of a period: the
// center's yardstick for its partner platforms (平台履责情况).
type Compliance struct {
	PlatformID int64
	Code, Name string
	Sent       int // notices sent in the period
	Answered   int
	// Median is the median time from notice to answer over the answered
	// ones; nil when none was answered.
	Median *time.Duration
	// Overdue counts notices unanswered past their deadline, and answers
	// that came after it.
	Overdue  int
	Outcomes map[string]int // by response code
}

// AnsweredShare is Answered / Sent, 0 for no notices.
func (c Compliance) AnsweredShare() float64 {
	if c.Sent == 0 {
		return 0
	}
	return float64(c.Answered) / float64(c.Sent)
}

// Sort orders of the compliance ranking.
const (
	ByAnswered = "answered" // highest answered share first, then quickest
	ByMedian   = "median"   // quickest median answer first; none answered last
)

// Compliance ranks the platforms that were sent notices created in
// [from, to). The median is worked out here rather than in SQL, which
// SQLite cannot do.
func (r *Registry) Compliance(ctx context.Context, p *auth.Principal, from, to time.Time, sortBy string) ([]Compliance, error) {
	if err := p.Require(auth.StatsView); err != nil {
		return nil, err
	}
	rows, err := r.db.Read().QueryContext(ctx, `SELECT n.platform_id, p.code, p.name, n.status, n.response, n.created_at, n.deadline, n.responded_at
		FROM notices n JOIN platforms p ON p.id = n.platform_id WHERE n.created_at >= $1 AND n.created_at < $2 ORDER BY n.platform_id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("platform: compliance: %w", err)
	}
	defer rows.Close()
	now := r.now()
	by := map[int64]*Compliance{}
	var order []int64
	times := map[int64][]time.Duration{}
	for rows.Next() {
		var id int64
		var code, name, status, response string
		var created, deadline time.Time
		var answered *time.Time
		if err := rows.Scan(&id, &code, &name, &status, &response, &created, &deadline, &answered); err != nil {
			return nil, fmt.Errorf("platform: compliance: %w", err)
		}
		c := by[id]
		if c == nil {
			c = &Compliance{PlatformID: id, Code: code, Name: name, Outcomes: map[string]int{}}
			by[id] = c
			order = append(order, id)
		}
		c.Sent++
		switch {
		case status == "answered" && answered != nil:
			c.Answered++
			c.Outcomes[response]++
			times[id] = append(times[id], answered.Sub(created))
			if answered.After(deadline) {
				c.Overdue++
			}
		case now.After(deadline):
			c.Overdue++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Compliance, 0, len(order))
	for _, id := range order {
		c := by[id]
		if ds := times[id]; len(ds) > 0 {
			slices.Sort(ds)
			m := ds[len(ds)/2]
			if len(ds)%2 == 0 {
				m = (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
			}
			c.Median = &m
		}
		out = append(out, *c)
	}
	slices.SortStableFunc(out, func(a, b Compliance) int {
		if sortBy == ByMedian {
			return cmpMedian(a, b)
		}
		if c := cmp.Compare(b.AnsweredShare(), a.AnsweredShare()); c != 0 {
			return c
		}
		return cmpMedian(a, b)
	})
	return out, nil
}

func cmpMedian(a, b Compliance) int {
	switch {
	case a.Median == nil && b.Median == nil:
		return 0
	case a.Median == nil:
		return 1
	case b.Median == nil:
		return -1
	}
	return cmp.Compare(*a.Median, *b.Median)
}
