package evidence

import (
	"bytes"
	"fmt"
	"image"
	"io"

	// Registered for image.DecodeConfig; only headers are read, never pixels.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
)

// validate looks past the magic bytes where that is cheap, to refuse files
// that carry a valid signature but are truncated, damaged, or hostile.
func validate(r io.ReaderAt, size int64, mime string, head []byte) error {
	switch mime {
	case JPEG, PNG, GIF:
		if err := checkImage(r, size, mime); err != nil {
			return err
		}
		if mime == PNG {
			// Writers put nothing after IEND; missing it means the upload
			// was cut short even though the header decodes.
			return checkTail(r, size, 1024, "IEND", "truncated PNG (no IEND chunk)")
		}
		return nil
	case WebP:
		return checkWebP(head, size)
	case PDF:
		return checkTail(r, size, 2048, "%%EOF", "truncated PDF (no %%EOF marker)")
	case MP4:
		return checkBoxes(r, size)
	}
	return unsupported("unknown")
}

var decoderFormat = map[string]string{JPEG: "jpeg", PNG: "png", GIF: "gif"}

func checkImage(r io.ReaderAt, size int64, mime string) error {
	cfg, format, err := image.DecodeConfig(io.NewSectionReader(r, 0, size))
	if err != nil || format != decoderFormat[mime] {
		return unsupported("damaged %s image", decoderFormat[mime])
	}
	return checkDims(decoderFormat[mime], cfg.Width, cfg.Height)
}

func checkDims(kind string, w, h int) error {
	if w <= 0 || h <= 0 || w > maxSide || h > maxSide {
		return unsupported("%s image of %d×%d pixels (at most %d a side)", kind, w, h, maxSide)
	}
	return nil
}

// checkTail requires marker within the last n bytes of the file.
func checkTail(r io.ReaderAt, size, n int64, marker, why string) error {
	n = min(n, size)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil {
		return fmt.Errorf("evidence: read tail: %w", err)
	}
	if !bytes.Contains(tail, []byte(marker)) {
		return unsupported("%s", why)
	}
	return nil
}
