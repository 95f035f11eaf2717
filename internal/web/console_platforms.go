package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/auth"
	"qinglang/internal/org"
	"qinglang/internal/outbox"
	"qinglang/internal/platform"
)

// platformsPage is the registry: a filtered list and the form for a new
// platform.
type platformsPage struct {
	adminPage
	Platforms             []platform.Platform
	Q, Kind, District, On string // the filter as typed
	Kinds, Districts      []opt
	Inputs                platformForm
}

// platformPage is one platform: its form, its API keys, its webhook and
// the latest events sent to it. NewKey and NewSecret are set only on the
// answer that made them: the one time they are shown.
type platformPage struct {
	adminPage
	P                 platform.Platform
	Inputs            platformForm
	Keys              []platform.APIKey
	Events            []outbox.Item
	NewKey, NewSecret string
	EntranceURL       string
}

// platformForm is the create and edit form's inputs, worked out in Go.
type platformForm struct {
	Fields   []adminField
	Contacts []platform.Contact // the saved ones and an empty row
}

func (s *Server) pageAdminPlatforms(w http.ResponseWriter, r *http.Request) {
	s.renderPlatforms(w, r, http.StatusOK, adminForm{})
}

func (s *Server) renderPlatforms(w http.ResponseWriter, r *http.Request, code int, f adminForm) {
	q := r.URL.Query()
	p := platformsPage{adminPage: s.adminPage(w, r, "admin/platforms", f), Q: q.Get("q"), Kind: q.Get("kind"), District: q.Get("district"), On: q.Get("state")}
	filter := platform.Filter{Query: p.Q, Kind: platform.Kind(p.Kind)}
	filter.DistrictID, _ = strconv.ParseInt(p.District, 10, 64)
	if p.On != "" {
		off := p.On == "disabled"
		filter.Disabled = &off
	}
	var err error
	if p.Platforms, err = s.Platforms.List(r.Context(), filter); err == nil {
		p.Kinds, p.Districts, err = s.platformChoices(r, p.Kind, p.District)
	}
	if err == nil {
		p.Inputs, err = s.platformForm(r, p.adminPage, platform.Platform{})
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.render(w, r, code, "console_platforms.html", p)
}

func (s *Server) pageAdminPlatform(w http.ResponseWriter, r *http.Request) {
	s.renderPlatform(w, r, http.StatusOK, platformPage{}, adminForm{})
}

// renderPlatform shows the platform at {id} with what the last act left.
func (s *Server) renderPlatform(w http.ResponseWriter, r *http.Request, code int, p platformPage, f adminForm) {
	id, err := pathID(r)
	if err == nil {
		p.P, err = s.Platforms.Get(r.Context(), id)
	}
	p.adminPage = s.adminPage(w, r, "admin/platforms", f)
	if err == nil {
		p.Inputs, err = s.platformForm(r, p.adminPage, p.P)
	}
	if err == nil {
		p.Keys, err = s.Platforms.Keys(r.Context(), id)
	}
	if err == nil {
		p.Events, err = outbox.Recent(r.Context(), s.DB, platform.Target(id), 10)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	if p.P.Entrance != "" {
		p.EntranceURL = s.baseURL(r) + "/p/" + p.P.Entrance
	}
	s.render(w, r, code, "console_platform.html", p)
}

// pageAdminPlatformSave creates (no {id}) or changes a platform. A save
// that made a webhook secret answers with the page itself, so the secret
// is shown once and never travels in a URL.
func (s *Server) pageAdminPlatformSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	var err error
	if r.PathValue("id") != "" {
		id, err = pathID(r)
	}
	var saved platform.Saved
	if err == nil {
		if err = parseAdminForm(w, r); err == nil {
			saved, err = s.Platforms.Save(r.Context(), auth.FromContext(r.Context()), platformFromForm(r, id))
		}
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "platform", err); ok {
			if id == 0 {
				s.renderPlatforms(w, r, code, f)
			} else {
				s.renderPlatform(w, r, code, platformPage{}, f)
			}
		}
		return
	}
	if saved.Secret != "" {
		r.SetPathValue("id", strconv.FormatInt(saved.ID, 10))
		s.renderPlatform(w, r, http.StatusCreated, platformPage{NewSecret: saved.Secret}, adminForm{})
		return
	}
	s.adminDone(w, r, "/console/admin/platforms/"+strconv.FormatInt(saved.ID, 10), "admin.flash.saved")
}

func platformFromForm(r *http.Request, id int64) platform.Platform {
	p := platform.Platform{ID: id, Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Kind: platform.Kind(r.PostFormValue("kind")),
		Domains:    strings.FieldsFunc(r.PostFormValue("domains"), func(c rune) bool { return c == ',' || c == ';' || c == '\n' || c == '\r' || c == ' ' }),
		DistrictID: optionalID(r.PostFormValue("district")), WebhookURL: r.PostFormValue("webhook_url"), Disabled: r.PostFormValue("disabled") != ""}
	for i := range platform.MaxContacts {
		n := strconv.Itoa(i)
		p.Contacts = append(p.Contacts, platform.Contact{Name: r.PostFormValue("contact_name_" + n), Role: r.PostFormValue("contact_role_" + n),
			Phone: r.PostFormValue("contact_phone_" + n), Email: r.PostFormValue("contact_email_" + n)})
	}
	return p
}

// platformForm fills the form from pl, or from what a failed post typed.
func (s *Server) platformForm(r *http.Request, p adminPage, pl platform.Platform) (platformForm, error) {
	district := ""
	if pl.DistrictID != nil {
		district = strconv.FormatInt(*pl.DistrictID, 10)
	}
	values := map[string]string{"code": pl.Code, "name": pl.Name, "kind": string(pl.Kind), "domains": strings.Join(pl.Domains, "\n"),
		"district": district, "webhook_url": pl.WebhookURL, "disabled": checked(pl.Disabled)}
	contacts := append(pl.Contacts, platform.Contact{})
	if p.adminForm.Form != "" {
		for k := range values {
			values[k] = p.Val(k)
		}
		contacts = platformFromForm(&http.Request{PostForm: p.Values}, 0).Contacts
		for len(contacts) > 1 && contacts[len(contacts)-1] == (platform.Contact{}) && contacts[len(contacts)-2] == (platform.Contact{}) {
			contacts = contacts[:len(contacts)-1]
		}
	}
	kinds, districts, err := s.platformChoices(r, values["kind"], values["district"])
	if err != nil {
		return platformForm{}, err
	}
	var f platformForm
	for _, d := range []struct{ name, typ string }{{"code", "text"}, {"name", "text"}, {"kind", "select"}, {"domains", "textarea"},
		{"district", "select"}, {"webhook_url", "url"}, {"disabled", "checkbox"}} {
		label := "platforms.f_" + d.name
		help := label + "_help"
		if _, ok := consoleCatalog[help]; !ok {
			help = ""
		}
		fv, err := p.Field(d.name, label, d.typ, values[d.name], help)
		if err != nil {
			return f, err
		}
		fv.Options = map[string][]opt{"kind": kinds, "district": districts}[d.name]
		f.Fields = append(f.Fields, fv)
	}
	f.Contacts = contacts
	return f, nil
}

// platformChoices are the kind and district lists, with the given values
// selected.
func (s *Server) platformChoices(r *http.Request, kind, district string) (kinds, districts []opt, err error) {
	lang := s.newConsoleView(r, "").Lang
	for _, k := range platform.Kinds() {
		kinds = append(kinds, opt{Value: string(k), Label: k.Label().In(lang), Selected: string(k) == kind})
	}
	ds, err := org.Districts(r.Context(), s.DB)
	for _, d := range ds {
		v := strconv.FormatInt(d.ID, 10)
		districts = append(districts, opt{Value: v, Label: d.Name.In(lang), Selected: v == district})
	}
	return kinds, districts, err
}
