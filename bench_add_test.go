package tradeflow_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// addSeries adds n figures to one series: months months, each in
// n/months vintages (300 months: a real-time data set, every release
// reprinting the history; n months: one vintage of a long history).
func addSeries(b *testing.B, n, months int) *tradeflow.Dataset {
	ds := tradeflow.NewDataset("bench")
	usd := tradeflow.MustParseUnitCode("USD")
	k := tradeflow.MustParseKey("CN X WLD TOTAL value")
	day0 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		f := tradeflow.Figure{Key: k, Period: series.MonthPeriod(series.MustParseMonth("1000-01").AddMonths(i % months)), Value: decimal.New(int64(i), 0),
			Unit: usd, Vintage: tradeflow.VintageOf(day0.AddDate(0, 0, i/months)), Source: "s"}
		if err := ds.Add(f); err != nil {
			b.Fatal(err)
		}
	}
	return ds
}

// BenchmarkAddOneSeries: adding n figures to one series costs n times its
// distinct periods, not n² (each Add compared with every figure before
// it): compare the ns/op of 5k and 20k.
func BenchmarkAddOneSeries(b *testing.B) {
	for _, n := range []int{5_000, 20_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				addSeries(b, n, 300)
			}
		})
	}
}

// BenchmarkAddThenGet: a read after an Add rebuilds the whole index, so
// one Add and one Get cost in proportion to the whole dataset: compare
// the ns/op of 10k and 100k figures.
func BenchmarkAddThenGet(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ds := tradeflow.NewDataset("bench")
			usd := tradeflow.MustParseUnitCode("USD")
			v := tradeflow.VintageOf(time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC))
			for i := range n {
				k := tradeflow.MustParseKey(fmt.Sprintf("CN X US S4:%d value", i))
				if err := ds.Add(tradeflow.Figure{Key: k, Period: series.MonthPeriod(series.MustParseMonth("2025-01")), Value: decimal.New(1, 0), Unit: usd, Vintage: v, Source: "s"}); err != nil {
					b.Fatal(err)
				}
			}
			k := tradeflow.MustParseKey("CN X WLD TOTAL value")
			day0 := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
			i := 0
			for b.Loop() {
				i++
				if err := ds.Add(tradeflow.Figure{Key: k, Period: series.MonthPeriod(series.MustParseMonth("2025-01")), Value: decimal.New(int64(i), 0),
					Unit: usd, Vintage: tradeflow.VintageOf(day0.AddDate(0, 0, i)), Source: "s"}); err != nil {
					b.Fatal(err)
				}
				if _, err := tradeflow.Get[series.USD](ds, k); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAddManyMonths: adding a series of n distinct months, one
// vintage, checks each figure for overlaps against the periods that share
// a month with it, not against every period of the series: compare the
// ns/op of 2k and 8k (4 times the months must cost about 4 times, not 16).
func BenchmarkAddManyMonths(b *testing.B) {
	for _, n := range []int{2_000, 8_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				addSeries(b, n, n)
			}
		})
	}
}
