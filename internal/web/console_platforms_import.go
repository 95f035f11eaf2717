package web

import (
	"errors"
	"net/http"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
	"qinglang/internal/platform"
)

// importPage is the upload form and, after an upload, its report.
type importPage struct {
	adminPage
	Mode   platform.ImportMode
	Result *platform.ImportResult
}

// ColumnLabel names an import column in the page's language.
func (p importPage) ColumnLabel(key string) string { return p.In(platform.ColumnLabel(key)) }

func (s *Server) pageAdminPlatformImport(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "console_platform_import.html", importPage{adminPage: s.adminPage(w, r, "admin/platforms", adminForm{}), Mode: platform.AllOrNothing})
}

// pageAdminPlatformImportRun takes the multipart upload "file" and the
// mode, and shows the import's report on the same page.
func (s *Server) pageAdminPlatformImportRun(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, platform.MaxImportBytes+64<<10)
	p := importPage{Mode: platform.ImportMode(r.PostFormValue("mode"))}
	var res platform.ImportResult
	file, _, err := r.FormFile("file")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		err = &apperr.Error{Code: apperr.TooLarge, Zh: "文件太大（最多 10 MB）", En: "The file is too large (10 MB at most)"}
	case err != nil:
		err = apperr.Fields(apperr.Field("file", "required", "请选择要导入的 CSV 或 XLSX 文件", "file: choose a CSV or XLSX file"))
	default:
		defer file.Close()
		res, err = s.Platforms.Import(r.Context(), auth.FromContext(r.Context()), file, p.Mode)
	}
	code := http.StatusOK
	if err != nil {
		f, c, ok := s.adminFailed(w, r, "import", err)
		if !ok {
			return
		}
		p.adminPage, code = s.adminPage(w, r, "admin/platforms", f), c
	} else {
		p.adminPage, p.Result = s.adminPage(w, r, "admin/platforms", adminForm{}), &res
		if !res.Applied && len(res.Errors) > 0 {
			code = http.StatusUnprocessableEntity
		}
	}
	if p.Mode == "" {
		p.Mode = platform.AllOrNothing
	}
	s.render(w, r, code, "console_platform_import.html", p)
}
