// Package bench measures qinglang the way an operator would run it: the
// whole program started in-process, driven over loopback HTTP, and
// compared with the same work done without HTTP.
package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Table is a result table printed with aligned columns, so a run reads
// the same in a terminal and pasted into docs/performance.md.
type Table struct {
	Header []string
	Rows   [][]string
}

// Add appends a row; values are formatted with %v.
func (t *Table) Add(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = fmt.Sprint(c)
	}
	t.Rows = append(t.Rows, row)
}

// Write prints the table: the first column left-aligned, the others
// (numbers) right-aligned.
func (t *Table) Write(w io.Writer) {
	width := make([]int, len(t.Header))
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range append([][]string{t.Header}, t.Rows...) {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// WriteJSON prints v as one line, so a script can take the last line of
// the output whatever came before it.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, string(b))
	return err
}

// Latencies summarizes request latencies.
type Latencies []time.Duration

// Percentile returns the p-th percentile (0-100) in milliseconds, by the
// nearest-rank method; it sorts the slice.
func (l Latencies) Percentile(p float64) float64 {
	if len(l) == 0 {
		return 0
	}
	slices.Sort(l)
	i := int(p/100*float64(len(l))+0.5) - 1
	i = min(max(i, 0), len(l)-1)
	return float64(l[i].Microseconds()) / 1000
}

// round2 keeps two decimals: enough for ms and ratios, short in JSON.
func round2(f float64) float64 { return float64(int64(f*100+0.5)) / 100 }
