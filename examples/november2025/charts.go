package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// source is the source line of every chart: the rows each chart draws
// name their own sources in the shipped data.
const source = "China's customs (GACC), as published; every figure with its source in the shipped data"

// A drawing is a chart the program writes, as PNG and SVG.
type drawing interface {
	WritePNG(w io.Writer, s chart.Size) error
	WriteSVG(w io.Writer, s chart.Size) error
}

// charts draws the published rates of exports to the U.S. with the −10%
// line and the streak, the contributions to November's export growth, and
// the markets' shares of January–November exports, each as a PNG and an
// SVG in dir, at the size for a web page.
func (nb *notebook) charts(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	shares, exact, err := nb.sharesChart()
	if err != nil {
		return err
	}
	var names []string
	for _, c := range []struct {
		name string
		c    drawing
	}{
		{"us-exports-yoy", nb.usChart()},
		{"contributions-2025-11", nb.contributionChart()},
		{"shares-2025-jan-nov", shares},
	} {
		for _, f := range []struct {
			ext   string
			write func(io.Writer, chart.Size) error
		}{{".png", c.c.WritePNG}, {".svg", c.c.WriteSVG}} {
			var buf bytes.Buffer
			if err := f.write(&buf, chart.Web()); err != nil {
				return fmt.Errorf("%s%s: %w", c.name, f.ext, err)
			}
			if err := os.WriteFile(filepath.Join(dir, c.name+f.ext), buf.Bytes(), 0o644); err != nil {
				return err
			}
		}
		names = append(names, c.name)
	}
	fmt.Fprintf(nb.w, "\ncharts (PNG and SVG): %s\n", strings.Join(names, ", "))
	// The shares as drawn, rounded to add up to 100, and as computed.
	var bars []string
	for _, b := range shares.Bars {
		bars = append(bars, fmt.Sprintf("%s %s%% (%s)", b.Name, number.Fixed(b.Value, shares.Places), number.Fixed(exact[b.Name], 2)))
	}
	fmt.Fprintf(nb.w, "shares of January–November exports of %s, as drawn (and to two places):\n  %s\n",
		number.WithUnit(number.Fixed(shares.Total.Value, 1), shares.Total.Symbol), strings.Join(bars, ", "))
	return nil
}

// usChart draws the published year-on-year rates of exports to the U.S.
// from 2024 to November 2025: a month with no published rate is a gap in
// the line, and the streak below −10% is shaded.
func (nb *notebook) usChart() chart.LineChart[series.Percent] {
	p := series.Period{First: series.MustParseMonth("2024-01"), Last: nov25}
	var missing []string
	for m := range p.Months() {
		if _, _, ok := nb.usRates.Covering(m); !ok {
			missing = append(missing, m.String())
		}
	}
	note := "January and February are published as one figure."
	if len(missing) > 0 {
		note += " No rate was published for " + strings.Join(missing, ", ") + "."
	}
	return chart.LineChart[series.Percent]{
		Title:      fmt.Sprintf("Exports to the U.S. have fallen by more than 10%% for %d months in a row", nb.usRun.Len),
		Subtitle:   "China's exports to the United States, change on a year earlier, as published",
		Note:       note,
		Source:     source,
		Period:     p,
		Lines:      []chart.Line[series.Percent]{{Series: nb.usRates}},
		References: []chart.Reference{{Value: decimal.NewFromInt(-10)}},
		Highlights: []chart.Highlight{{Period: nb.usRun.Period, Label: fmt.Sprintf("%d months below %s%%", nb.usRun.Len, number.Fixed(decimal.NewFromInt(-10), 0))}},
	}
}

// contributionChart draws each part's contribution to November's export
// growth, in percentage points, with the total's growth apart, in percent.
func (nb *notebook) contributionChart() chart.BarChart {
	c := chart.Contributions(nb.contributions, 1)
	c.Title = "Sales to other markets more than offset the fall in exports to the U.S."
	c.Subtitle = "Contributions to the growth of China's exports, November 2025 on a year earlier"
	c.Note = "From the published levels; the contributions add up to the total's growth."
	c.Source = source
	return c
}

// sharesChart draws the shares of China's exports in January–November
// 2025 that went to each market of the customs' table of major partners,
// largest first, and the rest of the world; it returns the exact shares
// by name beside it. The blocs and the countries do not overlap: no
// listed country is a member of the EU or ASEAN.
func (nb *notebook) sharesChart() (chart.BarChart, map[string]decimal.Decimal, error) {
	level := func(p string) (series.Series[series.USDMillion], error) {
		// The year-to-date figure as printed for January–November, held
		// as one observation for exactly that period.
		s, err := tradeflow.Cumulative[series.USDMillion](nb.customs, key(p, tradeflow.Exports, tradeflow.Value))
		if err != nil {
			return series.Series[series.USDMillion]{}, err
		}
		v, ok := s.At(nov25)
		if !ok {
			return series.Series[series.USDMillion]{}, fmt.Errorf("no January–November 2025 exports to %s", p)
		}
		var b series.Builder[series.USDMillion]
		b.SetCombined(janNov, v)
		return b.Series()
	}
	total, err := level("WLD")
	if err != nil {
		return chart.BarChart{}, nil, err
	}
	var parts []partner.Part[series.USDMillion]
	for _, code := range []string{"ASEAN", "EU", "US", "HK", "KR", "JP", "TW", "RU", "BR"} {
		s, err := level(code)
		if err != nil {
			return chart.BarChart{}, nil, err
		}
		parts = append(parts, partner.Part[series.USDMillion]{Name: partner.MustParseCode(code).Name(), Series: s})
	}
	b, err := partner.Shares(janNov, total, parts)
	if err != nil {
		return chart.BarChart{}, nil, err
	}
	if b.NegativeResidual {
		return chart.BarChart{}, nil, fmt.Errorf("the markets' exports add up to more than the total")
	}
	exact := map[string]decimal.Decimal{}
	for _, sh := range b.Parts {
		exact[sh.Name] = sh.Share
	}
	c := chart.Shares[series.USDMillion](b, 1)
	// Largest first; the rest of the world, which is no market, last.
	rest := c.Bars[len(c.Bars)-1]
	bars := c.Bars[:len(c.Bars)-1]
	slices.SortStableFunc(bars, func(a, b chart.Bar) int { return b.Value.Cmp(a.Value) })
	c.Bars = append(bars, rest)
	c.Title = "Where China's exports went in the first eleven months of 2025"
	c.Subtitle = "Share of China's exports by market, January–November 2025"
	c.Note = "The markets of the customs' table of major partners; the rest of the world is the total less those shown. " +
		"Shares are rounded so that they add up to 100."
	c.Source = source
	return c, exact, nil
}
