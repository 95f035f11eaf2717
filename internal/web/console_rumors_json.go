package web

import (
	"net/http"
	"time"

	"qinglang/internal/auth"
	"qinglang/internal/rumor"
)

// rumorJSON is a rumor in the staff API, in and out. Claims, departments
// and debunks are left out of lists and filled in for a single rumor.
type rumorJSON struct {
	ID            int64          `json:"id,omitempty"`
	Title         string         `json:"title"`
	Verdict       string         `json:"verdict"`
	Topic         string         `json:"topic"`
	Region        string         `json:"region"`
	Summary       string         `json:"summary"`
	Claims        []string       `json:"claims,omitempty"`
	DepartmentIDs []int64        `json:"department_ids,omitempty"`
	Debunks       []rumor.Debunk `json:"debunks,omitempty"`
	MatchCount    int            `json:"match_count"`
	FirstSeenAt   *time.Time     `json:"first_seen_at,omitempty"`
	LastSeenAt    *time.Time     `json:"last_seen_at,omitempty"`
	UpdatedAt     *time.Time     `json:"updated_at,omitempty"`
}

func rumorJSONOf(x *rumor.Rumor) rumorJSON {
	j := rumorJSON{ID: x.ID, Title: x.Title, Verdict: string(x.Verdict), Topic: x.Topic, Region: x.Region, Summary: x.Summary,
		Claims: x.Claims, DepartmentIDs: x.DepartmentIDs, Debunks: x.Debunks, MatchCount: x.MatchCount,
		FirstSeenAt: x.FirstSeenAt, LastSeenAt: x.LastSeenAt}
	if !x.UpdatedAt.IsZero() {
		j.UpdatedAt = &x.UpdatedAt
	}
	return j
}

// apiRumor answers with one rumor, claims and all.
func (s *Server) apiRumor(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var x *rumor.Rumor
	if err == nil {
		x, err = rumor.Get(r.Context(), s.DB, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rumorJSONOf(x))
}

// apiRumorSave creates a rumor (POST to the collection) or replaces one
// (PUT or POST to its address) and answers with it as stored.
func (s *Server) apiRumorSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	var err error
	if r.PathValue("id") != "" {
		id, err = pathID(r)
	}
	var in rumorJSON
	if err == nil {
		err = decodeJSON(w, r, &in)
	}
	if err == nil {
		x := rumor.Rumor{ID: id, Title: in.Title, Verdict: rumor.Verdict(in.Verdict), Topic: in.Topic, Region: in.Region,
			Summary: in.Summary, Claims: in.Claims, DepartmentIDs: in.DepartmentIDs, Debunks: in.Debunks}
		id, err = s.saveRumor(r, x)
	}
	var saved *rumor.Rumor
	if err == nil {
		saved, err = rumor.Get(r.Context(), s.DB, id)
	}
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	code := http.StatusOK
	if r.PathValue("id") == "" {
		code = http.StatusCreated
	}
	writeJSON(w, code, rumorJSONOf(saved))
}

// saveRumor stores a rumor and has the matcher use it at once, so the
// next report of the claim is told of the debunk. A failed reload leaves
// the old index matching and is logged: the rumor itself is saved, and
// the next save or restart picks it up.
func (s *Server) saveRumor(r *http.Request, x rumor.Rumor) (int64, error) {
	id, err := rumor.Save(r.Context(), s.DB, auth.FromContext(r.Context()), x, s.Now())
	if err != nil {
		return 0, err
	}
	if s.Rumors != nil {
		if err := s.Rumors.Reload(r.Context()); err != nil {
			s.Log.Error("rumor matcher reload", "rumor_id", id, "err", err)
		}
	}
	return id, nil
}
