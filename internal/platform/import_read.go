package platform

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"qinglang/internal/apperr"
	"qinglang/internal/i18n"
)

// MaxImportRows bounds one import; a city has hundreds of platforms.
const MaxImportRows = 5000

// importColumns are the columns an import understands, by key, with the
// header texts that name them (Chinese or English, any case).
var importColumns = []struct {
	key   string
	label i18n.Text
	alias []string
}{
	{"code", i18n.Text{Zh: "平台代码", En: "code"}, nil},
	{"name", i18n.Text{Zh: "平台名称", En: "name"}, nil},
	{"kind", i18n.Text{Zh: "类型", En: "kind"}, []string{"平台类型"}},
	{"domains", i18n.Text{Zh: "域名", En: "domains"}, []string{"domain"}},
	{"district", i18n.Text{Zh: "所在地区", En: "district"}, []string{"地区"}},
	{"contact_name", i18n.Text{Zh: "联系人", En: "contact_name"}, nil},
	{"contact_phone", i18n.Text{Zh: "联系电话", En: "contact_phone"}, nil},
	{"contact_email", i18n.Text{Zh: "联系邮箱", En: "contact_email"}, nil},
	{"webhook_url", i18n.Text{Zh: "回调地址", En: "webhook_url"}, nil},
}

// ColumnLabel names an import column in both languages.
func ColumnLabel(key string) i18n.Text {
	for _, c := range importColumns {
		if c.key == key {
			return c.label
		}
	}
	return i18n.Text{Zh: key, En: key}
}

// sheetRow is one data row: its row number in the file (the header is
// row 1) and its cells by column key.
type sheetRow struct {
	n     int
	cells map[string]string
}

// readSheet reads a CSV or XLSX file (told apart by content, not name)
// into rows by column key. Wholly empty rows are skipped.
func readSheet(data []byte) ([]sheetRow, error) {
	var grid [][]string
	var err error
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		grid, err = readXLSX(data)
	} else {
		grid, err = readCSV(data)
	}
	if err != nil {
		return nil, err
	}
	if len(grid) == 0 {
		return nil, fileError("文件是空的", "the file is empty")
	}
	keys := make([]string, len(grid[0]))
	seen := map[string]bool{}
	for i, h := range grid[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for _, c := range importColumns {
			if h == c.label.Zh || h == c.label.En || contains(c.alias, h) {
				keys[i], seen[c.key] = c.key, true
			}
		}
	}
	if !seen["code"] || !seen["name"] {
		return nil, fileError("第 1 行须为表头，至少包含「平台代码」和「平台名称」两列（或 code、name）",
			"row 1 must be the header with at least the columns code and name (or 平台代码, 平台名称)")
	}
	var rows []sheetRow
	for i, rec := range grid[1:] {
		row := sheetRow{n: i + 2, cells: map[string]string{}}
		for j, v := range rec {
			if j < len(keys) && keys[j] != "" && strings.TrimSpace(v) != "" {
				row.cells[keys[j]] = strings.TrimSpace(v)
			}
		}
		if len(row.cells) > 0 {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 {
		return nil, fileError("表头下面没有数据行", "there are no rows under the header")
	}
	if len(rows) > MaxImportRows {
		return nil, fileError(fmt.Sprintf("一次最多导入 %d 行，请分批导入", MaxImportRows), fmt.Sprintf("at most %d rows per import; split the file", MaxImportRows))
	}
	return rows, nil
}

// readCSV reads UTF-8 (with or without a byte-order mark) or, as Excel
// on a Chinese Windows saves it, GB18030.
func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fileError("文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 XLSX", "unknown text encoding; save as UTF-8 CSV or XLSX")
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord, cr.LazyQuotes = -1, true
	grid, err := cr.ReadAll()
	if err != nil {
		return nil, fileError("CSV 文件无法解析："+err.Error(), "the CSV file could not be read: "+err.Error())
	}
	return grid, nil
}

// readXLSX reads the workbook's first sheet.
func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fileError("XLSX 文件无法打开，请确认是 Excel 2007 及以上格式", "the XLSX file could not be opened")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileError("工作簿中没有工作表", "the workbook has no sheet")
	}
	grid, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fileError("工作表无法读取", "the sheet could not be read")
	}
	return grid, nil
}

func fileError(zh, en string) error {
	return apperr.Fields(apperr.Field("file", "unreadable", zh, "file: "+en))
}

// readAll reads an uploaded file within limit bytes.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		e := fileError(fmt.Sprintf("文件超过 %d MB", limit>>20), fmt.Sprintf("larger than %d MB", limit>>20))
		e.(*apperr.Error).Code = apperr.TooLarge
		return nil, e
	}
	return b, nil
}
