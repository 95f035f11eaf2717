package web

import (
	"maps"

	"qinglang/internal/i18n"
)

// The texts of partner platforms' report entrances, their share page and
// poster, kept apart from portal_text.go so the entrance is one unit to
// read. They join the one catalog at start; keys never collide (each
// starts with "entrance." or "poster.").
func init() { maps.Copy(catalog, entranceText) }

var entranceText = map[string]i18n.Text{
	"entrance.via":  {Zh: "通过「%s」举报", En: "Report via %s"},
	"entrance.note": {Zh: "本表单由本市互联网违法和不良信息举报中心受理，举报将注明来自「%s」。您的联系方式只有举报中心可见，平台看不到。", En: "This form is handled by the city's reporting center; your report is marked as coming from %s. Only the center sees your contact details, the platform does not."},

	"entrance.missing_title": {Zh: "举报入口不存在", En: "No such report entrance"},
	"entrance.missing_lead":  {Zh: "您访问的举报入口不存在或已停用，请核对链接。您仍可以直接向举报中心举报。", En: "This report entrance does not exist or has been closed; check the link. You can still report directly to the center."},
	"entrance.missing_go":    {Zh: "前往举报中心我要举报", En: "Report to the center"},

	"entrance.share_title":  {Zh: "举报入口接入", En: "Embedding the report entrance"},
	"entrance.share_lead":   {Zh: "以下是「%s」的举报入口。平台可以发布短链接、在页面中嵌入举报表单，或打印二维码海报。举报由举报中心受理，并注明来自贵平台。", En: "This is the report entrance of %s. Publish the short link, embed the form in your pages, or print the QR poster. Reports go to the center, marked as coming from your platform."},
	"entrance.share_link":   {Zh: "短链接", En: "Short link"},
	"entrance.share_script": {Zh: "方式一：脚本嵌入（推荐，高度自适应）", En: "Option 1: script (recommended, sizes itself)"},
	"entrance.script_help":  {Zh: "把这一行放到页面中要显示举报表单的位置。脚本会在该处插入表单，并随内容自动调整高度。", En: "Put this line where the form should appear. The script inserts the form there and keeps its height fitted to the content."},
	"entrance.share_iframe": {Zh: "方式二：iframe 嵌入", En: "Option 2: iframe"},
	"entrance.iframe_help":  {Zh: "不便加载外部脚本时使用。高度固定，请按页面需要调整 height。", En: "For pages that cannot load outside scripts. The height is fixed; adjust it to your page."},
	"entrance.share_sites":  {Zh: "允许嵌入的网站", En: "Sites allowed to embed the form"},
	"entrance.sites_help":   {Zh: "出于安全考虑，表单只能被贵平台登记的网站（含其子域名，仅限 HTTPS）嵌入。如需增加，请联系举报中心更新平台登记信息。", En: "For security the form can only be framed by the sites registered for your platform (with their subdomains, HTTPS only). To add one, ask the center to update your registration."},
	"entrance.sites_none":   {Zh: "尚未登记网站，表单暂时无法嵌入其他网站；短链接和二维码不受影响。", En: "No site is registered yet, so the form cannot be framed elsewhere; the link and QR code work regardless."},
	"entrance.share_poster": {Zh: "二维码海报", En: "QR code poster"},
	"entrance.poster_help":  {Zh: "A4 纸打印，张贴在办公场所、线下门店或活动现场。", En: "Print on A4 and put it up in offices, shops or at events."},
	"entrance.open_poster":  {Zh: "打开海报（可打印）", En: "Open the poster (printable)"},
	"entrance.qr_png":       {Zh: "下载二维码图片（PNG）", En: "Download the QR code (PNG)"},
	"entrance.webhooks":     {Zh: "接收处置通知？请阅读 Webhook 接入说明", En: "Receiving notices? Read the webhook guide"},

	"poster.title":    {Zh: "举报二维码海报", En: "Report QR code poster"},
	"poster.heading":  {Zh: "发现违法和不良信息？", En: "Seen illegal or harmful content?"},
	"poster.scan":     {Zh: "扫码举报", En: "Scan to report"},
	"poster.platform": {Zh: "「%s」举报入口", En: "Report entrance of %s"},
	"poster.kinds":    {Zh: "受理范围", En: "We take reports of"},
	"poster.or":       {Zh: "或在浏览器中打开", En: "or open in a browser"},
	"poster.promise":  {Zh: "可匿名举报 · 举报人信息严格保密 · 遇紧急情况请拨打 110", En: "Anonymous reports welcome · reporters' details kept confidential · in an emergency call 110"},
	"poster.print":    {Zh: "打印海报", En: "Print the poster"},
	"poster.qr_alt":   {Zh: "举报入口二维码", En: "QR code of the report entrance"},
}
