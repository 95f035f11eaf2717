package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"qinglang/internal/config"
)

func TestPublicSmall(t *testing.T) {
	res, err := Public(context.Background(), PublicOptions{Requests: 300, Concurrency: 4, Articles: 3, Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Kinds) != 3 || res.ArticleRPS <= 0 || res.FeedRPS <= 0 || res.ArticleP99 <= 0 {
		t.Fatalf("implausible result %+v", res)
	}
	var out bytes.Buffer
	res.Table().Write(&out)
	WriteJSON(&out, res)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var last map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out.String())
	}
	for _, k := range []string{"article_rps", "feed_rps", "article_p99_ms", "feed_p99_ms", "requests", "concurrency"} {
		if _, ok := last[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}
