package report

import (
	"context"
	"database/sql"
	"fmt"

	"qinglang/internal/search"
)

// postgresText matches reports.search, a tsvector of the same bigrams as
// SQLite's index, through its GIN index. The query goes in as one bound
// text for to_tsquery; search.TSQuery quotes every lexeme.
func postgresText(w *where, text string) {
	if tsq, ok := search.TSQuery(text); ok {
		w.add("r.search @@ to_tsquery('simple', %s)", tsq)
		return
	}
	likeText(w, text)
}

// indexPostgres sets a new report's search vector. It is a second
// statement in the report's transaction rather than a column of the
// INSERT, so both databases share one INSERT text.
func indexPostgres(ctx context.Context, tx *sql.Tx, id int64, text string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE reports SET search = to_tsvector('simple', $1) WHERE id = $2`, search.Bigrams(text), id); err != nil {
		return fmt.Errorf("report: index text: %w", err)
	}
	return nil
}
