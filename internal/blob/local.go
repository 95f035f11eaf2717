package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Local stores blobs as files under one folder, fanned out by the first four
// characters of the key (ab/cd/abcdef…) so no folder grows to millions of
// entries as evidence accumulates over the years.
type Local struct {
	dir string
}

var _ Store = (*Local)(nil)

// NewLocal uses dir, creating it readable by the service user only:
// evidence may show reporters' faces, phone numbers and chat logs.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("blob: empty directory")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return &Local{dir: abs}, nil
}

// fanout names the two folder levels for key. Dots become underscores so a
// folder is never "." or ".." (key "ab..cd" would otherwise climb out) and
// short keys are padded so every key sits at the same depth.
func fanout(key string) (string, string) {
	var s [4]byte
	for i := range s {
		s[i] = '_'
		if i < len(key) && key[i] != '.' {
			s[i] = key[i]
		}
	}
	return string(s[:2]), string(s[2:])
}

func (l *Local) path(key string) (top, dir, file string) {
	a, b := fanout(key)
	top = filepath.Join(l.dir, a)
	dir = filepath.Join(top, b)
	return top, dir, filepath.Join(dir, key)
}

func (l *Local) Put(ctx context.Context, key string, r io.Reader) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	top, dir, name := l.path(key)
	if _, err := os.Stat(name); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	tmp, err := writeTemp(ctx, dir, r)
	if err != nil {
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	// A concurrent Put of the same key may rename first; replacing its file
	// with identical bytes is atomic and harmless.
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("blob: put %s: %w", key, err)
	}
	// Sync every folder on the path, not only those this call created: a
	// concurrent Put may have created them and not yet synced them, and an
	// upload is acknowledged to the reporter only after Put returns.
	for _, d := range []string{dir, top, l.dir} {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("blob: put %s: %w", key, err)
		}
	}
	return nil
}

// writeTemp copies r into a dot-named file in dir (dot names are never keys)
// and syncs it. On any failure the file is removed so an aborted upload
// leaves nothing behind.
func writeTemp(ctx context.Context, dir string, r io.Reader) (name string, err error) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = io.Copy(f, ctxReader{ctx, r}); err != nil {
		return "", err
	}
	if err = f.Sync(); err != nil {
		return "", err
	}
	if err = f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func (l *Local) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := CheckKey(key); err != nil {
		return nil, err
	}
	_, _, name := l.path(key)
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("blob: open %s: %w", key, err)
	}
	return f, nil
}

func (l *Local) Exists(ctx context.Context, key string) (bool, error) {
	if err := CheckKey(key); err != nil {
		return false, err
	}
	_, _, name := l.path(key)
	_, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("blob: stat %s: %w", key, err)
	}
	return true, nil
}

func (l *Local) Delete(ctx context.Context, key string) error {
	if err := CheckKey(key); err != nil {
		return err
	}
	_, dir, name := l.path(key)
	err := os.Remove(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	// Deletion is how personal data is erased on request; a crash must not
	// bring the file back.
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	return nil
}
