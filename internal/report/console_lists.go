package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"qinglang/internal/apperr"
	"qinglang/internal/auth"
)

// Choice is one entry of a console select list: a platform, an assignee.
type Choice struct {
	ID   int64
	Name string
}

// Platforms lists the partner platforms by name, for the notice form and
// the queue's platform filter.
func (s *Service) Platforms(ctx context.Context) ([]Choice, error) {
	return s.choices(ctx, `SELECT id, name FROM platforms ORDER BY name, id`)
}

// Assignees lists the active accounts that can take a case: only roles
// that screen or assess, as Assign itself insists.
func (s *Service) Assignees(ctx context.Context) ([]Choice, error) {
	var roles []string
	for _, r := range auth.Roles() {
		if r.Can(auth.CaseScreen) || r.Can(auth.CaseAssess) {
			roles = append(roles, "'"+string(r)+"'") // constants, not input
		}
	}
	return s.choices(ctx, `SELECT id, display_name FROM users WHERE disabled = FALSE AND role IN (`+strings.Join(roles, ",")+`) ORDER BY display_name, id`)
}

func (s *Service) choices(ctx context.Context, q string, args ...any) ([]Choice, error) {
	rows, err := s.db.Read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("report: choices: %w", err)
	}
	defer rows.Close()
	var out []Choice
	for rows.Next() {
		var c Choice
		if err := rows.Scan(&c.ID, &c.Name); err != nil {
			return nil, fmt.Errorf("report: choices: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CaseIDByCode resolves a tracking code (as staff type it: any case,
// spaces) to a case the principal may see, for merging by code.
func (s *Service) CaseIDByCode(ctx context.Context, p *auth.Principal, code string) (int64, error) {
	var id int64
	err := s.db.Read().QueryRowContext(ctx, `SELECT id FROM reports WHERE tracking_code = $1`, ParseTrackingCode(code)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, apperr.Fields(apperr.Field("canonical", "unknown", "没有查询码为「"+code+"」的案件", "canonical: no case has the tracking code "+quote(code)))
	}
	if err != nil {
		return 0, fmt.Errorf("report: case by code: %w", err)
	}
	return id, s.visible(ctx, s.db.Read(), p, id)
}

// TrackingCodes names cases by their tracking codes, for batch results.
func (s *Service) TrackingCodes(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	for _, id := range uniqIDs(ids) {
		var code string
		err := s.db.Read().QueryRowContext(ctx, `SELECT tracking_code FROM reports WHERE id = $1`, id).Scan(&code)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("report: tracking codes: %w", err)
		}
		out[id] = code
	}
	return out, nil
}

// EvidenceFor returns an evidence file with the case it belongs to, if
// the principal may see that case; anything else is "not found", so a
// department handler cannot probe for other departments' files.
func (s *Service) EvidenceFor(ctx context.Context, p *auth.Principal, evidenceID string) (EvidenceFile, int64, error) {
	var f EvidenceFile
	var reportID sql.NullInt64
	err := s.db.Read().QueryRowContext(ctx, `SELECT e.id, e.sha256, b.mime, e.name, b.size, e.created_at, e.report_id
		FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 WHERE e.id = $1`, evidenceID).
		Scan(&f.ID, &f.SHA256, &f.MIME, &f.Name, &f.Size, &f.CreatedAt, &reportID)
	notFound := apperr.New(apperr.NotFound, "证据文件不存在", "No such evidence file")
	switch {
	case errors.Is(err, sql.ErrNoRows) || err == nil && !reportID.Valid: // not yet claimed by a report
		return f, 0, notFound
	case err != nil:
		return f, 0, fmt.Errorf("report: evidence: %w", err)
	}
	if err := s.visible(ctx, s.db.Read(), p, reportID.Int64); err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			return f, 0, notFound
		}
		return f, 0, err
	}
	return f, reportID.Int64, nil
}
