package category

import (
	"strings"
	"time"
)

// idProvinces are the first two digits of GB/T 2260 province-level codes,
// plus 81/82/83 used by residence permits for Hong Kong, Macao and Taiwan
// residents, which share the 18-digit format.
var idProvinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars is indexed by the weighted sum mod 11 (ISO 7064 MOD 11-2).
const idCheckChars = "10X98765432"

// normalizeIDCard mirrors normalizeUSCC: the check character "x" is often
// typed in lower case.
func normalizeIDCard(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// checkIDCard validates an 18-character resident identity number
// (GB 11643-1999) and returns "" or the FieldError reason. The old
// 15-digit numbers are refused: they were withdrawn in 2013 and carry no
// check digit. now bounds the birth date.
func checkIDCard(s string, now time.Time) string {
	if len(s) != 18 {
		return ReasonBadFormat
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ReasonBadFormat
		}
	}
	if c := s[17]; (c < '0' || c > '9') && c != 'X' {
		return ReasonBadFormat
	}
	if !idProvinces[s[:2]] {
		return ReasonBadFormat
	}
	birth, err := time.Parse("20060102", s[6:14])
	if err != nil || birth.Year() < 1900 || birth.After(now) {
		return ReasonBadFormat
	}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * idWeights[i]
	}
	if idCheckChars[sum%11] != s[17] {
		return ReasonBadChecksum
	}
	return ""
}
