package tradeflow_test

import (
	"context"
	"fmt"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// year returns the period of a year's annual figures.
func year(y string) series.Period {
	return series.Period{First: series.MustParseMonth(y + "-01"), Last: series.MustParseMonth(y + "-12")}
}

// A UN Comtrade data API download, with the year's total, its breakdowns
// and rows of other classifications.
func ExampleComtrade() {
	ds, err := tradeflow.ReadFile(context.Background(), "testdata/comtrade/comtrade_plus_api.csv", tradeflow.Comtrade(),
		tradeflow.WithVintage("2025-06-30"), tradeflow.KeepOtherCodes())
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ := ds.Lookup(tradeflow.MustParseKey("CHN M USA TOTAL value"), year("2023"))
	fmt.Println(f.Key, f.Period, f.Value.Shift(-9).StringFixed(1), "USD bn", f.Edition, f.Flags)
	w, _ := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542.31 quantity"), year("2023"))
	fmt.Println(w.Key, w.Printed(), w.Unit)
	for _, s := range ds.Summary().Skipped {
		fmt.Printf("skipped %d: %s\n", s.Rows, s.Reason)
	}
	// Output:
	// CHN M USA TOTAL value 2023-01/2023-12 164.2 USD bn H6 reported
	// CHN M USA 8542.31 quantity 412345.678 KG
	// skipped 1: a breakdown by second partner (partner2Code not 0)
	// skipped 1: a breakdown by mode of transport (motCode not 0)
	// skipped 1: a breakdown by customs procedure (customsCode not C00)
}

// A UN Comtrade bulk file, gzip and all, recognised by its header.
func ExampleComtradeBulk() {
	ds, err := tradeflow.ReadAnyFile(context.Background(), "testdata/comtrade/C_A_156_202301_H6_O.txt.gz", tradeflow.WithVintage("2025-06-30"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Summary().Schema)
	for _, k := range []string{"CHN X 837 TOTAL value", "CHN M 899 TOTAL value"} {
		f, _ := ds.Lookup(tradeflow.MustParseKey(k), year("2023"))
		fmt.Println(f.Key.Partner.Name()+":", f.Printed(), f.Unit)
	}
	_, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542 quantity"), year("2023"))
	fmt.Println("a weight for 8542:", ok)
	// Output:
	// UN Comtrade bulk
	// Bunkers: 3412987.0 USD
	// Areas, nes: 1023456.0 USD
	// a weight for 8542: false
}

// A CSV file of UN Comtrade's legacy API, whose flows are numbers.
func ExampleComtradeLegacy() {
	ds, err := tradeflow.ReadFile(context.Background(), "testdata/comtrade/comtrade_legacy_api.csv", tradeflow.ComtradeLegacy(),
		tradeflow.WithVintage("2017-09-17"), tradeflow.KeepOtherCodes())
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ := ds.Lookup(tradeflow.MustParseKey("HKG RX CHN TOTAL value"), year("2016"))
	fmt.Println(f.Key.Flow, f.Value.Shift(-9).StringFixed(1), "USD bn", f.Edition)
	// Output:
	// re-exports 246.8 USD bn H4
}

// CEPII's BACI read as the exporters report and as the importers do: one
// flow, two keys, one value.
func ExampleBACI() {
	for _, flow := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
		ds, err := tradeflow.ReadFile(context.Background(), "testdata/baci/BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(flow))
		if err != nil {
			fmt.Println(err)
			return
		}
		key := "CHN X USA 8542.31 value"
		if flow == tradeflow.Imports {
			key = "USA M CHN 8542.31 value"
		}
		f, _ := ds.Lookup(tradeflow.MustParseKey(key), year("2023"))
		fmt.Println(f.Key, f.Printed(), f.Unit, "=", f.Normalized(), "USD;", f.Edition, "release", f.Vintage)
	}
	// Output:
	// CHN X USA 8542.31 value 4123456.789 USD_1000 = 4123456789 USD; H6 release 2025-01
	// USA M CHN 8542.31 value 4123456.789 USD_1000 = 4123456789 USD; H6 release 2025-01
}

// An annual file's aggregates add up its years: every figure of BACI's is
// a year's, its year to date at December.
func ExampleOfCumulative() {
	ds, err := tradeflow.ReadFile(context.Background(), "testdata/baci/BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Imports))
	if err != nil {
		fmt.Println(err)
		return
	}
	key := tradeflow.MustParseKey("USA M CHN TOTAL value")
	subheadings := func(c tradeflow.Commodity) bool {
		code, ok := c.Code()
		return ok && code.Len() == 6
	}
	_, _, err = tradeflow.AggregateCommodities[series.USD](ds, key, subheadings)
	fmt.Println(err)
	s, _, err := tradeflow.AggregateCommodities[series.USD](ds, key, subheadings, tradeflow.OfCumulative())
	fmt.Println(s, err)
	// Output:
	// tradeflow: BACI_HS22_Y2023_V202501.csv: USA M CHN TOTAL value: no monthly figures to add up, but year-to-date or annual ones (USA M CHN 0306.17 value has them): pass tradeflow.OfCumulative(): no such series
	// [2023-12: 4123457201] USD <nil>
}

// A Eurostat Comext monthly file: a CN8 line's statistical procedures
// added up, and a partner kept confidential.
func ExampleComext() {
	ds, err := tradeflow.ReadAnyFile(context.Background(), "testdata/comext/full_v2_202402.dat", tradeflow.WithVintage("2024-04-15"))
	if err != nil {
		fmt.Println(err)
		return
	}
	feb := series.MonthPeriod(series.MustParseMonth("2024-02"))
	for _, k := range []string{"DEU M CHN 8542.31.90 value", "FRA X QZ 9301.90.00 value"} {
		f, _ := ds.Lookup(tradeflow.MustParseKey(k), feb)
		fmt.Println(f.Key, f.Printed(), f.Unit)
	}
	fmt.Println(ds.Summary().Summed[0].Rows, "rows added up;", ds.Summary().Skipped[0].Reason)
	// Output:
	// DEU M CHN 8542.31.90 value 414691356 EUR
	// FRA X QZ 9301.90.00 value 4567890 EUR
	// 14 rows added up; a product kept confidential (PRODUCT_NC with X, such as 39XXXXXX)
}

// An answer of the US Census Bureau's API, a JSON table.
func ExampleCensusExports() {
	ds, err := tradeflow.ReadAnyFile(context.Background(), "testdata/census/census_exports_hs_2024-03.json", tradeflow.WithVintage("2024-05-02"))
	if err != nil {
		fmt.Println(err)
		return
	}
	mar := series.MonthPeriod(series.MustParseMonth("2024-03"))
	for _, k := range []string{"USA X TWN 8542.31 value", "USA X EU 8542.31 value", "USA X WLD 8542.31 supplementary_quantity"} {
		f, _ := ds.Lookup(tradeflow.MustParseKey(k), mar)
		fmt.Println(f.Key, f.Printed(), f.Unit)
	}
	// Output:
	// USA X TWN 8542.31 value 456789012 USD
	// USA X EU 8542.31 value 612345678 USD
	// USA X WLD 8542.31 supplementary_quantity 1234567 ITEMS
}
