package debunk

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
)

// transition is one step of the editorial workflow.
type transition struct {
	action string   // audit action and revision note prefix
	from   []string // states it may start from
	to     string
	set    string // extra SET clause, $1 = now, $2 = text argument
}

var (
	submit  = transition{action: "article.submit", from: []string{Draft}, to: Review}
	publish = transition{action: "article.publish", from: []string{Review}, to: Published, set: "published_at = $1"}
	correct = transition{action: "article.correct", from: []string{Published, Corrected}, to: Corrected,
		set: "corrected_at = $1, correction_note = $2"}
	retract = transition{action: "article.retract", from: []string{Published, Corrected}, to: Retracted,
		set: "retracted_at = $1, retraction_reason = $2"}
)

var stateLabels = map[string]string{Draft: "草稿", Review: "待审核", Published: "已发布", Corrected: "已更正", Retracted: "已撤回"}

// move applies t to article id in tx, guarded by the state in the same
// UPDATE so two editors racing cannot both win, and records a revision.
// It returns the revision id.
func (s *Service) move(ctx context.Context, tx *sql.Tx, p *auth.Principal, id int64, t transition, now time.Time, text, note string) (int64, error) {
	set := "status = '" + t.to + "', updated_at = $1"
	if t.set != "" {
		set += ", " + t.set
	}
	args := []any{now}
	if strings.Contains(t.set, "$2") {
		args = append(args, text)
	}
	args = append(args, id)
	q := fmt.Sprintf(`UPDATE articles SET %s WHERE id = $%d AND status IN ('%s')`, set, len(args), strings.Join(t.from, "','"))
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, fmt.Errorf("debunk: %s: %w", t.action, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		status, err := lockStatus(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		return 0, apperr.New(apperr.Conflict, "文章当前状态（"+stateLabels[status]+"）不允许此操作",
			"The article is "+status+"; that is not possible now")
	}
	var title, summary, body string
	if err := tx.QueryRowContext(ctx, `SELECT title, summary, body_md FROM articles WHERE id = $1`, id).Scan(&title, &summary, &body); err != nil {
		return 0, fmt.Errorf("debunk: %s: %w", t.action, err)
	}
	rid, err := addRevision(ctx, tx, id, now, p, t.to, title, summary, body, note)
	if err != nil {
		return 0, err
	}
	return rid, audit.Append(ctx, tx, s.db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: t.action,
		Target: target(id), Detail: note})
}

// Submit sends a draft to review.
func (s *Service) Submit(ctx context.Context, p *auth.Principal, id int64) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := s.move(ctx, tx, p, id, submit, s.now(), "", "")
		return err
	})
}

// Publish makes a reviewed article public: the rumors its claims name
// point to it (so the rumor check and reporters' tracking pages find it),
// and every alliance member with a webhook is sent it.
func (s *Service) Publish(ctx context.Context, p *auth.Principal, id int64) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	now := s.now()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := s.move(ctx, tx, p, id, publish, now, "", ""); err != nil {
			return err
		}
		a, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		seen := map[int64]bool{}
		for _, c := range a.Claims {
			if c.RumorID == nil || seen[*c.RumorID] {
				continue
			}
			seen[*c.RumorID] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO rumor_debunks (rumor_id, title, url, article_id, published_at) VALUES ($1,$2,$3,$4,$5)`,
				*c.RumorID, a.Title, a.Path(), id, now); err != nil {
				return fmt.Errorf("debunk: publish: rumor link: %w", err)
			}
		}
		return s.notify(ctx, tx, now, a, "article.published", fmt.Sprintf("article-%d-published", id))
	})
	if err == nil {
		s.kicked()
	}
	return err
}

// Correct amends a published article; it stays public with the note and
// date of the correction shown. An empty newBodyMD keeps the body.
func (s *Service) Correct(ctx context.Context, p *auth.Principal, id int64, note, newBodyMD string) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	if n := utf8.RuneCountInString(note); n == 0 || n > 1000 {
		return apperr.Fields(apperr.Field("note", "required", "请填写更正说明（1000字以内）", "note: required, at most 1000 characters"))
	}
	now := s.now()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if strings.TrimSpace(newBodyMD) != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET body_md = $1, body_html = $2 WHERE id = $3 AND status IN ('published', 'corrected')`,
				newBodyMD, string(Render(newBodyMD)), id); err != nil {
				return fmt.Errorf("debunk: correct: %w", err)
			}
		}
		rid, err := s.move(ctx, tx, p, id, correct, now, note, note)
		if err != nil {
			return err
		}
		a, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, now, a, "article.corrected", fmt.Sprintf("article-%d-corrected-%d", id, rid))
	})
	if err == nil {
		s.kicked()
	}
	return err
}

// Retract withdraws a published article. Its page stays, marked retracted
// with the reason and date; the rumors stop pointing to it.
func (s *Service) Retract(ctx context.Context, p *auth.Principal, id int64, reason string) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if n := utf8.RuneCountInString(reason); n == 0 || n > 1000 {
		return apperr.Fields(apperr.Field("reason", "required", "请填写撤回原因（1000字以内）", "reason: required, at most 1000 characters"))
	}
	now := s.now()
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := s.move(ctx, tx, p, id, retract, now, reason, reason); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM rumor_debunks WHERE article_id = $1`, id); err != nil {
			return fmt.Errorf("debunk: retract: %w", err)
		}
		a, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, now, a, "article.retracted", fmt.Sprintf("article-%d-retracted", id))
	})
	if err == nil {
		s.kicked()
	}
	return err
}
