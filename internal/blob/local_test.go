package blob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const hexKey = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func newStore(t *testing.T) (*Local, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "blobs")
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

// files lists every regular file under dir, so tests can see stray temp
// files and duplicates.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func read(t *testing.T, s Store, key string) string {
	t.Helper()
	rc, err := s.Open(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	if err := s.Put(ctx, hexKey, strings.NewReader("evidence")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, hexKey); got != "evidence" {
		t.Fatalf("read %q", got)
	}
	if got := files(t, dir); len(got) != 1 || got[0] != "9f/86/"+hexKey {
		t.Fatalf("files = %v, want one fanned-out file", got)
	}
	if ok, err := s.Exists(ctx, hexKey); !ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	if err := s.Delete(ctx, hexKey); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Exists(ctx, hexKey); ok || err != nil {
		t.Fatalf("Exists after delete = %v, %v", ok, err)
	}
	if _, err := s.Open(ctx, hexKey); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Open after delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, hexKey); err != nil {
		t.Fatalf("second Delete: %v, want nil", err)
	}
}

func TestPutExistingKeyIsNoop(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	if err := s.Put(ctx, hexKey, strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	// The second reader must not even be read: it would fail if it were.
	if err := s.Put(ctx, hexKey, iotestErr(nil, errors.New("read"))); err != nil {
		t.Fatal(err)
	}
	if got := read(t, s, hexKey); got != "first" {
		t.Fatalf("content %q, want first", got)
	}
	if n := len(files(t, dir)); n != 1 {
		t.Fatalf("%d files, want 1", n)
	}
}

func TestConcurrentPutSameKey(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	content := bytes.Repeat([]byte("0123456789"), 10000)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			errs <- s.Put(ctx, hexKey, bytes.NewReader(content))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := read(t, s, hexKey); got != string(content) {
		t.Fatalf("content differs: %d bytes", len(got))
	}
	if got := files(t, dir); len(got) != 1 {
		t.Fatalf("files = %v, want exactly the blob", got)
	}
}

func TestBadKeysRefused(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	bad := []string{
		"", ".", "..", "../etc/passwd", "a/b", `a\b`, "ABC", "key with space",
		".hidden", "ab/../../x", "é", strings.Repeat("a", 129), "a\x00b",
	}
	for _, k := range bad {
		if err := s.Put(ctx, k, strings.NewReader("x")); !errors.Is(err, ErrBadKey) {
			t.Errorf("Put(%q) = %v, want ErrBadKey", k, err)
		}
		if _, err := s.Open(ctx, k); !errors.Is(err, ErrBadKey) {
			t.Errorf("Open(%q) = %v, want ErrBadKey", k, err)
		}
		if _, err := s.Exists(ctx, k); !errors.Is(err, ErrBadKey) {
			t.Errorf("Exists(%q) = %v, want ErrBadKey", k, err)
		}
		if err := s.Delete(ctx, k); !errors.Is(err, ErrBadKey) {
			t.Errorf("Delete(%q) = %v, want ErrBadKey", k, err)
		}
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("bad keys wrote %v", got)
	}
	// Dots inside a key are allowed and must stay inside the store.
	for _, k := range []string{"a", "ab..cd", "x.y", strings.Repeat("z", 128)} {
		if err := s.Put(ctx, k, strings.NewReader(k)); err != nil {
			t.Errorf("Put(%q): %v", k, err)
		} else if got := read(t, s, k); got != k {
			t.Errorf("Open(%q) = %q", k, got)
		}
	}
}

func TestOpenMissing(t *testing.T) {
	s, _ := newStore(t)
	if _, err := s.Open(context.Background(), hexKey); !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
}

func TestFailedReaderLeavesNothing(t *testing.T) {
	ctx := context.Background()
	s, dir := newStore(t)
	boom := errors.New("connection reset")
	err := s.Put(ctx, hexKey, iotestErr(bytes.Repeat([]byte("x"), 70000), boom))
	if !errors.Is(err, boom) {
		t.Fatalf("Put = %v, want the reader's error", err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("left behind %v", got)
	}
	if ok, _ := s.Exists(ctx, hexKey); ok {
		t.Fatal("half-written blob is visible")
	}
}

func TestCanceledContextLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, dir := newStore(t)
	if err := s.Put(ctx, hexKey, strings.NewReader("x")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put = %v, want context.Canceled", err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("left behind %v", got)
	}
}

// iotestErr yields data and then fails, like an upload cut off midway.
func iotestErr(data []byte, err error) io.Reader {
	return io.MultiReader(bytes.NewReader(data), errReader{err})
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
