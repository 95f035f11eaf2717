package evidence

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// sniffLen is how much of the file Sniff looks at; every signature we check
// sits well inside it, and an ftyp box with dozens of brands still fits.
const sniffLen = 512

var pngSig = []byte("\x89PNG\r\n\x1a\n")

// Sniff decides the MIME type from the first bytes of a file. Every
// signature must start at offset 0: formats that tolerate leading junk (PDF
// readers do) are how polyglot files slip past filters.
func Sniff(head []byte) (string, error) {
	if len(head) == 0 {
		return "", ErrEmpty
	}
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(head, pngSig):
		// The IHDR chunk must come first; a bare signature followed by
		// anything else is not an image a decoder will accept.
		if len(head) >= 16 && binary.BigEndian.Uint32(head[8:]) == 13 && string(head[12:16]) == "IHDR" {
			return PNG, nil
		}
		return "", unsupported("PNG signature without an image header")
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return GIF, nil
	case bytes.HasPrefix(head, []byte("RIFF")) && len(head) >= 12 && string(head[8:12]) == "WEBP":
		if len(head) >= 16 {
			switch string(head[12:16]) {
			case "VP8 ", "VP8L", "VP8X":
				return WebP, nil
			}
		}
		return "", unsupported("WebP container without an image chunk")
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case len(head) >= 8 && string(head[4:8]) == "ftyp":
		return sniffFtyp(head)
	}
	return "", unsupported("%s", describe(head))
}

// describe names common refused content cheaply, so the refusal tells the
// reporter (and the log) what was actually uploaded.
func describe(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("MZ")):
		return "Windows executable"
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return "ELF executable"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		// Word, Excel and APK files are ZIP archives too; all are refused.
		return "ZIP archive"
	case bytes.HasPrefix(head, []byte("Rar!\x1a\x07")):
		return "RAR archive"
	case bytes.HasPrefix(head, []byte("7z\xbc\xaf\x27\x1c")):
		return "7-Zip archive"
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return "gzip archive"
	case bytes.HasPrefix(head, []byte("BM")):
		return "BMP image (convert to PNG or JPEG)"
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return "TIFF image (convert to PNG or JPEG)"
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(text[:min(len(text), 64)])
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<!--"} {
		if bytes.HasPrefix(lower, []byte(tag)) {
			return "looks like HTML"
		}
	}
	if bytes.HasPrefix(lower, []byte("<?xml")) || bytes.HasPrefix(lower, []byte("<svg")) {
		// SVG can carry script, so it is refused like HTML.
		return "looks like XML or SVG"
	}
	if isText(head) {
		return "looks like plain text"
	}
	return "unknown"
}

// isText reports whether head is UTF-8 without control characters other
// than whitespace. A multi-byte character cut at the end of head is allowed.
func isText(head []byte) bool {
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size <= 1 {
			return len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' {
			return false
		}
		i += size
	}
	return true
}
