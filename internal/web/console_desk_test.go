package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"qinglang/internal/auth"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
)

// staffCase is the part of the staff API's case JSON the scenarios read.
type staffCase struct {
	ID           int64  `json:"id"`
	TrackingCode string `json:"tracking_code"`
	Status       string `json:"status"`
	Reporter     struct {
		Name, Phone string
	} `json:"reporter"`
	Timeline []struct {
		Action string `json:"action"`
		Public bool   `json:"public"`
	} `json:"timeline"`
	Transfers []struct {
		ID       int64  `json:"id"`
		Status   string `json:"status"`
		Feedback string `json:"feedback"`
	} `json:"transfers"`
	Evidence []struct {
		ID, MIME, URL string
	} `json:"evidence"`
}

type queueAnswer struct {
	Items []struct {
		ID           int64  `json:"id"`
		TrackingCode string `json:"tracking_code"`
		Status       string `json:"status"`
	} `json:"items"`
	Total int `json:"total"`
}

// desk is the cast of a case-handling scenario: the center's staff, and
// handlers of 公安 and of another department.
type desk struct {
	ts                      *testServer
	operator, analyst       *caller
	police, culture         *caller
	policeDept, cultureDept int64
}

func newDesk(t *testing.T, ts *testServer) *desk {
	ts.seed()
	d := &desk{ts: ts}
	ctx := context.Background()
	err := ts.DB.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if d.policeDept, err = org.AddDepartment(ctx, tx, org.Department{Code: "police", Name: i18n.Text{Zh: "公安", En: "Police"}, IsPolice: true}); err != nil {
			return err
		}
		d.cultureDept, err = org.AddDepartment(ctx, tx, org.Department{Code: "culture", Name: i18n.Text{Zh: "文化", En: "Culture"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	d.operator, d.analyst = ts.session(auth.Operator, nil), ts.session(auth.Analyst, nil)
	d.police = ts.session(auth.DeptHandler, &auth.Scope{DepartmentID: &d.policeDept})
	d.culture = ts.session(auth.DeptHandler, &auth.Scope{DepartmentID: &d.cultureDept})
	return d
}

// report files a report through the public API and returns its code.
func (d *desk) report(content string, evidence ...string) string {
	d.ts.t.Helper()
	body := map[string]any{"category": "fraud", "content": content, "urls": []any{"https://weibo.com/t/9"},
		"reporter": map[string]any{"anonymous": false, "name": "张三", "phone": "13812345678"}}
	if len(evidence) > 0 {
		body["evidence_ids"] = evidence
	}
	r := d.ts.postJSON("/api/v1/reports", body)
	var rec receipt
	if r.JSON(d.ts.t, &rec); r.Status != http.StatusCreated {
		d.ts.t.Fatalf("report: %d %s", r.Status, r.Body)
	}
	return rec.TrackingCode
}

// api calls the staff API as c with its bearer token; body nil is a GET.
func (d *desk) api(c *caller, method, path string, body any) response {
	d.ts.t.Helper()
	bearer := []string{"Authorization", "Bearer " + c.bearer}
	if body == nil && method == http.MethodGet {
		return d.ts.get(path, bearer...)
	}
	return d.ts.postJSON(path, body, bearer...)
}

// caseOf reads a case by id as c, which must see it.
func (d *desk) caseOf(c *caller, id int64) staffCase {
	d.ts.t.Helper()
	r := d.api(c, "GET", "/api/v1/console/cases/"+itoa(id), nil)
	if r.Status != http.StatusOK {
		d.ts.t.Fatalf("case %d as %s: %d %s", id, c.name, r.Status, r.Body)
	}
	var sc staffCase
	r.JSON(d.ts.t, &sc)
	return sc
}

// find looks a case up in the queue by its tracking code.
func (d *desk) find(c *caller, code string) int64 {
	d.ts.t.Helper()
	var q queueAnswer
	d.api(c, "GET", "/api/v1/console/cases?sort=created_desc", nil).JSON(d.ts.t, &q)
	for _, it := range q.Items {
		if it.TrackingCode == code {
			return it.ID
		}
	}
	d.ts.t.Fatalf("case %s not in %s's queue", code, c.name)
	return 0
}

// act runs a case action through the API and wants it done.
func (d *desk) act(c *caller, id int64, action string, body any) staffCase {
	d.ts.t.Helper()
	r := d.api(c, "POST", "/api/v1/console/cases/"+itoa(id)+"/actions/"+action, body)
	if r.Status != http.StatusOK {
		d.ts.t.Fatalf("%s as %s: %d %s", action, c.name, r.Status, r.Body)
	}
	var sc staffCase
	r.JSON(d.ts.t, &sc)
	return sc
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// form posts a console form as c, with its session and form token.
func (d *desk) form(c *caller, path string, form url.Values) response {
	d.ts.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", c.csrf)
	return d.ts.postForm(path, form, append([]string{"Sec-Fetch-Site", "same-origin"}, c.cookie...)...)
}

func (d *desk) page(c *caller, path string) response {
	d.ts.t.Helper()
	return d.ts.get(path, c.cookie...)
}

func contains(t *testing.T, r response, what string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(string(r.Body), w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}
