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
