package web

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/rumor"
)

// The public rumor check (查谣言): a visitor pastes a message or its link
// and sees the rumors of the database it resembles, best first, with the
// verdict and where each was debunked. Near misses are shown too, marked
// as possibly related, so a reworded rumor still leads to its debunk.

const (
	checkMaxRunes = 5000
	checkResults  = 10
)

type checkResult struct {
	RumorID int64         `json:"rumor_id"`
	Title   string        `json:"title"`
	Verdict string        `json:"verdict"`
	Score   float64       `json:"score"`
	Linked  bool          `json:"linked"`
	Debunks []checkDebunk `json:"debunks"`
}

type checkDebunk struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

type checkAnswer struct {
	Query   string        `json:"query"`
	Results []checkResult `json:"results"`
}

// checkQuery validates q: required, at most checkMaxRunes characters.
func checkQuery(q string) (string, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return "", apperr.Fields(apperr.Field("q", "required", "请填写要查询的消息内容或链接（q）", "q: give the message text or link to check"))
	}
	if utf8.RuneCountInString(q) > checkMaxRunes {
		return "", apperr.Fields(apperr.Field("q", "too_long", "查询内容（q）不能超过 5000 字", "q: at most 5000 characters"))
	}
	return q, nil
}

// check matches q against the rumor database.
func (s *Server) check(ctx context.Context, q string) ([]checkResult, error) {
	out := []checkResult{}
	if s.Rumors == nil {
		return out, nil
	}
	for _, h := range s.Rumors.Match(q, checkResults) {
		ru, err := rumor.Get(ctx, s.DB, h.RumorID)
		if e, ok := apperr.As(err); ok && e.Code == apperr.NotFound {
			continue // deleted since the index was built
		}
		if err != nil {
			return nil, err
		}
		res := checkResult{RumorID: ru.ID, Title: ru.Title, Verdict: string(ru.Verdict), Score: h.Score, Linked: h.Linked, Debunks: []checkDebunk{}}
		for _, d := range ru.Debunks {
			res.Debunks = append(res.Debunks, checkDebunk{Title: d.Title, URL: d.URL})
		}
		out = append(out, res)
	}
	return out, nil
}

func (s *Server) apiRumorCheck(w http.ResponseWriter, r *http.Request) {
	q, err := checkQuery(r.URL.Query().Get("q"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	res, err := s.check(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, checkAnswer{Query: q, Results: res})
}

type checkPage struct {
	view
	Q       string
	Asked   bool
	Problem string
	Results []checkView
}

type checkView struct {
	checkResult
	Label, Match, Score string
	Own                 []checkDebunk // the center's own articles
	Others              []checkDebunk
}

func (s *Server) pageCheck(w http.ResponseWriter, r *http.Request) {
	p := checkPage{view: newView(r, "check")}
	raw, asked := r.URL.Query()["q"]
	if !asked {
		s.render(w, r, http.StatusOK, "page_check.html", p)
		return
	}
	p.Asked = true
	p.Q = strings.TrimSpace(strings.Join(raw, " "))
	q, err := checkQuery(p.Q)
	if err != nil {
		e, _ := apperr.As(err)
		p.Problem = e.Fields[0].Message(p.Lang)
		s.render(w, r, http.StatusBadRequest, "page_check.html", p)
		return
	}
	res, err := s.check(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, c := range res {
		v := checkView{checkResult: c, Label: p.In(rumor.Verdict(c.Verdict).Label())}
		v.Match, _ = p.T("check.near")
		if c.Linked {
			v.Match, _ = p.T("check.match")
		}
		v.Score, _ = p.Tf("check.score", int(c.Score*100+0.5))
		for _, d := range c.Debunks {
			if strings.HasPrefix(d.URL, "/articles/") || strings.HasPrefix(d.URL, s.baseURL(r)+"/articles/") {
				v.Own = append(v.Own, d)
			} else {
				v.Others = append(v.Others, d)
			}
		}
		p.Results = append(p.Results, v)
	}
	s.render(w, r, http.StatusOK, "page_check.html", p)
}
