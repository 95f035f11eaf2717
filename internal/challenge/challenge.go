// Package challenge implements the proof-of-work check on the public report
// form. It replaces a human puzzle (which elderly and visually impaired
// reporters struggle with) and a third-party captcha service (which would send
// reporters' traffic to an outside party): the browser spends a second or so of
// CPU before the form can be submitted, which is nothing for one reporter and
// expensive for a script posting thousands of reports.
//
// Proof of work only prices each submission; the per-client rate limits
// elsewhere bound what a patient attacker can still do.
package challenge

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// MaxDifficulty bounds the difficulty an Issuer accepts. 32 leading zero bits
// is already about four billion hashes, far beyond what a phone can do while a
// reporter waits; anything above is a configuration mistake.
const MaxDifficulty = 32

// MinKeyLen is the shortest HMAC key NewIssuer accepts, so that a placeholder
// like "secret" cannot slip into production and make tokens forgeable.
const MinKeyLen = 16

// tokenVersion is written into every token so the format can change later
// without old tokens being misread.
const tokenVersion = "v1"

// saltBytes of randomness make salts unique across all servers sharing a key,
// which the replay cache relies on, and make precomputing solutions pointless.
const saltBytes = 16

// maxTokenLen bounds the work done on attacker-supplied strings before the MAC
// is checked. Real tokens are about 120 characters.
const maxTokenLen = 256

// Issuer hands out challenges and verifies their solutions. Tokens are
// self-contained and signed, so any server holding the same key verifies
// tokens issued by any other; only the replay cache is per server.
// Use NewIssuer; the zero value is not usable.
type Issuer struct {
	macKey     []byte
	difficulty atomic.Int32
	ttl        time.Duration
	seen       *replayCache
}

// NewIssuer returns an Issuer signing with key. difficulty is the number of
// leading zero bits the solution's hash must have (0 disables the work, for
// tests and benchmarks, but tokens stay required and single-use); ttl is how
// long a challenge stays valid, and should cover the time a slow reporter
// takes to fill in the form, since the browser solves it when the page loads.
//
// It panics if key is shorter than MinKeyLen, difficulty is outside
// 0..MaxDifficulty or ttl is not positive: these come from startup
// configuration, which should have been validated already.
func NewIssuer(key []byte, difficulty int, ttl time.Duration) *Issuer {
	if len(key) < MinKeyLen {
		panic(fmt.Sprintf("challenge: key must be at least %d bytes", MinKeyLen))
	}
	if ttl <= 0 {
		panic("challenge: ttl must be positive")
	}
	// Derive a key of our own so that sharing the application secret with
	// other uses (sessions, CSRF) can never let one kind of signed value pass
	// as another.
	m := hmac.New(sha256.New, key)
	m.Write([]byte("qinglang challenge token " + tokenVersion))
	i := &Issuer{
		macKey: m.Sum(nil),
		ttl:    ttl,
		seen:   newReplayCache(defaultReplayCapacity),
	}
	i.SetDifficulty(difficulty)
	return i
}

// SetDifficulty changes the difficulty of challenges issued from now on, so an
// operator can raise it during a flood without a restart. Tokens issued
// earlier at a lower difficulty are then refused with ErrTooWeak. It panics if
// d is outside 0..MaxDifficulty.
func (i *Issuer) SetDifficulty(d int) {
	if d < 0 || d > MaxDifficulty {
		panic(fmt.Sprintf("challenge: difficulty %d outside 0..%d", d, MaxDifficulty))
	}
	i.difficulty.Store(int32(d))
}

// Difficulty reports the difficulty of newly issued challenges.
func (i *Issuer) Difficulty() int { return int(i.difficulty.Load()) }

// Challenge is what the server renders into the form: the browser needs Salt
// and Difficulty to do the work and sends Token back unchanged with the nonce.
type Challenge struct {
	Token      string    `json:"token"`
	Salt       string    `json:"salt"`
	Difficulty int       `json:"difficulty"`
	Expires    time.Time `json:"expires"`
}

// New issues a fresh challenge valid until now plus the Issuer's TTL.
func (i *Issuer) New(now time.Time) Challenge {
	var b [saltBytes]byte
	// crypto/rand.Read never fails; it aborts the program if the system's
	// randomness is unavailable, which is the right outcome for us too.
	rand.Read(b[:])
	c := Challenge{
		Salt:       hex.EncodeToString(b[:]),
		Difficulty: i.Difficulty(),
		// Whole seconds because that is what the token carries; Expires then
		// says exactly when Verify starts refusing it.
		Expires: now.Add(i.ttl).Truncate(time.Second).UTC(),
	}
	payload := encodePayload(c.Salt, c.Expires.Unix(), c.Difficulty)
	c.Token = b64.EncodeToString([]byte(payload)) + "." + b64.EncodeToString(i.mac(payload))
	return c
}

// b64 is strict so that one payload has exactly one token spelling.
var b64 = base64.RawURLEncoding.Strict()

func (i *Issuer) mac(payload string) []byte {
	m := hmac.New(sha256.New, i.macKey)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

func encodePayload(salt string, expires int64, difficulty int) string {
	return tokenVersion + "|" + salt + "|" + strconv.FormatInt(expires, 10) + "|" + strconv.Itoa(difficulty)
}

// claims are the signed contents of a token.
type claims struct {
	salt       string
	expires    int64
	difficulty int
}

// open checks the token's signature and returns what it carries. Every
// failure is ErrInvalid: telling a forger which part was wrong helps nobody
// else.
func (i *Issuer) open(token string) (claims, error) {
	if len(token) > maxTokenLen {
		return claims{}, ErrInvalid
	}
	p64, m64, ok := strings.Cut(token, ".")
	if !ok {
		return claims{}, ErrInvalid
	}
	payload, err := b64.DecodeString(p64)
	if err != nil {
		return claims{}, ErrInvalid
	}
	sig, err := b64.DecodeString(m64)
	if err != nil {
		return claims{}, ErrInvalid
	}
	if !hmac.Equal(sig, i.mac(string(payload))) {
		return claims{}, ErrInvalid
	}
	// Only our own signed payloads reach this point, so the parsing below
	// guards against our own format changes, not against attackers.
	f := strings.Split(string(payload), "|")
	if len(f) != 4 || f[0] != tokenVersion {
		return claims{}, ErrInvalid
	}
	exp, err1 := strconv.ParseInt(f[2], 10, 64)
	d, err2 := strconv.Atoi(f[3])
	if err1 != nil || err2 != nil || d < 0 || d > MaxDifficulty || len(f[1]) != 2*saltBytes {
		return claims{}, ErrInvalid
	}
	return claims{salt: f[1], expires: exp, difficulty: d}, nil
}
