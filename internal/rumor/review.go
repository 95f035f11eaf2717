package rumor

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"qinglang/internal/apperr"
	"qinglang/internal/audit"
	"qinglang/internal/auth"
	"qinglang/internal/store"
)

// ReviewMatch settles a near miss. Confirming links the report or item to
// the rumor as if it had matched above the threshold: it counts on the
// rumor's seen dates and match count, and a reporter then sees the
// debunk on the tracking page. Dismissing keeps the row, so the same
// text is not put to an editor again and the evaluation can learn from
// it.
func ReviewMatch(ctx context.Context, db *store.DB, p *auth.Principal, matchID int64, confirm bool, now time.Time) error {
	if err := p.Require(auth.RumorEdit); err != nil {
		return err
	}
	to := MatchDismissed
	if confirm {
		to = MatchConfirmed
	}
	now = now.UTC()
	return db.Write(ctx, func(tx *sql.Tx) error {
		var kind, status string
		var subject, rumorID int64
		var score float64
		var seen time.Time
		err := tx.QueryRowContext(ctx, `SELECT kind, subject_id, rumor_id, score, status, created_at FROM rumor_matches WHERE id = $1`, matchID).
			Scan(&kind, &subject, &rumorID, &score, &status, &seen)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return apperr.New(apperr.NotFound, "比对记录不存在", "No such match")
		case err != nil:
			return fmt.Errorf("rumor: review: %w", err)
		case status != MatchNearMiss:
			return apperr.New(apperr.Conflict, "该比对已审核或已自动关联", "This match was reviewed already or linked automatically")
		}
		// The status in the WHERE clause makes a second editor's
		// simultaneous review a conflict rather than a double count.
		res, err := tx.ExecContext(ctx, `UPDATE rumor_matches SET status = $1, reviewed_by = $2, reviewed_at = $3 WHERE id = $4 AND status = $5`,
			to, p.UserID, now, matchID, MatchNearMiss)
		if err != nil {
			return fmt.Errorf("rumor: review: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "该比对已被他人审核", "Someone else reviewed this match")
		}
		if confirm {
			// Seen dates are when the text arrived, not when it was reviewed.
			if _, err := tx.ExecContext(ctx, `UPDATE rumors SET match_count = match_count + 1,
				last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < $1 THEN $1 ELSE last_seen_at END,
				first_seen_at = CASE WHEN first_seen_at IS NULL OR first_seen_at > $1 THEN $1 ELSE first_seen_at END WHERE id = $2`, seen, rumorID); err != nil {
				return fmt.Errorf("rumor: review count: %w", err)
			}
		}
		return audit.Append(ctx, tx, db.Dialect, audit.Entry{At: now, ActorID: &p.UserID, Actor: p.Username, Action: "rumor_match." + to,
			Target: "rumor_match:" + strconv.FormatInt(matchID, 10),
			Detail: fmt.Sprintf("%s:%d rumor:%d score %.2f", kind, subject, rumorID, score)})
	})
}
