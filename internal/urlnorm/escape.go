package urlnorm

import "strings"

// escape percent-encodes every byte of s that keep rejects, upper-cases
// existing escapes and decodes escaped unreserved characters (RFC 3986
// 6.2.2), so "%7e", "%7E" and "~" compare equal. A "%" that does not start
// an escape is encoded itself, which is what a server would decode anyway.
func escape(s string, keep func(byte) bool) string {
	const hexdig = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			d := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved(d) {
				b.WriteByte(d)
			} else {
				b.WriteByte('%')
				b.WriteByte(hexdig[d>>4])
				b.WriteByte(hexdig[d&15])
			}
			i += 2
			continue
		}
		if c != '%' && keep(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexdig[c>>4])
		b.WriteByte(hexdig[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func subDelim(c byte) bool { return strings.IndexByte("!$&'()*+,;=", c) >= 0 }

func userinfoKeep(c byte) bool { return unreserved(c) || subDelim(c) || c == ':' }

func pathKeep(c byte) bool { return userinfoKeep(c) || c == '@' || c == '/' }

func queryKeep(c byte) bool { return pathKeep(c) || c == '?' }

// removeDotSegments resolves "." and ".." (RFC 3986 5.2.4) in a path that
// is empty or starts with "/". Empty segments ("a//b") are kept: servers
// may route them differently.
func removeDotSegments(p string) string {
	if p == "" {
		return ""
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
			continue
		}
		// "/a/b/.." names the directory "/a/", not the file "/a".
		if last {
			out = append(out, "")
		}
	}
	return "/" + strings.Join(out, "/")
}
