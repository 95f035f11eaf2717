package web_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"qinglang/internal/outbox"
)

// TestWebhookDocs reads the test vector off the rendered documentation,
// recomputes its signature with crypto/hmac and with the outbox's own
// Sign, and runs the page's Go, Python and Node.js samples against it:
// the page a platform engineer codes from cannot drift from what the
// center sends.
func TestWebhookDocs(t *testing.T) {
	ts := startServer(t, sqliteURL(t))
	r := ts.get("/docs/webhooks", "Accept-Language", "zh-CN")
	if r.Status != 200 || r.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("GET /docs/webhooks: %d", r.Status)
	}
	page := string(r.Body)
	get := func(id string) string {
		v := html.UnescapeString(find(page, `(?s)id="`+id+`"[^>]*>(.*?)</code>`))
		if v == "" {
			t.Fatalf("the page has no %s", id)
		}
		return v
	}
	secret, stamp, body, sig := get("v-secret"), get("v-timestamp"), get("v-body"), get("v-signature")

	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stamp + "." + body))
	if want := "v1=" + hex.EncodeToString(mac.Sum(nil)); sig != want {
		t.Errorf("the page's signature %s, HMAC-SHA256 of its inputs %s", sig, want)
	}
	ts64, _ := strconv.ParseInt(stamp, 10, 64)
	if got := outbox.Sign([]byte(secret), ts64, []byte(body)); got != sig {
		t.Errorf("the outbox signs the vector %s, the page says %s", got, sig)
	}
	var ev struct {
		Event  string
		Notice struct{ ID int64 }
	}
	if err := json.Unmarshal([]byte(body), &ev); err != nil || ev.Event != "notice.created" || ev.Notice.ID == 0 || strings.Contains(body, "\n") {
		t.Errorf("the vector's body is not one line of a notice.created event (%v): %s", err, body)
	}
	for _, want := range []string{"X-Qinglang-Event", "X-Qinglang-Delivery", "Idempotency-Key", "X-Qinglang-Timestamp", "X-Qinglang-Signature",
		"5 分钟", "10 秒", "48 小时", "410 Gone", "5 秒、15 秒、30 秒、1 分、2 分、5 分、10 分、15 分、30 分", "/api/v1/platform/notices/{id}/response",
		"removed", "restricted", "no_violation", "not_found", "请忽略不认识的事件和字段"} {
		if !strings.Contains(page, html.EscapeString(want)) && !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}

	// Each sample must accept the vector at its own time and refuse it
	// with the body changed or ten minutes later.
	dir := t.TempDir()
	type run struct {
		lang, file, source string
		cmd                []string
	}
	harness := map[string]string{
		"go": `
func main() {
	now := time.Unix(%[2]s, 0)
	body := []byte(%[3]q)
	println(Verify(%[1]q, "%[2]s", %[4]q, body, now), Verify(%[1]q, "%[2]s", %[4]q, append(body, ' '), now),
		Verify(%[1]q, "%[2]s", %[4]q, body, now.Add(600*time.Second)))
}`,
		"python": "\nprint(verify(%[1]q, \"%[2]s\", %[4]q, %[3]q.encode(), %[2]s), verify(%[1]q, \"%[2]s\", %[4]q, %[3]q.encode() + b' ', %[2]s), verify(%[1]q, \"%[2]s\", %[4]q, %[3]q.encode(), %[2]s + 600))\n",
		"node":   "\nconsole.log(verify(%[1]q, '%[2]s', %[4]q, Buffer.from(%[3]q), %[2]s), verify(%[1]q, '%[2]s', %[4]q, Buffer.from(%[3]q + ' '), %[2]s), verify(%[1]q, '%[2]s', %[4]q, Buffer.from(%[3]q), %[2]s + 600));\n",
	}
	runs := []run{
		{"go", "main.go", strings.Replace(get("sample-go"), "package webhook", "package main", 1), []string{"go", "run", "."}},
		{"python", "verify.py", get("sample-python"), []string{"python3", "verify.py"}},
		{"node", "verify.js", get("sample-node"), []string{"node", "verify.js"}},
	}
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module sample\n\ngo 1.22\n"), 0o644)
	for _, x := range runs {
		if _, err := exec.LookPath(x.cmd[0]); err != nil {
			t.Logf("%s not installed: the %s sample is not run", x.cmd[0], x.lang)
			continue
		}
		src := x.source + fmt.Sprintf(harness[x.lang], secret, stamp, body, sig)
		if err := os.WriteFile(filepath.Join(dir, x.file), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(x.cmd[0], x.cmd[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		got := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(string(out), ",", " ")), " "))
		if err != nil || got != "true false false" {
			t.Errorf("the %s sample: %v, printed %q, want true false false\n%s", x.lang, err, out, src)
		}
	}
}
