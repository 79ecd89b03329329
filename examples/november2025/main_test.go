package main

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/internal/golden"
)

// TestNovember2025 runs the whole notebook on the shipped data. run fails
// if any figure reproducible from levels misses the report's rounding; the
// golden file holds everything the program printed, for a reviewer to check
// against the report. Every chart must decode at the size for a web page.
func TestNovember2025(t *testing.T) {
	var out bytes.Buffer
	charts := t.TempDir()
	if err := run(&out, filepath.Join("..", "data"), charts); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "november2025", out.Bytes())
	for _, name := range []string{"us-exports-yoy", "contributions-2025-11", "shares-2025-jan-nov"} {
		f, err := os.Open(filepath.Join(charts, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s.png: %v", name, err)
		}
		if w, h := chart.Web().Pixels(); img.Bounds() != image.Rect(0, 0, w, h) {
			t.Errorf("%s.png: %v, want a chart for a web page, %d × %d", name, img.Bounds(), w, h)
		}
		svg, err := os.ReadFile(filepath.Join(charts, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(svg, new(struct{})); err != nil {
			t.Errorf("%s.svg: %v", name, err)
		}
		if name == "us-exports-yoy" {
			// The chart the README shows is the one the program draws.
			golden.CheckFile(t, filepath.Join("testdata", name+".svg"), svg)
		}
	}
}
