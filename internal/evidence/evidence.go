// Package evidence accepts files attached to reports (screenshots, scanned
// documents, screen recordings) by what their bytes are, never by the name or
// Content-Type the browser sent, and stores each distinct file once.
package evidence

import (
	"errors"
	"fmt"
)

// The MIME types evidence may have. Anything else is refused: the console
// shows evidence inline, and these are the formats browsers render without
// running code in them.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	WebP = "image/webp"
	GIF  = "image/gif"
	PDF  = "application/pdf"
	MP4  = "video/mp4"
)

// Meta describes a stored evidence file. SHA256 is lowercase hex and is also
// the blob key, so two reports attaching the same screenshot share one blob.
type Meta struct {
	SHA256 string
	Size   int64
	MIME   string
	// DHash is the difference hash of a JPEG, PNG or GIF image, so the
	// same screenshot re-encoded or resized is recognized. 0 for other
	// files and for blank images, which must not all look alike.
	DHash uint64
}

var (
	ErrEmpty    = errors.New("evidence: empty file")
	ErrTooLarge = errors.New("evidence: file too large")
	// ErrUnsupported is wrapped with what the content looked like, so the
	// portal can tell a reporter "this is a ZIP archive" instead of a bare
	// refusal.
	ErrUnsupported = errors.New("evidence: unsupported file type")
)

// maxSide bounds image dimensions. Real screenshots and photos stay far
// below it; beyond it a small file can decode into gigabytes (a
// decompression bomb) when the console makes a thumbnail.
const maxSide = 20000

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}
