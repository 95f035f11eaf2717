package evidence

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// mp4Brands are the ftyp brands of MP4 video that browsers play. 3GP is left
// out on purpose: it is accepted only when it also declares one of these.
var mp4Brands = map[string]bool{
	"isom": true, "iso2": true, "iso3": true, "iso4": true, "iso5": true, "iso6": true,
	"mp41": true, "mp42": true, "avc1": true, "dash": true, "M4V ": true, "mmp4": true,
}

// refusedBrands are ISO media files that are not MP4 video. They are judged
// by the major brand first because M4A audio lists isom/mp42 as compatible.
var refusedBrands = map[string]string{
	"qt  ": "QuickTime movie (.mov); please export as MP4",
	"heic": "HEIF image; please export as JPEG", "heix": "HEIF image; please export as JPEG",
	"mif1": "HEIF image; please export as JPEG", "msf1": "HEIF image sequence",
	"avif": "AVIF image; please export as JPEG or PNG",
	"M4A ": "audio file (M4A)", "M4B ": "audio book (M4B)", "M4P ": "protected audio (M4P)",
}

// sniffFtyp classifies an ISO base media file by the ftyp box at offset 0.
func sniffFtyp(head []byte) (string, error) {
	size := int(binary.BigEndian.Uint32(head))
	if size < 16 || (size-16)%4 != 0 || len(head) < 16 {
		return "", unsupported("ISO media file with a corrupt ftyp box")
	}
	major := string(head[8:12])
	if why, ok := refusedBrands[major]; ok {
		return "", unsupported("%s", why)
	}
	if mp4Brands[major] {
		return MP4, nil
	}
	compat := head[16:min(size, len(head))]
	for i := 0; i+4 <= len(compat); i += 4 {
		if mp4Brands[string(compat[i:i+4])] {
			return MP4, nil
		}
	}
	for i := 0; i+4 <= len(compat); i += 4 {
		if why, ok := refusedBrands[string(compat[i:i+4])]; ok {
			return "", unsupported("%s", why)
		}
	}
	return "", unsupported("ISO media file with brand %q", major)
}

// maxBoxes bounds the walk: a fragmented MP4 has two boxes per fragment, so
// this allows hours of video while keeping a hostile file from costing
// millions of reads.
const maxBoxes = 100000

// checkBoxes walks the top-level boxes. Every size must land inside the file
// (a truncated upload fails here), and there must be a movie header: without
// moov or moof no player can play the file.
func checkBoxes(r io.ReaderAt, size int64) error {
	var hdr [16]byte
	playable := false
	for off, n := int64(0), 0; off < size; n++ {
		if n == maxBoxes {
			return unsupported("MP4 with too many top-level boxes")
		}
		if size-off < 8 {
			return unsupported("truncated MP4 (partial box header)")
		}
		if _, err := r.ReadAt(hdr[:8], off); err != nil {
			return fmt.Errorf("evidence: read MP4: %w", err)
		}
		boxSize, hlen := int64(binary.BigEndian.Uint32(hdr[:4])), int64(8)
		typ := string(hdr[4:8])
		switch boxSize {
		case 0: // the box runs to the end of the file
			boxSize = size - off
		case 1: // a 64-bit size follows the type
			if size-off < 16 {
				return unsupported("truncated MP4 (partial box header)")
			}
			if _, err := r.ReadAt(hdr[8:16], off+8); err != nil {
				return fmt.Errorf("evidence: read MP4: %w", err)
			}
			large := binary.BigEndian.Uint64(hdr[8:16])
			if large > math.MaxInt64 {
				return unsupported("corrupt MP4 (box %q too large)", typ)
			}
			boxSize, hlen = int64(large), 16
		}
		if !printable(typ) {
			return unsupported("corrupt MP4 (unreadable box type)")
		}
		if boxSize < hlen || boxSize > size-off {
			return unsupported("truncated or corrupt MP4 (box %q does not fit the file)", typ)
		}
		if typ == "moov" || typ == "moof" {
			playable = true
		}
		off += boxSize
	}
	if !playable {
		return unsupported("MP4 without a movie header (moov)")
	}
	return nil
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
