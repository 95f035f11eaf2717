package textsim

import (
	"slices"
	"strings"

	"qinglang/internal/urlnorm"
)

// CanonicalURL returns the form under which two links to the same page
// compare equal, or "" when raw is not an http(s) URL. It is a key, not
// a link to open: the scheme is dropped (http and https serve the same
// page), mobile hosts map to their desktop site, share and tracking
// parameters go, the remaining parameters are sorted, and a trailing
// slash and in-page fragments are dropped ("#!…" and "#/…" routes stay:
// they name a page in single-page apps).
//
// Syntax (case, IDN, default ports, dot segments, percent-encoding) is
// urlnorm's, the same as for reported URLs.
func CanonicalURL(raw string) string {
	n, err := urlnorm.Normalize(raw)
	if err != nil {
		return ""
	}
	_, rest, _ := strings.Cut(n, "://")
	rest, fragment, _ := strings.Cut(rest, "#")
	rest, query, _ := strings.Cut(rest, "?")
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	user, host, hasUser := strings.Cut(authority, "@")
	if !hasUser {
		user, host = "", authority
	}
	host = canonicalHost(host)

	var b strings.Builder
	if hasUser {
		b.WriteString(user + "@")
	}
	b.WriteString(host)
	b.WriteString(strings.TrimRight(path, "/"))
	if q := canonicalQuery(host, query); q != "" {
		b.WriteString("?" + q)
	}
	if strings.HasPrefix(fragment, "!") || strings.HasPrefix(fragment, "/") {
		b.WriteString("#" + fragment)
	}
	return b.String()
}

// mobilePrefixes are host prefixes of the mobile or legacy edition of a
// site that serves the same pages as the bare domain.
var mobilePrefixes = []string{"www.", "m.", "mobile.", "wap.", "3g."}

// mobileHosts maps mobile hosts whose desktop site has another name.
var mobileHosts = map[string]string{
	"weibo.cn":      "weibo.com",
	"iesdouyin.com": "douyin.com",
	"xw.qq.com":     "news.qq.com",
	"x.com":         "twitter.com",
}

func canonicalHost(hostport string) string {
	host, port, _ := strings.Cut(hostport, ":")
	for changed := true; changed; {
		changed = false
		for _, p := range mobilePrefixes {
			// Keep at least a name and a suffix: "m.cn" stays itself.
			if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
				host, changed = rest, true
			}
		}
	}
	if h, ok := mobileHosts[host]; ok {
		host = h
	}
	if port != "" {
		return host + ":" + port
	}
	return host
}

// trackingParams say who shared a link, from which app and when: the same
// article shared twice differs only in them.
var trackingParams = map[string]bool{
	"spm": true, "from": true, "scene": true, "srcid": true, "wfr": true,
	"fbclid": true, "gclid": true, "isappinstalled": true, "timestamp": true,
	"ts": true, "chksm": true, "mpshare": true, "clicktime": true,
	"enterid": true, "vd_source": true, "is_from_webapp": true,
	"sender_device": true, "u_code": true, "tt_from": true, "_wv": true,
	"ref": true, "wxshare_count": true,
}

var trackingPrefixes = []string{"utm_", "share_", "spm_", "sharer_", "wx_"}

// weixinArticle names a WeChat article: every other parameter of
// mp.weixin.qq.com/s belongs to the share, not the article.
var weixinArticle = map[string]bool{"__biz": true, "mid": true, "idx": true, "sn": true}

func canonicalQuery(host, query string) string {
	var keep []string
	for p := range strings.SplitSeq(query, "&") {
		key, _, _ := strings.Cut(p, "=")
		key = strings.ToLower(key)
		switch {
		case p == "":
		case host == "mp.weixin.qq.com":
			if weixinArticle[key] {
				keep = append(keep, p)
			}
		case trackingParams[key]:
		case slices.ContainsFunc(trackingPrefixes, func(pre string) bool { return strings.HasPrefix(key, pre) }):
		default:
			keep = append(keep, p)
		}
	}
	slices.Sort(keep)
	return strings.Join(keep, "&")
}
