package platform

import (
	"fmt"

	"qinglang/internal/i18n"
)

// MaxImportBytes bounds an uploaded import file.
const MaxImportBytes = 10 << 20

// RowError is what is wrong with one cell of an import file.
type RowError struct {
	Row    int    // as the spreadsheet numbers it: the header is row 1
	Column string // column key, see ColumnLabel
	Reason i18n.Text
}

// RowDone is an imported row: its platform created or updated.
type RowDone struct {
	Row        int
	Code       string
	Created    bool
	SecretMade bool // a webhook secret was made: rotate it on the platform page to see one
}

// ImportResult is the report of an import.
type ImportResult struct {
	Mode    ImportMode
	Rows    int // data rows in the file
	Applied bool
	Done    []RowDone
	Errors  []RowError
}

// Counts returns how many platforms were created and updated.
func (r ImportResult) Counts() (created, updated int) {
	for _, d := range r.Done {
		if d.Created {
			created++
		} else {
			updated++
		}
	}
	return
}

// Summary says in one sentence what the import did.
func (r ImportResult) Summary() i18n.Text {
	c, u := r.Counts()
	bad := badRows(r.Errors)
	switch {
	case bad == 0:
		return i18n.Text{Zh: fmt.Sprintf("全部 %d 行已导入：新建 %d 个平台，更新 %d 个。", r.Rows, c, u),
			En: fmt.Sprintf("All %d rows imported: %d platforms created, %d updated.", r.Rows, c, u)}
	case !r.Applied:
		return i18n.Text{Zh: fmt.Sprintf("共 %d 行，其中 %d 行有误。按「全部正确才导入」方式，本次没有导入任何平台；请修正下列各行后重新上传。", r.Rows, bad),
			En: fmt.Sprintf("%d rows, %d of them bad. In all-or-nothing mode nothing was imported; fix the rows below and upload again.", r.Rows, bad)}
	}
	return i18n.Text{Zh: fmt.Sprintf("共 %d 行：已导入 %d 行（新建 %d 个，更新 %d 个）；%d 行有误，未导入，见下表。", r.Rows, c+u, c, u, bad),
		En: fmt.Sprintf("%d rows: %d imported (%d created, %d updated); %d bad rows were not imported, listed below.", r.Rows, c+u, c, u, bad)}
}

func badRows(errs []RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Row] = true
	}
	return len(seen)
}
