package report

import (
	"context"
	"database/sql"
	"fmt"
)

// loadCaseLists fills the lists of a case detail: timeline, transfers,
// notices, evidence, materials and merged cases.
func (s *Service) loadCaseLists(ctx context.Context, d *CaseDetail) error {
	db := s.db.Read()
	steps := []struct {
		q    string
		scan func(*sql.Rows) error
	}{
		{`SELECT e.id, e.at, e.action, e.from_status, e.to_status, e.note, e.public, e.actor_kind, COALESCE(u.display_name, '')
			FROM report_events e LEFT JOIN users u ON u.id = e.actor_id AND e.actor_kind = 'staff' WHERE e.report_id = $1 ORDER BY e.id`,
			func(r *sql.Rows) error {
				var e StaffEvent
				var kind, name string
				if err := r.Scan(&e.ID, &e.At, &e.Action, &e.From, &e.Status, &e.Note, &e.Public, &kind, &name); err != nil {
					return err
				}
				e.Actor = actorName(kind, name)
				d.Timeline = append(d.Timeline, e)
				return nil
			}},
		{`SELECT t.id, t.report_id, t.department_id, dp.name_zh, t.status, t.note, t.created_at, t.due_at, t.feedback, t.fed_back_at
			FROM transfers t JOIN departments dp ON dp.id = t.department_id WHERE t.report_id = $1 ORDER BY t.id`,
			func(r *sql.Rows) error {
				var t TransferRow
				var fed sql.NullTime
				if err := r.Scan(&t.ID, &t.ReportID, &t.DepartmentID, &t.Department, &t.Status, &t.Note, &t.CreatedAt, &t.DueAt, &t.Feedback, &fed); err != nil {
					return err
				}
				if fed.Valid {
					t.FedBackAt = &fed.Time
				}
				d.Transfers = append(d.Transfers, t)
				return nil
			}},
		{`SELECT n.id, p.name, n.what, n.location, n.reason, n.deadline, n.created_at, n.status, n.response, n.response_note, n.responded_at
			FROM notices n JOIN platforms p ON p.id = n.platform_id WHERE n.report_id = $1 ORDER BY n.id`,
			func(r *sql.Rows) error {
				var n NoticeRow
				var at sql.NullTime
				if err := r.Scan(&n.ID, &n.Platform, &n.What, &n.Location, &n.Reason, &n.Deadline, &n.CreatedAt, &n.Status, &n.Response, &n.RespNote, &at); err != nil {
					return err
				}
				if at.Valid {
					n.RespondedAt = &at.Time
				}
				d.Notices = append(d.Notices, n)
				return nil
			}},
		{`SELECT e.id, e.sha256, b.mime, e.name, b.size, e.created_at FROM evidence e JOIN blobs b ON b.sha256 = e.sha256 WHERE e.report_id = $1 ORDER BY e.created_at, e.id`,
			func(r *sql.Rows) error {
				var f EvidenceFile
				if err := r.Scan(&f.ID, &f.SHA256, &f.MIME, &f.Name, &f.Size, &f.CreatedAt); err != nil {
					return err
				}
				d.Evidence = append(d.Evidence, f)
				return nil
			}},
		{`SELECT m.created_at, m.content, (SELECT count(*) FROM evidence e WHERE e.material_id = m.id) FROM report_materials m WHERE m.report_id = $1 ORDER BY m.id`,
			func(r *sql.Rows) error {
				var m Material
				if err := r.Scan(&m.At, &m.Text, &m.Files); err != nil {
					return err
				}
				d.Materials = append(d.Materials, m)
				return nil
			}},
		{`SELECT tracking_code FROM reports WHERE canonical_id = $1 ORDER BY id`,
			func(r *sql.Rows) error {
				var code string
				if err := r.Scan(&code); err != nil {
					return err
				}
				d.Merged = append(d.Merged, code)
				return nil
			}},
	}
	for _, st := range steps {
		rows, err := db.QueryContext(ctx, st.q, d.ID)
		if err != nil {
			return fmt.Errorf("report: case lists: %w", err)
		}
		for rows.Next() {
			if err := st.scan(rows); err != nil {
				rows.Close()
				return fmt.Errorf("report: case lists: %w", err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

func actorName(kind, name string) string {
	switch kind {
	case "staff":
		if name != "" {
			return name
		}
		return "工作人员"
	case "reporter":
		return "举报人"
	case "platform":
		return "平台"
	}
	return "系统"
}
