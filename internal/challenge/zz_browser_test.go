package challenge

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestZZBrowser(t *testing.T) {
	iss := NewIssuer(testKey, 15, time.Hour)
	js, _ := os.ReadFile("../web/static/js/pow.js")
	results := make(chan string, 10)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /pow.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(js)
	})
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("csp") != "" {
			w.Header().Set("Content-Security-Policy", "script-src 'self' 'unsafe-inline'; worker-src 'none'")
		}
		pre := ""
		if r.URL.Query().Get("noworker") != "" {
			pre = "<script>window.Worker = undefined;</script>"
		}
		c := iss.New(time.Now())
		fmt.Fprintf(w, `<!doctype html><meta charset=utf-8>%s<form data-pow method=post action=/submit data-pow-salt=%q data-pow-difficulty=%d data-pow-text-done="DONE">
<input type=hidden name=pow_token value=%q><input type=hidden name=pow_nonce>
<p data-pow-status></p><button name=act value=send>提交</button></form>
<script src=/pow.js></script>
<script>var b=document.querySelector('button'); document.title='disabled='+b.disabled+' status='+document.querySelector('[data-pow-status]').textContent; var f=document.forms[0]; if(f.requestSubmit) f.requestSubmit(); else f.dispatchEvent(new Event('submit',{cancelable:true}));</script>`, pre, c.Salt, c.Difficulty, c.Token)
	})
	mux.HandleFunc("POST /submit", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		err := iss.Verify(r.PostFormValue("pow_token"), r.PostFormValue("pow_nonce"), time.Now())
		results <- fmt.Sprintf("verify=%v act=%s", err, r.PostFormValue("act"))
		fmt.Fprint(w, "<p id=result>received</p>")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, q := range []string{"", "csp=1", "noworker=1"} {
		out, err := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=20000", "--dump-dom", srv.URL+"/form?"+q).CombinedOutput()
		s := string(out)
		if i := strings.Index(s, "<html"); i >= 0 {
			s = s[i:]
		}
		t.Logf("%s: err=%v dom=%.300s", q, err, s)
		select {
		case r := <-results:
			t.Logf("%s: %s", q, r)
		case <-time.After(2 * time.Second):
			t.Errorf("%s: no submission", q)
		}
	}
}
