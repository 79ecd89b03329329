package tradeflow_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeTour compiles and runs the README's first Go block, the tour,
// as a program of its own that uses this module, and checks the outputs
// its comments promise. It runs under -short too, as CI runs the tests:
// the README is what users read first.
func TestReadmeTour(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "```go\npackage main")
	if start < 0 {
		t.Fatal("README.md has no tour program")
	}
	body := text[start+len("```go\n"):]
	body = body[:strings.Index(body, "```")]

	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mod := "module readmetour\n\ngo 1.24\n\nrequire github.com/tradeflow-go/tradeflow v0.0.0\n\nrequire github.com/shopspring/decimal v1.6.0\n\n" +
		"replace github.com/tradeflow-go/tradeflow => " + root + "\n"
	for name, content := range map[string]string{"go.mod": mod, "go.sum": string(sum), "main.go": body} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", "run", "-mod=mod", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's tour does not run: %v\n%s", err, out)
	}
	// Each "// want" the tour's comments give, in order.
	for _, want := range []string{"5.78", "2024-11: base 2023-11 is missing", "8 2025-04", "[2025-11: 5493.9] t"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the tour printed\n%s\nwithout %q", out, want)
		}
	}
}
