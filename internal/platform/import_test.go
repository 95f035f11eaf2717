package platform_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"qinglang/internal/platform"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// sheet is 400 platforms, five of them bad in a different way each, in
// the rows listed by badRows with the column at fault.
func sheet(header []string) [][]string {
	rows := [][]string{header}
	for i := range 400 {
		rows = append(rows, []string{fmt.Sprintf("plat-%03d", i), fmt.Sprintf("平台%03d", i), "论坛社区",
			fmt.Sprintf("p%03d.example；www.p%03d.example", i, i), "青秀区", "联络员", "0771-5550000", fmt.Sprintf("ops@p%03d.example", i), ""})
	}
	// rows[i] is the spreadsheet's row i+1: the header is row 1.
	rows[11][0] = "Bad Code!"                        // row 12
	rows[51][1] = ""                                 // row 52: no name
	rows[101][4] = "火星区"                             // row 102: unknown district
	rows[201][0] = "plat-007"                        // row 202: repeats row 9
	rows[301][8] = "http://hooks.example.com/notice" // row 302: plain http to another host
	rows[2][8] = "https://hooks.example.com/notice"  // a good webhook
	return rows
}

var badRows = []string{"12:code", "52:name", "102:district", "202:code", "302:webhook_url"}

func xlsxFile(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &cells); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func csvFile(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff") // as Excel writes "CSV UTF-8"
	csv.NewWriter(&b).WriteAll(rows)
	return b.Bytes()
}

func TestImport(t *testing.T) {
	zh := []string{"平台代码", "平台名称", "类型", "域名", "所在地区", "联系人", "联系电话", "联系邮箱", "回调地址"}
	en := []string{"code", "name", "kind", "domains", "district", "contact_name", "contact_phone", "contact_email", "webhook_url"}
	for _, format := range []struct {
		name string
		file func(t *testing.T) []byte
	}{
		{"xlsx", func(t *testing.T) []byte { return xlsxFile(t, sheet(zh)) }},
		{"csv", func(t *testing.T) []byte { return csvFile(sheet(en)) }},
	} {
		t.Run(format.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) { checkImport(t, db, format.file(t)) })
		})
	}
}

func checkImport(t *testing.T, db *store.DB, file []byte) {
	ctx := context.Background()
	reg := registry(t, db)
	res, err := reg.Import(ctx, admin, bytes.NewReader(file), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Errors {
		got = append(got, fmt.Sprintf("%d:%s", e.Row, e.Column))
		if e.Reason.Zh == "" || e.Reason.En == "" {
			t.Errorf("row %d: reason not in both languages: %+v", e.Row, e.Reason)
		}
	}
	if !slices.Equal(got, badRows) {
		t.Errorf("errors %v, want %v", got, badRows)
	}
	if res.Mode != platform.AllOrNothing || res.Applied || len(res.Done) != 0 || res.Rows != 400 {
		t.Errorf("all_or_nothing: %+v", res)
	}
	if n := count(t, db, `SELECT count(*) FROM platforms`); n != 0 {
		t.Fatalf("all_or_nothing with bad rows left %d platforms", n)
	}

	res, err = reg.Import(ctx, admin, bytes.NewReader(file), platform.GoodOnly)
	if err != nil {
		t.Fatal(err)
	}
	if c, u := res.Counts(); c != 395 || u != 0 || len(res.Errors) != 5 || !res.Applied {
		t.Errorf("good_only: %d created, %d updated, %d errors", c, u, len(res.Errors))
	}
	t.Log(res.Summary().Zh)
	if n := count(t, db, `SELECT count(*) FROM platforms WHERE entrance IS NOT NULL AND district_id IS NOT NULL`); n != 395 {
		t.Errorf("%d platforms with entrance and district, want 395", n)
	}
	p, err := reg.GetByCode(ctx, "plat-001")
	if err != nil || p.Kind != "forum" || !slices.Equal(p.Domains, []string{"p001.example", "www.p001.example"}) ||
		p.WebhookURL == "" || !p.HasSecret || len(p.Contacts) != 1 || p.Contacts[0].Email != "ops@p001.example" {
		t.Errorf("plat-001 = %+v, %v", p, err)
	}
	if n := count(t, db, `SELECT count(*) FROM audit_log WHERE action = 'admin.platform.create'`); n != 395 {
		t.Errorf("%d audit entries, want one per platform", n)
	}

	// The same file again updates what it created, and the fixed rows come in.
	res, _ = reg.Import(ctx, admin, bytes.NewReader(file), platform.GoodOnly)
	if c, u := res.Counts(); c != 0 || u != 395 {
		t.Errorf("re-import: %d created, %d updated; want 0 and 395", c, u)
	}
}

func TestImportRefusesUnreadableFiles(t *testing.T) {
	db := storetest.SQLite(t)
	reg := registry(t, db)
	for name, file := range map[string][]byte{
		"no header":   []byte("foo,bar\n1,2\n"),
		"only header": []byte("code,name\n"),
		"empty":       nil,
		"broken xlsx": []byte("PK\x03\x04garbage"),
	} {
		if _, err := reg.Import(context.Background(), admin, bytes.NewReader(file), ""); fields(err) == nil {
			t.Errorf("%s: %v, want a field error on file", name, err)
		}
	}
}

// Excel on a Chinese Windows saves CSV in GB18030.
func TestImportGB18030(t *testing.T) {
	db := storetest.SQLite(t)
	reg := registry(t, db)
	file, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("平台代码,平台名称,所在地区\nyongjiang,邕江论坛,兴宁区\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := reg.Import(context.Background(), admin, bytes.NewReader(file), "")
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	if p, err := reg.GetByCode(context.Background(), "yongjiang"); err != nil || p.Name != "邕江论坛" || p.District != "兴宁区" {
		t.Errorf("%+v, %v", p, err)
	}
}
