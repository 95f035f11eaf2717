package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/sla"
)

// slaPage shows the working days per stage and one year's holiday calendar.
type slaPage struct {
	adminPage
	Year     int
	Stages   []adminField
	Holidays []sla.Holiday
	Day      []adminField // the form that adds a day
}

func (s *Server) pageAdminSLA(w http.ResponseWriter, r *http.Request) {
	s.renderSLA(w, r, http.StatusOK, adminForm{})
}

func (s *Server) renderSLA(w http.ResponseWriter, r *http.Request, code int, f adminForm) {
	p := slaPage{adminPage: s.adminPage(w, r, "admin/sla", f), Year: s.Now().In(sla.Beijing).Year()}
	if y, err := strconv.Atoi(r.FormValue("year")); err == nil && y >= 2000 && y <= 2100 {
		p.Year = y
	}
	policy, err := sla.Load(r.Context(), s.DB)
	if err == nil {
		p.Holidays, err = sla.Holidays(r.Context(), s.DB, p.Year)
	}
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	for _, st := range sla.Stages() {
		v := strconv.Itoa(policy.Days[st])
		if f.Is("days") {
			v = f.Val("days_" + string(st))
		}
		fv, err := p.Field("days_"+string(st), "admin.sla.days", "number", v, "")
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		fv.Label = p.In(st.Label()) + " · " + fv.Label
		p.Stages = append(p.Stages, fv)
	}
	val := func(name string) string {
		if f.Is("day") {
			return f.Val(name)
		}
		return ""
	}
	for _, fd := range []struct{ name, label, typ string }{{"day", "admin.sla.day", "date"}, {"kind", "admin.sla.kind", "select"}, {"name", "admin.sla.name", "text"}} {
		fv, err := p.Field(fd.name, fd.label, fd.typ, val(fd.name), "")
		if err != nil {
			s.consoleError(w, r, false, err)
			return
		}
		if fd.typ == "select" {
			for _, k := range []string{"holiday", "workday"} {
				fv.Options = append(fv.Options, opt{Value: k, Label: p.KindLabel(k), Selected: k == fv.Value})
			}
		}
		p.Day = append(p.Day, fv)
	}
	s.render(w, r, code, "console_admin_sla.html", p)
}

// KindLabel names a calendar day's kind.
func (p slaPage) KindLabel(kind string) string {
	return p.In(consoleCatalog["admin.sla.kind_"+kind])
}

// pageAdminSLADays saves the stages whose days changed. Each stage is its
// own setting: a mistake in one does not hold back the others, and the
// form shows which one is wrong.
func (s *Server) pageAdminSLADays(w http.ResponseWriter, r *http.Request) {
	if err := parseAdminForm(w, r); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	p := auth.FromContext(r.Context())
	policy, err := sla.Load(r.Context(), s.DB)
	if err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	var errs []apperr.FieldError
	for _, st := range sla.Stages() {
		field := "days_" + string(st)
		days, convErr := strconv.Atoi(strings.TrimSpace(r.PostFormValue(field)))
		if convErr != nil {
			days = -1 // the domain names the allowed range
		}
		if days == policy.Days[st] {
			continue
		}
		if err := sla.SetDays(r.Context(), s.DB, p, st, days); err != nil {
			e, ok := apperr.As(err)
			if !ok || len(e.Fields) == 0 {
				s.consoleError(w, r, false, err)
				return
			}
			for _, fe := range e.Fields {
				fe.Field = field
				errs = append(errs, fe)
			}
		}
	}
	s.Reports.ReloadSLA()
	if len(errs) > 0 {
		if f, code, ok := s.adminFailed(w, r, "days", apperr.Fields(errs...)); ok {
			s.renderSLA(w, r, code, f)
		}
		return
	}
	s.adminDone(w, r, "/console/admin/sla", "admin.flash.saved")
}

func (s *Server) pageAdminHolidaySet(w http.ResponseWriter, r *http.Request) {
	err := parseAdminForm(w, r)
	day := strings.TrimSpace(r.PostFormValue("day"))
	if err == nil {
		err = sla.SetHoliday(r.Context(), s.DB, auth.FromContext(r.Context()), day, r.PostFormValue("kind"), r.PostFormValue("name"))
	}
	if err != nil {
		if f, code, ok := s.adminFailed(w, r, "day", err); ok {
			s.renderSLA(w, r, code, f)
		}
		return
	}
	s.Reports.ReloadSLA()
	s.adminDone(w, r, "/console/admin/sla?year="+yearOf(day), "admin.flash.saved")
}

func (s *Server) pageAdminHolidayDelete(w http.ResponseWriter, r *http.Request) {
	day := r.PathValue("day")
	if err := sla.DeleteHoliday(r.Context(), s.DB, auth.FromContext(r.Context()), day); err != nil {
		s.consoleError(w, r, false, err)
		return
	}
	s.Reports.ReloadSLA()
	s.adminDone(w, r, "/console/admin/sla?year="+yearOf(day), "admin.flash.deleted")
}

// yearOf is the year of a valid YYYY-MM-DD day.
func yearOf(day string) string { return day[:4] }

// PrevYear and NextYear page through the calendar.
func (p slaPage) PrevYear() int { return p.Year - 1 }
func (p slaPage) NextYear() int { return p.Year + 1 }
