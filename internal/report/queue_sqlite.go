package report

import (
	"context"
	"database/sql"
	"fmt"
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
