package challenge

import (
	"crypto/sha256"
	"errors"
	"math/bits"
	"time"
)

// Errors returned by Verify. The web layer should show the reporter one
// message for all of them ("安全校验未通过，请重新提交") and re-render the form
// with a new challenge; they are distinct for logs and metrics.
var (
	// ErrMissing: no token or no nonce, typically a browser without
	// JavaScript or a script posting the form directly.
	ErrMissing = errors.New("challenge: token or nonce missing")
	// ErrExpired: the token's TTL has passed, e.g. the reporter left the page
	// open for a long time.
	ErrExpired = errors.New("challenge: token expired")
	// ErrInvalid: the token is malformed or not signed by us, or the nonce
	// does not do the work the token asks for.
	ErrInvalid = errors.New("challenge: invalid token or nonce")
	// ErrReplayed: the token was already used on this server.
	ErrReplayed = errors.New("challenge: token already used")
	// ErrTooWeak: the token was issued at a lower difficulty than this
	// server now demands (raised with SetDifficulty or at a restart).
	ErrTooWeak = errors.New("challenge: token difficulty below current requirement")
)

// maxNonceLen is enough for any counter a browser can reach (2^53 has 16
// digits) and stops anyone from making us hash megabytes.
const maxNonceLen = 20

// Verify checks that token was issued by an Issuer with the same key, has not
// expired at now, is at least as hard as the current difficulty, that nonce
// solves it, and that it has not been used before. A successful Verify uses the
// token up.
//
// The replay cache is in this process's memory: with several servers behind a
// load balancer a token can be accepted once per server within its TTL. The
// per-client rate limit bounds that, and it still costs the attacker a round
// trip per server per solved challenge.
func (i *Issuer) Verify(token, nonce string, now time.Time) error {
	if token == "" || nonce == "" {
		return ErrMissing
	}
	c, err := i.open(token)
	if err != nil {
		return err
	}
	if c.difficulty < i.Difficulty() {
		return ErrTooWeak
	}
	if now.Unix() >= c.expires {
		return ErrExpired
	}
	if !validNonce(nonce) || leadingZeroBits(work(c.salt, nonce)) < c.difficulty {
		return ErrInvalid
	}
	// Last, so a wrong nonce does not burn a token the reporter's browser
	// may still submit correctly.
	if !i.seen.add(c.salt, c.expires, now.Unix()) {
		return ErrReplayed
	}
	return nil
}

// validNonce accepts decimal digits only, as the browser produces, so the same
// salt has one canonical input format on both sides.
func validNonce(n string) bool {
	if len(n) > maxNonceLen {
		return false
	}
	for k := 0; k < len(n); k++ {
		if n[k] < '0' || n[k] > '9' {
			return false
		}
	}
	return true
}

// work is the hash both sides compute; pow.js must build exactly the same
// input.
func work(salt, nonce string) [sha256.Size]byte {
	return sha256.Sum256([]byte(salt + ":" + nonce))
}

func leadingZeroBits(h [sha256.Size]byte) int {
	n := 0
	for _, b := range h {
		if b != 0 {
			return n + bits.LeadingZeros8(b)
		}
		n += 8
	}
	return n
}
