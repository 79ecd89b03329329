package tradeflow_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// BenchmarkAddManyMonths: adding a series of n distinct months, one
// vintage, checks each figure for overlaps against the periods that share
// a month with it, not against every period of the series: compare the
// ns/op of 2k and 8k (4 times the months must cost about 4 times, not 16).
func BenchmarkAddManyMonths(b *testing.B) {
	usd := tradeflow.MustParseUnitCode("USD")
	k := tradeflow.MustParseKey("CN X WLD TOTAL value")
	v := tradeflow.VintageOf(time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC))
	first := series.MustParseMonth("1000-01")
	for _, n := range []int{2_000, 8_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				ds := tradeflow.NewDataset("bench")
				for i := range n {
					f := tradeflow.Figure{Key: k, Period: series.MonthPeriod(first.AddMonths(i)), Value: decimal.New(int64(i), 0),
						Unit: usd, Vintage: v, Source: "s"}
					if err := ds.Add(f); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
