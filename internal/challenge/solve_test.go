package challenge

import (
	"testing"
	"time"
)

// BenchmarkSolve measures the Go side of the app's default difficulty; see
// Solve for how that compares with the browser.
func BenchmarkSolve(b *testing.B) {
	iss := NewIssuer(testKey, 17, time.Hour)
	now := time.Now()
	for b.Loop() {
		Solve(iss.New(now))
	}
}

func BenchmarkVerify(b *testing.B) {
	iss := NewIssuer(testKey, 0, time.Hour)
	now := time.Now()
	for b.Loop() {
		c := iss.New(now)
		if err := iss.Verify(c.Token, "0", now); err != nil {
			b.Fatal(err)
		}
	}
}
