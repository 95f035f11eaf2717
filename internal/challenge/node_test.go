package challenge

import (
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// TestPowJSUnderNode checks pow.js's SHA-256 against known vectors and its
// solver against Go's Solve, on a fixed salt and on a fresh one, so the
// browser and the server cannot silently disagree about the work.
func TestPowJSUnderNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not on PATH: pow.js is not checked against Go (install Node.js to run this test)")
	}
	c := NewIssuer(testKey, 12, time.Hour).New(time.Now())
	cmd := exec.Command(node, "testdata/pow_node_test.js", c.Salt, strconv.Itoa(c.Difficulty), Solve(c))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node testdata/pow_node_test.js: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
