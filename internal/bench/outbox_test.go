package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"qinglang/internal/config"
)

func TestOutboxSmall(t *testing.T) {
	res, err := Outbox(context.Background(), OutboxOptions{Events: 300, Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	// Every event verified and arrived; a badly signed one would have
	// cost an extra attempt.
	if res.DeliveriesPerS <= 0 || res.DelayP99 < res.DelayP50 || res.DelayP50 <= 0 || res.Attempts != 300 || res.Database != "sqlite" {
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
	for _, k := range []string{"events", "deliveries_per_s", "delay_p50_ms", "delay_p99_ms", "attempts"} {
		if _, ok := last[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}
