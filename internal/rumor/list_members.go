package rumor

import (
	"context"
	"fmt"
	"sort"
	"time"

	"qinglang/internal/store"
)

// Member is a report or monitored item of a cluster, with what the
// console shows of it.
type Member struct {
	Kind      string    `json:"kind"` // report or item
	SubjectID int64     `json:"subject_id"`
	Reason    string    `json:"reason"` // why it joined: new, text, url, image, rumor
	AddedAt   time.Time `json:"added_at"`
	Preview   string    `json:"preview"`
	// Reports: the tracking code and case status.
	TrackingCode string `json:"tracking_code,omitempty"`
	Status       string `json:"status,omitempty"`
	// Items: where they came from and their address.
	Source string `json:"source,omitempty"`
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
}

// ClusterMembers lists a cluster's members in the order they joined; the
// first report is the one the others duplicate.
func ClusterMembers(ctx context.Context, db *store.DB, clusterID int64) ([]Member, error) {
	var out []Member
	rows, err := db.Read().QueryContext(ctx, `SELECT m.subject_id, m.reason, m.added_at, r.tracking_code, r.status, r.content
		FROM cluster_members m JOIN reports r ON r.id = m.subject_id WHERE m.cluster_id = $1 AND m.kind = 'report'`, clusterID)
	if err != nil {
		return nil, fmt.Errorf("rumor: cluster members: %w", err)
	}
	for rows.Next() {
		m := Member{Kind: "report"}
		if err := rows.Scan(&m.SubjectID, &m.Reason, &m.AddedAt, &m.TrackingCode, &m.Status, &m.Preview); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.Read().QueryContext(ctx, `SELECT m.subject_id, m.reason, m.added_at, i.source, i.title, i.url, i.text
		FROM cluster_members m JOIN monitored_items i ON i.id = m.subject_id WHERE m.cluster_id = $1 AND m.kind = 'item'`, clusterID)
	if err != nil {
		return nil, fmt.Errorf("rumor: cluster items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m := Member{Kind: "item"}
		if err := rows.Scan(&m.SubjectID, &m.Reason, &m.AddedAt, &m.Source, &m.Title, &m.URL, &m.Preview); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].AddedAt.Equal(out[j].AddedAt) {
			return out[i].AddedAt.Before(out[j].AddedAt)
		}
		return out[i].SubjectID < out[j].SubjectID
	})
	for i := range out {
		out[i].Preview = preview(out[i].Preview, 120)
	}
	return out, nil
}

// MemberReports returns the report ids of a cluster in the order they
// joined, for acting on the whole cluster.
func MemberReports(ms []Member) []int64 {
	var ids []int64
	for _, m := range ms {
		if m.Kind == "report" {
			ids = append(ids, m.SubjectID)
		}
	}
	return ids
}
