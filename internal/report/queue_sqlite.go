package report

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"qinglang/internal/search"
)

// sqliteText matches the bigram index reports_fts, whose rowid is the
// report's id. The index is joined as the driving table rather than used
// in "id IN (SELECT rowid …)": that form collects every match before the
// first row comes out (55 ms for 诈骗 in a million reports), while the
// join reads matches newest first and stops at the page (10 ms).
// A query the index cannot answer (a lone character such as 骗) falls back
// to LIKE over the content: a full scan, slow on a large database.
func sqliteText(w *where, text string) {
	fts, ok := search.Query(text)
	if !ok {
		likeText(w, text)
		return
	}
	w.args = append(w.args, fts)
	w.fts = fmt.Sprintf("$%d", len(w.args))
	w.from = "reports_fts JOIN reports r ON r.id = reports_fts.rowid"
	w.conds = append(w.conds, "reports_fts MATCH "+w.fts)
}

// ftsOrder sorts by the index's rowid where that is the report id, so
// FTS5 delivers the order itself and no sort of all matches is needed.
func ftsOrder(order string) string {
	return strings.NewReplacer("r.id DESC", "reports_fts.rowid DESC", "r.id ASC", "reports_fts.rowid ASC").Replace(order)
}

// ftsWindow bounds how many text matches a filtered count looks at. Each
// costs a lookup of the report; a common word has a hundred thousand
// matches in a million reports, which would take longer than the page.
const ftsWindow = 10000

// ftsCount counts a text search. Without other conditions it counts the
// index alone. With them it checks the newest ftsWindow matches; when the
// text has more, the total is a lower bound and capped is set ("N+").
func (s *Service) ftsCount(ctx context.Context, w *where) (total int, capped bool, err error) {
	match := "SELECT rowid FROM reports_fts WHERE reports_fts MATCH " + w.fts
	if len(w.conds) == 1 {
		err = s.db.Read().QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM (%s LIMIT %d)`, match, MaxQueueCount+1), w.args...).Scan(&total)
		return total, false, err
	}
	rest := slices.DeleteFunc(slices.Clone(w.conds), func(c string) bool { return strings.HasPrefix(c, "reports_fts MATCH") })
	var matches int
	q := fmt.Sprintf(`SELECT (SELECT count(*) FROM (%[1]s ORDER BY rowid DESC LIMIT %[2]d)),
		(SELECT count(*) FROM (SELECT 1 FROM (%[1]s ORDER BY rowid DESC LIMIT %[3]d) m JOIN reports r ON r.id = m.rowid WHERE %[4]s))`,
		match, ftsWindow+1, ftsWindow, strings.Join(rest, " AND "))
	if err := s.db.Read().QueryRowContext(ctx, q, w.args...).Scan(&matches, &total); err != nil {
		return 0, false, err
	}
	return total, matches > ftsWindow, nil
}

// likeText requires every term of text in the content.
func likeText(w *where, text string) {
	for _, pat := range search.LikeTerms(text) {
		w.add(`r.content LIKE %s ESCAPE '\'`, pat)
	}
}

// indexSQLite stores the bigrams of a new report's text in reports_fts.
// The table is contentless, so it keeps no copy of the text: a report's
// row there is written once, with the report, and never updated.
func indexSQLite(ctx context.Context, tx *sql.Tx, id int64, text string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO reports_fts (rowid, bigrams) VALUES ($1, $2)`, id, search.Bigrams(text)); err != nil {
		return fmt.Errorf("report: index text: %w", err)
	}
	return nil
}
