package web

// TEMPORARY: replaced by openapi.go.

import "net/http"

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) { notYet(w, r) }
