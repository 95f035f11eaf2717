package web

import (
	"net/http"

	"qinglang/internal/apperr"
	"qinglang/internal/debunk"
	"qinglang/internal/i18n"
)

// The media matrix's templates: how an article is turned into copy for
// 微信公众号, 微博, 今日头条 and a short-video script. Editors change them here;
// an empty template goes back to the built-in one.

func init() {
	consoleCatalog["media.title"] = i18n.Text{Zh: "媒体矩阵模板", En: "Media matrix templates"}
	consoleCatalog["media.lead"] = i18n.Text{Zh: "文章发布后，各渠道的可复制版本由以下模板生成（Go text/template 语法，可用 .Title .Summary .Body .URL .Claims 等字段）。清空并保存即恢复默认模板。",
		En: "Copy for each channel is made from these templates (Go text/template: .Title .Summary .Body .URL .Claims …). Save an empty one to go back to the default."}
	consoleCatalog["media.save"] = i18n.Text{Zh: "保存模板", En: "Save template"}
	consoleCatalog["media.saved"] = i18n.Text{Zh: "模板已保存", En: "Template saved"}
	consoleCatalog["media.channel_wechat"] = i18n.Text{Zh: "微信公众号（HTML）", En: "WeChat (HTML)"}
	consoleCatalog["media.channel_weibo"] = i18n.Text{Zh: "微博", En: "Weibo"}
	consoleCatalog["media.channel_toutiao"] = i18n.Text{Zh: "今日头条", En: "Toutiao"}
	consoleCatalog["media.channel_video"] = i18n.Text{Zh: "短视频脚本", En: "Short-video script"}
}

type mediaTemplate struct {
	Channel, Label, Body, Error string
}

type mediaTemplatesPage struct {
	consoleView
	Templates []mediaTemplate
	Saved     bool
}

func (s *Server) pageMediaTemplates(w http.ResponseWriter, r *http.Request) {
	s.renderMediaTemplates(w, r, http.StatusOK, "", "", nil)
}

func (s *Server) pageMediaTemplateSave(w http.ResponseWriter, r *http.Request) {
	channel, body := r.PostFormValue("channel"), r.PostFormValue("body")
	p := s.newConsoleView(r, "articles").User
	if err := s.Debunk.SaveTemplate(r.Context(), p, channel, body); err != nil {
		code := status(apperr.CodeOf(err))
		if code >= 500 {
			s.consoleError(w, r, false, err)
			return
		}
		s.renderMediaTemplates(w, r, code, channel, body, err)
		return
	}
	http.Redirect(w, r, "/console/articles/templates?saved=1", http.StatusSeeOther)
}

// renderMediaTemplates shows every channel's template; after a refused
// save, the typed body and the error stay with their channel.
func (s *Server) renderMediaTemplates(w http.ResponseWriter, r *http.Request, code int, failed, typed string, err error) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	page := mediaTemplatesPage{consoleView: s.newConsoleView(r, "articles"), Saved: r.URL.Query().Get("saved") == "1"}
	for _, ch := range debunk.MediaChannels() {
		body, terr := s.Debunk.Template(r.Context(), ch)
		if terr != nil {
			s.consoleError(w, r, false, terr)
			return
		}
		t := mediaTemplate{Channel: ch, Label: consoleCatalog["media.channel_"+ch].In(page.Lang), Body: body}
		if ch == failed {
			t.Body, t.Error = typed, s.userMessage(err, page.Lang)
		}
		page.Templates = append(page.Templates, t)
	}
	s.render(w, r, code, "console_media_templates.html", page)
}
