package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"qinglang/internal/app"
	"qinglang/internal/auth"
	"qinglang/internal/config"
	"qinglang/internal/debunk"
)

// PublicOptions says how much work a public-pages run does.
type PublicOptions struct {
	Requests    int // per URL kind
	Concurrency int
	Articles    int // published before the run; default 20
	Config      *config.Config
	// Log is the app's logger. The default logs at info level, like
	// production, into io.Discard: every request's log line is still
	// formatted, only not written to a terminal.
	Log *slog.Logger
}

// PublicResult is one run's figures; the JSON names are a contract for
// scripts that track performance over time.
type PublicResult struct {
	ArticleRPS  float64     `json:"article_rps"`
	FeedRPS     float64     `json:"feed_rps"` // the slower of the Atom and JSON feeds
	ArticleP99  float64     `json:"article_p99_ms"`
	FeedP99     float64     `json:"feed_p99_ms"` // the larger of the two feeds'
	Requests    int         `json:"requests"`
	Concurrency int         `json:"concurrency"`
	Kinds       []PublicRun `json:"kinds"`
}

// PublicRun is the figures of one URL kind.
type PublicRun struct {
	Kind    string  `json:"kind"`
	Path    string  `json:"path"`
	RPS     float64 `json:"rps"`
	P50     float64 `json:"p50_ms"`
	P99     float64 `json:"p99_ms"`
	Seconds float64 `json:"seconds"`
}

// Public starts qinglang on a fresh database, publishes articles through
// the debunk service, and requests GET /articles/{slug} (cycling through
// the articles), /feeds/debunk.atom and /feeds/debunk.json over loopback
// with keep-alive clients. Only a 200 with a body counts; anything else
// stops the run.
func Public(ctx context.Context, opt PublicOptions) (*PublicResult, error) {
	if opt.Requests < 1 || opt.Concurrency < 1 {
		return nil, fmt.Errorf("bench: requests and concurrency must be at least 1")
	}
	if opt.Articles < 1 {
		opt.Articles = 20
	}
	if opt.Log == nil {
		opt.Log = app.NewLogger(io.Discard, "info")
	}
	a, err := startApp(ctx, opt.Config, opt.Log)
	if err != nil {
		return nil, err
	}
	defer a.stop()
	slugs, err := publishArticles(ctx, a, opt.Articles)
	if err != nil {
		return nil, err
	}
	client := &http.Client{
		Timeout: time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: opt.Concurrency, MaxIdleConns: opt.Concurrency,
			DisableCompression: true},
	}
	defer client.CloseIdleConnections()
	base := a.URL()
	res := &PublicResult{Requests: opt.Requests, Concurrency: opt.Concurrency}
	kinds := []struct {
		kind, path string
		urls       []string
	}{
		{"article", "/articles/{slug}", nil},
		{"atom feed", "/feeds/debunk.atom", []string{base + "/feeds/debunk.atom"}},
		{"json feed", "/feeds/debunk.json", []string{base + "/feeds/debunk.json"}},
	}
	for _, s := range slugs {
		kinds[0].urls = append(kinds[0].urls, base+"/articles/"+s)
	}
	for _, k := range kinds {
		// One warm-up pass fills the render cache, as a live site's is.
		for _, u := range k.urls {
			if err := get(ctx, client, u); err != nil {
				return nil, err
			}
		}
		var next atomic.Int64
		took, lat, err := drive(ctx, opt.Requests, opt.Concurrency, func(ctx context.Context) error {
			return get(ctx, client, k.urls[(next.Add(1)-1)%int64(len(k.urls))])
		})
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", k.path, err)
		}
		run := PublicRun{Kind: k.kind, Path: k.path, RPS: round2(float64(opt.Requests) / took.Seconds()),
			P50: round2(lat.Percentile(50)), P99: round2(lat.Percentile(99)), Seconds: round2(took.Seconds())}
		res.Kinds = append(res.Kinds, run)
	}
	res.ArticleRPS, res.ArticleP99 = res.Kinds[0].RPS, res.Kinds[0].P99
	res.FeedRPS, res.FeedP99 = min(res.Kinds[1].RPS, res.Kinds[2].RPS), max(res.Kinds[1].P99, res.Kinds[2].P99)
	return res, nil
}

// get requests url and reads the whole answer so the connection goes back
// to the pool; only a 200 with a body counts.
func get(ctx context.Context, client *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	n, _ := io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK || n == 0 {
		return fmt.Errorf("GET %s: %s (%d bytes)", url, resp.Status, n)
	}
	return nil
}

// publishArticles publishes n articles through the debunk service as an
// editor, each with a Markdown body the size of a real debunk, and returns
// their slugs.
func publishArticles(ctx context.Context, a *benchApp, n int) ([]string, error) {
	var ed *auth.Principal
	err := a.DB.Write(ctx, func(tx *sql.Tx) error {
		id, err := auth.CreateUser(ctx, tx, auth.NewUser{Username: "bench-editor", DisplayName: "压测编辑", Role: auth.Editor}, "bench-password-123456", time.Now())
		ed = &auth.Principal{UserID: id, Username: "bench-editor", DisplayName: "压测编辑", Role: auth.Editor}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("bench: editor: %w", err)
	}
	var slugs []string
	for i := range n {
		slug := fmt.Sprintf("bench-article-%d", i+1)
		art := debunk.Article{
			Slug:    slug,
			Title:   fmt.Sprintf("网传“第%d号消息”不实：相关部门已核查", i+1),
			Summary: "经相关部门核查，网传消息与事实不符，请以官方发布为准，不信谣、不传谣。",
			BodyMD:  publicBody(i),
			Tags:    []string{"压测", "民生"},
			Region:  "南宁市",
			Sources: []debunk.Source{{Title: "官方通报", URL: "https://example.org/notice/" + slug}},
			Claims: []debunk.Claim{
				{Claim: fmt.Sprintf("第%d号消息：某小区自来水被污染，喝了会中毒", i+1), Verdict: "rumor"},
				{Claim: "水龙头流出黄水，大家赶紧买瓶装水", Verdict: "false"},
			},
		}
		id, err := a.Debunk.Save(ctx, ed, art)
		if err == nil {
			err = a.Debunk.Submit(ctx, ed, id)
		}
		if err == nil {
			err = a.Debunk.Publish(ctx, ed, id)
		}
		if err != nil {
			return nil, fmt.Errorf("bench: publish %s: %w", slug, err)
		}
		slugs = append(slugs, slug)
	}
	return slugs, nil
}

// publicBody is a debunk of about 1.5 KB of Markdown: headings, a quote,
// lists and links, as the demo's articles are.
func publicBody(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## 网传内容\n\n近日，有网民在微信群转发“第%d号消息”，称某小区自来水被污染，喝了会中毒。\n\n", i+1)
	b.WriteString("## 核查结果\n\n经市卫健委和供水企业连续三天采样检测，相关小区出厂水和末梢水各项指标均符合国家标准。网传照片系外地旧图。\n\n")
	b.WriteString("## 官方说明\n\n> 浑浊度、余氯、菌落总数等指标均符合《生活饮用水卫生标准》（GB 5749—2022）。\n>\n> ——南宁市卫生健康委员会\n\n")
	b.WriteString("## 核查要点\n\n- 联合采样 42 份，全部合格\n- 网传照片经比对为外省旧新闻配图\n- 二次供水水箱已按规定完成清洗\n\n")
	b.WriteString("## 信息来源\n\n- [水质检测通报](https://example.org/notice/water.html)\n")
	return b.String()
}

// Table is the run as a readable table.
func (r *PublicResult) Table() *Table {
	t := &Table{Header: []string{"GET", "requests", "seconds", "requests/s", "p50 ms", "p99 ms"}}
	for _, k := range r.Kinds {
		t.Add(k.Path, r.Requests, k.Seconds, fmt.Sprintf("%.0f", k.RPS), k.P50, k.P99)
	}
	return t
}
