package rumor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/store"
)

// TrendDays is how many days a cluster's trend covers.
const TrendDays = 7

// ClusterRow is a cluster as the console lists it.
type ClusterRow struct {
	ID         int64     `json:"id"`
	Label      string    `json:"label"`
	RumorID    int64     `json:"rumor_id,omitempty"`
	RumorTitle string    `json:"rumor_title,omitempty"`
	Size       int       `json:"size"`
	FirstAt    time.Time `json:"first_at"`
	LastAt     time.Time `json:"last_at"`
	Status     string    `json:"status"`
	// Trend counts new members per day, oldest first; the last is the
	// 24 hours before now. Days are rolling, not calendar days, so the
	// last bar is never a half-empty "today".
	Trend []int `json:"trend"`
}

// ClusterSort orders the cluster list.
type ClusterSort string

const (
	ClustersByActivity ClusterSort = "last" // most recently grown first
	ClustersBySize     ClusterSort = "size" // largest first
)

const clusterCols = `SELECT c.id, c.label, COALESCE(c.rumor_id, 0), COALESCE(r.title, ''), c.size, c.first_at, c.last_at, c.status
	FROM clusters c LEFT JOIN rumors r ON r.id = c.rumor_id`

// ListClusters returns the clusters of at least two members, where one
// decision can serve several reports, with their trends.
func ListClusters(ctx context.Context, db *store.DB, by ClusterSort, now time.Time, limit int) ([]ClusterRow, error) {
	order := `c.last_at DESC, c.id DESC`
	if by == ClustersBySize {
		order = `c.size DESC, c.last_at DESC, c.id DESC`
	}
	rows, err := db.Read().QueryContext(ctx, clusterCols+` WHERE c.size >= 2 ORDER BY `+order+` LIMIT $1`, listLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("rumor: clusters: %w", err)
	}
	var out []ClusterRow
	for rows.Next() {
		var c ClusterRow
		if err := rows.Scan(&c.ID, &c.Label, &c.RumorID, &c.RumorTitle, &c.Size, &c.FirstAt, &c.LastAt, &c.Status); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, trends(ctx, db, out, now)
}

// GetCluster reads one cluster with its trend.
func GetCluster(ctx context.Context, db *store.DB, id int64, now time.Time) (ClusterRow, error) {
	var c ClusterRow
	err := db.Read().QueryRowContext(ctx, clusterCols+` WHERE c.id = $1`, id).
		Scan(&c.ID, &c.Label, &c.RumorID, &c.RumorTitle, &c.Size, &c.FirstAt, &c.LastAt, &c.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return c, apperr.New(apperr.NotFound, "聚类不存在", "No such cluster")
	}
	if err != nil {
		return c, fmt.Errorf("rumor: cluster: %w", err)
	}
	list := []ClusterRow{c}
	err = trends(ctx, db, list, now)
	return list[0], err
}

// trends fills in the per-day counts with one query per cluster over the
// members index (cluster_id, added_at): a page shows at most maxList.
func trends(ctx context.Context, db *store.DB, cs []ClusterRow, now time.Time) error {
	from := now.Add(-TrendDays * 24 * time.Hour)
	for i := range cs {
		cs[i].Trend = make([]int, TrendDays)
		rows, err := db.Read().QueryContext(ctx, `SELECT added_at FROM cluster_members WHERE cluster_id = $1 AND added_at > $2 AND added_at <= $3`, cs[i].ID, from, now)
		if err != nil {
			return fmt.Errorf("rumor: cluster trend: %w", err)
		}
		for rows.Next() {
			var at time.Time
			if err := rows.Scan(&at); err != nil {
				rows.Close()
				return err
			}
			day := TrendDays - 1 - int(now.Sub(at)/(24*time.Hour))
			if day >= 0 && day < TrendDays {
				cs[i].Trend[day]++
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
