package rumor

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// AlertRule raises an early warning (谣言预警) when a cluster, or all the
// clusters of one topic, grow in a sliding window far beyond their usual
// pace: at least Min new members in Window, and at least Factor times the
// average per Window over the Baseline period before it.
type AlertRule struct {
	Window   time.Duration // default 1 h
	Baseline time.Duration // default 24 h
	Min      int           // default 5
	Factor   float64       // default 3
	// Raised, when set, is called inside the alert's transaction, e.g. to
	// enqueue its webhook in the outbox and notify editors.
	Raised func(ctx context.Context, tx *sql.Tx, a Alert) error
}

// DefaultAlertRule is the rule used unless configured otherwise.
func DefaultAlertRule() *AlertRule {
	return &AlertRule{Window: time.Hour, Baseline: 24 * time.Hour, Min: 5, Factor: 3}
}

// Alert is a raised early warning.
type Alert struct {
	ID          int64     `json:"id"`
	ClusterID   int64     `json:"cluster_id,omitempty"`
	Topic       string    `json:"topic,omitempty"`
	Rule        string    `json:"rule"`
	WindowCount int       `json:"window_count"`
	Baseline    float64   `json:"baseline"`
	Status      string    `json:"status"`
	RaisedAt    time.Time `json:"raised_at"`
	Label       string    `json:"label"`
}

// evaluate checks the cluster (and its rumor's topic) after it grew at
// time at. An open or acknowledged alert for the same cluster or topic
// holds back a new one, so one burst raises one alert, not one per report.
func (r *AlertRule) evaluate(ctx context.Context, tx *sql.Tx, d store.Dialect, cluster int64, at time.Time) error {
	count := func(q string, args ...any) (int, error) {
		var n int
		err := tx.QueryRowContext(ctx, q, args...).Scan(&n)
		return n, err
	}
	from, base := at.Add(-r.Window), at.Add(-r.Window-r.Baseline)
	inWindow, err := count(`SELECT count(*) FROM cluster_members WHERE cluster_id = $1 AND added_at > $2 AND added_at <= $3`, cluster, from, at)
	if err != nil {
		return err
	}
	before, err := count(`SELECT count(*) FROM cluster_members WHERE cluster_id = $1 AND added_at > $2 AND added_at <= $3`, cluster, base, from)
	if err != nil {
		return err
	}
	var label, topic string
	if err := tx.QueryRowContext(ctx, `SELECT c.label, COALESCE(r.topic, '') FROM clusters c LEFT JOIN rumors r ON r.id = c.rumor_id WHERE c.id = $1`, cluster).Scan(&label, &topic); err != nil {
		return err
	}
	if err := r.raise(ctx, tx, d, Alert{ClusterID: cluster, Label: label, WindowCount: inWindow}, before, at, "cluster:"+strconv.FormatInt(cluster, 10)); err != nil || topic == "" {
		return err
	}
	topicQ := `SELECT count(*) FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id JOIN rumors r ON r.id = c.rumor_id WHERE r.topic = $1 AND m.added_at > $2 AND m.added_at <= $3`
	clusterCount := inWindow
	if inWindow, err = count(topicQ, topic, from, at); err != nil {
		return err
	}
	// A topic's surge that is one cluster's surge is already warned about.
	if inWindow <= clusterCount {
		return nil
	}
	if before, err = count(topicQ, topic, base, from); err != nil {
		return err
	}
	return r.raise(ctx, tx, d, Alert{Topic: topic, Label: topic, WindowCount: inWindow}, before, at, "topic:"+topic)
}

func (r *AlertRule) raise(ctx context.Context, tx *sql.Tx, d store.Dialect, a Alert, before int, at time.Time, subject string) error {
	a.Baseline = float64(before) * float64(r.Window) / float64(r.Baseline)
	if a.WindowCount < r.Min || float64(a.WindowCount) < r.Factor*max(a.Baseline, 1) {
		return nil
	}
	var open int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM alerts WHERE dedupe LIKE $1 AND status != 'closed'`, subject+"#%").Scan(&open); err != nil || open > 0 {
		return err
	}
	a.Rule = fmt.Sprintf("%d in %s ≥ %d and ≥ %.0f× baseline %.2f", a.WindowCount, r.Window, r.Min, r.Factor, a.Baseline)
	a.Status, a.RaisedAt = "open", at
	var cluster *int64
	if a.ClusterID != 0 {
		cluster = &a.ClusterID
	}
	dedupe := subject + "#" + strconv.FormatInt(at.UnixNano(), 10)
	if err := tx.QueryRowContext(ctx, `INSERT INTO alerts (cluster_id, topic, rule, window_count, baseline, status, dedupe, raised_at)
		VALUES ($1,$2,$3,$4,$5,'open',$6,$7) RETURNING id`, cluster, a.Topic, a.Rule, a.WindowCount, a.Baseline, dedupe, at).Scan(&a.ID); err != nil {
		return fmt.Errorf("rumor: alert: %w", err)
	}
	detail, _ := json.Marshal(a)
	if err := audit.Append(ctx, tx, d, audit.Entry{At: at, Actor: "system", Action: "alert.raised", Target: "alert:" + strconv.FormatInt(a.ID, 10), Detail: string(detail)}); err != nil {
		return err
	}
	if r.Raised != nil {
		return r.Raised(ctx, tx, a)
	}
	return nil
}

// SetAlertStatus acknowledges or closes an alert (editors).
func SetAlertStatus(ctx context.Context, db *store.DB, p *auth.Principal, id int64, status, note string, now time.Time) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	var q string
	switch status {
	case "acknowledged":
		q = `UPDATE alerts SET status = 'acknowledged', acknowledged_by = $1, acknowledged_at = $2, note = $3 WHERE id = $4 AND status = 'open'`
	case "closed":
		q = `UPDATE alerts SET status = 'closed', closed_by = $1, closed_at = $2, note = $3 WHERE id = $4 AND status != 'closed'`
	default:
		return apperr.Fields(apperr.Field("status", "unknown", "状态只能是已确认或已关闭", "status: acknowledged or closed"))
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, p.UserID, now, note, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "预警不存在或已处理", "No such alert in a state that allows this")
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: "alert." + status,
			Target: "alert:" + strconv.FormatInt(id, 10), Detail: note})
	})
}
