package platform_test

import (
	"context"
	"database/sql"
	"testing"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/pii"
	"qinglang/internal/platform"
	"qinglang/internal/store"
)

var admin = &auth.Principal{UserID: 1, Username: "admin", Role: auth.Admin}

// registry opens a Registry on db with two districts to refer to.
func registry(t *testing.T, db *store.DB) *platform.Registry {
	t.Helper()
	keys, err := pii.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = db.Write(ctx, func(tx *sql.Tx) error {
		for i, d := range []org.District{{Code: "qingxiu", Name: i18n.Text{Zh: "青秀区", En: "Qingxiu"}, Kind: "district"},
			{Code: "xingning", Name: i18n.Text{Zh: "兴宁区", En: "Xingning"}, Kind: "district"}} {
			if _, err := org.AddDistrict(ctx, tx, d, i+1); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return platform.New(db, keys, nil)
}

// fields lists an error's field/reason pairs; nil when it is not a
// validation error with both languages.
func fields(err error) []string {
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

func count(t *testing.T, db *store.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Read().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}
