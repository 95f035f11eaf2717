package web

import (
	"net/http"
	"strconv"
	"strings"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
)

// The three pages' descriptions: fixed tables, like the route list.
var adminDepartments, adminUnits, adminDistricts = orgKinds()

func orgKinds() (departments, units, districts *orgKind) {
	departments = &orgKind{nav: "admin/departments", title: "admin.org.departments", flash: "admin.flash.saved",
		fields: []orgField{{"code", "admin.org.code", "text", nil}, {"name_zh", "admin.org.name_zh", "text", nil},
			{"name_en", "admin.org.name_en", "text", nil}, {"is_police", "admin.org.is_police", "checkbox", nil}},
		list: func(s *Server, r *http.Request) ([]orgRow, error) {
			ds, err := org.Departments(r.Context(), s.DB)
			var out []orgRow
			for _, d := range ds {
				out = append(out, orgRow{d.ID, map[string]string{"code": d.Code, "name_zh": d.Name.Zh, "name_en": d.Name.En, "is_police": checked(d.IsPolice)}})
			}
			return out, err
		},
		save: func(s *Server, r *http.Request, id int64) (int64, error) {
			return org.SaveDepartment(r.Context(), s.DB, auth.FromContext(r.Context()), org.Department{ID: id, Code: r.PostFormValue("code"),
				Name: i18n.Text{Zh: r.PostFormValue("name_zh"), En: r.PostFormValue("name_en")}, IsPolice: r.PostFormValue("is_police") != ""})
		}}
	units = &orgKind{nav: "admin/units", title: "admin.org.units", flash: "admin.flash.saved",
		fields: []orgField{{"code", "admin.org.code", "text", nil}, {"name", "admin.org.name", "text", nil}, {"kind", "admin.org.unit_kind", "text", nil}},
		list: func(s *Server, r *http.Request) ([]orgRow, error) {
			us, err := org.Units(r.Context(), s.DB)
			var out []orgRow
			for _, u := range us {
				out = append(out, orgRow{u.ID, map[string]string{"code": u.Code, "name": u.Name, "kind": u.Kind}})
			}
			return out, err
		},
		save: func(s *Server, r *http.Request, id int64) (int64, error) {
			return org.SaveUnit(r.Context(), s.DB, auth.FromContext(r.Context()), org.Unit{ID: id, Code: r.PostFormValue("code"),
				Name: r.PostFormValue("name"), Kind: r.PostFormValue("kind")})
		}}
	districts = &orgKind{nav: "admin/districts", title: "admin.org.districts", flash: "admin.flash.saved",
		fields: []orgField{{"code", "admin.org.code", "text", nil}, {"name_zh", "admin.org.name_zh", "text", nil},
			{"name_en", "admin.org.name_en", "text", nil}, {"kind", "admin.org.district_kind", "select", districtKinds},
			{"sort", "admin.org.sort", "number", nil}},
		// org.Districts returns them in their order but not the sort
		// number itself: the position stands in for it, as the demo and
		// imports number districts 1, 2, 3 ….
		list: func(s *Server, r *http.Request) ([]orgRow, error) {
			ds, err := org.Districts(r.Context(), s.DB)
			var out []orgRow
			for i, d := range ds {
				out = append(out, orgRow{d.ID, map[string]string{"code": d.Code, "name_zh": d.Name.Zh, "name_en": d.Name.En,
					"kind": d.Kind, "sort": strconv.Itoa(i + 1)}})
			}
			return out, err
		},
		save: func(s *Server, r *http.Request, id int64) (int64, error) {
			sort, _ := strconv.Atoi(strings.TrimSpace(r.PostFormValue("sort")))
			return org.SaveDistrict(r.Context(), s.DB, auth.FromContext(r.Context()), org.District{ID: id, Code: r.PostFormValue("code"),
				Name: i18n.Text{Zh: r.PostFormValue("name_zh"), En: r.PostFormValue("name_en")}, Kind: r.PostFormValue("kind")}, sort)
		}}
	return
}

var districtKinds = []opt{{Value: "district", Label: "admin.org.kind_district"}, {Value: "county", Label: "admin.org.kind_county"},
	{Value: "city", Label: "admin.org.kind_city"}, {Value: "zone", Label: "admin.org.kind_zone"}}

func checked(b bool) string {
	if b {
		return "1"
	}
	return ""
}
