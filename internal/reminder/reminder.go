// Package reminder tells staff about cases and transfers that are overdue
// or fall due within a day (DESIGN section 3: "reminders go out"): a row in
// the console's notification list and, when SMTP is configured, an e-mail.
package reminder

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"qinglang/internal/sla"
	"qinglang/internal/store"
)

// Worker scans for due work and notifies the people responsible. Several
// processes may run one each: the dedupe key makes a reminder exist once
// however many workers find it.
type Worker struct {
	DB       *store.DB
	Log      *slog.Logger
	Interval time.Duration // between rounds; 0 means a minute
	Mail     SMTP          // Addr "" sends no e-mail
	BaseURL  string        // named in e-mails, when set
	Now      func() time.Time
}

// Run works a round every Interval until ctx ends. A failed round is
// logged and the next one tries again.
func (w *Worker) Run(ctx context.Context) {
	every := w.Interval
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := w.Once(ctx); err != nil && ctx.Err() == nil {
			w.Log.Error("reminder round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Once creates the reminders that are due now and sends their e-mails.
func (w *Worker) Once(ctx context.Context) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	at := now().UTC()
	items, err := w.scan(ctx, at)
	if err != nil {
		return err
	}
	if len(items) > 0 {
		err := w.DB.Write(ctx, func(tx *sql.Tx) error {
			for _, n := range items {
				if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, kind, report_id, text, dedupe, created_at)
					VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (dedupe) DO NOTHING`, n.userID, n.kind, n.reportID, n.text, n.dedupe, at); err != nil {
					return fmt.Errorf("reminder: insert: %w", err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if w.Mail.Addr == "" {
		return nil
	}
	return w.mail(ctx, at)
}

// note is a reminder for one person.
type note struct {
	userID, reportID int64
	kind, text       string
	dedupe           string
}

// remind adds a note for each recipient of one due item. The dedupe key
// names the item, its stage and due time, the kind and the person, so a
// new due time (the case moved on) or going from due soon to overdue
// reminds again, and nothing else does.
func remind(out []note, now time.Time, item string, itemID, reportID int64, stage sla.Stage, due time.Time, text func(state string) string, users []int64) []note {
	kind, state := "overdue", "已超期"
	if !due.Before(now) {
		kind, state = "due_soon", "即将到期"
	}
	for _, u := range users {
		out = append(out, note{userID: u, reportID: reportID, kind: item + "_" + kind, text: text(state),
			dedupe: fmt.Sprintf("%s:%d:%s:%d:%s:u%d", item, itemID, stage, due.Unix(), kind, u)})
	}
	return out
}

func dueText(t time.Time) string {
	return "应于 " + t.In(sla.Beijing).Format("1月2日 15:04") + " 前"
}
