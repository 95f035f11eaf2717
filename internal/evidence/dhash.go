package evidence

import (
	"image"
	"io"

	"qinglang/internal/imagehash"
)

// imageHash decodes an accepted image and returns its difference hash.
// The dimensions were checked already, so decoding cannot balloon; a file
// that decodes badly simply gets no hash (it was valid enough to accept).
func imageHash(r io.ReaderAt, size int64, mime string) uint64 {
	if mime != JPEG && mime != PNG && mime != GIF {
		return 0
	}
	img, _, err := image.Decode(io.NewSectionReader(r, 0, size))
	if err != nil {
		return 0
	}
	return uint64(imagehash.DHash(img))
}
