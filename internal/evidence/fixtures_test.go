package evidence

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

// Real tiny files, built in code so the tests show exactly which bytes are
// accepted and which are refused.

func testImage(w, h int) *image.Paletted {
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	img.SetColorIndex(0, 0, 1)
	return img
}

func pngFile(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(8, 8), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifFile(t testing.TB) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(8, 8), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// riff wraps one WebP image chunk in its RIFF container.
func riff(fourcc string, data []byte) []byte {
	chunk := binary.LittleEndian.AppendUint32([]byte(fourcc), uint32(len(data)))
	chunk = append(chunk, data...)
	if len(data)%2 == 1 {
		chunk = append(chunk, 0)
	}
	out := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(chunk)))
	return append(append(out, "WEBP"...), chunk...)
}

// webpLossless is a VP8L header for a w×h image; the pixel stream is not
// valid, but only the header is read.
func webpLossless(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14
	data := binary.LittleEndian.AppendUint32([]byte{0x2f}, bits)
	return riff("VP8L", append(data, make([]byte, 8)...))
}

func webpLossy(w, h int) []byte {
	data := []byte{0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a}
	data = binary.LittleEndian.AppendUint16(data, uint16(w))
	data = binary.LittleEndian.AppendUint16(data, uint16(h))
	return riff("VP8 ", append(data, make([]byte, 10)...))
}

func webpExtended(w, h int) []byte {
	data := []byte{0, 0, 0, 0}
	data = append(data, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	data = append(data, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	return riff("VP8X", data)
}

const pdfFile = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

func box(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

func ftyp(major string, compat ...string) []byte {
	p := append([]byte(major), 0, 0, 2, 0)
	for _, c := range compat {
		p = append(p, c...)
	}
	return box("ftyp", p)
}

// mp4File is an ftyp, an (empty) movie header and some media data.
func mp4File(major string, compat ...string) []byte {
	out := ftyp(major, compat...)
	out = append(out, box("moov", box("mvhd", make([]byte, 100)))...)
	return append(out, box("mdat", bytes.Repeat([]byte{0xAB}, 64))...)
}

func zipFile(t *testing.T) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("payload.exe")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("MZ"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func exeFile() []byte {
	b := make([]byte, 256)
	copy(b, "MZ\x90\x00\x03\x00\x00\x00\x04\x00")
	copy(b[78:], "This program cannot be run in DOS mode.")
	return b
}
