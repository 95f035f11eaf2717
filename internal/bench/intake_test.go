package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"qinglang/internal/config"
)

func TestIntakeSmall(t *testing.T) {
	res, err := Intake(context.Background(), IntakeOptions{Reports: 200, Clients: 4, Config: config.Default()})
	if err != nil {
		t.Fatal(err)
	}
	if res.ReportsPerS <= 0 || res.CeilingPerS <= 0 || res.Ratio <= 0 || res.P99 < res.P50 || res.Database != "sqlite" {
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
	for _, k := range []string{"reports_per_s", "ceiling_per_s", "ratio", "p99_ms", "p50_ms", "reports", "clients", "durability", "database"} {
		if _, ok := last[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
}

func TestPercentile(t *testing.T) {
	var l Latencies
	for i := 100; i >= 1; i-- {
		l = append(l, time.Duration(i)*time.Millisecond)
	}
	if p50, p99 := l.Percentile(50), l.Percentile(99); p50 != 50 || p99 != 99 {
		t.Fatalf("p50 %v p99 %v, want 50 and 99", p50, p99)
	}
}
