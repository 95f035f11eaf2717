package challenge

import (
	"crypto/sha256"
	"strconv"
)

// Solve does the browser's work in Go: it returns the smallest decimal nonce
// whose hash has c.Difficulty leading zero bits. Tests and load tests use it to
// submit the form like a browser would; pow.js counts up from 0 the same way,
// so both find the same nonce for the same salt.
//
// The expected cost is 2^Difficulty hashes. At the app's default of 17 bits
// (about 131,000 hashes) BenchmarkSolve takes about 20 ms on one server core.
// pow.js's pure-JS SHA-256 does about 1.2 million hashes a second under node
// (V8, like Chrome), so a desktop browser needs about 0.1 s; an old low-end
// Android phone is perhaps ten times slower, about 1 s, which the reporter
// spends reading the form anyway (these phone figures are estimates, not
// measurements). The count is geometric, so about one page load in twenty
// takes three times the average.
func Solve(c Challenge) string {
	buf := make([]byte, 0, len(c.Salt)+1+maxNonceLen)
	buf = append(buf, c.Salt...)
	buf = append(buf, ':')
	prefix := len(buf)
	for n := uint64(0); ; n++ {
		buf = strconv.AppendUint(buf[:prefix], n, 10)
		if leadingZeroBits(sha256.Sum256(buf)) >= c.Difficulty {
			return string(buf[prefix:])
		}
	}
}
