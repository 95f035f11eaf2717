package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"qinglang/internal/blob"
)

// Ingester turns an upload into a stored evidence file. It is a struct
// rather than a function with options because the web layer builds one at
// start-up from configuration and every upload uses the same settings.
type Ingester struct {
	Store blob.Store
	// TempDir holds uploads while they are checked; "" means os.TempDir().
	// It should be on the same disk as a local blob store and not a tmpfs
	// when MaxBytes is large, since a whole upload is spooled there.
	TempDir string
	// MaxBytes is the largest file accepted; it must be positive.
	MaxBytes int64
}

// Ingest reads r to the end (at most MaxBytes+1 bytes), checks what it is,
// and stores it under its SHA-256. The file is spooled to disk first because
// the checks need its end (PDF trailer, MP4 boxes) and the blob key is only
// known after the last byte. The spool file is removed in every case.
func (in *Ingester) Ingest(ctx context.Context, r io.Reader) (Meta, error) {
	if in.Store == nil || in.MaxBytes <= 0 {
		return Meta{}, errors.New("evidence: Ingester needs a Store and a positive MaxBytes")
	}
	f, err := os.CreateTemp(in.TempDir, "evidence-*")
	if err != nil {
		return Meta{}, fmt.Errorf("evidence: spool: %w", err)
	}
	defer func() {
		f.Close()
		os.Remove(f.Name())
	}()

	sum := sha256.New()
	limited := io.LimitReader(ctxReader{ctx, r}, in.MaxBytes+1)
	size, err := io.Copy(io.MultiWriter(f, sum), limited)
	if err != nil {
		return Meta{}, fmt.Errorf("evidence: receive: %w", err)
	}
	if size > in.MaxBytes {
		return Meta{}, fmt.Errorf("%w (limit %d bytes)", ErrTooLarge, in.MaxBytes)
	}
	if size == 0 {
		return Meta{}, ErrEmpty
	}

	head := make([]byte, min(size, sniffLen))
	if _, err := f.ReadAt(head, 0); err != nil {
		return Meta{}, fmt.Errorf("evidence: spool: %w", err)
	}
	mime, err := Sniff(head)
	if err != nil {
		return Meta{}, err
	}
	if err := validate(f, size, mime, head); err != nil {
		return Meta{}, err
	}

	meta := Meta{SHA256: hex.EncodeToString(sum.Sum(nil)), Size: size, MIME: mime, DHash: imageHash(f, size, mime)}
	if err := in.Store.Put(ctx, meta.SHA256, io.NewSectionReader(f, 0, size)); err != nil {
		return Meta{}, fmt.Errorf("evidence: store: %w", err)
	}
	return meta, nil
}

// ctxReader stops spooling once the request is gone, so an abandoned upload
// does not keep filling the disk.
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
