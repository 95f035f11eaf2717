package web

import (
	"maps"

	"qinglang/internal/i18n"
)

// The texts of the public debunk pages: the article list and page, the
// rumor check and the home page's latest debunks. They join the portal
// catalog at start; keys start with "articles.", "article.", "check.",
// "verdict." or "nav." and collide with none of portal_text.go.
func init() { maps.Copy(catalog, debunkText) }

var debunkText = map[string]i18n.Text{
	"nav.articles": {Zh: "权威辟谣", En: "Debunks"},
	"nav.check":    {Zh: "查谣言", En: "Rumor check"},

	"home.latest":     {Zh: "最新辟谣", En: "Latest debunks"},
	"home.latest_all": {Zh: "查看全部辟谣 →", En: "All debunks →"},

	"articles.title":       {Zh: "权威辟谣", En: "Debunks"},
	"articles.lead":        {Zh: "本中心会同有关部门核实发布的辟谣信息。", En: "Debunks verified and published by the center with the competent departments."},
	"articles.q":           {Zh: "关键词", En: "Keywords"},
	"articles.tag":         {Zh: "标签", En: "Tag"},
	"articles.region":      {Zh: "地区", En: "Region"},
	"articles.verdict":     {Zh: "结论", En: "Verdict"},
	"articles.any":         {Zh: "全部", En: "Any"},
	"articles.filter":      {Zh: "筛选", En: "Filter"},
	"articles.none":        {Zh: "没有符合条件的辟谣文章。", En: "No debunks match."},
	"articles.count":       {Zh: "共 %d 篇", En: "%d in all"},
	"articles.prev":        {Zh: "← 上一页", En: "← Previous"},
	"articles.next":        {Zh: "下一页 →", En: "Next →"},
	"articles.feeds":       {Zh: "订阅：", En: "Subscribe:"},
	"article.published":    {Zh: "发布时间", En: "Published"},
	"article.updated":      {Zh: "更新时间", En: "Updated"},
	"article.department":   {Zh: "核实单位", En: "Verified by"},
	"article.claims":       {Zh: "网传说法", En: "Claims"},
	"article.sources":      {Zh: "信息来源", En: "Sources"},
	"article.tags":         {Zh: "标签", En: "Tags"},
	"article.region":       {Zh: "地区", En: "Region"},
	"article.corrected":    {Zh: "更正", En: "Correction"},
	"article.corrected_on": {Zh: "更正于 %s", En: "Corrected on %s"},
	"article.retracted":    {Zh: "已撤回", En: "Retracted"},
	"article.retracted_on": {Zh: "撤回于 %s。以下原文仅作存档。", En: "Retracted on %s. The text below is kept for the record."},
	"article.share":        {Zh: "分享", En: "Share"},
	"article.weibo":        {Zh: "分享到微博", En: "Share on Weibo"},
	"article.copy":         {Zh: "复制链接", En: "Copy link"},
	"article.copied":       {Zh: "已复制", En: "Copied"},
	"article.qr":           {Zh: "手机扫码阅读、转发", En: "Scan to read and share on a phone"},
	"article.report":       {Zh: "发现谣言仍在传播？我要举报 →", En: "Still seeing this rumor? Report it →"},

	"check.title":      {Zh: "查谣言", En: "Rumor check"},
	"check.lead":       {Zh: "粘贴您看到的消息原文或链接，查一查是否已有权威辟谣。", En: "Paste the message you saw, or its link, to see whether it has been debunked."},
	"check.q":          {Zh: "消息内容或链接", En: "Message text or link"},
	"check.submit":     {Zh: "查一查", En: "Check"},
	"check.results":    {Zh: "查询结果", En: "Results"},
	"check.none":       {Zh: "暂未找到相符的谣言记录。这不代表消息属实，请以权威发布为准；如发现有害信息，欢迎举报。", En: "No matching rumor was found. That does not make the message true: rely on official sources, and report harmful content."},
	"check.match":      {Zh: "高度相符", En: "Close match"},
	"check.near":       {Zh: "可能相关", En: "Possibly related"},
	"check.score":      {Zh: "相似度 %d%%", En: "Similarity %d%%"},
	"check.debunks":    {Zh: "辟谣信息", En: "Debunks"},
	"check.no_debunks": {Zh: "暂无辟谣链接。", En: "No debunk published yet."},
	"check.too_long":   {Zh: "内容过长，请控制在 %d 字以内。", En: "Too long: at most %d characters."},
}
