package web

import (
	"context"
	"net/http"

	"qinglang/internal/auth"
	"qinglang/internal/debunk"
)

// articleConsolePage is one article as editors see it: the rendered
// preview, what may be done to it in its state, its revisions, its
// copy-ready media versions and how far the alliance carried it.
type articleConsolePage struct {
	adminPage
	A           *debunk.Article
	StatusLabel string
	Done        string // the catalog key of what just happened
	Editable    bool   // a draft or in review: the form edits it
	Fields      []adminField
	Revisions   []revisionRow
	Versions    []mediaVersion
	Reach       *debunk.ReachReport
	// CorrectBody fills the correction's body: the current one, or what
	// was typed before a refusal.
	CorrectBody string
}

type revisionRow struct {
	debunk.Revision
	StatusLabel string
}

type mediaVersion struct {
	Channel, Label, Text string
}

func (s *Server) pageConsoleArticle(w http.ResponseWriter, r *http.Request) {
	if s.Debunk == nil {
		http.NotFound(w, r)
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.renderConsoleArticle(w, r, http.StatusOK, id, adminForm{})
}

func (s *Server) renderConsoleArticle(w http.ResponseWriter, r *http.Request, code int, id int64, f adminForm) {
	ctx := r.Context()
	p := articleConsolePage{adminPage: s.adminPage(w, r, "articles", f)}
	if f.Form == "" {
		p.Done = doneKey(r, "articles.done_", "created", "saved", "submitted", "published", "corrected", "retracted")
	}
	a, err := s.Debunk.Get(ctx, id)
	if err == nil {
		p.A = a
		p.Revisions, err = s.revisionRows(ctx, p.consoleView, id)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.StatusLabel = articleStateLabel(p.consoleView, a.Status)
	p.Editable = a.Status == debunk.Draft || a.Status == debunk.Review
	p.CorrectBody = a.BodyMD
	if f.Is("correct") {
		p.CorrectBody = f.Val("body")
	}
	if p.Editable && p.Can(string(auth.RumorEdit)) {
		// A refused edit shows what was typed; a refused action the article.
		form := f
		if !f.Is("article") {
			form = adminForm{}
		}
		fp := p.adminPage
		fp.adminForm = form
		if p.Fields, err = s.articleFields(r, fp, a); err != nil {
			s.consoleError(w, r, false, err)
			return
		}
	}
	if vs, err := s.Debunk.Versions(ctx, a, s.Config.BaseURL); err == nil {
		for _, ch := range debunk.MediaChannels() {
			if text, ok := vs[ch]; ok {
				p.Versions = append(p.Versions, mediaVersion{Channel: ch, Label: p.In(consoleCatalog["articles.channel_"+ch]), Text: text})
			}
		}
	} else {
		s.Log.Warn("article media versions", "article_id", id, "err", err)
	}
	if a.Public() {
		rep, err := s.Debunk.Reach(ctx, id)
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		p.Reach = &rep
	}
	s.render(w, r, code, "console_article.html", p)
}

func (s *Server) revisionRows(ctx context.Context, v consoleView, id int64) ([]revisionRow, error) {
	revs, err := s.Debunk.Revisions(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]revisionRow, 0, len(revs))
	for i := len(revs) - 1; i >= 0; i-- { // newest first
		out = append(out, revisionRow{Revision: revs[i], StatusLabel: articleStateLabel(v, revs[i].Status)})
	}
	return out, nil
}

// pageConsoleArticleAct runs one workflow step on an article from its
// page: submit, publish, correct (note and new body) or retract (reason).
func (s *Server) pageConsoleArticleAct(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.Debunk == nil {
			http.NotFound(w, r)
			return
		}
		ctx, p := r.Context(), auth.FromContext(r.Context())
		id, err := pathID(r)
		if err == nil {
			err = parseArticleForm(w, r)
		}
		if err == nil {
			switch action {
			case "submit":
				err = s.Debunk.Submit(ctx, p, id)
			case "publish":
				err = s.Debunk.Publish(ctx, p, id)
			case "correct":
				err = s.Debunk.Correct(ctx, p, id, r.PostFormValue("note"), r.PostFormValue("body"))
			case "retract":
				err = s.Debunk.Retract(ctx, p, id, r.PostFormValue("reason"))
			}
		}
		if err != nil {
			if f, code, ok := s.adminFailed(w, r, action, err); ok {
				if id == 0 {
					s.consoleError(w, r, false, err)
					return
				}
				s.renderConsoleArticle(w, r, code, id, f)
			}
			return
		}
		done := map[string]string{"submit": "submitted", "publish": "published", "correct": "corrected", "retract": "retracted"}[action]
		http.Redirect(w, r, "/console/articles/"+itoa(id)+"?done="+done, http.StatusSeeOther)
	}
}
