package challenge

import (
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

var testNow = time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)

const testTTL = 30 * time.Minute

func TestRoundTrip(t *testing.T) {
	iss := NewIssuer(testKey, 8, testTTL)
	c := iss.New(testNow)
	if c.Difficulty != 8 {
		t.Errorf("Difficulty = %d, want 8", c.Difficulty)
	}
	if want := testNow.Add(testTTL); !c.Expires.Equal(want) {
		t.Errorf("Expires = %v, want %v", c.Expires, want)
	}
	if b, err := hex.DecodeString(c.Salt); err != nil || len(b) != saltBytes {
		t.Errorf("Salt = %q, want %d random bytes in hex", c.Salt, saltBytes)
	}
	if c2 := iss.New(testNow); c2.Salt == c.Salt || c2.Token == c.Token {
		t.Error("two challenges share a salt or token")
	}
	nonce := Solve(c)
	if got := leadingZeroBits(work(c.Salt, nonce)); got < 8 {
		t.Fatalf("Solve returned %q with %d zero bits", nonce, got)
	}
	if err := iss.Verify(c.Token, nonce, testNow.Add(time.Minute)); err != nil {
		t.Fatalf("Verify: %v", err)
	}
}

// Servers behind a load balancer share the key but not memory.
func TestVerifyOnAnotherServer(t *testing.T) {
	a := NewIssuer(testKey, 4, testTTL)
	b := NewIssuer(testKey, 4, testTTL)
	c := a.New(testNow)
	if err := b.Verify(c.Token, Solve(c), testNow); err != nil {
		t.Errorf("same key: %v", err)
	}
	other := NewIssuer([]byte("another key of sixteen+ bytes"), 4, testTTL)
	c = a.New(testNow)
	if err := other.Verify(c.Token, Solve(c), testNow); !errors.Is(err, ErrInvalid) {
		t.Errorf("other key: err = %v, want ErrInvalid", err)
	}
}

// retoken rewrites the signed payload but keeps the original signature, as a
// client trying to lower its work or extend its token would.
func retoken(t *testing.T, token string, edit func(string) string) string {
	t.Helper()
	p64, m64, _ := strings.Cut(token, ".")
	p, err := b64.DecodeString(p64)
	if err != nil {
		t.Fatal(err)
	}
	edited := edit(string(p))
	if edited == string(p) {
		t.Fatalf("edit left payload %q unchanged", p)
	}
	return b64.EncodeToString([]byte(edited)) + "." + m64
}

func TestTamperedToken(t *testing.T) {
	iss := NewIssuer(testKey, 12, testTTL)
	tests := []struct {
		name string
		edit func(c Challenge) (token, nonce string)
	}{
		{"salt", func(c Challenge) (string, string) {
			// A salt the attacker already has a solution for.
			other := strings.Repeat("0", len(c.Salt))
			return retoken(t, c.Token, func(p string) string { return strings.Replace(p, c.Salt, other, 1) }),
				Solve(Challenge{Salt: other, Difficulty: 12})
		}},
		{"difficulty", func(c Challenge) (string, string) {
			return retoken(t, c.Token, func(p string) string { return strings.TrimSuffix(p, "|12") + "|0" }), "0"
		}},
		{"expiry", func(c Challenge) (string, string) {
			old := c.Expires.Unix()
			return retoken(t, c.Token, func(p string) string {
				return strings.Replace(p, "|"+itoa(old)+"|", "|"+itoa(old+86400)+"|", 1)
			}), Solve(c)
		}},
		{"signature", func(c Challenge) (string, string) {
			p, m, _ := strings.Cut(c.Token, ".")
			flipped := []byte(m)
			if flipped[0] == 'A' {
				flipped[0] = 'B'
			} else {
				flipped[0] = 'A'
			}
			return p + "." + string(flipped), Solve(c)
		}},
		{"signature dropped", func(c Challenge) (string, string) {
			p, _, _ := strings.Cut(c.Token, ".")
			return p, Solve(c)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token, nonce := tt.edit(iss.New(testNow))
			if err := iss.Verify(token, nonce, testNow); !errors.Is(err, ErrInvalid) {
				t.Errorf("err = %v, want ErrInvalid", err)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestWrongNonce(t *testing.T) {
	iss := NewIssuer(testKey, 12, testTTL)
	c := iss.New(testNow)
	good := Solve(c)
	bad := "0"
	for n := 0; leadingZeroBits(work(c.Salt, bad)) >= 12; n++ {
		bad = itoa(int64(n))
	}
	for _, nonce := range []string{bad, good + "x", "-" + good, " " + good, strings.Repeat("9", maxNonceLen+1)} {
		if err := iss.Verify(c.Token, nonce, testNow); !errors.Is(err, ErrInvalid) {
			t.Errorf("nonce %q: err = %v, want ErrInvalid", nonce, err)
		}
	}
	// A wrong attempt must not use the token up.
	if err := iss.Verify(c.Token, good, testNow); err != nil {
		t.Errorf("good nonce after wrong ones: %v", err)
	}
}

func TestMissing(t *testing.T) {
	iss := NewIssuer(testKey, 0, testTTL)
	c := iss.New(testNow)
	for _, in := range [][2]string{{"", "0"}, {c.Token, ""}, {"", ""}} {
		if err := iss.Verify(in[0], in[1], testNow); !errors.Is(err, ErrMissing) {
			t.Errorf("Verify(%q, %q) = %v, want ErrMissing", in[0], in[1], err)
		}
	}
}

func TestExpired(t *testing.T) {
	iss := NewIssuer(testKey, 4, testTTL)
	c := iss.New(testNow)
	if err := iss.Verify(c.Token, Solve(c), c.Expires); !errors.Is(err, ErrExpired) {
		t.Errorf("at expiry: err = %v, want ErrExpired", err)
	}
	if err := iss.Verify(c.Token, Solve(c), c.Expires.Add(-time.Second)); err != nil {
		t.Errorf("one second before expiry: %v", err)
	}
}

func TestReplay(t *testing.T) {
	iss := NewIssuer(testKey, 4, testTTL)
	c := iss.New(testNow)
	nonce := Solve(c)
	if err := iss.Verify(c.Token, nonce, testNow); err != nil {
		t.Fatal(err)
	}
	if err := iss.Verify(c.Token, nonce, testNow.Add(time.Minute)); !errors.Is(err, ErrReplayed) {
		t.Errorf("second use: err = %v, want ErrReplayed", err)
	}
	// Once the cache has dropped the entry, expiry must still refuse it.
	later := testNow.Add(2 * testTTL)
	c2 := iss.New(later)
	if err := iss.Verify(c2.Token, Solve(c2), later); err != nil {
		t.Fatal(err)
	}
	if n := iss.seen.len(); n != 1 {
		t.Errorf("replay cache holds %d entries after the first expired, want 1", n)
	}
	if err := iss.Verify(c.Token, nonce, later); !errors.Is(err, ErrExpired) {
		t.Errorf("after expiry: err = %v, want ErrExpired", err)
	}
}

func TestReplayConcurrent(t *testing.T) {
	iss := NewIssuer(testKey, 0, testTTL)
	c := iss.New(testNow)
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := 0
	for range 32 {
		wg.Go(func() {
			if iss.Verify(c.Token, "0", testNow) == nil {
				mu.Lock()
				accepted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if accepted != 1 {
		t.Errorf("token accepted %d times, want once", accepted)
	}
}

func TestReplayCacheBounded(t *testing.T) {
	c := newReplayCache(3)
	for i, salt := range []string{"a", "b", "c", "d"} {
		if !c.add(salt, int64(100+i), 0) {
			t.Fatalf("add(%q) reported a replay", salt)
		}
	}
	if n := c.len(); n != 3 {
		t.Errorf("len = %d, want 3", n)
	}
	// "a" expired soonest, so it was the one forgotten.
	if !c.add("a", 100, 0) || c.add("d", 103, 0) {
		t.Error("evicted the wrong entry")
	}
}

func TestDifficultyZero(t *testing.T) {
	iss := NewIssuer(testKey, 0, testTTL)
	c := iss.New(testNow)
	if got := Solve(c); got != "0" {
		t.Errorf("Solve = %q, want \"0\"", got)
	}
	if err := iss.Verify(c.Token, "12345", testNow); err != nil {
		t.Fatalf("any decimal nonce should do: %v", err)
	}
	if err := iss.Verify(c.Token, "0", testNow); !errors.Is(err, ErrReplayed) {
		t.Errorf("reuse: err = %v, want ErrReplayed", err)
	}
	c = iss.New(testNow)
	if err := iss.Verify(c.Token, "abc", testNow); !errors.Is(err, ErrInvalid) {
		t.Errorf("non-decimal nonce: err = %v, want ErrInvalid", err)
	}
}

func TestTooWeak(t *testing.T) {
	iss := NewIssuer(testKey, 4, testTTL)
	c := iss.New(testNow)
	iss.SetDifficulty(10)
	if err := iss.Verify(c.Token, Solve(c), testNow); !errors.Is(err, ErrTooWeak) {
		t.Errorf("err = %v, want ErrTooWeak", err)
	}
	c = iss.New(testNow)
	if c.Difficulty != 10 {
		t.Errorf("new challenge difficulty = %d, want 10", c.Difficulty)
	}
	// Harder than required is fine, e.g. after lowering it again.
	iss.SetDifficulty(2)
	if err := iss.Verify(c.Token, Solve(c), testNow); err != nil {
		t.Errorf("harder token: %v", err)
	}
}

func TestNewIssuerRejectsBadConfig(t *testing.T) {
	tests := map[string]func(){
		"short key":           func() { NewIssuer([]byte("secret"), 17, testTTL) },
		"negative difficulty": func() { NewIssuer(testKey, -1, testTTL) },
		"huge difficulty":     func() { NewIssuer(testKey, MaxDifficulty+1, testTTL) },
		"zero ttl":            func() { NewIssuer(testKey, 17, 0) },
	}
	for name, f := range tests {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
}

// The same vector is in testdata/pow_node_test.js; pinning it here catches a
// change to Solve or the hash input that pow.js would not follow.
func TestSolveFixedVector(t *testing.T) {
	c := Challenge{Salt: "0123456789abcdef0123456789abcdef", Difficulty: 16}
	if got := Solve(c); got != "111324" {
		t.Errorf("Solve = %q, want 111324", got)
	}
}
