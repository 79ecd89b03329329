package commodity_test

import (
	"testing"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

var sinkCode commodity.Code

func BenchmarkParseCode(b *testing.B) {
	for _, s := range []string{"2846909910", "2846.90", "28 46 90 99 10"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c, err := commodity.ParseCode(s)
				if err != nil {
					b.Fatal(err)
				}
				sinkCode = c
			}
		})
	}
}

func BenchmarkGroupContains(b *testing.B) {
	var cs []commodity.Code
	for _, s := range []string{"0101", "1201", "1507", "2304", "2709", "2805.30", "2846", "7202.99", "8505.11", "8703.80"} {
		cs = append(cs, commodity.MustParseCode(s))
	}
	g := commodity.MustGroup("ten codes", cs...)
	c := commodity.MustParseCode("2846.90.99.10")
	b.ReportAllocs()
	for b.Loop() {
		if !g.Contains(c) {
			b.Fatal("not a member")
		}
	}
}

func BenchmarkDecompose(b *testing.B) {
	start := series.MustParseMonth("2015-01")
	vals := make([]string, 120)
	qtys := make([]string, 120)
	for i := range vals {
		vals[i] = "1234567.8"
		qtys[i] = "4321.5"
		if i%2 == 0 {
			vals[i] = "1333333.3"
		}
	}
	value := series.MustFromStrings[series.USD](start, vals...)
	qty := series.MustFromStrings[series.Tonnes](start, qtys...)
	b.ReportAllocs()
	for b.Loop() {
		commodity.SplitPriceVolume(value, qty, 12)
	}
}
