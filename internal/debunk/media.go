package debunk

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// Channel length limits, in characters.
const (
	WeiboMax      = 2000
	WeiboShortMax = 140
)

// defaultTemplates are the media versions until editors change them.
// Fields: see mediaData.
var defaultTemplates = map[string]string{
	"wechat": `<h1>{{html .Title}}</h1>
{{if .Summary}}<p><strong>{{html .Summary}}</strong></p>
{{end}}{{range .Claims}}<p>【{{.Label}}】{{html .Claim}}</p>
{{end}}{{.BodyHTML}}
{{if .Department}}<p>核实部门：{{html .Department}}</p>
{{end}}{{if .CorrectionNote}}<p>更正说明（{{.CorrectedAt}}）：{{html .CorrectionNote}}</p>
{{end}}<p>原文链接：<a href="{{html .URL}}">{{html .URL}}</a></p>`,
	"weibo": `【{{.Title}}】{{.Summary}}{{range .Claims}} #{{.Label}}# {{.Claim}}{{end}} {{.Text}} 详情：{{.URL}}`,
	"toutiao": `{{.Title}}

{{if .Summary}}{{.Summary}}

{{end}}{{range .Claims}}网传说法：{{.Claim}}
核查结论：{{.Label}}

{{end}}{{.Text}}
{{if .Department}}
核实部门：{{.Department}}{{end}}{{if .CorrectionNote}}
更正说明（{{.CorrectedAt}}）：{{.CorrectionNote}}{{end}}

原文链接：{{.URL}}`,
	"video": `【开场】（3秒）网上有人说：{{with index .Claims 0}}“{{.Claim}}”{{end}}，是真的吗？
【谣言】{{range .Claims}}
- 网传：{{.Claim}}{{end}}
【真相】{{range .Claims}}
- 结论：{{.Label}}。{{end}}{{if .Summary}}
- {{.Summary}}{{end}}
【依据】{{if .Department}}
- 核实部门：{{.Department}}{{end}}{{range .Sources}}
- {{.Title}} {{.URL}}{{end}}
【结尾】不信谣、不传谣，发现谣言请举报。全文：{{.URL}}`,
}

// MediaChannels lists the channels with editable templates.
func MediaChannels() []string { return []string{"wechat", "weibo", "toutiao", "video"} }

type mediaClaim struct {
	Claim, Verdict, Label string
}

// mediaData is what templates see.
type mediaData struct {
	Title, Summary, URL, Text, Department, CorrectionNote, PublishedAt, CorrectedAt string
	BodyHTML                                                                        string // sanitized HTML
	Tags                                                                            []string
	Sources                                                                         []Source
	Claims                                                                          []mediaClaim
}

var plainText = bluemonday.StrictPolicy()

func toPlain(h string) string {
	t := plainText.Sanitize(strings.NewReplacer("</p>", "</p>\n", "<br>", "\n", "</li>", "</li>\n", "</h1>", "</h1>\n", "</h2>", "</h2>\n").Replace(h))
	return strings.TrimSpace(html.UnescapeString(t))
}

func newMediaData(a *Article, url string) mediaData {
	d := mediaData{Title: a.Title, Summary: a.Summary, URL: url, Text: toPlain(string(a.BodyHTML)), Department: a.Department,
		CorrectionNote: a.CorrectionNote, BodyHTML: string(a.BodyHTML), Tags: a.Tags, Sources: a.Sources}
	cst := time.FixedZone("CST", 8*3600)
	if a.PublishedAt != nil {
		d.PublishedAt = a.PublishedAt.In(cst).Format("2006-01-02")
	}
	if a.CorrectedAt != nil {
		d.CorrectedAt = a.CorrectedAt.In(cst).Format("2006-01-02")
	}
	for _, c := range a.Claims {
		d.Claims = append(d.Claims, mediaClaim{Claim: c.Claim, Verdict: c.Verdict, Label: rumor.Verdict(c.Verdict).Label().Zh})
	}
	if len(d.Claims) == 0 {
		d.Claims = []mediaClaim{{}}
	}
	return d
}

func parseTemplate(channel, body string) (*template.Template, error) {
	return template.New(channel).Option("missingkey=error").Parse(body)
}

func run(t *template.Template, d mediaData) (string, error) {
	var b strings.Builder
	if err := t.Execute(&b, d); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

// Versions returns the copy-ready versions of an article: "wechat"
// (HTML), "weibo" (text within WeiboMax with the link), "weibo_short"
// (within WeiboShortMax), "toutiao" (text) and "video" (a script
// outline). baseURL is the public site's address.
func (s *Service) Versions(ctx context.Context, a *Article, baseURL string) (map[string]string, error) {
	bodies, err := s.templates(ctx)
	if err != nil {
		return nil, err
	}
	d := newMediaData(a, strings.TrimRight(baseURL, "/")+a.Path())
	out := map[string]string{}
	for _, ch := range MediaChannels() {
		t, err := parseTemplate(ch, bodies[ch])
		if err != nil {
			return nil, fmt.Errorf("debunk: template %s: %w", ch, err)
		}
		switch ch {
		case "weibo":
			if out["weibo"], err = fit(t, d, WeiboMax); err == nil {
				out["weibo_short"], err = fit(t, d, WeiboShortMax)
			}
		default:
			out[ch], err = run(t, d)
		}
		if err != nil {
			return nil, fmt.Errorf("debunk: template %s: %w", ch, err)
		}
	}
	return out, nil
}

// fit renders t within limit characters: it gives up the body text
// first, then the summary and the claims' wording, then shortens the
// title; the link is never cut.
func fit(t *template.Template, d mediaData, limit int) (string, error) {
	out, err := run(t, d)
	if err != nil || utf8.RuneCountInString(out) <= limit {
		return out, err
	}
	for _, field := range []*string{&d.Text, &d.Summary, &d.Title} {
		for *field != "" {
			over := utf8.RuneCountInString(out) - limit
			*field = shorten(*field, utf8.RuneCountInString(*field)-over)
			if out, err = run(t, d); err != nil || utf8.RuneCountInString(out) <= limit {
				return out, err
			}
		}
		if field == &d.Summary {
			for i := range d.Claims {
				d.Claims[i].Claim = shorten(d.Claims[i].Claim, 20)
			}
			if out, err = run(t, d); err != nil || utf8.RuneCountInString(out) <= limit {
				return out, err
			}
		}
	}
	// An editor's template longer than the limit on its own: keep the
	// link and cut the rest.
	keep := limit - utf8.RuneCountInString(d.URL) - 2
	text := strings.Replace(out, d.URL, "", 1)
	return shorten(text, max(keep, 0)) + " " + d.URL, nil
}

// shorten cuts s to at most n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return ""
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func (s *Service) templates(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range defaultTemplates {
		out[k] = v
	}
	rows, err := s.db.Read().QueryContext(ctx, `SELECT channel, body FROM media_templates`)
	if err != nil {
		return nil, fmt.Errorf("debunk: templates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch, body string
		if err := rows.Scan(&ch, &body); err != nil {
			return nil, fmt.Errorf("debunk: templates: %w", err)
		}
		out[ch] = body
	}
	return out, rows.Err()
}

// Template returns a channel's template as editors see it: theirs, or
// the default.
func (s *Service) Template(ctx context.Context, channel string) (string, error) {
	t, err := s.templates(ctx)
	return t[channel], err
}

// SaveTemplate replaces a channel's template; an empty body restores the
// default. The template must parse and render a sample article.
func (s *Service) SaveTemplate(ctx context.Context, p *auth.Principal, channel, body string) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	if _, ok := defaultTemplates[channel]; !ok {
		return apperr.Fields(apperr.Field("channel", "unknown", "渠道须为微信、微博、头条或短视频", "channel: wechat, weibo, toutiao or video"))
	}
	if strings.TrimSpace(body) != "" {
		t, err := parseTemplate(channel, body)
		if err == nil {
			_, err = run(t, newMediaData(&sampleArticle, "https://example.org/articles/sample"))
		}
		if err != nil {
			return apperr.Fields(apperr.Field("body", "bad_template", "模板有误："+err.Error(), "body: "+err.Error()))
		}
	}
	now := s.now()
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if strings.TrimSpace(body) == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM media_templates WHERE channel = $1`, channel)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO media_templates (channel, body, updated_at) VALUES ($1,$2,$3)
				ON CONFLICT (channel) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, channel, body, now)
		}
		if err != nil {
			return fmt.Errorf("debunk: save template: %w", err)
		}
		return audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "article.template", Target: "media_template:" + channel})
	})
}

var samplePublished = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var sampleArticle = Article{ID: 1, Slug: "sample", Title: "示例", Summary: "示例摘要", BodyHTML: "<p>示例正文</p>",
	Claims: []Claim{{Claim: "示例说法", Verdict: "rumor"}}, Sources: []Source{{Title: "示例", URL: "https://example.org"}},
	PublishedAt: &samplePublished}
