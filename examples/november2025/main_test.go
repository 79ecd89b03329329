package main

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradeflow-go/tradeflow/internal/golden"
)

// TestNovember2025 runs the whole notebook on the shipped data. run fails
// if any figure reproducible from levels misses the report's rounding; the
// golden file holds everything the program printed, for a reviewer to check
// against the report.
func TestNovember2025(t *testing.T) {
	var out bytes.Buffer
	charts := t.TempDir()
	if err := run(&out, filepath.Join("..", "data"), charts); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "november2025", out.Bytes())
	for _, name := range []string{"us-exports-yoy.png", "contributions-2025-11.png"} {
		f, err := os.Open(filepath.Join(charts, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 200 {
			t.Errorf("%s: %v is too small for a chart", name, b)
		}
	}
}
