package tradeflow_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Load the shipped data and print November 2025's headline table. Each
// figure is marked p (published) or c (computed from levels); a * marks a
// published figure the levels do not reproduce, explained below the table.
func Example() {
	ds, err := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), series.MustParseMonth("2025-11"))
	if err != nil {
		fmt.Println(err)
		return
	}
	r.Partners, r.Products = nil, nil // the headline only
	r.WriteText(os.Stdout)
	// Output:
	// China trade, 2025-11
	//
	//   headline        unit      value   y/y %  m/m %          YTD  YTD y/y %
	//    exports  USD 100 mn  3,303.5 p  5.9 p*  8.2 p  34,147.3 p*      5.4 p
	//    imports  USD 100 mn  2,186.7 p  1.9 p*  1.6 c  23,388.8 p*    −0.6 p*
	//    balance  USD 100 mn  1,116.8 p       -      -   10,758.5 p     21.6 p
	//
	// p published, c computed from levels by the library, - no figure, ! data that cannot be used
	// * exports y/y: published 5.9, computed from levels 5.78
	// * exports YTD: published 34,147.3, computed from levels 34,186.70
	// * imports y/y: published 1.9, computed from levels 1.77
	// * imports YTD: published 23,388.8, computed from levels 23,386.10
	// * imports YTD y/y: published −0.6, computed from levels −0.73
	// * balance on a year earlier: surplus widened from 974.4 to 1,116.8
	// * year-to-date balance on a year earlier: surplus widened from 8,846.8 to 10,758.5
}

func ExampleGet() {
	ds, _ := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
	us := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode("US"), Flow: tradeflow.Exports, Measure: tradeflow.Value}
	// Printed as USD 33,789.1 million and USD 47.3 billion; asked for in USD billion.
	s, err := tradeflow.Get[series.USDBillion](ds, us)
	fmt.Println(err)
	fmt.Println(s.Slice(series.MustParseMonth("2024-11"), series.MustParseMonth("2025-11")))
	_, err = tradeflow.Get[series.Tonnes](ds, us)
	fmt.Println(err)
	// Output:
	// <nil>
	// [2024-11: 47.3, 2024-12: 48.8, 2025-03: 40.1, 2025-04: 33, 2025-05: 28.8, 2025-08: 31.6, 2025-09: 34.3, 2025-11: 33.7891] USD bn
	// tradeflow: CHN X USA TOTAL value: unit mismatch: the data are in USD, asked for t
}

func ExampleCumulative() {
	ds, _ := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
	b := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.World(), Flow: tradeflow.Balance, Measure: tradeflow.Value}
	s, _ := tradeflow.Cumulative[series.USDBillion](ds, b)
	v, _ := s.At(series.MustParseMonth("2025-11"))
	fmt.Printf("January–November 2025 surplus: USD %s bn\n", v.StringFixed(2))
	// Output:
	// January–November 2025 surplus: USD 1075.85 bn
}

func ExampleLoad() {
	const file = `period,flow,partner,commodity,measure,value,unit,vintage,source,note
2025-10,M,WLD,TOTAL,value,215.28,USD_BN,2025-11-07,SCMP,
2025-11,M,WLD,TOTAL,value,"2,186.7",USD_100M,2025-12-08,Yonhap,
2025-11,M,ZZ,TOTAL,value,1,USD_100M,2025-12-08,Yonhap,
`
	ds, err := tradeflow.Load(strings.NewReader(file), "imports.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	fmt.Println(err)
	fmt.Println(ds.Len(), "valid row kept")
	// Output:
	// imports.csv:3:6: column value: value "2,186.7": not a plain decimal number (',' at byte 2)
	// imports.csv:4:3: column partner: value "ZZ": partner: unknown code "ZZ": want ISO 3166-1 alpha-2 ("US"), alpha-3 ("USA") or a UN Comtrade number ("842")
	// 1 valid row kept
}

func ExampleDataset_AsOf() {
	ds, _ := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
	us := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode("US"), Flow: tradeflow.Exports, Measure: tradeflow.Value}
	nov24 := series.MonthPeriod(series.MustParseMonth("2024-11"))
	// The USD 47.3 bn comparator was cited on the November 2025 release.
	_, ok := ds.AsOf(time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)).Lookup(us, nov24)
	f, _ := ds.Lookup(us, nov24)
	fmt.Println(ok, f.Value, f.Unit, f.Vintage)
	// Output:
	// false 47.3 USD_BN 2025-12-08
}

func ExampleImpliedBase() {
	// November 2025 exports: 3,303.5 (USD 100 million), published +5.9%.
	iv, _ := tradeflow.ImpliedBase(decimal.RequireFromString("3303.5"), decimal.RequireFromString("5.9"), tradeflow.Precision{Rate: 1, Level: 1})
	fmt.Println("November 2024 must have been", iv)
	fmt.Println("the first print 3123.1 fits:", iv.Contains(decimal.RequireFromString("3123.1")))
	// Output:
	// November 2024 must have been 3118.0–3120.9
	// the first print 3123.1 fits: false
}

func ExampleCheckRate() {
	ds, _ := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
	m := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.World(), Flow: tradeflow.Imports, Measure: tradeflow.Value}
	imports, _ := tradeflow.Get[series.USD100M](ds, m)
	c, _ := tradeflow.CheckRate(imports, series.MonthPeriod(series.MustParseMonth("2025-11")), 12, decimal.RequireFromString("1.9"), tradeflow.Precision{Rate: 1, Level: 1})
	fmt.Println(c.Computed.StringFixed(2), c.Published, c.Agrees())
	fmt.Println(c.Reason())
	// Output:
	// 1.77 1.9 false
	// the published rate compares with a revised base: it needs 2144.9–2146.9, the base used is 2148.7
}

func ExampleBalanceMove() {
	// Jan–Nov surplus, USD 100 million: 2024 from its export and import levels, 2025 as printed.
	c := tradeflow.BalanceMove{From: decimal.RequireFromString("8846.8"), To: decimal.RequireFromString("10758.5")}
	pc, ok := c.SizeChange()
	fmt.Println(c, pc.Round(1), ok)
	swing := tradeflow.BalanceMove{From: decimal.NewFromInt(-5), To: decimal.NewFromInt(12)}
	_, ok = swing.SizeChange()
	fmt.Println(swing, ok)
	// Output:
	// surplus widened from 8846.8 to 10758.5 21.6 true
	// swung into surplus from -5 to 12 false
}

func ExampleAggregatePartners() {
	// Hand-made partner series, to show membership by month: a group of
	// Vietnam, and Timor-Leste from its admission on 2025-10-26 (counted
	// from November, the first month it was a member on the first day).
	const file = `period,flow,partner,commodity,measure,value,unit,vintage,source,note
2025-10,X,VN,TOTAL,value,10,USD_M,2025-12-08,example,
2025-11,X,VN,TOTAL,value,11,USD_M,2025-12-08,example,
2025-10,X,TL,TOTAL,value,1,USD_M,2025-12-08,example,
2025-11,X,TL,TOTAL,value,2,USD_M,2025-12-08,example,
2025-11,X,US,TOTAL,value,40,USD_M,2025-12-08,example,
`
	ds, _ := tradeflow.Load(strings.NewReader(file), "example.csv", tradeflow.WithReporter("CN"))
	g := partner.MustGroup("VN+TL",
		partner.Dated(partner.MustParseCode("VN"), time.Date(1995, 7, 28, 0, 0, 0, 0, time.UTC), time.Time{}),
		partner.Dated(partner.MustParseCode("TL"), time.Date(2025, 10, 26, 0, 0, 0, 0, time.UTC), time.Time{}))
	k := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Flow: tradeflow.Exports, Measure: tradeflow.Value}
	s, gaps, err := tradeflow.AggregatePartners[series.USDMillion](ds, k, g)
	fmt.Println(s, len(gaps), err)
	// Output:
	// [2025-10: 10, 2025-11: 13] USD mn 0 <nil>
}

func ExampleAggregateCommodities() {
	// Hand-made figures on HS lines, to show aggregation by product group:
	// rare earths are HS 2805.30 and heading 2846 (see commodity.RareEarths).
	const file = `period,flow,partner,commodity,measure,value,unit,vintage,source,note
2025-11,X,WLD,284610,quantity,1200,T,2025-12-20,example,
2025-11,X,WLD,284690,quantity,4000,T,2025-12-20,example,
2025-11,X,WLD,280530,quantity,294,T,2025-12-20,example,
2025-11,X,WLD,120190,quantity,7,T,2025-12-20,example,
`
	ds, _ := tradeflow.Load(strings.NewReader(file), "lines.csv", tradeflow.WithReporter("CN"))
	rareEarths := func(c tradeflow.Commodity) bool {
		hs, ok := c.Code()
		return ok && commodity.RareEarths().Contains(hs)
	}
	k := tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.World(), Flow: tradeflow.Exports, Measure: tradeflow.Quantity}
	s, gaps, err := tradeflow.AggregateCommodities[series.Tonnes](ds, k, rareEarths)
	fmt.Println(s, len(gaps), err)
	// Output:
	// [2025-11: 5494] t 0 <nil>
}
