package web

import (
	"fmt"
	"net/http"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/platform"
	"qinglang/internal/report"
	"qinglang/internal/sla"
)

// compliancePage ranks the partner platforms by how they answered the
// notices of a period.
type compliancePage struct {
	consoleView
	From, To, Sort string // as the form shows them
	Rows           []platform.Compliance
	Responses      []string
}

// Share shows an answered share as a percentage.
func (compliancePage) Share(c platform.Compliance) string {
	return fmt.Sprintf("%.0f%%", 100*c.AnsweredShare())
}

// Rank numbers the ranking from 1.
func (compliancePage) Rank(i int) int { return i + 1 }

// Median shows a median response time in hours, "—" when none.
func (compliancePage) Median(c platform.Compliance) string {
	if c.Median == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f h", c.Median.Hours())
}

// ResponseLabel names a response code in the page's language.
func (p compliancePage) ResponseLabel(code string) string { return p.In(report.ResponseLabel(code)) }

// period reads from and to (YYYY-MM-DD, Beijing days, to inclusive); by
// default the last 30 days up to today.
func (s *Server) period(r *http.Request) (from, to time.Time, fromS, toS string, err error) {
	today := s.Now().In(sla.Beijing)
	fromS, toS = r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if toS == "" {
		toS = today.Format(time.DateOnly)
	}
	if fromS == "" {
		fromS = today.AddDate(0, 0, -29).Format(time.DateOnly)
	}
	from, err1 := time.ParseInLocation(time.DateOnly, fromS, sla.Beijing)
	to, err2 := time.ParseInLocation(time.DateOnly, toS, sla.Beijing)
	if err1 != nil || err2 != nil || to.Before(from) {
		err = apperr.Fields(apperr.Field("from", "bad_period", "时间段须为 YYYY-MM-DD 日期，且开始不晚于结束", "from, to: YYYY-MM-DD dates, from not after to"))
	}
	return from, to.AddDate(0, 0, 1), fromS, toS, err
}

func (s *Server) compliance(r *http.Request) (compliancePage, error) {
	p := compliancePage{consoleView: s.newConsoleView(r, "platforms/compliance"), Sort: r.URL.Query().Get("sort"), Responses: platform.Responses()}
	if p.Sort != platform.ByMedian {
		p.Sort = platform.ByAnswered
	}
	from, to, fromS, toS, err := s.period(r)
	p.From, p.To = fromS, toS
	if err == nil {
		p.Rows, err = s.Platforms.Compliance(r.Context(), auth.FromContext(r.Context()), from, to, p.Sort)
	}
	return p, err
}

func (s *Server) pageCompliance(w http.ResponseWriter, r *http.Request) {
	p, err := s.compliance(r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_platform_compliance.html", p)
}

type complianceJSON struct {
	Platform        string         `json:"platform"`
	Name            string         `json:"name"`
	Sent            int            `json:"sent"`
	Answered        int            `json:"answered"`
	AnsweredShare   float64        `json:"answered_share"`
	MedianResponseS *float64       `json:"median_response_seconds"`
	Overdue         int            `json:"overdue"`
	Outcomes        map[string]int `json:"outcomes"`
}

func (s *Server) apiCompliance(w http.ResponseWriter, r *http.Request) {
	p, err := s.compliance(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := []complianceJSON{}
	for _, c := range p.Rows {
		j := complianceJSON{Platform: c.Code, Name: c.Name, Sent: c.Sent, Answered: c.Answered, AnsweredShare: c.AnsweredShare(),
			Overdue: c.Overdue, Outcomes: c.Outcomes}
		if c.Median != nil {
			sec := c.Median.Seconds()
			j.MedianResponseS = &sec
		}
		out = append(out, j)
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": p.From, "to": p.To, "sort": p.Sort, "platforms": out})
}
