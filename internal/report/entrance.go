package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// EntrancePlatform is the partner platform behind a report entrance
// (/p/{code}): who a report filed there is credited to, and which sites
// may frame the entrance's form.
type EntrancePlatform struct {
	ID       int64
	Code     string   // the platform's code, which reports record
	Entrance string   // the short code of the entrance link
	Name     string   // the platform's name, shown on the form and poster
	Domains  []string // the platform's registered sites, as entered
}

// PlatformByEntrance finds the enabled platform whose report entrance is
// code. A platform registered before entrances existed has no entrance
// code (NULL); its platform code serves as one, so every platform has a
// working link from the start and an admin may still give it a shorter
// code later. An explicit entrance code wins over another platform's
// platform code, so setting one never makes a link point elsewhere.
//
// This is a stop-gap lookup for the portal until the platform registry
// (internal/platform) offers one.
func (s *Service) PlatformByEntrance(ctx context.Context, code string) (EntrancePlatform, bool, error) {
	var p EntrancePlatform
	if code == "" || len(code) > 64 {
		return p, false, nil
	}
	var entrance sql.NullString
	var domains string
	err := s.db.Read().QueryRowContext(ctx, `SELECT id, code, entrance, name, domains FROM platforms
		WHERE (entrance = $1 OR (entrance IS NULL AND code = $1)) AND NOT disabled
		ORDER BY CASE WHEN entrance IS NULL THEN 1 ELSE 0 END LIMIT 1`, code).
		Scan(&p.ID, &p.Code, &entrance, &p.Name, &domains)
	if errors.Is(err, sql.ErrNoRows) {
		return p, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("report: entrance %q: %w", code, err)
	}
	p.Entrance = p.Code
	if entrance.Valid {
		p.Entrance = entrance.String
	}
	p.Domains = splitDomains(domains)
	return p, true, nil
}

// splitDomains reads the registry's list of sites: one text, entries
// separated by commas, semicolons or white space (admins paste both).
func splitDomains(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == '，' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
}
