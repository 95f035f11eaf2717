package evidence

import (
	"encoding/binary"
)

// checkWebP reads the canvas size from the first image chunk by hand, since
// the standard library has no WebP decoder, and checks the RIFF length
// against the file so a truncated upload is refused.
func checkWebP(head []byte, size int64) error {
	if len(head) < 30 {
		return unsupported("truncated WebP")
	}
	if int64(binary.LittleEndian.Uint32(head[4:8]))+8 > size {
		return unsupported("truncated WebP")
	}
	var w, h int
	data := head[20:]
	switch string(head[12:16]) {
	case "VP8X": // flags(1) reserved(3) width-1(3) height-1(3), little endian
		w = 1 + int(uint24(data[4:7]))
		h = 1 + int(uint24(data[7:10]))
	case "VP8L": // signature 0x2f, then 14-bit width-1 and height-1
		if data[0] != 0x2f {
			return unsupported("damaged WebP image")
		}
		bits := binary.LittleEndian.Uint32(data[1:5])
		w = 1 + int(bits&0x3fff)
		h = 1 + int(bits>>14&0x3fff)
	case "VP8 ": // frame tag(3), start code 9d 01 2a, 14-bit width and height
		if data[3] != 0x9d || data[4] != 0x01 || data[5] != 0x2a {
			return unsupported("damaged WebP image")
		}
		w = int(binary.LittleEndian.Uint16(data[6:8]) & 0x3fff)
		h = int(binary.LittleEndian.Uint16(data[8:10]) & 0x3fff)
	}
	return checkDims("WebP", w, h)
}

func uint24(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16
}
