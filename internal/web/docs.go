package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"qinglang/internal/report"
)

// The webhook documentation (/docs/webhooks) is written for a platform's
// engineer who has nothing else: from the page alone they must be able to
// write a receiver that checks signatures, answers in time and survives
// retries. Its test vector is computed here, when the page is built, from
// the same example the page shows, so the numbers a reader checks their
// code against cannot drift from the text; docs_test.go recomputes it
// from the rendered page and runs the page's Go, Python and Node.js
// samples against it.

type webhookDocs struct {
	view
	Origin  string // the center's address, for the API examples
	Example string // the notice payload, indented for reading
	Vector  signVector
	Samples map[string]string // verification code by language
}

// signVector is one delivery a reader can check their code against.
type signVector struct {
	Secret, Timestamp, Body, Signature string
}

// The example event: a notice as the center sends it, built from the
// payload type the outbox really sends (report.NoticeEvent), so a field
// added there shows up here. Fixed values (not now) keep the vector the
// same on every server and in every test.
var (
	exampleSent   = time.Date(2026, 3, 2, 1, 15, 0, 0, time.UTC)
	exampleSecret = "whsec_Jx9TqLm2VbN8cRd5FgH7kPzW4sYa6uE1oQ3iT0rXhCk"
)

func exampleNotice() report.NoticeEvent {
	return report.NoticeEvent{Event: report.NoticeCreatedTopic, Notice: report.NoticePayload{
		ID:         1024,
		Case:       "QL7K2M9P4XR",
		Category:   "fraud",
		What:       "删除冒充银行客服、诱导转账的诈骗帖子",
		Location:   "https://bbs.yongcheng.example/t/88231",
		Reason:     "该信息涉嫌电信网络诈骗，依据《网络信息内容生态治理规定》请核查并依法处置。",
		Deadline:   exampleSent.Add(48 * time.Hour),
		CreatedAt:  exampleSent,
		RespondURL: "https://jubao.example.gov.cn/api/v1/platform/notices/1024/response",
	}}
}

// signV1 is the signature scheme the page describes: hex HMAC-SHA256 of
// timestamp + "." + body under the platform's secret, prefixed "v1=".
// It restates outbox.Sign on purpose rather than calling it, so the page
// is a second, independent statement of the contract; docs_test.go holds
// both to the same vector.
func signV1(secret, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	return "v1=" + hex.EncodeToString(mac.Sum(nil))
}

// marshal encodes without escaping <, > and &: a receiver sees the body
// exactly as written here.
func marshal(v any, indent string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	enc.Encode(v)
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func (s *Server) pageDocsWebhooks(w http.ResponseWriter, r *http.Request) {
	ts := strconv.FormatInt(exampleSent.Unix(), 10)
	body := marshal(exampleNotice(), "")
	p := webhookDocs{view: newView(r, ""), Origin: s.baseURL(r), Example: marshal(exampleNotice(), "  "),
		Vector:  signVector{Secret: exampleSecret, Timestamp: ts, Body: body, Signature: signV1(exampleSecret, ts, []byte(body))},
		Samples: map[string]string{"go": sampleGo, "python": samplePython, "node": sampleNode}}
	s.render(w, r, http.StatusOK, "page_docs_webhooks.html", p)
}
