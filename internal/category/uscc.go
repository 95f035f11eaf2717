package category

import "strings"

// usccAlphabet is the GB 32100-2015 code alphabet: digits and capital
// letters without I, O, Z, S, V (too easily confused with 1, 0, 2, 5, U).
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// usccKinds maps the registration authority code (登记管理部门代码, 1st
// character) to its organization kind codes (机构类别代码, 2nd character).
//
// GB 32100-2015 table 1 lists 1 机构编制, 5 民政, 9 工商 and Y 其他; their
// kinds are checked against the published table. The national standards
// body has since assigned further authorities whose codes are in real use
// (3 司法行政 for law firms and notaries, 8 工会, A 军队, N 农业农村 for rural
// collective economic organizations, and others). Refusing those would
// refuse genuine licenses, so for them only the first character is checked
// and the second is left at alphabet validity.
var usccKinds = map[byte]string{
	'1': "1239", // 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
	'5': "1239", // 社会团体, 民办非企业单位, 基金会, 其他
	'9': "123",  // 企业, 个体工商户, 农民专业合作社
	'Y': "1",    // 其他
}

// usccLaterAuthorities are authority codes assigned after the 2015 table.
const usccLaterAuthorities = "2345678AN"

// normalizeUSCC folds what people type (full-width characters from a
// Chinese IME, lower case, spaces from copying a printed license) into the
// canonical 18-character form. Width folding is expected to have been done
// already (NFKC in the caller).
func normalizeUSCC(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// checkUSCC reports whether the canonical code s is well-formed and, if so,
// whether its check character is right. It returns "" when the code is
// valid, otherwise the FieldError reason.
func checkUSCC(s string) string {
	if len(s) != 18 {
		return ReasonBadFormat
	}
	for i := 0; i < 18; i++ {
		if strings.IndexByte(usccAlphabet, s[i]) < 0 {
			return ReasonBadFormat
		}
	}
	if kinds, ok := usccKinds[s[0]]; ok {
		if strings.IndexByte(kinds, s[1]) < 0 {
			return ReasonBadFormat
		}
	} else if strings.IndexByte(usccLaterAuthorities, s[0]) < 0 {
		return ReasonBadFormat
	}
	// Characters 3-8 are the registering authority's administrative
	// division code (GB/T 2260), always digits.
	for i := 2; i < 8; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ReasonBadFormat
		}
	}
	if USCCCheckChar(s[:17]) != s[17] {
		return ReasonBadChecksum
	}
	return ""
}

// USCCCheckChar computes the 18th character of a unified social credit
// code from its first 17 (which must be in the code alphabet). It is
// exported for tools that make valid codes, such as the demo data.
func USCCCheckChar(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(usccAlphabet, body[i]) * usccWeights[i]
	}
	c := 31 - sum%31
	if c == 31 {
		c = 0
	}
	return usccAlphabet[c]
}
