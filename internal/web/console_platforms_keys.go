package web

import (
	"net/http"
	"strconv"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// pageAdminPlatformKeyCreate makes an API key and answers with the
// platform's page showing it: the one time it is shown, never in a URL.
func (s *Server) pageAdminPlatformKeyCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var key string
	if err == nil {
		if err = parseAdminForm(w, r); err == nil {
			_, key, err = s.Platforms.CreateKey(r.Context(), auth.FromContext(r.Context()), id, r.PostFormValue("name"))
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "key", err); ok {
			s.renderPlatform(w, r, code, platformPage{}, f)
		}
		return
	}
	s.renderPlatform(w, r, http.StatusCreated, platformPage{NewKey: key}, adminForm{})
}

func (s *Server) pageAdminPlatformKeyRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		key, perr := strconv.ParseInt(r.PathValue("key"), 10, 64)
		if perr != nil {
			err = apperr.New(apperr.NotFound, "没有找到该密钥", "No such key")
		} else {
			err = s.Platforms.RevokeKey(r.Context(), auth.FromContext(r.Context()), id, key)
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "keys", err); ok {
			s.renderPlatform(w, r, code, platformPage{}, f)
		}
		return
	}
	s.adminDone(w, r, "/console/admin/platforms/"+r.PathValue("id")+"#keys", "admin.flash.key_revoked")
}

// pageAdminPlatformSecret rotates the webhook signing secret and shows
// the new one once.
func (s *Server) pageAdminPlatformSecret(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var secret string
	if err == nil {
		secret, err = s.Platforms.RotateSecret(r.Context(), auth.FromContext(r.Context()), id)
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "secret", err); ok {
			s.renderPlatform(w, r, code, platformPage{}, f)
		}
		return
	}
	s.renderPlatform(w, r, http.StatusCreated, platformPage{NewSecret: secret}, adminForm{})
}
