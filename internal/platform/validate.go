package platform

import (
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"qinglang/internal/apperr"
)

// Codes are what imports, the API and report forms name a platform by,
// so they are plain ASCII.
var codeRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

var (
	hostLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)
	phoneRe   = regexp.MustCompile(`^\+?[0-9][0-9 -]{4,19}$`)
)

// Limits of a record; a platform with more domains or contacts than this
// is better split or documented elsewhere.
const (
	MaxDomains  = 50
	MaxContacts = 10
)

// clean trims p's text and returns what is wrong with it, field by field.
// Domains come back normalized to lower-case ASCII host names.
func clean(p *Platform) []apperr.FieldError {
	var errs []apperr.FieldError
	bad := func(field, reason, zh, en string) { errs = append(errs, apperr.Field(field, reason, zh, en)) }
	p.Code, p.Name, p.WebhookURL = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name), strings.TrimSpace(p.WebhookURL)
	if !codeRe.MatchString(p.Code) {
		bad("code", "bad_format", "「平台代码」须为 1-40 个小写字母、数字、_ 或 -，以字母或数字开头",
			"code: 1-40 of a-z, 0-9, _ or -, starting with a letter or digit")
	}
	switch n := utf8.RuneCountInString(p.Name); {
	case n == 0:
		bad("name", "required", "请填写「平台名称」", "name: required")
	case n > 100:
		bad("name", "too_long", "「平台名称」最多 100 字", "name: at most 100 characters")
	}
	if p.Kind == "" {
		p.Kind = "other"
	} else if !p.Kind.Valid() {
		bad("kind", "unknown", "「类型」不认识："+string(p.Kind), "kind: unknown kind "+string(p.Kind))
	}
	var domains []string
	for _, d := range p.Domains {
		host, ok := normalizeHost(d)
		switch {
		case strings.TrimSpace(d) == "":
		case !ok:
			bad("domains", "bad_host", "域名格式不正确："+d, "domains: not a host name: "+d)
		case !contains(domains, host):
			domains = append(domains, host)
		}
	}
	if p.Domains = domains; len(domains) > MaxDomains {
		bad("domains", "too_many", fmt.Sprintf("域名最多 %d 个", MaxDomains), fmt.Sprintf("domains: at most %d", MaxDomains))
	}
	if p.WebhookURL != "" {
		if reason := checkWebhook(p.WebhookURL); reason != "" {
			bad("webhook_url", "bad_url", "「回调地址」"+reason, "webhook_url: must be an https:// address (http:// only for localhost)")
		}
	}
	if len(p.Contacts) > MaxContacts {
		bad("contacts", "too_many", fmt.Sprintf("联系人最多 %d 位", MaxContacts), fmt.Sprintf("contacts: at most %d", MaxContacts))
	}
	var keep []Contact
	for i, c := range p.Contacts {
		c = Contact{Name: strings.TrimSpace(c.Name), Role: strings.TrimSpace(c.Role), Phone: strings.TrimSpace(c.Phone), Email: strings.TrimSpace(c.Email)}
		if c == (Contact{}) {
			continue // an empty row of the form
		}
		f := fmt.Sprintf("contacts[%d].", i)
		if c.Name == "" || utf8.RuneCountInString(c.Name) > 50 {
			bad(f+"name", "required", "请填写联系人姓名（最多 50 字）", f+"name: required, at most 50 characters")
		}
		if utf8.RuneCountInString(c.Role) > 50 {
			bad(f+"role", "too_long", "联系人职务最多 50 字", f+"role: at most 50 characters")
		}
		if c.Phone != "" && !phoneRe.MatchString(c.Phone) {
			bad(f+"phone", "bad_format", "联系电话格式不正确："+c.Phone, f+"phone: not a phone number")
		}
		if c.Email != "" {
			if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
				bad(f+"email", "bad_format", "联系邮箱格式不正确："+c.Email, f+"email: not an e-mail address")
			}
		}
		keep = append(keep, c)
	}
	p.Contacts = keep
	return errs
}

// normalizeHost turns what people paste (a URL, an upper-case or Chinese
// domain, a trailing dot) into the host name links are matched by.
func normalizeHost(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		s = h
	}
	s = strings.TrimPrefix(strings.TrimSuffix(s, "."), "*.")
	ascii, err := idna.Lookup.ToASCII(strings.ToLower(s))
	if err != nil || len(ascii) > 253 || !strings.Contains(ascii, ".") {
		return "", false
	}
	for _, l := range strings.Split(ascii, ".") {
		if !hostLabel.MatchString(l) {
			return "", false
		}
	}
	return ascii, true
}

// checkWebhook says what is wrong with a webhook address, in Chinese, or
// "". Plain http is allowed only to this machine, for tests and a
// receiver on the same host: anything else would carry notices in clear.
func checkWebhook(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || u.Host == "" || len(s) > 2048:
		return "不是有效的网址"
	case u.User != nil:
		return "不能包含用户名或密码"
	case u.Scheme == "https":
		return ""
	case u.Scheme == "http" && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1" || u.Hostname() == "::1"):
		return ""
	}
	return "须为 https:// 地址（仅本机测试可用 http://）"
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
