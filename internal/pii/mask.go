package pii

import "strings"

// MaskPhone shows the first three and last four digits: 138****5678.
func MaskPhone(p string) string {
	r := []rune(p)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// MaskEmail keeps the first character of the local part and the domain.
func MaskEmail(e string) string {
	local, domain, ok := strings.Cut(e, "@")
	if !ok || local == "" {
		return "***"
	}
	r := []rune(local)
	return string(r[:1]) + "***@" + domain
}

// MaskName keeps the family name (the first character): 张**.
func MaskName(n string) string {
	r := []rune(n)
	if len(r) == 0 {
		return ""
	}
	return string(r[:1]) + strings.Repeat("*", max(len(r)-1, 1))
}
