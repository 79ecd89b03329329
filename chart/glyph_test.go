package chart_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/series"
)

// Text the font cannot draw (Chinese) is an error naming the character,
// in both formats and both kinds of chart, rather than a PNG that leaves
// it out; Latin, Greek and Cyrillic text and the charts' own signs draw.
func TestTextWithoutGlyphs(t *testing.T) {
	s := series.MustFromStrings[series.USD](series.MustParseMonth("2025-01"), "1", "2", "3")
	line := func(title, name string) chart.LineChart[series.USD] {
		return chart.LineChart[series.USD]{Title: title, Source: "GACC", Lines: []chart.Line[series.USD]{{Name: name, Series: s}, {Name: "b", Series: s}}}
	}
	bar := func(title, name string) chart.BarChart {
		return chart.BarChart{Title: title, Symbol: "pp", Places: 1, Bars: []chart.Bar{{Name: name, Value: decimal.NewFromInt(1)}}}
	}
	type writer func(*bytes.Buffer, chart.Size) error
	for _, title := range []string{"中国出口", "Exports"} {
		for _, name := range []string{"出口", "Ausfuhr – Ελλάδα – Россия −10% ≥ €"} {
			bad := strings.ContainsRune(title+name, '中') || strings.ContainsRune(title+name, '出')
			for kind, w := range map[string]writer{
				"line PNG": func(b *bytes.Buffer, sz chart.Size) error { return line(title, name).WritePNG(b, sz) },
				"line SVG": func(b *bytes.Buffer, sz chart.Size) error { return line(title, name).WriteSVG(b, sz) },
				"bar PNG":  func(b *bytes.Buffer, sz chart.Size) error { return bar(title, name).WritePNG(b, sz) },
				"bar SVG":  func(b *bytes.Buffer, sz chart.Size) error { return bar(title, name).WriteSVG(b, sz) },
			} {
				var b bytes.Buffer
				err := w(&b, chart.Web())
				if bad {
					if !errors.Is(err, chart.ErrGlyph) || !strings.Contains(err.Error(), "U+") {
						t.Errorf("%s %q %q: %v, want ErrGlyph naming the character", kind, title, name, err)
					}
					if b.Len() != 0 {
						t.Errorf("%s: %d bytes written before the error", kind, b.Len())
					}
				} else if err != nil {
					t.Errorf("%s %q %q: %v", kind, title, name, err)
				}
			}
		}
	}
}
