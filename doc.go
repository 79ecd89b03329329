// Package tradeflow is trade-flow arithmetic for Go: monthly customs
// figures in, the numbers a trade report prints out — year-on-year change,
// streaks ("the eighth straight month of double-digit declines"), "the
// first contraction since March 2024", year-to-date totals, balances,
// shares and contributions to growth — exact, with units that cannot be
// mixed, and with every undefined figure reported rather than guessed.
//
// # The module
//
// The packages build on each other, bottom to top:
//
//   - [github.com/tradeflow-go/tradeflow/series]: months ([series.Month],
//     parsed from "2025-11", "202511" or "2025M11"), periods such as a
//     combined January–February release, and [series.Series], a monthly
//     series of exact decimals whose unit is part of its Go type. On them:
//     percent changes and differences by calendar month ([series.YoY],
//     [series.MoM], [series.Change], [series.Diff], [series.DiffPP]),
//     streaks ([series.Streak], [series.LastBefore], [series.HighestSince]),
//     cumulation ([series.YearToDate], [series.YTDChange], [series.Rolling],
//     [series.Total], [series.Annual], progress toward a [series.Target]),
//     arithmetic between series ([series.Add], [series.Sub],
//     [series.Share], [series.Divide]) and unit conversions
//     ([series.Rescale], [series.Convert]).
//   - [github.com/tradeflow-go/tradeflow/stats]: the float64 side, kept
//     apart from the exact path: mean, deviation, correlation and trend
//     of a series through gonum (stats.ToFloats).
//   - [github.com/tradeflow-go/tradeflow/partner]: partner codes (ISO 3166-1
//     and UN Comtrade's numbers), blocs with dated membership (the EU,
//     ASEAN), exact shares and contributions to growth that add up.
//   - [github.com/tradeflow-go/tradeflow/commodity]: HS codes and the HS
//     2022 chapters and sections, product groups (soybeans, rare earths),
//     unit values, the price and volume split of value growth.
//   - tradeflow (this package): typed keys ([Key]: reporter and partner
//     codes, a [Commodity], a [Flow] and a [Measure]), the [Dataset] of
//     figures with their units, sources and vintages, one reader for every
//     file format ([Read] with a [Schema]; [CSV] and [Comtrade] among
//     [Formats], recognised by [ReadAny]), typed access ([Get],
//     [Cumulative], [All]), views as of a release date ([Dataset.AsOf]),
//     reconciliation of published rates and totals with levels
//     ([ImpliedBase], [CheckRate], [CheckTotal]), balances ([TradeBalance], [BalanceMove]) and the
//     monthly report ([MonthlyReport]).
//
// # Reading data
//
// One reader reads every file: [Read] parses delimited text (comma, tab,
// semicolon; gzip recognised by itself) in blocks on every core, through a
// [Schema] that says which column holds what, the values of what the file
// lacks, and how it writes numbers and months:
//
//	schema := tradeflow.Schema{
//		Period:    tradeflow.Column("period"),
//		Reporter:  tradeflow.Const("CN"),
//		Partner:   tradeflow.Column("partner", "partner_code"),
//		Flow:      tradeflow.Column("flow"),
//		Commodity: tradeflow.Column("hs"),
//		Value:     tradeflow.Column("value_usd"),
//		Unit:      tradeflow.Const("USD"),
//		Source:    tradeflow.Const("customs detail file"),
//	}
//	ds, err := tradeflow.ReadFile(ctx, "detail.csv.gz", schema)
//
// Codes may be written in any form their packages read ("US", "USA",
// "842"; "1201", "120190", "1201.90") and are kept in one canonical form.
// Every bad row is an error naming the file, line, column and value
// ([RowError]); rows a schema skips on purpose are counted in the
// dataset's [Summary]. A figure costs a few bytes in the dataset's integer
// columns (about 12 a row, index included, for a file of ten million
// rows), never an object of its own.
//
// The library's own CSV format has one figure a row, as published, with
// its source and release date ([CSV], [Load]):
//
//	period,flow,partner,commodity,measure,value,unit,vintage,source,note
//	2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,Yonhap via etoday,
//	2025-01/2025-02,X,WLD,TOTAL,value,5399.4,USD_100M,2025-03-07,GACC,combined
//
// Values are kept as printed and converted exactly to whatever unit a
// program asks for: [Get] of a Series[USD] and of a Series[USD100M] read the
// same figures. [All] builds the series of a dataset in key order, at a cost
// in proportion to its figures, and may be shared among goroutines.
//
// Loading the shipped data and printing November 2025's headline table:
//
//	ds, err := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.WithReporter("CN"))
//	if err != nil { … }
//	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), series.MustParseMonth("2025-11"))
//	if err != nil { … }
//	r.WriteText(os.Stdout)
//
// prints, with p for published figures and c for figures computed from
// levels:
//
//	headline        unit      value   y/y %  m/m %          YTD  YTD y/y %
//	 exports  USD 100 mn  3,303.5 p  5.9 p*  8.2 p  34,147.3 p*      5.4 p
//	 imports  USD 100 mn  2,186.7 p  1.9 p*  1.6 c  23,388.8 p*    −0.6 p*
//	 balance  USD 100 mn  1,116.8 p       -      -   10,758.5 p     21.6 p
//
// and explains each * below the table: exports rose 5.78% from the first
// prints of the levels, while the customs printed 5.9% against a revised
// November 2024.
//
// # A first look
//
// The year-on-year change of China's November 2025 exports, from the first
// prints of November 2024 and 2025 (USD 100 million):
//
//	exports := series.MustFromStrings[series.USD100M](series.MustParseMonth("2024-11"),
//		"3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
//	yoy, gaps := series.YoY(exports)
//	v, _ := yoy.At(series.MustParseMonth("2025-11")) // 5.7795779…: prints as 5.8
//	fmt.Println(gaps)                                 // 2024-11: base 2023-11 is missing
//
// The customs printed +5.9%: their rate compares with the revised November
// 2024 figure, not the first print. The library shows both, never one
// dressed as the other.
//
// # Principles
//
//   - Exact: values are decimals ([github.com/shopspring/decimal] at the
//     API). Division is the one inexact step, to [series.DivisionPlaces]
//     places rounded as [series.DivisionRounding] says.
//   - Missing is not zero: an operation that cannot produce a figure leaves
//     it out and says why ([series.Gaps]).
//   - Fast: series store int64 coefficients with a presence bit set, so
//     work over millions of values does not allocate per value.
//
// # Vocabulary
//
// Each word means one thing in every package of the module:
//
//   - month: a calendar month ([series.Month]); period: a run of months,
//     such as a year to date or a combined release ([series.Period]).
//   - observation: a series' value for one period; a combined observation
//     covers several months at once (China's January–February).
//   - missing: a period with no observation, never taken as zero; a gap:
//     a result period left without a value, with its reason and its cause,
//     the input period at fault ([series.Gap]; with the member at fault,
//     [partner.MemberGap]). One exception: a mirror's Gap ([Mirror]) is a
//     difference, importer's imports less exporter's exports, and its Gaps
//     are gaps in the sense above.
//   - unit: the unit of a series' values, part of its Go type
//     ([series.Unit]), with a dimension (what it measures) and an exponent
//     (the power of ten of the dimension's base unit, the kg for mass).
//   - change: a percent change, 100 × (x(t) − x(t−lag)) ÷ x(t−lag)
//     ([series.Change], YoY, MoM); diff: a difference, x(t) − x(t−lag),
//     in the series' unit ([series.Diff]) or in percentage points
//     ([series.DiffPP]).
//   - base: the earlier period a change compares with, and its value
//     (BasePeriod, BaseValue, [series.BaseZero]). A dimension's base unit,
//     its unit of exponent 0 (USD, kg), is another term, always written
//     in full.
//   - share: a part as a percentage of its whole ([series.Share],
//     [partner.Shares]); contribution: what a part added to a total's
//     growth, in percentage points ([partner.Contributions]); residual:
//     the total less the listed parts.
//   - breakdown: a part of a total that a file breaks down further than a
//     key does, such as a mode of transport ([Breakdown], "mot=2100");
//     [partner.Breakdown], what [partner.Shares] returns, is the other way
//     round: a total split into shares of its parts.
//   - total: the sum of the observations within a period, exact and
//     complete or an error ([series.Total]); year to date: the running
//     total from the start of the year ([series.YearToDate]).
//   - published: a figure as a source printed it; computed: the library's
//     figure from levels; a check sets one beside the other ([CheckRate],
//     [CheckTotal]); precision: the decimal places a figure is printed
//     with ([Precision]).
//   - code: a partner or an HS code ([partner.Code],
//     [github.com/tradeflow-go/tradeflow/commodity.Code]); group: a named
//     set of them ([partner.Group],
//     [github.com/tradeflow-go/tradeflow/commodity.Group]). A key's
//     commodity ([Commodity]) is all goods, an HS code, a product group or
//     another classification's code; a unit code ([UnitCode]) is a unit
//     as a file prints it (USD_100M).
//   - figure: one published number, a key's value for a period, with its
//     unit, vintage (release date) and source ([Figure]); a dataset holds
//     figures, and builds series from them.
//   - schema: how to read a file; format: a named schema the library
//     recognises ([Format]); summary: what a read saw ([Summary]).
//   - rounding: display rounding is half away from zero; division rounds
//     to odd at [series.DivisionPlaces] places ([series.Rounding]).
//
// A constructor that can fail returns an error (ParseMonth, NewMonth,
// partner.ParseCode, NewGroup), and its Must form panics instead, for
// literals (MustParseMonth, MustGroup). The Value and Scan methods of
// months, periods and codes are those of database/sql, not figures.
//
// The programs under examples/ reproduce published figures from the
// shipped, sourced data in examples/data, each held to a golden file by go
// test.
package tradeflow
