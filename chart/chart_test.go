package chart_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/internal/golden"
	"github.com/tradeflow-go/tradeflow/series"
)

var out = flag.String("out", "", "also write every chart to this directory, to look at")

// A writer is a chart.
type writer interface {
	WritePNG(io.Writer, chart.Size) error
	WriteSVG(io.Writer, chart.Size) error
}

const customs = "General Administration of Customs of China"

// testCharts are the charts every test draws: each kind of chart, the
// features of each, and awkward data.
func testCharts() []struct {
	name string
	c    writer
} {
	rates := usRates()
	run := series.Streak(rates, month("2025-11"), func(v decimal.Decimal) bool { return v.LessThan(dec("-10")) })
	us := chart.LineChart[series.Percent]{
		Title:      "China's exports to the U.S. have fallen by more than 10% for eight months in a row",
		Subtitle:   "Exports to the United States, change on a year earlier, as published",
		Note:       "No figure was published for March, May, July and November 2024; January and February are combined.",
		Source:     customs,
		Lines:      []chart.Line[series.Percent]{{Name: "Exports to the U.S.", Series: rates}},
		References: []chart.Reference{{Value: dec("-10")}},
		Highlights: []chart.Highlight{{Period: run.Period, Label: fmt.Sprintf("%d months below −10%%", run.Len)}},
	}
	x, m := worldRates()
	world := chart.LineChart[series.Percent]{
		Title:    "Exports grew faster than imports",
		Subtitle: "China's trade, change on a year earlier",
		Source:   customs,
		Lines:    []chart.Line[series.Percent]{{Name: "Exports", Series: x}, {Name: "Imports", Series: m}},
	}
	factory := chart.LineChart[series.Index]{
		Title:      "Factory activity has contracted in most months",
		Subtitle:   "Official manufacturing purchasing managers' index; below 50 is contraction",
		Source:     "National Bureau of Statistics",
		Lines:      []chart.Line[series.Index]{{Series: pmi()}},
		References: []chart.Reference{{Value: dec("50"), Label: "50: no change"}},
	}
	long := chart.LineChart[series.USDBillion]{
		Title:    "A made-up level over ten years",
		Subtitle: "Two-month totals are not monthly values, so January and February are gaps",
		Lines:    []chart.Line[series.USDBillion]{{Series: syntheticLevels()}},
	}
	contrib := chart.Contributions(novContributions(), 1)
	contrib.Title = "Sales to the rest of the world more than offset the fall in exports to the U.S."
	contrib.Subtitle = "Contributions to the growth of China's exports, November 2025 on a year earlier"
	contrib.Source = customs
	shares := chart.Shares[series.USDMillion](janNovShares(), 1)
	shares.Title = "ASEAN is China's largest export market"
	shares.Subtitle = "Shares of China's exports, January–November 2025"
	shares.Source = customs
	losses := chart.BarChart{
		Title:    "A made-up decline, mostly from one product group",
		Subtitle: "Contributions to the change of imports",
		Symbol:   "pp",
		Bars: []chart.Bar{
			{Name: "Crude oil, natural gas and other mineral fuels", Value: dec("-6.04")},
			{Name: "Integrated circuits", Value: dec("1.25")},
			{Name: "Iron ore", Value: dec("-0.96")},
			{Name: "Other", Value: dec("0.05")},
		},
		Total:  chart.Total{Name: "Total change", Value: dec("-5.7"), Symbol: "%"},
		Places: 1,
		Signed: true,
	}
	one := chart.LineChart[series.Percent]{
		Title: "One month",
		Lines: []chart.Line[series.Percent]{{Series: series.MustFromStrings[series.Percent](month("2025-11"), "-28.6")}},
	}
	allDown := chart.BarChart{
		Title:  "Every market fell",
		Symbol: "%",
		Bars:   []chart.Bar{{Name: "United States", Value: dec("-18.9")}, {Name: "South Korea", Value: dec("-1.3")}},
		Places: 1,
		Signed: true,
	}
	return []struct {
		name string
		c    writer
	}{
		{"us-rates", us}, {"world-rates", world}, {"pmi", factory}, {"long-levels", long},
		{"contributions", contrib}, {"shares", shares}, {"losses", losses},
		{"one-month", one}, {"all-down", allDown},
	}
}

var sizes = []struct {
	name string
	s    chart.Size
}{{"web", chart.Web()}, {"print", chart.Print()}}

// TestPNG decodes every chart's PNG and checks its size in pixels.
func TestPNG(t *testing.T) {
	for _, tc := range testCharts() {
		for _, sz := range sizes {
			t.Run(tc.name+"/"+sz.name, func(t *testing.T) {
				if testing.Short() && sz.name == "print" && tc.name != "us-rates" {
					// Rasterising 2.3 million pixels is slow under the race
					// detector; the SVG tests cover every print layout.
					t.Skip("one print PNG in -short mode")
				}
				var buf bytes.Buffer
				require.NoError(t, tc.c.WritePNG(&buf, sz.s))
				img, err := png.Decode(bytes.NewReader(buf.Bytes()))
				require.NoError(t, err)
				w, h := sz.s.Pixels()
				assert.Equal(t, image.Rect(0, 0, w, h), img.Bounds())
				if *out != "" {
					require.NoError(t, os.WriteFile(filepath.Join(*out, tc.name+"-"+sz.name+".png"), buf.Bytes(), 0o644))
				}
			})
		}
	}
}

func TestPNGSizes(t *testing.T) {
	w, h := chart.Web().Pixels()
	assert.Equal(t, [2]int{800, 500}, [2]int{w, h})
	w, h = chart.Print().Pixels()
	assert.Equal(t, [2]int{1950, 1200}, [2]int{w, h})
}

// TestDivergingColours checks that gains and losses are drawn in two
// colours, and shares (all gains) in one.
func TestDivergingColours(t *testing.T) {
	gain, loss := color.RGBA{0x1f, 0x5f, 0xa8, 0xff}, color.RGBA{0xd0, 0x3b, 0x2e, 0xff}
	has := func(c writer) (gains, losses bool) {
		var buf bytes.Buffer
		require.NoError(t, c.WritePNG(&buf, chart.Web()))
		img, err := png.Decode(&buf)
		require.NoError(t, err)
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				switch color.RGBAModel.Convert(img.At(x, y)) {
				case gain:
					gains = true
				case loss:
					losses = true
				}
			}
		}
		return gains, losses
	}
	g, l := has(chart.Contributions(novContributions(), 1))
	assert.True(t, g && l, "contributions: gains %v, losses %v", g, l)
	g, l = has(chart.Shares[series.USDMillion](janNovShares(), 1))
	assert.True(t, g && !l, "shares: gains %v, losses %v", g, l)
}

// An svgText is a text element of an SVG, placed with the origin at the top
// left.
type svgText struct {
	x, y float64 // the start of the baseline
	size float64
	bold bool
	s    string
	// length is the width the SVG asks the viewer to fit the text to.
	length float64
}

var fontSize = regexp.MustCompile(`font-size:([0-9.]+)px`)

// parseSVG checks that b is an XML document whose root is an svg element
// of size w × h points, and returns its text elements in order.
func parseSVG(t *testing.T, b []byte, w, h float64) []svgText {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var texts []svgText
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		attr := map[string]string{}
		for _, a := range se.Attr {
			attr[a.Name.Local] = a.Value
		}
		if root {
			require.Equal(t, "svg", se.Name.Local)
			assert.Equal(t, fmt.Sprintf("%gpt", w), attr["width"])
			assert.Equal(t, fmt.Sprintf("%gpt", h), attr["height"])
			root = false
		}
		if se.Name.Local != "text" {
			continue
		}
		var s string
		require.NoError(t, d.DecodeElement(&s, &se))
		x, err := strconv.ParseFloat(attr["x"], 64)
		require.NoError(t, err)
		y, err := strconv.ParseFloat(attr["y"], 64)
		require.NoError(t, err)
		length, err := strconv.ParseFloat(attr["textLength"], 64)
		require.NoError(t, err, "a text element without a textLength: %q", s)
		m := fontSize.FindStringSubmatch(attr["style"])
		require.NotNil(t, m, attr["style"])
		size, err := strconv.ParseFloat(m[1], 64)
		require.NoError(t, err)
		// The canvas flips y; a text's y is minus its height above the
		// foot of the chart.
		texts = append(texts, svgText{x: x, y: h + y, size: size, bold: strings.Contains(attr["style"], "font-weight:bold"), s: s, length: length})
	}
	require.False(t, root, "no svg element")
	return texts
}

var faces = font.NewCache(liberation.Collection())

// box returns a text's extent: its advance, and from the height of capitals
// above the baseline to the depth of descenders below it.
func (t svgText) box() (x0, y0, x1, y1 float64) {
	fn := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Length(t.size)}
	if t.bold {
		fn.Weight = xfont.WeightBold
	}
	f := faces.Lookup(fn, fn.Size)
	w := f.Width(t.s).Points()
	return t.x, t.y - 0.72*t.size, t.x + w, t.y + 0.21*t.size
}

// TestSVG parses every chart's SVG, checks its size, that no text runs off
// the chart or over another text, and compares its text elements — title,
// subtitle, unit, tick labels, value labels, note, source — with a golden
// file.
func TestSVG(t *testing.T) {
	for _, tc := range testCharts() {
		for _, sz := range sizes {
			t.Run(tc.name+"/"+sz.name, func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, tc.c.WriteSVG(&buf, sz.s))
				texts := parseSVG(t, buf.Bytes(), sz.s.Width, sz.s.Height)
				assert.Contains(t, buf.String(), "font-family:'Liberation Sans',Arial,", "a fallback for the font")
				var g strings.Builder
				for i, tx := range texts {
					x0, y0, x1, y1 := tx.box()
					// Whatever font the viewer has, the text keeps the
					// width it was laid out with.
					assert.InDelta(t, x1-x0, tx.length, 0.006, "%q: textLength", tx.s)
					assert.True(t, x0 >= 0 && y0 >= 0 && x1 <= sz.s.Width && y1 <= sz.s.Height,
						"%q runs off the chart: %.1f,%.1f–%.1f,%.1f", tx.s, x0, y0, x1, y1)
					for _, o := range texts[:i] {
						a0, b0, a1, b1 := o.box()
						assert.False(t, x0 < a1 && a0 < x1 && y0 < b1 && b0 < y1, "%q overlaps %q", tx.s, o.s)
					}
					weight := ""
					if tx.bold {
						weight = "bold"
					}
					fmt.Fprintf(&g, "%-5g %-4s %s\n", tx.size, weight, tx.s)
				}
				golden.Check(t, tc.name+"-"+sz.name, []byte(g.String()))
				if *out != "" {
					require.NoError(t, os.WriteFile(filepath.Join(*out, tc.name+"-"+sz.name+".svg"), buf.Bytes(), 0o644))
				}
			})
		}
	}
}

var pathData = regexp.MustCompile(`<path d="([^"]*)" style="fill:none;stroke:#1F5FA8;`)

// TestLinesBreakAtGaps checks in the drawing itself that the U.S. rates are
// joined only across months with figures: the runs from August to October
// 2024 (3 points) and from December 2024 to November 2025 (11 points, with
// January–February as one); the other points stand alone.
func TestLinesBreakAtGaps(t *testing.T) {
	var buf bytes.Buffer
	c := chart.LineChart[series.Percent]{Lines: []chart.Line[series.Percent]{{Series: usRates()}}}
	require.NoError(t, c.WriteSVG(&buf, chart.Web()))
	var points []int
	for _, m := range pathData.FindAllStringSubmatch(buf.String(), -1) {
		points = append(points, strings.Count(m[1], "L")+1)
	}
	assert.Equal(t, []int{3, 11}, points)
}

func TestEmpty(t *testing.T) {
	var empty series.Series[series.Percent]
	tests := []struct {
		name string
		c    writer
	}{
		{"no line", chart.LineChart[series.Percent]{Title: "t"}},
		{"empty series", chart.LineChart[series.Percent]{Lines: []chart.Line[series.Percent]{{Series: empty}}}},
		{"nothing in the period", chart.LineChart[series.Percent]{
			Lines:  []chart.Line[series.Percent]{{Series: usRates()}},
			Period: series.Period{First: month("2020-01"), Last: month("2020-12")},
		}},
		{"amounts over two months only", chart.LineChart[series.USDMillion]{
			Lines: []chart.Line[series.USDMillion]{{Series: combinedOnly()}},
		}},
		{"no bar", chart.BarChart{Title: "t", Total: chart.Total{Name: "Total", Value: dec("1")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.ErrorIs(t, tt.c.WritePNG(io.Discard, chart.Web()), chart.ErrEmpty)
			assert.ErrorIs(t, tt.c.WriteSVG(io.Discard, chart.Web()), chart.ErrEmpty)
		})
	}
}

func TestTooSmall(t *testing.T) {
	tiny := chart.Size{Width: 200, Height: 80, DPI: 72, FontSize: 10}
	long := strings.Repeat("A headline that goes on ", 4)
	line := chart.LineChart[series.Percent]{Title: long, Lines: []chart.Line[series.Percent]{{Series: usRates()}}}
	err := line.WritePNG(io.Discard, tiny)
	require.ErrorIs(t, err, chart.ErrTooSmall)
	assert.Contains(t, err.Error(), "of 80 pt in height")

	bars := chart.Shares[series.USDMillion](janNovShares(), 1)
	err = bars.WriteSVG(io.Discard, chart.Size{Width: 400, Height: 120, FontSize: 10})
	require.ErrorIs(t, err, chart.ErrTooSmall)
	assert.Contains(t, err.Error(), "10 bars do not fit")

	// The same charts fit at the usual sizes.
	assert.NoError(t, line.WritePNG(io.Discard, chart.Web()))
	assert.NoError(t, bars.WriteSVG(io.Discard, chart.Print()))
}

func TestPanics(t *testing.T) {
	c := chart.LineChart[series.Percent]{Lines: []chart.Line[series.Percent]{{Series: usRates()}}}
	assert.Panics(t, func() { _ = c.WritePNG(io.Discard, chart.Size{Width: 600, Height: 375, FontSize: 10}) }, "no DPI")
	assert.NotPanics(t, func() { _ = c.WriteSVG(io.Discard, chart.Size{Width: 600, Height: 375, FontSize: 10}) }, "an SVG needs no DPI")
	assert.Panics(t, func() { _ = c.WriteSVG(io.Discard, chart.Size{Width: 600, Height: 375}) }, "no font size")
	assert.Panics(t, func() { _ = c.WriteSVG(io.Discard, chart.Size{Width: math.Inf(1), Height: 375, FontSize: 10}) })
	c.Period = series.Period{First: month("2025-02"), Last: month("2025-01")}
	assert.Panics(t, func() { _ = c.WriteSVG(io.Discard, chart.Web()) }, "an invalid period")
}

func combinedOnly() series.Series[series.USDMillion] {
	var b series.Builder[series.USDMillion]
	b.SetCombined(series.Period{First: month("2025-01"), Last: month("2025-02")}, dec("1"))
	return mustSeries(&b)
}

// TestConcurrent draws one chart from several goroutines: charts are
// values and share only the font cache.
func TestConcurrent(t *testing.T) {
	c := testCharts()[0].c
	var want bytes.Buffer
	require.NoError(t, c.WriteSVG(&want, chart.Web()))
	got := make([]bytes.Buffer, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.NoError(t, c.WriteSVG(&got[i], chart.Web()))
		}()
	}
	wg.Wait()
	for i := range got {
		assert.Equal(t, want.String(), got[i].String())
	}
}

// failWriter fails every write.
type failWriter struct{}

var errWrite = errors.New("disk full")

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteError(t *testing.T) {
	for _, tc := range testCharts()[:1] {
		assert.ErrorIs(t, tc.c.WritePNG(failWriter{}, chart.Web()), errWrite)
		assert.ErrorIs(t, tc.c.WriteSVG(failWriter{}, chart.Web()), errWrite)
	}
}

func TestContributions(t *testing.T) {
	d := novContributions()
	c := chart.Contributions(d, 1)
	require.Len(t, c.Bars, 2)
	assert.Equal(t, "United States", c.Bars[0].Name)
	assert.Equal(t, "Rest of world", c.Bars[1].Name)
	assert.Equal(t, "pp", c.Symbol)
	assert.True(t, c.Signed)
	assert.Equal(t, "Total growth", c.Total.Name)
	assert.Equal(t, "%", c.Total.Symbol)
	assert.True(t, c.Total.Value.Equal(dec("5.8")), "total %v", c.Total.Value)
	// The printed contributions add up to the printed total.
	sum := decimal.Zero
	for _, b := range c.Bars {
		sum = sum.Add(b.Value)
	}
	assert.True(t, sum.Equal(c.Total.Value), "%v + %v = %v, total %v", c.Bars[0].Value, c.Bars[1].Value, sum, c.Total.Value)
}

func TestShares(t *testing.T) {
	c := chart.Shares[series.USDMillion](janNovShares(), 1)
	require.Len(t, c.Bars, 10)
	assert.Equal(t, "ASEAN", c.Bars[0].Name)
	assert.Equal(t, "Rest of world", c.Bars[9].Name)
	assert.Equal(t, "%", c.Symbol)
	assert.False(t, c.Signed)
	assert.Equal(t, "Total", c.Total.Name)
	assert.Equal(t, "USD mn", c.Total.Symbol)
	assert.True(t, c.Total.Value.Equal(dec("3414732.8")))
	sum := decimal.Zero
	for _, b := range c.Bars {
		sum = sum.Add(b.Value)
		assert.True(t, b.Value.Equal(b.Value.Round(1)), "%s %v has more than one place", b.Name, b.Value)
	}
	assert.True(t, sum.Equal(dec("100")), "shares sum to %v", sum)
}

// TestLineAtCalendarEdges: a series with observations at 0001-01 and
// 9999-12 draws, with no month stepped past the calendar.
func TestLineAtCalendarEdges(t *testing.T) {
	for _, start := range []string{"0001-01", "9999-10"} {
		s := series.MustFromStrings[series.Percent](month(start), "1", "2", "3")
		c := chart.LineChart[series.Percent]{Title: "Edges", Lines: []chart.Line[series.Percent]{{Series: s}}}
		var svg bytes.Buffer
		require.NotPanics(t, func() { require.NoError(t, c.WriteSVG(&svg, chart.Web())) }, start)
		assert.NotZero(t, svg.Len())
	}
}
