package web

// TEMPORARY: replaced by the portal (pages.go, portal_*.go).

import "net/http"

type pages struct{}

func loadPages() (*pages, error) { return &pages{}, nil }

func notYet(w http.ResponseWriter, r *http.Request) { http.Error(w, "not yet", http.StatusNotImplemented) }

func (s *Server) static(w http.ResponseWriter, r *http.Request)           { notYet(w, r) }
func (s *Server) pageHome(w http.ResponseWriter, r *http.Request)         { notYet(w, r) }
func (s *Server) pageReportForm(w http.ResponseWriter, r *http.Request)   { notYet(w, r) }
func (s *Server) pageReportSubmit(w http.ResponseWriter, r *http.Request) { notYet(w, r) }
func (s *Server) pageTrackForm(w http.ResponseWriter, r *http.Request)    { notYet(w, r) }
func (s *Server) pageTrack(w http.ResponseWriter, r *http.Request)        { notYet(w, r) }
func (s *Server) pageAddMaterial(w http.ResponseWriter, r *http.Request)  { notYet(w, r) }
func (s *Server) pageRate(w http.ResponseWriter, r *http.Request)         { notYet(w, r) }
func (s *Server) setLang(w http.ResponseWriter, r *http.Request)          { notYet(w, r) }
