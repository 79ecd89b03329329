package tradeflow_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

// A national file as statistics offices write them: the year and the
// month in columns of their own, partners in alpha-3, HS codes with a
// dot, values in thousands of dollars; the reporter is not in the file.
func ExampleRead() {
	const file = `Year;Month;Partner;Flow;HS;Value (USD thousand)
2025;Oct;USA;X;1201.90;310
2025;Nov;USA;X;1201.90;295
2025;Nov;DEU;X;1201.90;
`
	schema := tradeflow.Schema{
		Name:      "national detail",
		Period:    tradeflow.Column("year"),
		Month:     tradeflow.Column("month"),
		Reporter:  tradeflow.Const("BR"),
		Partner:   tradeflow.Column("partner"),
		Flow:      tradeflow.Column("flow"),
		Commodity: tradeflow.Column("hs"),
		Value:     tradeflow.Column("value (usd thousand)"),
		Unit:      tradeflow.Const("USD_1000"),
		Source:    tradeflow.Const("national customs, detail file"),
	}
	ds, err := tradeflow.Read(context.Background(), strings.NewReader(file), "detail.csv", schema, tradeflow.CollectErrors())
	fmt.Println(err)
	for f := range ds.Figures() {
		fmt.Println(f.Key, f.Period, f.Value, f.Unit)
	}
	// Output:
	// detail.csv:4:6: column Value (USD thousand): value "": empty: a missing figure is left out of the file, not written empty (a schema whose file writes it empty makes its Value Optional): missing value
	// BRA X USA 1201.90 value 2025-10 310 USD_1000
	// BRA X USA 1201.90 value 2025-11 295 USD_1000
}

// All gives every series of a dataset in one pass, in key order.
func ExampleAll() {
	const file = `period,partner,flow,hs,value_usd
2025-10,US,X,120190,10
2025-11,US,X,120190,12
2025-11,JP,X,120190,7.5
2025-10,JP,X,870323,4
`
	schema := tradeflow.Schema{
		Period: tradeflow.Column("period"), Reporter: tradeflow.Const("CN"),
		Partner: tradeflow.Column("partner"), Flow: tradeflow.Column("flow"),
		Commodity: tradeflow.Column("hs"), Value: tradeflow.Column("value_usd"), Unit: tradeflow.Const("USD"),
	}
	ds, err := tradeflow.Read(context.Background(), strings.NewReader(file), "detail.csv", schema)
	if err != nil {
		fmt.Println(err)
		return
	}
	all, err := tradeflow.All[series.USD](ds, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, s := range all {
		fmt.Println(k, s)
	}
	// keep selects series by key: soybeans (HS 1201) only.
	soybeans := commodity.MustParseCode("1201")
	soy, err := tradeflow.All[series.USD](ds, func(k tradeflow.Key) bool {
		hs, ok := k.Commodity.Code()
		return ok && soybeans.Contains(hs)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, s := range soy {
		fmt.Println("soybeans:", k.Partner, s)
	}
	// Output:
	// CHN X JPN 1201.90 value [2025-11: 7.5] USD
	// CHN X JPN 8703.23 value [2025-10: 4] USD
	// CHN X USA 1201.90 value [2025-10: 10, 2025-11: 12] USD
	// soybeans: JPN [2025-11: 7.5] USD
	// soybeans: USA [2025-10: 10, 2025-11: 12] USD
}

// Panels gives the series All gives as panels: many series at once, each
// operation of a panel costing no allocation a series. The sum of every
// series' year-on-year changes, rounded, and of their year-to-date totals:
func ExamplePanels() {
	const file = `period,partner,flow,hs,value_usd
2024-11,US,X,120190,10
2024-11,JP,X,120190,5
2025-10,US,X,120190,11
2025-11,US,X,120190,12
2025-11,JP,X,120190,7.5
`
	schema := tradeflow.Schema{
		Period: tradeflow.Column("period"), Reporter: tradeflow.Const("CN"),
		Partner: tradeflow.Column("partner"), Flow: tradeflow.Column("flow"),
		Commodity: tradeflow.Column("hs"), Value: tradeflow.Column("value_usd"), Unit: tradeflow.Const("USD"),
	}
	ds, err := tradeflow.Read(context.Background(), strings.NewReader(file), "detail.csv", schema)
	if err != nil {
		fmt.Println(err)
		return
	}
	panels, err := tradeflow.Panels[series.USD](ds, nil, 1000)
	if err != nil {
		fmt.Println(err)
		return
	}
	months := ds.Months()
	for keys, p := range panels {
		yoy := p.YoY().Round(1)
		for i, k := range keys {
			fmt.Println(k.Partner, yoy.Series(i))
		}
		sum, err := yoy.Total(months, series.AllowMissing())
		fmt.Println("sum of changes:", sum, err)
		ytd, err := p.YearToDate(series.AllowMissing()).Total(months, series.AllowMissing())
		fmt.Println("sum of years to date:", ytd, err)
	}
	// Output:
	// JPN [2025-11: 50] %
	// USA [2025-11: 20] %
	// sum of changes: 70 <nil>
	// sum of years to date: 56.5 <nil>
}
