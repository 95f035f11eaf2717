package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// tokensPage lists the signed-in user's personal API tokens. NewToken is
// set only on the answer to its creation: the one time it is shown.
type tokensPage struct {
	consoleView
	Tokens   []auth.Token
	NewToken string
	Name     string
	Notice   string
}

func (s *Server) pageTokens(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, http.StatusOK, tokensPage{}, nil)
}

// renderTokens shows the list with whatever the last action left: a new
// token, or the error that stopped it.
func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, code int, p tokensPage, actionErr error) {
	p.consoleView = s.newConsoleView(r, "tokens")
	tokens, err := auth.ListTokens(r.Context(), s.DB, p.User.UserID)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p.Tokens = tokens
	if actionErr != nil {
		p.Notice = s.userMessage(actionErr, p.Lang)
	}
	s.render(w, r, code, "console_tokens.html", p)
}

// maxTokenForm bounds the token forms: a name and the form token.
const maxTokenForm = 16 << 10

// pageTokenCreate answers with the page itself rather than a redirect,
// so the new token never travels in a URL or sits in the history.
func (s *Server) pageTokenCreate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenForm)
	name := r.PostFormValue("name")
	_, token, err := auth.CreateToken(r.Context(), s.DB, auth.FromContext(r.Context()), name, s.Now())
	if err != nil {
		s.renderTokens(w, r, status(apperr.CodeOf(err)), tokensPage{Name: name}, err)
		return
	}
	s.renderTokens(w, r, http.StatusCreated, tokensPage{NewToken: token}, nil)
}

func (s *Server) pageTokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = auth.RevokeToken(r.Context(), s.DB, auth.FromContext(r.Context()), id, s.Now())
	} else {
		err = apperr.New(apperr.NotFound, "没有找到该令牌", "No such token")
	}
	if err != nil {
		s.renderTokens(w, r, status(apperr.CodeOf(err)), tokensPage{}, err)
		return
	}
	http.Redirect(w, r, "/console/tokens", http.StatusSeeOther)
}
