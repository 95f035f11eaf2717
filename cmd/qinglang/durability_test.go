package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestAcknowledgedReportsSurviveKill is the promise behind a 201: the
// server is killed (SIGKILL, no shutdown) while reports stream in, and
// every report it acknowledged is there after a restart.
func TestAcknowledgedReportsSurviveKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "qinglang")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	addr := freeAddr(t)
	base := "http://" + addr

	srv := startServer(t, bin, data, addr)
	type receipt struct{ Code, Secret string }
	var (
		mu    sync.Mutex
		acked []receipt
		wg    sync.WaitGroup
	)
	body, _ := json.Marshal(map[string]any{
		"category": "rumor", "content": "网传“邕江大桥出现裂缝，明天起封闭施工”，没有官方出处。",
		"urls": []string{"https://bbs.yongcheng.example/t/1"}, "reporter": map[string]any{"anonymous": true},
	})
	client := &http.Client{Timeout: 5 * time.Second}
	for range 8 {
		wg.Go(func() {
			// Post until the server is gone: the kill lands mid-stream.
			for {
				resp, err := client.Post(base+"/api/v1/reports", "application/json", bytes.NewReader(body))
				if err != nil {
					return
				}
				var r struct {
					Code   string `json:"tracking_code"`
					Secret string `json:"secret"`
				}
				err = json.NewDecoder(resp.Body).Decode(&r)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated && err == nil {
					mu.Lock()
					acked = append(acked, receipt{r.Code, r.Secret})
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(1500 * time.Millisecond)
	srv.Process.Kill()
	srv.Wait()
	wg.Wait()
	if len(acked) < 100 {
		t.Fatalf("only %d reports acknowledged before the kill; the test proves little", len(acked))
	}

	startServer(t, bin, data, addr)
	for _, r := range acked {
		resp, err := client.Get(base + "/api/v1/reports/track?" + url.Values{"code": {r.Code}, "secret": {r.Secret}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			Status   string            `json:"status"`
			Timeline []json.RawMessage `json:"timeline"`
		}
		err = json.NewDecoder(resp.Body).Decode(&c)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err != nil || c.Status != "submitted" || len(c.Timeline) == 0 {
			t.Fatalf("acknowledged report %s after restart: HTTP %d, status %q, %d timeline entries, %v",
				r.Code, resp.StatusCode, c.Status, len(c.Timeline), err)
		}
	}
	t.Logf("%d acknowledged reports all tracked after SIGKILL and restart", len(acked))
}

// startServer runs `qinglang serve` and waits until it answers; the test's
// cleanup kills it.
func startServer(t *testing.T, bin, data, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", addr, "--rate-limit", "0", "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return cmd
		}
	}
	t.Fatalf("server on %s did not come up", addr)
	return nil
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprintf("127.0.0.1:%d", ln.Addr().(*net.TCPAddr).Port)
}
