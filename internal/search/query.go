package search

import "strings"

// terms splits a user query into the token lists of its terms (split on
// white space, full-width space included). ok is false when a term holds a
// lone CJK character, or when no term has any token: the bigram index
// cannot answer those, and the caller searches the text itself instead.
func terms(q string) (ts [][]string, ok bool) {
	for _, f := range strings.Fields(q) {
		toks, single := tokens(f)
		if single {
			return nil, false
		}
		if len(toks) > 0 {
			ts = append(ts, toks)
		}
	}
	return ts, len(ts) > 0
}

// Query turns a user query into an SQLite FTS5 MATCH expression: each term
// is a phrase of its bigrams, terms are ANDed. Every token is double-quoted,
// so nothing a user types (quotes, NEAR, *, ^, column:) reaches FTS5 as
// syntax; tokens hold only letters and digits anyway.
func Query(q string) (fts string, ok bool) {
	ts, ok := terms(q)
	if !ok {
		return "", false
	}
	parts := make([]string, len(ts))
	for i, toks := range ts {
		parts[i] = `"` + strings.ReplaceAll(strings.Join(toks, " "), `"`, `""`) + `"`
	}
	return strings.Join(parts, " AND "), true
}

// TSQuery is Query for PostgreSQL: a text for to_tsquery('simple', $n),
// bigrams of a term joined by <-> (followed by), terms by &. Each lexeme is
// single-quoted so operators typed by the user stay plain text.
func TSQuery(q string) (tsq string, ok bool) {
	ts, ok := terms(q)
	if !ok {
		return "", false
	}
	parts := make([]string, len(ts))
	for i, toks := range ts {
		lex := make([]string, len(toks))
		for j, t := range toks {
			t = strings.ReplaceAll(strings.ReplaceAll(t, `\`, `\\`), `'`, `''`)
			lex[j] = "'" + t + "'"
		}
		parts[i] = strings.Join(lex, " <-> ")
		if len(lex) > 1 {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " & "), true
}

// LikeTerms returns the query's terms as LIKE patterns (%term%, with % and
// _ escaped by \), for the fallback when the index cannot answer. Terms
// are kept as typed: the stored content is not folded either.
func LikeTerms(q string) []string {
	var out []string
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	for _, f := range strings.Fields(q) {
		out = append(out, "%"+r.Replace(f)+"%")
	}
	return out
}
