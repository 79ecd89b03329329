package partner_test

import (
	"fmt"
	"testing"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// BenchmarkContributions decomposes one year-on-year change of a total into
// 200 partners, as a partner table of a customs release needs.
func BenchmarkContributions(b *testing.B) {
	start := series.MustParseMonth("2024-01")
	parts := make([]partner.Part[series.USDThousand], 200)
	var tot []int64
	for i := range parts {
		vals := make([]int64, 24)
		for m := range vals {
			vals[m] = int64(1000003*(i+1) + 7919*m)
		}
		parts[i] = partner.Part[series.USDThousand]{Name: fmt.Sprint(i), Series: series.FromInts[series.USDThousand](start, vals...)}
		if tot == nil {
			tot = make([]int64, 24)
		}
		for m, v := range vals {
			tot[m] += v + 5
		}
	}
	total := series.FromInts[series.USDThousand](start, tot...)
	t := series.MonthPeriod(series.MustParseMonth("2025-11"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := partner.Contributions(t, total, parts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAggregateEU sums 27 member series of 36 months by the EU's
// membership of each month.
func BenchmarkAggregateEU(b *testing.B) {
	start := series.MustParseMonth("2023-01")
	data := make(map[partner.Code]series.Series[series.USDThousand])
	for _, c := range partner.EU().Members(start) {
		vals := make([]int64, 36)
		for m := range vals {
			vals[m] = int64(m + 1)
		}
		data[c] = series.FromInts[series.USDThousand](start, vals...)
	}
	eu := partner.EU()
	b.ReportAllocs()
	for b.Loop() {
		if _, gaps := partner.Aggregate(eu, data); gaps != nil {
			b.Fatal(gaps)
		}
	}
}
