package series_test

import (
	"math/rand/v2"
	"testing"

	"github.com/tradeflow-go/tradeflow/series"
)

// The shape of the SPEC's trade panel (shared/bench/SPEC.md): series of 36
// months of values in cents, about 1% of the months missing. Every
// benchmark here reports ns/value over panelSeries × 36 months; run with
// -benchmem or read allocs/op, which is per panelSeries series.
const (
	panelSeries = 1000
	panelMonths = 36
)

var panelStart = series.MustParseMonth("2023-01")

// panelData returns panelSeries series as observed (about 1% of months
// missing) and the same series with the missing months set to zero.
func panelData() (obs, filled []series.Series[series.USD]) {
	rng := rand.New(rand.NewPCG(1, 36))
	var b, z series.Builder[series.USD]
	for range panelSeries {
		b.Reset()
		z.Reset()
		level := 1000 + rng.Int64N(10_000_000)
		for m := range panelMonths {
			v := level*7/10 + rng.Int64N(level*6/10)
			if rng.IntN(100) == 0 {
				v = 0
			} else {
				b.SetInt(panelStart.AddMonths(m), v, -2)
			}
			z.SetInt(panelStart.AddMonths(m), v, -2)
		}
		s, err := b.Series()
		if err != nil {
			panic(err)
		}
		f, err := z.Series()
		if err != nil {
			panic(err)
		}
		obs, filled = append(obs, s), append(filled, f)
	}
	return obs, filled
}

func perValue(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(panelSeries*panelMonths), "ns/value")
}

// BenchmarkPanelBuild builds each series from cents: Series with
// Builder.SetInt and Builder.Series, series by series; SetInt and SetInts
// into one PanelBuilder, with PanelBuilder.SetInt a value or
// PanelBuilder.SetInts a series.
func BenchmarkPanelBuild(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 36))
	cents := make([]int64, panelSeries*panelMonths)
	for i := range cents {
		cents[i] = rng.Int64N(1_000_000_000)
	}
	months := make([]series.Month, panelMonths)
	for m := range months {
		months[m] = panelStart.AddMonths(m)
	}
	per := series.Period{First: months[0], Last: months[panelMonths-1]}
	b.Run("Series", func(b *testing.B) {
		var bl series.Builder[series.USD]
		b.ReportAllocs()
		for b.Loop() {
			for s := range panelSeries {
				bl.Reset()
				for m, v := range cents[s*panelMonths : (s+1)*panelMonths] {
					bl.SetInt(months[m], v, -2)
				}
				if _, err := bl.Series(); err != nil {
					b.Fatal(err)
				}
			}
		}
		perValue(b)
	})
	// Each of the panel's series filled by fill.
	panel := func(b *testing.B, fill func(pb *series.PanelBuilder[series.USD], s int) error) {
		b.ReportAllocs()
		for b.Loop() {
			pb := series.NewPanelBuilder[series.USD](per, panelSeries)
			for s := range panelSeries {
				if err := fill(pb, s); err != nil {
					b.Fatal(err)
				}
			}
			pb.Panel()
		}
		perValue(b)
	}
	b.Run("SetInt", func(b *testing.B) {
		panel(b, func(pb *series.PanelBuilder[series.USD], s int) error {
			for m, v := range cents[s*panelMonths : (s+1)*panelMonths] {
				if err := pb.SetInt(s, months[m], v, -2); err != nil {
					return err
				}
			}
			return nil
		})
	})
	b.Run("SetInts", func(b *testing.B) {
		panel(b, func(pb *series.PanelBuilder[series.USD], s int) error {
			return pb.SetInts(s, months, cents[s*panelMonths:(s+1)*panelMonths], -2)
		})
	})
}

// BenchmarkPanelYoY is series.YoY of each series: the first twelve months
// and those after a missing month have no base, and are gaps. Panel is
// the same on a series.Panel of them.
func BenchmarkPanelYoY(b *testing.B) {
	obs, _ := panelData()
	b.Run("Series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range obs {
				series.YoY(s)
			}
		}
		perValue(b)
	})
	p := series.NewPanel(obs...)
	b.Run("Panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.YoY()
		}
		perValue(b)
	})
}

// BenchmarkPanelYoYRoundSum is the SPEC's yoy_sum for each series: the
// changes rounded to one decimal, then summed with series.Total; Panel
// with Panel.Round and Panel.Total.
func BenchmarkPanelYoYRoundSum(b *testing.B) {
	obs, _ := panelData()
	yoys := make([]series.Series[series.Percent], len(obs))
	for i, s := range obs {
		yoys[i], _ = series.YoY(s)
	}
	per := series.Period{First: panelStart.AddMonths(12), Last: panelStart.AddMonths(panelMonths - 1)}
	b.Run("Series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, y := range yoys {
				series.Total(y.Round(1), per, series.AllowMissing())
			}
		}
		perValue(b)
	})
	p := series.NewPanel(yoys...)
	b.Run("Panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.Round(1).Total(per, series.AllowMissing())
		}
		perValue(b)
	})
}

// BenchmarkPanelYTD is series.YearToDate with AllowMissing, as the SPEC's
// ytd needs, and the sum of the totals with series.Total; Panel with
// Panel.YearToDate and Panel.Total.
func BenchmarkPanelYTD(b *testing.B) {
	obs, _ := panelData()
	per := series.Period{First: panelStart, Last: panelStart.AddMonths(panelMonths - 1)}
	b.Run("Series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, s := range obs {
				y, _ := series.YearToDate(s, series.AllowMissing())
				series.Total(y, per, series.AllowMissing())
			}
		}
		perValue(b)
	})
	p := series.NewPanel(obs...)
	b.Run("Panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.YearToDate(series.AllowMissing()).Total(per, series.AllowMissing())
		}
		perValue(b)
	})
}

// BenchmarkPanelAdd adds up the zero-filled series, as the SPEC's partner
// aggregate does: one series.Add of all of them, or Panel.Aggregate of
// them in one group.
func BenchmarkPanelAdd(b *testing.B) {
	_, filled := panelData()
	b.Run("Series", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, gaps := series.Add(filled[0], filled[1:]...); gaps != nil {
				b.Fatal(gaps)
			}
		}
		perValue(b)
	})
	p := series.NewPanel(filled...)
	group := make([]int, len(filled))
	b.Run("Panel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p.Aggregate(group)
		}
		perValue(b)
	})
}
