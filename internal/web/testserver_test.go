package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qinglang/internal/app"
	"qinglang/internal/config"
	"qinglang/internal/i18n"
	"qinglang/internal/org"
	"qinglang/internal/store/storetest"
)

// The shared harness of the web tests: the whole program, started through
// internal/app on a loopback port with its own data folder, driven over
// real HTTP.

// testServer is one running qinglang.
type testServer struct {
	*app.Main
	t      testing.TB
	URL    string
	Client *http.Client
}

// eachDB runs fn once on a fresh SQLite file and once on a fresh
// PostgreSQL schema (skipped when QINGLANG_TEST_POSTGRES is unset), passing
// the database URL for startServer.
func eachDB(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteURL(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.PostgresURL(t)) })
}

// sqliteURL names a fresh SQLite file in the test's temporary folder.
func sqliteURL(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "qinglang.db") }

// startServer starts the program on 127.0.0.1:0 with a data folder of its
// own and dbURL as its database. The rate limit is off unless an option
// turns it on, so scenarios do not trip over it; options change any other
// setting. The server stops when the test ends.
func startServer(t testing.TB, dbURL string, options ...func(*config.Config)) *testServer {
	t.Helper()
	cfg := config.Default()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = dbURL
	cfg.RatePerMinute = 0
	cfg.ShutdownTimeout = 5 * time.Second
	for _, o := range options {
		o(cfg)
	}
	m, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(testLog{t}, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		t.Fatalf("app.Open: %v", err)
	}
	stop, err := m.Start()
	if err != nil {
		m.Close()
		t.Fatalf("start: %v", err)
	}
	t.Cleanup(stop)
	return &testServer{Main: m, t: t, URL: m.URL(), Client: &http.Client{Timeout: 30 * time.Second}}
}

// testLog shows the server's warnings and errors with a failing test only.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// response is an answer read to the end.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test when it is not JSON.
func (r response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("body is not JSON (%v): %s", err, r.Body)
	}
}

// apiError is the error body of the API.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

// do sends a request; header holds extra headers as name, value pairs.
func (s *testServer) do(method, path, contentType string, body []byte, header ...string) response {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	return response{resp.StatusCode, resp.Header, b}
}

func (s *testServer) get(path string, header ...string) response {
	s.t.Helper()
	return s.do("GET", path, "", nil, header...)
}

// postJSON encodes v (a []byte or string is sent as it is).
func (s *testServer) postJSON(path string, v any, header ...string) response {
	s.t.Helper()
	var body []byte
	switch x := v.(type) {
	case []byte:
		body = x
	case string:
		body = []byte(x)
	default:
		var err error
		if body, err = json.Marshal(v); err != nil {
			s.t.Fatal(err)
		}
	}
	return s.do("POST", path, "application/json", body, header...)
}

// multipartBody builds a form with one file part named field.
func multipartBody(t testing.TB, field, filename, partType string, data []byte) (contentType string, body []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="`+field+`"; filename="`+filename+`"`)
	h.Set("Content-Type", partType)
	w, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), b.Bytes()
}

// upload posts one evidence file as part "file".
func (s *testServer) upload(filename string, data []byte) response {
	s.t.Helper()
	ct, body := multipartBody(s.t, "file", filename, "application/octet-stream", data)
	return s.do("POST", "/api/v1/evidence", ct, body)
}

// uploadID uploads a file that must be accepted and returns its id.
func (s *testServer) uploadID(filename string, data []byte) string {
	s.t.Helper()
	r := s.upload(filename, data)
	if r.Status != http.StatusCreated {
		s.t.Fatalf("upload %s: %d %s", filename, r.Status, r.Body)
	}
	var ev struct{ ID string }
	r.JSON(s.t, &ev)
	return ev.ID
}

// count returns the number of rows in table.
func (s *testServer) count(table string) int {
	s.t.Helper()
	var n int
	if err := s.DB.Read().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		s.t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// exec runs test setup SQL in one transaction.
func (s *testServer) exec(query string, args ...any) {
	s.t.Helper()
	err := s.DB.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(query, args...)
		return err
	})
	if err != nil {
		s.t.Fatalf("exec %q: %v", query, err)
	}
}

// files lists the regular files under the data folder's sub-folder dir.
func (s *testServer) files(dir string) []string {
	s.t.Helper()
	var out []string
	root := filepath.Join(s.Config.DataDir, dir)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		s.t.Fatalf("walk %s: %v", root, err)
	}
	return out
}

// Reference data the scenarios file against.
const (
	testDistrict = "gulou"
	testPlatform = "weibo"
	testCampaign = "qinglang-fraud"
)

// seed adds a district, a partner platform and an open campaign for fraud
// reports.
func (s *testServer) seed() {
	s.t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	err := s.DB.Write(ctx, func(tx *sql.Tx) error {
		if _, err := org.AddDistrict(ctx, tx, org.District{Code: testDistrict, Name: i18n.Text{Zh: "鼓楼区", En: "Gulou District"}, Kind: "district"}, 1); err != nil {
			return err
		}
		if _, err := org.AddPlatform(ctx, tx, org.Platform{Code: testPlatform, Name: "微博", Kind: "social", Domains: "weibo.com"}, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO campaigns (code, title_zh, title_en, starts_at, ends_at, categories) VALUES ($1,$2,$3,$4,$5,$6)`,
			testCampaign, "打击网络诈骗专项举报", "Online fraud campaign", now.Add(-24*time.Hour), now.Add(30*24*time.Hour), "fraud")
		return err
	})
	if err != nil {
		s.t.Fatalf("seed: %v", err)
	}
}

// receipt is the answer to a filed report.
type receipt struct {
	TrackingCode string `json:"tracking_code"`
	Secret       string `json:"secret"`
	Status       string `json:"status"`
	TrackURL     string `json:"track_url"`
}

// reply stands in for the staff lifecycle: it records a public reply on
// the case and moves it to replied, directly in the database. Test setup
// only; the console will do this through report's own workflow.
func (s *testServer) reply(code, text string) {
	s.t.Helper()
	s.exec(`INSERT INTO report_events (report_id, at, actor_kind, action, from_status, to_status, note, public)
		SELECT id, $2, 'staff', 'replied', status, 'replied', $3, $4 FROM reports WHERE tracking_code = $1`,
		code, time.Now().UTC(), text, true)
	s.exec(`UPDATE reports SET status = 'replied', updated_at = $2 WHERE tracking_code = $1`, code, time.Now().UTC())
}

// Real tiny files of each accepted type, built in code so each test shows
// exactly which bytes it sends. n makes files of the same type differ.

func testImage(n int) *image.Paletted {
	img := image.NewPaletted(image.Rect(0, 0, 8+n, 8), color.Palette{color.Black, color.White})
	img.SetColorIndex(0, 0, 1)
	return img
}

func pngFile(t testing.TB, n int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(n)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegFile(t testing.TB, n int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(n), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifFile(t testing.TB, n int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(n), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpFile is a lossless WebP: a VP8L header for a w×h image in its RIFF
// container. Only the header is read; the pixel data is filler.
func webpFile(w, h int) []byte {
	data := binary.LittleEndian.AppendUint32([]byte{0x2f}, uint32(w-1)|uint32(h-1)<<14)
	data = append(data, make([]byte, 8)...)
	chunk := binary.LittleEndian.AppendUint32([]byte("VP8L"), uint32(len(data)))
	chunk = append(chunk, data...)
	out := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(4+len(chunk)))
	return append(append(out, "WEBP"...), chunk...)
}

const pdfFile = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

func mp4Box(typ string, payload []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(8+len(payload)))
	return append(append(b, typ...), payload...)
}

// mp4File is an ftyp, an empty movie header and some media data.
func mp4File() []byte {
	out := mp4Box("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	out = append(out, mp4Box("moov", mp4Box("mvhd", make([]byte, 100)))...)
	return append(out, mp4Box("mdat", bytes.Repeat([]byte{0xAB}, 64))...)
}

// exeFile starts like a Windows executable.
func exeFile() []byte {
	b := make([]byte, 256)
	copy(b, "MZ\x90\x00\x03\x00\x00\x00\x04\x00")
	copy(b[78:], "This program cannot be run in DOS mode.")
	return b
}
