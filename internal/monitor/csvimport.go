package monitor

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
)

// Import bounds: a day's collection from a manual sweep fits easily.
const (
	MaxImportBytes = 10 << 20
	MaxImportRows  = 5000
	maxRowErrors   = 20 // reported per import; more only repeat the lesson
)

// importColumns maps header texts, Chinese or English, to columns.
var importColumns = map[string]string{
	"external_id": "external_id", "id": "external_id", "编号": "external_id", "外部编号": "external_id",
	"url": "url", "链接": "url", "网址": "url", "地址": "url",
	"title": "title", "标题": "title",
	"text": "text", "正文": "text", "内容": "text",
	"author": "author", "作者": "author", "发布者": "author",
	"published_at": "published_at", "发布时间": "published_at", "时间": "published_at",
}

// Imported is what an import stored.
type Imported struct {
	Added, Duplicates int
	IDs               []int64
}

// ImportCSV stores the items of a CSV file (UTF-8, or GB18030 as Excel
// saves it on Chinese Windows). It is all or nothing: any bad row refuses
// the whole file with one message per bad row, so a corrected file can
// be sent again without doubling what was good. Items already imported
// (the same external_id) are counted and skipped.
func (s *Service) ImportCSV(ctx context.Context, p *auth.Principal, r io.Reader) (Imported, error) {
	if err := p.Require(auth.RumorEdit); err != nil {
		return Imported{}, err
	}
	items, err := readItemsCSV(r)
	if err != nil {
		return Imported{}, err
	}
	now := s.now()
	var out Imported
	err = s.DB.Write(ctx, func(tx *sql.Tx) error {
		out = Imported{}
		for _, it := range items {
			var one int
			err := tx.QueryRowContext(ctx, `SELECT 1 FROM monitored_items WHERE source = 'csv' AND external_id = $1`, it.externalID).Scan(&one)
			if err == nil {
				out.Duplicates++
				continue
			} else if !errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("monitor: import: %w", err)
			}
			id, _, err := insertItem(ctx, tx, "csv", nil, it, now)
			if err != nil {
				return err
			}
			out.IDs = append(out.IDs, id)
		}
		out.Added = len(out.IDs)
		return audit.Append(ctx, tx, s.DB.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username,
			Action: "items.import", Target: "items:csv", Detail: fmt.Sprintf("新增 %d 条，重复 %d 条", out.Added, out.Duplicates)})
	})
	if err != nil {
		return Imported{}, err
	}
	s.notify(ctx, out.IDs)
	return out, nil
}

func readItemsCSV(r io.Reader) ([]item, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("monitor: read import: %w", err)
	}
	if len(data) > MaxImportBytes {
		return nil, fileError(fmt.Sprintf("文件超过 %d MB，请分批导入", MaxImportBytes>>20), fmt.Sprintf("The file is larger than %d MB; import it in parts", MaxImportBytes>>20))
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		if data, err = simplifiedchinese.GB18030.NewDecoder().Bytes(data); err != nil {
			return nil, fileError("文件编码无法识别，请另存为 UTF-8 CSV", "Unknown encoding; save the file as UTF-8 CSV")
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord, cr.LazyQuotes = -1, true
	grid, err := cr.ReadAll()
	if err != nil {
		return nil, fileError("不是有效的 CSV 文件："+err.Error(), "Not a valid CSV file: "+err.Error())
	}
	if len(grid) < 2 {
		return nil, fileError("文件中没有数据行（第一行须为表头）", "The file has no data rows (the first row must be the header)")
	}
	if len(grid)-1 > MaxImportRows {
		return nil, fileError(fmt.Sprintf("每次最多导入 %d 行", MaxImportRows), fmt.Sprintf("At most %d rows per import", MaxImportRows))
	}
	col := map[string]int{}
	for i, h := range grid[0] {
		if c, ok := importColumns[strings.ToLower(strings.TrimSpace(h))]; ok {
			col[c] = i
		}
	}
	if _, ok := col["external_id"]; !ok {
		return nil, fileError("缺少 external_id（编号）列", "The external_id column is missing")
	}
	if _, ok := col["text"]; !ok {
		return nil, fileError("缺少 text（正文）列", "The text column is missing")
	}
	var items []item
	var errs []apperr.FieldError
	seen := map[string]int{}
	for n, rec := range grid[1:] {
		line := n + 2
		cell := func(c string) string {
			if i, ok := col[c]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		it := item{externalID: cell("external_id"), url: cell("url"), title: cell("title"), text: cell("text"), author: cell("author")}
		var bad []string
		switch prev, dup := seen[it.externalID]; {
		case it.externalID == "" || len(it.externalID) > 500:
			bad = append(bad, "编号为空或过长")
		case dup:
			bad = append(bad, fmt.Sprintf("编号与第 %d 行重复", prev))
		}
		seen[it.externalID] = line
		if it.text == "" || utf8.RuneCountInString(it.text) > 20000 || utf8.RuneCountInString(it.title) > 500 {
			bad = append(bad, "正文为空或过长（正文 20000 字、标题 500 字以内）")
		}
		if it.url != "" && !isWebURL(it.url) {
			bad = append(bad, "链接须以 http:// 或 https:// 开头")
		}
		if v := cell("published_at"); v != "" {
			if it.published = parseDate(v); it.published == nil {
				bad = append(bad, "发布时间无法识别（如 2026-03-01 08:30）")
			}
		}
		if len(bad) > 0 && len(errs) < maxRowErrors {
			msg := fmt.Sprintf("第 %d 行：%s", line, strings.Join(bad, "；"))
			errs = append(errs, apperr.Field(fmt.Sprintf("row %d", line), "invalid", msg, fmt.Sprintf("row %d: %s", line, strings.Join(bad, "; "))))
		}
		items = append(items, it)
	}
	if len(errs) > 0 {
		e := apperr.Fields(errs...)
		e.Zh, e.En = "文件有错误，未导入任何内容。请改正以下各行后重新上传：", "Nothing was imported; correct these rows and upload again:"
		return nil, e
	}
	return items, nil
}

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2048
}

func fileError(zh, en string) error {
	return apperr.Fields(apperr.Field("file", "invalid", zh, en))
}
