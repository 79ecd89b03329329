package series_test

import (
	"fmt"

	"github.com/tradeflow-go/tradeflow/series"
)

// A panel holds many series together; each operation is the series
// operation of the same name on every series.
func ExamplePanel() {
	start := series.MustParseMonth("2024-10")
	p := series.NewPanel(
		series.MustFromStrings[series.USD](start, "100", "", "120", "105", "", "150"),
		series.MustFromStrings[series.USD](start, "40", "50", "", "30", "45", ""),
		series.MustFromStrings[series.USD](start, "7", "8", "9", "10", "11", "12"),
	)
	change := p.Change(3) // over three months, as series.Change gives it
	rounded := change.Round(1)
	for i := range rounded.Len() {
		fmt.Println(rounded.Series(i))
	}
	months := series.Period{First: start, Last: start.AddMonths(5)}
	total, err := p.Total(months, series.AllowMissing())
	fmt.Println("total:", total, err)
	_, err = p.Total(months) // missing is not zero
	fmt.Println(err != nil)

	// The sums of groups of series: the first two, and the third alone,
	// with the missing months zero-filled first, by name.
	sums := p.ZeroFill(months).Aggregate([]int{0, 0, 1})
	fmt.Println(sums.Series(0))
	fmt.Println(sums.Series(1))
	// Output:
	// [2025-01: 5, 2025-03: 25] %
	// [2025-01: -25, 2025-02: -10] %
	// [2025-01: 42.9, 2025-02: 37.5, 2025-03: 33.3] %
	// total: 697 <nil>
	// true
	// [2024-10: 140, 2024-11: 50, 2024-12: 120, 2025-01: 135, 2025-02: 45, 2025-03: 150] USD
	// [2024-10: 7, 2024-11: 8, 2024-12: 9, 2025-01: 10, 2025-02: 11, 2025-03: 12] USD
}

// A PanelBuilder takes values as integers with their exponents, the way a
// dataset holds them: 1234567 × 10^−2 is 12345.67.
func ExamplePanelBuilder() {
	months := series.Period{First: series.MustParseMonth("2025-10"), Last: series.MustParseMonth("2025-12")}
	b := series.NewPanelBuilder[series.USD](months, 2)
	fmt.Println(b.SetInt(0, months.First, 1234567, -2))
	fmt.Println(b.SetInt(0, months.Last, 15, 3))
	fmt.Println(b.SetInt(1, months.Last, 99, 0))
	fmt.Println(b.SetInt(1, months.Last, 98, 0))
	fmt.Println(b.SetInt(1, series.MustParseMonth("2026-01"), 1, 0))
	p := b.Panel()
	fmt.Println(p.Series(0))
	fmt.Println(p.Series(1))
	// Output:
	// <nil>
	// <nil>
	// <nil>
	// series: 2025-12: two observations for the same period
	// series: invalid month "2026-01": outside the panel's 2025-10/2025-12
	// [2025-10: 12345.67, 2025-12: 15000] USD
	// [2025-12: 99] USD
}

// SetInts fills a series from columns: months and coefficients side by
// side, at one exponent. A call that fails sets nothing.
func ExamplePanelBuilder_SetInts() {
	months := series.Period{First: series.MustParseMonth("2025-10"), Last: series.MustParseMonth("2025-12")}
	b := series.NewPanelBuilder[series.USD](months, 1)
	oct, nov, dec := months.First, months.First.AddMonths(1), months.Last
	fmt.Println(b.SetInts(0, []series.Month{oct, dec}, []int64{1234567, 890}, -2))
	fmt.Println(b.SetInts(0, []series.Month{nov, dec}, []int64{5, 6}, 0))
	fmt.Println(b.Panel().Series(0))
	// Output:
	// <nil>
	// series: 2025-12: two observations for the same period
	// [2025-10: 12345.67, 2025-12: 8.9] USD
}
