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
//     percent and absolute changes by calendar month ([series.YoY],
//     [series.MoM], [series.Change], [series.Diff], [series.ChangePP]),
//     streaks ([series.Streak], [series.LastBefore], [series.HighestSince]),
//     cumulation ([series.YearToDate], [series.YTDChange], [series.Rolling],
//     [series.Total], [series.Annual]), arithmetic between series
//     ([series.Add], [series.Sub], [series.Share], [series.Divide]), unit
//     conversions ([series.Rescale], [series.Convert]) and a float view
//     for gonum statistics ([series.ToFloats]).
//   - [github.com/tradeflow-go/tradeflow/partner]: partner codes (ISO 3166-1
//     and UN Comtrade's numbers), blocs with dated membership (the EU,
//     ASEAN), exact shares and contributions to growth that add up.
//   - [github.com/tradeflow-go/tradeflow/commodity]: HS codes and the HS
//     2022 chapters and sections, product groups (soybeans, rare earths),
//     unit values, the price and volume split of value growth, progress
//     toward a purchase target.
//   - tradeflow (this package): flows, the [Dataset] of figures with their
//     units, sources and vintages, loaders for the library's CSV format
//     ([Load]) and UN Comtrade's ([LoadComtrade]), typed access ([Get],
//     [Cumulative]), views as of a release date ([Dataset.AsOf]),
//     reconciliation of published rates with levels ([ImpliedBase],
//     [CheckRate]), balances ([TradeBalance], [BalanceChange]) and the
//     monthly report ([MonthlyReport]).
//
// # Loading data
//
// The library's CSV format has one figure a row, as published, with its
// source and release date:
//
//	period,flow,partner,commodity,measure,value,unit,vintage,source,note
//	2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,Yonhap via etoday,
//	2025-01/2025-02,X,WLD,TOTAL,value,5399.4,USD_100M,2025-03-07,GACC,combined
//
// [Load] documents every column. Values are kept as printed and converted
// exactly to whatever unit a program asks for: [Get] of a Series[USD] and
// of a Series[USD100M] read the same figures. Every malformed row is an
// error that names the file, line, column and value.
//
// Loading the shipped data and printing November 2025's headline table:
//
//	ds, err := tradeflow.LoadFile("examples/data/china-customs.csv", tradeflow.Reporter("CN"))
//	if err != nil { … }
//	r, err := tradeflow.MonthlyReport[series.USD100M](ds, "CN", series.MustParseMonth("2025-11"))
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
// The programs under examples/ reproduce published figures from the
// shipped, sourced data in examples/data, each held to a golden file by go
// test.
package tradeflow
