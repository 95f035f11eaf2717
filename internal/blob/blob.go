// Package blob keeps evidence files (screenshots, PDFs, videos) outside the
// database. Keys are chosen by the caller; evidence uses the SHA-256 of the
// content, so a key names one immutable byte sequence and writing it twice is
// harmless.
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// ErrNotFound is returned by Open for a key that was never stored or has
// been deleted.
var ErrNotFound = errors.New("blob: not found")

// ErrBadKey is returned for a key outside the portable alphabet. The same
// rule holds for every implementation so a key accepted by the local folder
// is also a valid S3 object name and never a path.
var ErrBadKey = errors.New("blob: invalid key")

// Store is kept to the four operations an S3-compatible bucket offers
// directly, so a second implementation needs no emulation layer.
type Store interface {
	// Put stores r under key durably: when it returns nil the bytes are on
	// stable storage. Putting an existing key is a no-op success and does not
	// read r, because keys are content addresses.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the stored bytes, or an error wrapping ErrNotFound.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Exists(ctx context.Context, key string) (bool, error)
	// Delete removes key. Deleting a missing key succeeds, as it does on S3,
	// so a retried clean-up job does not fail halfway.
	Delete(ctx context.Context, key string) error
}

const maxKeyLen = 128

// CheckKey reports whether key matches [a-z0-9._-]{1,128} and does not start
// with a dot. The leading-dot rule keeps "." and ".." out and leaves dot
// names free for the local store's temporary files.
func CheckKey(key string) error {
	if len(key) == 0 || len(key) > maxKeyLen || key[0] == '.' {
		return fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return fmt.Errorf("%w: %q", ErrBadKey, key)
		}
	}
	return nil
}

// ctxReader stops a long copy once the request that started it is gone, so
// an abandoned upload does not keep writing to disk.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
