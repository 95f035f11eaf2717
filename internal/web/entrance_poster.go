package web

import (
	"html/template"
	"net/http"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"qinglang/internal/category"
)

// entrancePage is what the share page and the poster show.
type entrancePage struct {
	view
	Link       string   // the absolute short link
	Origin     string   // the site's absolute address, for the snippets
	Sources    []string // who may frame the embedded form (frame-ancestors)
	Categories []string // what can be reported, for the poster
}

func (s *Server) newEntrancePage(r *http.Request) entrancePage {
	e := entranceOf(r)
	p := entrancePage{view: newView(r, "report"), Link: s.link(r, e), Origin: s.baseURL(r)}
	p.Sources = strings.Fields(frameAncestors(e.Domains))[1:] // without 'self'
	for _, c := range category.Categories() {
		if c.Code != "other" {
			p.Categories = append(p.Categories, p.In(c.Label))
		}
	}
	return p
}

// IframeSnippet is the HTML a platform pastes to embed the form without
// running our script on its page.
func (p entrancePage) IframeSnippet() (string, error) {
	title, err := p.Tf("entrance.via", p.Entrance.Name)
	return `<iframe src="` + template.HTMLEscapeString(p.Link) + `/embed" title="` + template.HTMLEscapeString(title) +
		`" style="display:block;width:100%;max-width:40rem;height:1400px;border:0" loading="lazy"></iframe>`, err
}

// ScriptSnippet is the one line that inserts a self-sizing iframe.
func (p entrancePage) ScriptSnippet() string {
	return `<script src="` + template.HTMLEscapeString(p.Link) + `/embed.js" async></script>`
}

func (s *Server) pageEntranceShare(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "page_entrance_share.html", s.newEntrancePage(r))
}

func (s *Server) pageEntrancePoster(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "page_entrance_poster.html", s.newEntrancePage(r))
}

// qrSize is the side of the QR image in pixels: sharp at the poster's
// 9 cm even on a 300 dpi printer (9 cm ≈ 1063 dots, drawn from 1024).
const qrSize = 1024

// entranceQR is the QR code of the short link. Medium error correction
// (about 15% of the symbol can be lost) survives a crease or a smudge on
// a printed poster while keeping the modules large enough for old phone
// cameras.
func (s *Server) entranceQR(w http.ResponseWriter, r *http.Request) {
	png, err := qrcode.Encode(s.link(r, entranceOf(r)), qrcode.Medium, qrSize)
	if err != nil {
		s.Log.Error("entrance qr", "err", err)
		http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(png)
}
