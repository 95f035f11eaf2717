package urlnorm

import "strings"

// NormalizeList normalizes each URL of a report, skipping blank lines (a
// textarea with one URL per line usually has some) and dropping duplicates
// after normalization while keeping the order given. Inputs that fail are
// left out of the result and reported as *Error values in input order.
// When max > 0 and more than max distinct URLs remain, the list is cut to
// max and an *Error with ReasonTooMany is appended.
func NormalizeList(raw []string, max int) ([]string, []error) {
	var (
		out  []string
		errs []error
		seen = make(map[string]bool, len(raw))
	)
	for _, r := range raw {
		if strings.TrimSpace(r) == "" {
			continue
		}
		u, err := Normalize(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	if max > 0 && len(out) > max {
		out = out[:max]
		errs = append(errs, &Error{Reason: ReasonTooMany})
	}
	return out, errs
}
