package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"qinglang/internal/outbox"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
)

// openRumors wires the rumor center: reports are matched at intake,
// monitored items as they are clustered, new items wake the clusterer, and
// early warnings reach editors in the console, by e-mail (through the
// reminder mailer) and, when configured, by webhook.
func (m *Main) openRumors(ctx context.Context) error {
	matcher, err := rumor.NewMatcher(ctx, m.DB)
	if err != nil {
		return err
	}
	m.Rumors = matcher
	m.Reports.SetRumorMatcher(func(text string) []report.RumorHit {
		var out []report.RumorHit
		for _, h := range matcher.Match(text, 5) {
			out = append(out, report.RumorHit{RumorID: h.RumorID, Score: h.Score, Linked: h.Linked})
		}
		return out
	})
	rule := rumor.DefaultAlertRule()
	rule.Window, rule.Min, rule.Factor = m.Config.AlertWindow, m.Config.AlertMin, float64(m.Config.AlertFactor)
	rule.Raised = m.alertRaised
	m.Clusterer = &rumor.Clusterer{DB: m.DB, Log: m.Log, Alerts: rule, Matcher: matcher}
	m.Monitor.OnItems = func(context.Context, []int64) { m.Clusterer.Kick() }
	return nil
}

// alertRaised runs in the alert's transaction: every active editor gets a
// console notification, and the alert webhook an outbox event.
func (m *Main) alertRaised(ctx context.Context, tx *sql.Tx, a rumor.Alert) error {
	text := fmt.Sprintf("谣言预警：「%s」%d 条新增（基线 %.1f）", a.Label, a.WindowCount, a.Baseline)
	if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (user_id, kind, text, dedupe, created_at)
		SELECT id, 'alert', $1, 'alert:' || $2 || ':' || id, $3 FROM users WHERE role = 'editor' AND NOT disabled`,
		text, strconv.FormatInt(a.ID, 10), a.RaisedAt); err != nil {
		return fmt.Errorf("app: alert notifications: %w", err)
	}
	if m.Config.AlertWebhook == "" {
		return nil
	}
	payload, _ := json.Marshal(map[string]any{"event": "alert.raised", "alert": a})
	_, err := outbox.Enqueue(ctx, tx, a.RaisedAt, outbox.Event{Topic: "alert.raised", Key: "alert-" + strconv.FormatInt(a.ID, 10),
		Target: "alerts", URL: m.Config.AlertWebhook, Payload: payload})
	return err
}

// alertSecret is the signing secret of the "alerts" outbox target.
func (m *Main) alertSecret(target string) ([]byte, bool, error) {
	if target != "alerts" {
		return nil, false, nil
	}
	if m.Config.AlertSecret == "" {
		return nil, true, errors.New("app: QINGLANG_ALERT_WEBHOOK_SECRET is not set")
	}
	return []byte(m.Config.AlertSecret), true, nil
}
