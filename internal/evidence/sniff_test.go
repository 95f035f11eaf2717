package evidence

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head []byte
		mime string // "" means refused
		why  string // substring of the refusal
	}{
		{"jpeg", jpegFile(t), JPEG, ""},
		{"png", pngFile(t, 3, 2), PNG, ""},
		{"gif", gifFile(t), GIF, ""},
		{"webp lossless", webpLossless(4, 4), WebP, ""},
		{"webp lossy", webpLossy(4, 4), WebP, ""},
		{"webp extended", webpExtended(4, 4), WebP, ""},
		{"pdf", []byte(pdfFile), PDF, ""},
		{"mp4 isom", mp4File("isom", "isom", "iso2", "avc1", "mp41"), MP4, ""},
		{"mp4 by compatible brand", mp4File("XAVC", "mp42"), MP4, ""},
		{"3gp claiming isom", mp4File("3gp4", "isom"), MP4, ""},
		{"pdf after junk", []byte("\x00\x01%PDF-1.4"), "", "unknown"},
		{"exe", exeFile(), "", "Windows executable"},
		{"html", []byte("\ufeff  <!DOCTYPE html><html><body>hi</body></html>"), "", "looks like HTML"},
		{"script", []byte("<script>alert(1)</script>"), "", "looks like HTML"},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), "", "SVG"},
		{"zip", zipFile(t), "", "ZIP archive"},
		{"text", []byte("举报：某公众号发布谣言\nhttps://example.com\n"), "", "plain text"},
		{"binary", []byte{0x00, 0x01, 0x02, 0xfe}, "", "unknown"},
		{"png signature then garbage", append([]byte("\x89PNG\r\n\x1a\n"), "garbage garbage"...), "", "PNG"},
		{"riff wav", append([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), make([]byte, 20)...), "", "unknown"},
		{"quicktime", mp4File("qt  ", "qt  "), "", "QuickTime"},
		{"heic", mp4File("heic", "mif1", "heic"), "", "HEIF"},
		{"m4a lists mp4 brands", mp4File("M4A ", "M4A ", "mp42", "isom"), "", "audio"},
		{"unknown iso brand", mp4File("crx ", "crx "), "", "brand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mime, err := Sniff(tt.head)
			if tt.mime != "" {
				if err != nil || mime != tt.mime {
					t.Fatalf("Sniff = %q, %v; want %q", mime, err, tt.mime)
				}
				return
			}
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), tt.why) {
				t.Fatalf("Sniff = %q, %v; want ErrUnsupported mentioning %q", mime, err, tt.why)
			}
		})
	}
	if _, err := Sniff(nil); !errors.Is(err, ErrEmpty) {
		t.Fatalf("Sniff(nil) = %v, want ErrEmpty", err)
	}
}

func TestIsTextAllowsCutRune(t *testing.T) {
	s := []byte("谣言")
	if !isText(s[:len(s)-1]) {
		t.Fatal("a character cut by the 512-byte head made text look binary")
	}
	if isText([]byte("ab\xffcd")) {
		t.Fatal("invalid UTF-8 in the middle counted as text")
	}
}

// FuzzCheck feeds hostile bytes to every parser: none may panic, and
// anything accepted must have one of the allowed types.
func FuzzCheck(f *testing.F) {
	f.Add(pngFile(f, 2, 2))
	f.Add(webpLossy(4, 4))
	f.Add(webpExtended(4, 4))
	f.Add(mp4File("isom", "isom"))
	f.Add([]byte(pdfFile))
	f.Fuzz(func(t *testing.T, data []byte) {
		mime, err := Sniff(data)
		if err != nil {
			return
		}
		head := data[:min(len(data), sniffLen)]
		if validate(bytes.NewReader(data), int64(len(data)), mime, head) == nil {
			if _, ok := decoderFormat[mime]; !ok && mime != WebP && mime != PDF && mime != MP4 {
				t.Fatalf("accepted as %q", mime)
			}
		}
	})
}
