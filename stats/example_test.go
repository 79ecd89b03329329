package stats_test

import (
	"fmt"

	"github.com/tradeflow-go/tradeflow/series"
	"github.com/tradeflow-go/tradeflow/stats"
)

func ExampleToFloats() {
	pmi := series.FromInts[series.Index](series.MustParseMonth("2025-01"), 49, 50, 51, 52)
	f := stats.ToFloats(pmi)
	intercept, slope := f.Trend()
	fmt.Printf("mean %.2f sd %.3f trend %.1f%+.1f/month\n", f.Mean(), f.StdDev(), intercept, slope)
	// Output:
	// mean 50.50 sd 1.291 trend 49.0+1.0/month
}

func ExampleCorrelation() {
	start := series.MustParseMonth("2025-01")
	a := stats.ToFloats(series.FromInts[series.Index](start, 1, 2, 3, 4))
	// b starts a month later and misses 2025-03: the months with a value
	// in both are 2025-02 (2 and 20) and 2025-04 (4 and 40).
	b := stats.ToFloats(series.MustFromStrings[series.Index](start.AddMonths(1), "20", "", "40", "50"))
	fmt.Printf("%.1f\n", stats.Correlation(a, b))
	// Output:
	// 1.0
}
