package web

import (
	"context"
	"mime/multipart"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/evidence"
)

// formError explains a multipart form that could not be read.
func (s *Server) formError(err error) error {
	err = s.uploadError(err)
	if _, ok := apperr.As(err); !ok {
		err = apperr.New(apperr.Invalid, "表单内容无法读取，请重新提交", "The form could not be read; please submit it again")
	}
	return err
}

// ingestFile checks and stores one file of a portal form. A refusal names
// the file, since a reporter may have chosen several, and belongs to the
// form field the file came from.
func (s *Server) ingestFile(ctx context.Context, fh *multipart.FileHeader, field string) (evidence.Meta, error) {
	f, err := fh.Open()
	if err != nil {
		return evidence.Meta{}, err
	}
	defer f.Close()
	meta, err := s.Evidence.Ingest(ctx, f)
	if err == nil {
		return meta, nil
	}
	e, ok := apperr.As(s.uploadError(err))
	if !ok || len(e.Fields) == 0 {
		return evidence.Meta{}, err
	}
	fe := e.Fields[0]
	fe.Field = field
	// The API's English messages start with "file: "; here the message
	// stands next to its input and names the file instead.
	en, _ := strings.CutPrefix(fe.En, "file: ")
	fe.Zh = "「" + fh.Filename + "」" + fe.Zh
	fe.En = fh.Filename + ": " + en
	return evidence.Meta{}, &apperr.Error{Code: e.Code, Zh: e.Zh, En: e.En, Fields: []apperr.FieldError{fe}}
}

// registerFiles ingests the files of one input and records them as
// evidence a case can claim by id.
func (s *Server) registerFiles(ctx context.Context, fhs []*multipart.FileHeader, field string) ([]string, error) {
	var ids []string
	for _, fh := range fhs {
		meta, err := s.ingestFile(ctx, fh, field)
		if err != nil {
			return nil, err
		}
		id, err := s.Reports.RegisterEvidence(ctx, meta, fh.Filename)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}
