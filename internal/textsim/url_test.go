package textsim

import "testing"

func TestCanonicalURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"https://weibo.com/123/abc", "weibo.com/123/abc"},
		{"http://weibo.com/123/abc", "weibo.com/123/abc"},
		{"HTTPS://WWW.Example.COM/Path", "example.com/Path"},
		{"https://m.weibo.cn/status/4990", "weibo.com/status/4990"},
		{"https://weibo.cn/status/4990/", "weibo.com/status/4990"},
		{"https://m.toutiao.com/a7301?app=news_article", "toutiao.com/a7301?app=news_article"},
		{"https://mobile.twitter.com/user/status/1", "twitter.com/user/status/1"},
		{"https://x.com/user/status/1", "twitter.com/user/status/1"},
		{"http://wap.example.cn/news/1.html", "example.cn/news/1.html"},
		{"http://3g.163.com/news/a.html", "163.com/news/a.html"},
		{"https://www.iesdouyin.com/share/video/72", "douyin.com/share/video/72"},
		{"https://xw.qq.com/cmsid/2024", "news.qq.com/cmsid/2024"},
		{"http://example.com:80/a", "example.com/a"},
		{"https://example.com:443/a", "example.com/a"},
		{"https://example.com:8443/a", "example.com:8443/a"},
		{"https://example.com/a?utm_source=wechat&utm_medium=share&id=5", "example.com/a?id=5"},
		{"https://example.com/a?b=2&a=1&spm=a2c4g", "example.com/a?a=1&b=2"},
		{"https://example.com/a?from=timeline&isappinstalled=0", "example.com/a"},
		{"https://example.com/a?fbclid=x&gclid=y&wfr=spider&srcid=1&scene=2&timestamp=3", "example.com/a"},
		{"https://www.bilibili.com/video/BV1x/?spm_id_from=333&vd_source=ab&share_source=copy", "bilibili.com/video/BV1x"},
		{"https://mp.weixin.qq.com/s?__biz=MzA5&mid=26&idx=1&sn=8f&chksm=8b&scene=21#wechat_redirect", "mp.weixin.qq.com/s?__biz=MzA5&idx=1&mid=26&sn=8f"},
		{"https://mp.weixin.qq.com/s/AbCdEf?from=groupmessage", "mp.weixin.qq.com/s/AbCdEf"},
		{"https://example.com/page#section-2", "example.com/page"},
		{"https://example.com/#!/news/5", "example.com#!/news/5"},
		{"https://example.com/app#/rumor/9", "example.com/app#/rumor/9"},
		{"https://example.com/", "example.com"},
		{"ｈｔｔｐｓ：／／ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ／ａ", "example.com/a"},
		{"www.example.com/a/./b/../c", "example.com/a/c"},
		{"https://m.cn/a", "m.cn/a"},
		{"https://例子.中国/路径", "xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"},
		{"javascript:alert(1)", ""},
		{"", ""},
	} {
		if got := CanonicalURL(c.in); got != c.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
