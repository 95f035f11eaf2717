package org_test

import (
	"context"
	"testing"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

func fieldsOf(err error) []string {
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		if f.Zh == "" || f.En == "" {
			return nil
		}
		out = append(out, f.Field+"/"+f.Reason)
	}
	return out
}

func TestAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		admin := &auth.Principal{UserID: 1, Username: "admin", Role: auth.Admin}
		must := func(id int64, err error) int64 {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		police := org.Department{Code: "gaj", Name: i18n.Text{Zh: "市公安局", En: "Police"}, IsPolice: true}
		if _, err := org.SaveDepartment(ctx, db, &auth.Principal{Role: auth.Analyst}, police); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("analyst created a department: %v", err)
		}
		pid := must(org.SaveDepartment(ctx, db, admin, police))
		must(org.SaveDepartment(ctx, db, admin, org.Department{Code: "scjg", Name: i18n.Text{Zh: "市场监管局"}}))
		for name, c := range map[string]struct {
			err  error
			want []string
		}{
			"taken":   {second(org.SaveDepartment(ctx, db, admin, org.Department{Code: "gaj", Name: i18n.Text{Zh: "重复"}})), []string{"code/taken"}},
			"invalid": {second(org.SaveDepartment(ctx, db, admin, org.Department{Code: "公安", Name: i18n.Text{Zh: ""}})), []string{"code/bad_format", "name_zh/required"}},
			"unit":    {second(org.SaveUnit(ctx, db, admin, org.Unit{Code: "-x", Name: "单位"})), []string{"code/bad_format"}},
			"district": {second(org.SaveDistrict(ctx, db, admin, org.District{Code: "qx", Name: i18n.Text{Zh: "青秀区"}, Kind: "province"}, 1)),
				[]string{"kind/unknown"}},
		} {
			if got := fieldsOf(c.err); len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
				t.Errorf("%s: %v → %v, want %v", name, c.err, got, c.want)
			}
		}

		police.ID, police.Name.Zh = pid, "南宁市公安局"
		must(org.SaveDepartment(ctx, db, admin, police))
		if _, err := org.SaveDepartment(ctx, db, admin, org.Department{ID: 999, Code: "none", Name: i18n.Text{Zh: "无"}}); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("update of a missing department: %v", err)
		}
		deps, err := org.Departments(ctx, db)
		must(0, err)
		if len(deps) != 2 || deps[0].Code != "gaj" || deps[0].Name.Zh != "南宁市公安局" || !deps[0].IsPolice || deps[1].IsPolice {
			t.Errorf("departments: %+v", deps)
		}

		uid := must(org.SaveUnit(ctx, db, admin, org.Unit{Code: "nnrb", Name: "南宁日报", Kind: "media"}))
		must(org.SaveUnit(ctx, db, admin, org.Unit{ID: uid, Code: "nnrb", Name: "南宁日报社", Kind: "media"}))
		if units, _ := org.Units(ctx, db); len(units) != 1 || units[0].Name != "南宁日报社" {
			t.Errorf("units: %+v", units)
		}
		must(org.SaveDistrict(ctx, db, admin, org.District{Code: "xx", Name: i18n.Text{Zh: "兴宁区"}, Kind: "district"}, 2))
		must(org.SaveDistrict(ctx, db, admin, org.District{Code: "qx", Name: i18n.Text{Zh: "青秀区", En: "Qingxiu"}, Kind: "district"}, 1))
		if ds, _ := org.Districts(ctx, db); len(ds) != 2 || ds[0].Code != "qx" {
			t.Errorf("districts by sort: %+v", ds)
		}

		var n int
		db.Read().QueryRow(`SELECT count(*) FROM audit_log WHERE action LIKE 'admin.org.%' AND actor = 'admin'`).Scan(&n)
		if n != 7 {
			t.Errorf("audit entries %d, want 7", n)
		}
		if _, err := audit.Verify(ctx, db); err != nil {
			t.Error(err)
		}
	})
}

func second(_ int64, err error) error { return err }
