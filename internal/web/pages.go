package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed templates static
var embedded embed.FS

// pages holds the portal's parsed templates and its static assets, both
// read once at start so a broken template stops the program at boot rather
// than on a reporter's request.
type pages struct {
	tmpl   map[string]*template.Template // by page file name, e.g. "home.html"
	assets map[string]string             // "css/site.css" -> "/static/css/site.3f2a9c1b.css"
	files  map[string]asset              // "css/site.3f2a9c1b.css" -> content
}

type asset struct {
	body  []byte
	ctype string
}

func loadPages() (*pages, error) {
	p := &pages{tmpl: map[string]*template.Template{}, assets: map[string]string{}, files: map[string]asset{}}
	if err := p.loadAssets(); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"asset": func(name string) (string, error) {
			u, ok := p.assets[name]
			if !ok {
				return "", fmt.Errorf("web: no static asset %q", name)
			}
			return u, nil
		},
	}
	// Portal pages wear the portal's layout, console pages the console's.
	for _, set := range []struct{ glob, layout string }{
		{"templates/page_*.html", "templates/layout.html"},
		{"templates/console_*.html", "templates/console_layout.html"},
	} {
		names, err := fs.Glob(embedded, set.glob)
		if err != nil || len(names) == 0 {
			return nil, fmt.Errorf("web: no templates %s: %v", set.glob, err)
		}
		for _, name := range names {
			if name == set.layout {
				continue
			}
			t, err := template.New("").Funcs(funcs).ParseFS(embedded, set.layout, name)
			if err != nil {
				return nil, fmt.Errorf("web: parse %s: %w", name, err)
			}
			p.tmpl[path.Base(name)] = t
		}
	}
	return p, nil
}

// loadAssets names every static file by a hash of its content, so browsers
// may cache it for a year and still fetch a changed file at once: a change
// is a new URL.
func (p *pages) loadAssets() error {
	return fs.WalkDir(embedded, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := embedded.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		rel := strings.TrimPrefix(name, "static/")
		ext := path.Ext(rel)
		hashed := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		p.assets[rel] = "/static/" + hashed
		p.files[hashed] = asset{body: body, ctype: ctype}
		return nil
	})
}

// static serves the embedded assets under their hashed names only; an old
// hash is a 404 rather than today's file, so a cached page never mixes
// versions silently.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := s.pages.files[strings.TrimPrefix(r.URL.Path, "/static/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, page string, v any) {
	var buf bytes.Buffer
	if err := s.pages.tmpl[page].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.Log.Error("render failed", "page", page, "err", err)
		http.Error(w, "服务器内部错误 / internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "Cookie, Accept-Language")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}
