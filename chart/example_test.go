package chart_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// printText prints the text elements of an SVG, one a line.
func printText(svg io.Reader) {
	d := xml.NewDecoder(svg)
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "text" {
			var s string
			_ = d.DecodeElement(&s, &se)
			fmt.Println(s)
		}
	}
}

// Published year-on-year rates of China's exports to the United States.
// There is no figure for July; the streak below −10% is drawn shaded.
func ExampleLineChart() {
	var b series.Builder[series.Percent]
	for m, v := range map[string]string{
		"2025-03": "4.5", "2025-04": "-21.0", "2025-05": "-34.5", "2025-06": "-16.1",
		"2025-08": "-33.1", "2025-09": "-27.0", "2025-10": "-25.2", "2025-11": "-28.6",
	} {
		_ = b.SetString(series.MustParseMonth(m), v)
	}
	rates, err := b.Series()
	if err != nil {
		fmt.Println(err)
		return
	}
	below := func(v decimal.Decimal) bool { return v.LessThan(decimal.NewFromInt(-10)) }
	run := series.Streak(rates, series.MustParseMonth("2025-11"), below)

	c := chart.LineChart[series.Percent]{
		Title:      "Exports to the U.S. keep falling",
		Subtitle:   "China's exports to the United States, change on a year earlier",
		Note:       "No figure for July.",
		Source:     "General Administration of Customs of China",
		Lines:      []chart.Line[series.Percent]{{Series: rates}},
		References: []chart.Reference{{Value: decimal.NewFromInt(-10)}},
		Highlights: []chart.Highlight{{Period: run.Period, Label: fmt.Sprintf("%d months below −10%%", run.Len)}},
	}
	var svg bytes.Buffer
	if err := c.WriteSVG(&svg, chart.Web()); err != nil {
		fmt.Println(err)
		return
	}
	printText(&svg)
	// Output:
	// Exports to the U.S. keep falling
	// China's exports to the United States, change on a year earlier
	// No figure for July.
	// Source: General Administration of Customs of China
	// %
	// −40
	// −30
	// −20
	// −10
	// 0
	// 10
	// −10%
	// Mar
	// 2025
	// Apr
	// May
	// Jun
	// Jul
	// Aug
	// Sep
	// Oct
	// Nov
	// 4 months below −10%
}

// A PNG for a web page, written to a file.
func ExampleLineChart_WritePNG() {
	c := chart.LineChart[series.Index]{
		Title:      "Factory activity",
		Subtitle:   "Official manufacturing PMI",
		Source:     "National Bureau of Statistics",
		Lines:      []chart.Line[series.Index]{{Series: series.MustFromStrings[series.Index](series.MustParseMonth("2025-07"), "49.3", "49.4", "49.8", "49.0", "49.2", "50.1")}},
		References: []chart.Reference{{Value: decimal.NewFromInt(50), Label: "50: no change"}},
	}
	f, err := os.CreateTemp("", "pmi-*.png")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(f.Name())
	if err := c.WritePNG(f, chart.Web()); err != nil {
		fmt.Println(err)
		return
	}
	_, _ = f.Seek(0, io.SeekStart)
	cfg, err := png.DecodeConfig(f)
	f.Close()
	fmt.Println(cfg.Width, "×", cfg.Height, "pixels", err)
	// Output: 800 × 500 pixels <nil>
}

// Any labelled values make a bar chart; the total is written apart, in its
// own unit.
func ExampleBarChart() {
	c := chart.BarChart{
		Title:    "Fuels pulled imports down",
		Subtitle: "Contributions to the change of imports on a year earlier",
		Symbol:   "pp",
		Bars: []chart.Bar{
			{Name: "Mineral fuels", Value: decimal.RequireFromString("-2.84")},
			{Name: "Integrated circuits", Value: decimal.RequireFromString("1.26")},
			{Name: "Other", Value: decimal.RequireFromString("0.38")},
		},
		Total:  chart.Total{Name: "Total change", Value: decimal.RequireFromString("-1.2"), Symbol: "%"},
		Places: 1,
		Signed: true,
	}
	var svg bytes.Buffer
	if err := c.WriteSVG(&svg, chart.Print()); err != nil {
		fmt.Println(err)
		return
	}
	printText(&svg)
	// Output:
	// Fuels pulled imports down
	// Contributions to the change of imports on a year earlier
	// pp
	// Mineral fuels
	// −2.8
	// Integrated circuits
	// +1.3
	// Other
	// +0.4
	// −3
	// −2
	// −1
	// 0
	// 1
	// 2
	// Total change
	// −1.2%
}

// The contributions of the United States and the rest of the world to the
// growth of China's exports in November 2025, in percentage points; the
// total's growth is in percent.
func ExampleContributions() {
	nov := series.MustParseMonth("2025-11")
	total := series.MustFromStrings[series.USDMillion](nov.AddMonths(-12), "312310")
	us := series.MustFromStrings[series.USDMillion](nov.AddMonths(-12), "47300")
	var bt, bu series.Builder[series.USDMillion]
	for p, v := range total.All() {
		bt.Set(p.First, v)
	}
	for p, v := range us.All() {
		bu.Set(p.First, v)
	}
	bt.Set(nov, decimal.RequireFromString("330350"))
	bu.Set(nov, decimal.RequireFromString("33789.1"))
	total, _ = bt.Series()
	us, _ = bu.Series()

	d, err := partner.Contributions(series.MonthPeriod(nov), total, []partner.Part[series.USDMillion]{{Name: "United States", Series: us}})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := chart.Contributions(d, 1)
	c.Title = "Sales elsewhere more than offset the fall in exports to the U.S."
	for _, b := range c.Bars {
		fmt.Println(b.Name, b.Value, c.Symbol)
	}
	fmt.Println(c.Total.Name, c.Total.Value, c.Total.Symbol)
	// Output:
	// United States -4.3 pp
	// Rest of world 10.1 pp
	// Total growth 5.8 %
}

// Shares of China's exports, January–November 2025, rounded so that they
// add up to 100.
func ExampleShares() {
	janNov := series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-11")}
	level := func(v string) series.Series[series.USDMillion] {
		var b series.Builder[series.USDMillion]
		b.SetCombined(janNov, decimal.RequireFromString(v))
		s, _ := b.Series()
		return s
	}
	br, err := partner.Shares(janNov, level("3414732.8"), []partner.Part[series.USDMillion]{
		{Name: "ASEAN", Series: level("599033.5")},
		{Name: "European Union", Series: level("508047.9")},
		{Name: "United States", Series: level("385907.0")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := chart.Shares[series.USDMillion](br, 1)
	for _, b := range c.Bars {
		fmt.Println(b.Name, b.Value, c.Symbol)
	}
	fmt.Println(c.Total.Name, c.Total.Value, c.Total.Symbol)
	// Output:
	// ASEAN 17.5 %
	// European Union 14.9 %
	// United States 11.3 %
	// Rest of world 56.3 %
	// Total 3414732.8 USD mn
}

func ExampleSize_Pixels() {
	for _, s := range []chart.Size{chart.Web(), chart.Print()} {
		w, h := s.Pixels()
		fmt.Printf("%g × %g pt at %d dpi: %d × %d pixels\n", s.Width, s.Height, s.DPI, w, h)
	}
	// Output:
	// 600 × 375 pt at 96 dpi: 800 × 500 pixels
	// 468 × 288 pt at 300 dpi: 1950 × 1200 pixels
}
