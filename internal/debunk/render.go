package debunk

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// markdown renders editors' Markdown. Raw HTML passes through (editors
// paste it) because the sanitizer after it decides what survives.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// policy is bluemonday's UGC policy narrowed: links and images only to
// http(s) or relative URLs, no style or class, links opened in a new tab
// without handing the opener or referrer to the target.
var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// Render turns Markdown into HTML that is safe to show: GitHub tables and
// autolinks, then sanitized, so script, event handlers, javascript: and
// data: URLs, styles and embedded objects never reach a visitor.
func Render(md string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(md))
	}
	return template.HTML(policy.SanitizeBytes(buf.Bytes()))
}
