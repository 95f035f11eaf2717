package evidence

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qinglang/internal/blob"
)

type fixture struct {
	in       *Ingester
	tmp      string
	storeDir string
}

func newFixture(t *testing.T, maxBytes int64) fixture {
	t.Helper()
	storeDir := filepath.Join(t.TempDir(), "blobs")
	store, err := blob.NewLocal(storeDir)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	return fixture{&Ingester{Store: store, TempDir: tmp, MaxBytes: maxBytes}, tmp, storeDir}
}

// checkClean fails if a spool file survived the upload.
func (f fixture) checkClean(t *testing.T) {
	t.Helper()
	left, err := os.ReadDir(f.tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Fatalf("temp dir not empty: %v", left)
	}
}

func (f fixture) blobCount(t *testing.T) int {
	t.Helper()
	n := 0
	filepath.WalkDir(f.storeDir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	return n
}

func TestIngestAccepts(t *testing.T) {
	files := map[string][]byte{
		JPEG: jpegFile(t),
		PNG:  pngFile(t, 20, 10),
		GIF:  gifFile(t),
		WebP: webpLossless(640, 480),
		PDF:  []byte(pdfFile),
		MP4:  mp4File("isom", "isom", "avc1"),
	}
	for mime, data := range files {
		t.Run(mime, func(t *testing.T) {
			f := newFixture(t, 1<<20)
			meta, err := f.in.Ingest(context.Background(), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(data)
			want := Meta{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), MIME: mime, DHash: meta.DHash}
			// Images are hashed for look-alike detection; other files are not.
			if isImage := mime == JPEG || mime == PNG || mime == GIF; isImage != (meta.DHash != 0) {
				t.Errorf("%s: dhash %x", mime, meta.DHash)
			}
			if meta != want {
				t.Fatalf("meta = %+v, want %+v", meta, want)
			}
			rc, err := f.in.Store.Open(context.Background(), meta.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(got, data) {
				t.Fatal("stored bytes differ from the upload")
			}
			f.checkClean(t)
		})
	}
}

func TestIngestRefuses(t *testing.T) {
	pdf := []byte(pdfFile)
	mp4 := mp4File("isom", "isom")
	tests := []struct {
		name string
		data []byte
		err  error
		why  string
	}{
		{"exe", exeFile(), ErrUnsupported, "Windows executable"},
		{"html", []byte("<html><head><title>x</title></head></html>"), ErrUnsupported, "HTML"},
		{"zip", zipFile(t), ErrUnsupported, "ZIP"},
		{"text", []byte("just some notes\n"), ErrUnsupported, "plain text"},
		{"png signature then garbage", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte("z"), 100)...), ErrUnsupported, "PNG"},
		{"png with corrupt header", corruptIHDR(pngFile(t, 4, 4)), ErrUnsupported, "damaged png"},
		{"png cut short", cutIEND(pngFile(t, 4, 4)), ErrUnsupported, "IEND"},
		{"png too wide", pngFile(t, maxSide+1, 1), ErrUnsupported, "pixels"},
		{"jpeg header only", jpegFile(t)[:4], ErrUnsupported, "damaged jpeg"},
		{"webp too large", webpExtended(30000, 10), ErrUnsupported, "pixels"},
		{"webp truncated", webpLossless(4, 4)[:30], ErrUnsupported, "truncated WebP"},
		{"truncated pdf", pdf[:len(pdf)/2], ErrUnsupported, "%%EOF"},
		{"pdf with junk before", append([]byte("<html>"), pdf...), ErrUnsupported, "HTML"},
		{"quicktime", mp4File("qt  ", "qt  "), ErrUnsupported, "QuickTime"},
		{"truncated mp4", mp4[:len(mp4)-10], ErrUnsupported, "mdat"},
		{"mp4 without moov", append(ftyp("isom", "isom"), box("mdat", make([]byte, 32))...), ErrUnsupported, "moov"},
		{"mp4 box smaller than its header", append(ftyp("isom"), 0, 0, 0, 4, 'm', 'o', 'o', 'v'), ErrUnsupported, "does not fit"},
		{"empty", nil, ErrEmpty, ""},
		{"oversized", bytes.Repeat([]byte{0xFF}, 1025), ErrTooLarge, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, 1024)
			if tt.name == "png too wide" {
				f.in.MaxBytes = 1 << 20
			}
			_, err := f.in.Ingest(context.Background(), bytes.NewReader(tt.data))
			if !errors.Is(err, tt.err) || !strings.Contains(err.Error(), tt.why) {
				t.Fatalf("err = %v, want %v mentioning %q", err, tt.err, tt.why)
			}
			if n := f.blobCount(t); n != 0 {
				t.Fatalf("refused file stored (%d blobs)", n)
			}
			f.checkClean(t)
		})
	}
}

// corruptIHDR keeps the PNG signature and chunk name but breaks the chunk.
func corruptIHDR(b []byte) []byte {
	b = bytes.Clone(b)
	b[16], b[17], b[18], b[19] = 0, 0, 0, 0 // width 0
	return b
}

// cutIEND drops the final chunk, as a cut-off upload would.
func cutIEND(b []byte) []byte { return b[:len(b)-12] }

// endless never ends, counting what was read from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	e.n += int64(len(p))
	return len(p), nil
}

func TestIngestStopsReadingPastLimit(t *testing.T) {
	f := newFixture(t, 4096)
	src := &endless{}
	_, err := f.in.Ingest(context.Background(), src)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if src.n != 4097 {
		t.Fatalf("read %d bytes, want MaxBytes+1 = 4097", src.n)
	}
	f.checkClean(t)
}

func TestIngestSameFileTwiceStoredOnce(t *testing.T) {
	f := newFixture(t, 1<<20)
	data := pngFile(t, 8, 8)
	a, err := f.in.Ingest(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.in.Ingest(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Fatalf("metas differ: %+v vs %+v", a, b)
	}
	if n := f.blobCount(t); n != 1 {
		t.Fatalf("%d blobs, want 1", n)
	}
	f.checkClean(t)
}

func TestIngestBrokenUpload(t *testing.T) {
	f := newFixture(t, 1<<20)
	boom := errors.New("client went away")
	r := io.MultiReader(bytes.NewReader(pngFile(t, 8, 8)[:20]), errReader{boom})
	if _, err := f.in.Ingest(context.Background(), r); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the reader's error", err)
	}
	if n := f.blobCount(t); n != 0 {
		t.Fatalf("%d blobs after a broken upload", n)
	}
	f.checkClean(t)
}

func TestIngestMisconfigured(t *testing.T) {
	in := &Ingester{TempDir: t.TempDir(), MaxBytes: 10}
	if _, err := in.Ingest(context.Background(), strings.NewReader("x")); err == nil {
		t.Fatal("Ingester without a Store accepted a file")
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
