package main

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradeflow-go/tradeflow/series"
)

// charts draws the U.S. export rates with the −10% line and the streak,
// and the contributions to November's growth, as PNG files in dir.
func (nb *notebook) charts(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := usChart(nb.usRates, nb.usRun, filepath.Join(dir, "us-exports-yoy.png")); err != nil {
		return err
	}
	if err := contributionChart(nb, filepath.Join(dir, "contributions-2025-11.png")); err != nil {
		return err
	}
	fmt.Fprintf(nb.w, "\ncharts: us-exports-yoy.png, contributions-2025-11.png\n")
	return nil
}

var red = color.RGBA{R: 200, G: 30, B: 30, A: 255}

// usChart plots the published year-on-year rates of exports to the U.S.
// from 2024, one point an observation at its last month (the combined
// January–February release sits at February), the streak in red.
func usChart(rates series.Series[series.Percent], run series.Run, path string) error {
	p := plot.New()
	p.Title.Text = "China's exports to the U.S., year on year (%, as published)"
	p.Y.Label.Text = "%"
	from := series.MustParseMonth("2024-01")
	var all, streak plotter.XYs
	for per, v := range rates.Slice(from, series.MustParseMonth("2025-12")).All() {
		x := float64(per.Last.MonthsSince(from))
		y, _ := v.Float64()
		all = append(all, plotter.XY{X: x, Y: y})
		if run.Len > 0 && run.Period.Contains(per.Last) {
			streak = append(streak, plotter.XY{X: x, Y: y})
		}
	}
	line, points, err := plotter.NewLinePoints(all)
	if err != nil {
		return err
	}
	hot, err := plotter.NewScatter(streak)
	if err != nil {
		return err
	}
	hot.Color, hot.Radius, hot.Shape = red, vg.Points(4), draw.CircleGlyph{}
	minus10 := plotter.NewFunction(func(float64) float64 { return -10 })
	minus10.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	minus10.Color = red
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Color = color.Gray{Y: 160}
	p.Add(zero, minus10, line, points, hot)
	p.Legend.Add("published rate", line, points)
	p.Legend.Add(fmt.Sprintf("below −10%%: %d months in a row", run.Len), hot)
	p.Legend.Add("−10%", minus10)
	p.Legend.Top = true
	p.X.Min, p.X.Max = 0, 23
	p.X.Tick.Marker = monthTicks{from}
	return p.Save(8*vg.Inch, 4*vg.Inch, path)
}

// monthTicks labels a month axis counted from a first month.
type monthTicks struct{ from series.Month }

func (t monthTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for x := int(min); x <= int(max); x++ {
		label := ""
		if x%3 == 0 {
			label = t.from.AddMonths(x).String()
		}
		ts = append(ts, plot.Tick{Value: float64(x), Label: label})
	}
	return ts
}

// contributionChart draws each part's contribution to November's export
// growth, in percentage points, and the total.
func contributionChart(nb *notebook, path string) error {
	d := nb.contributions
	p := plot.New()
	p.Title.Text = "Contributions to China's export growth, November 2025 (pp)"
	var vals plotter.Values
	var names []string
	for _, c := range d.Parts {
		v, _ := c.Points.Float64()
		vals = append(vals, v)
		names = append(names, c.Name)
	}
	t, _ := d.Total.Points.Float64()
	vals = append(vals, t)
	names = append(names, "total growth (%)")
	bars, err := plotter.NewBarChart(vals, vg.Points(40))
	if err != nil {
		return err
	}
	bars.Color = color.RGBA{R: 40, G: 90, B: 170, A: 255}
	p.Add(bars)
	p.NominalX(names...)
	zero := plotter.NewFunction(func(float64) float64 { return 0 })
	zero.Color = color.Gray{Y: 120}
	p.Add(zero)
	return p.Save(6*vg.Inch, 4*vg.Inch, path)
}
