// Package golden compares a program's output with a file under testdata,
// as cmd/gofmt's tests do: run with -update to rewrite the files, and a
// mismatch prints a line diff.
package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output the code computes")

// Check compares got with testdata/name.golden, or rewrites that file when
// the test runs with -update. The golden files hold what the code computed;
// a reviewer checks them against the published figures.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	CheckFile(t, filepath.Join("testdata", name+".golden"), got)
}

// CheckFile is Check for a golden file at path, for one that must keep
// its own extension, such as an SVG a README shows.
func CheckFile(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test with -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("output differs from %s (-want +got):\n%s", path, Diff(string(want), string(got)))
	}
}

// Diff returns the lines that differ between want and got, each marked - or
// +, with its line number in want or got; equal lines are left out.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	// Longest common subsequence over lines: the outputs are small.
	lcs := make([][]int, len(w)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(g)+1)
	}
	for i := len(w) - 1; i >= 0; i-- {
		for j := len(g) - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var sb strings.Builder
	i, j := 0, 0
	for i < len(w) || j < len(g) {
		switch {
		case i < len(w) && j < len(g) && w[i] == g[j]:
			i, j = i+1, j+1
		case i < len(w) && (j == len(g) || lcs[i+1][j] >= lcs[i][j+1]):
			fmt.Fprintf(&sb, "%4d - %s\n", i+1, w[i])
			i++
		default:
			fmt.Fprintf(&sb, "%4d + %s\n", j+1, g[j])
			j++
		}
	}
	return sb.String()
}
