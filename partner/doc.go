// Package partner answers the questions a trade report asks about partners:
// what share of China's exports goes to ASEAN, and how much of November's
// growth came from the fall in sales to the United States, and what offset
// it. It holds partner codes, groups of partners whose membership changes
// over time, and the exact arithmetic of shares and contributions to growth.
// It builds on package series: every figure is a [series.Series] typed by
// its unit.
//
// # Codes
//
// A [Code] is a country or area, or [World]. [ParseCode] reads ISO 3166-1
// alpha-2 ("US") and alpha-3 ("USA") codes and the numbers UN Comtrade uses
// ("842" — not M49's 840); a Code prints each form and an English name:
//
//	us := partner.MustParseCode("US")
//	us.Alpha3()   // "USA"
//	us.Comtrade() // 842, true
//	us.Name()     // "United States"
//
// The codes are a table embedded in the package (data/countries.csv), with
// its sources named in its header. Trade tables also print aggregates as
// partners — the EU, ASEAN, Africa — which are Codes too ([Aggregates],
// [Code.IsAggregate]; data/aggregates.csv). Letters the tables do not list
// (user-assigned codes such as Eurostat's QY, synthetic test data) are
// refused by [ParseCode] and accepted by [ParseUnlisted], for files whose codes
// the caller vouches for.
//
// # Groups
//
// A [Group] is a set of partners with dated membership. [EU] and [ASEAN]
// are built in, with their histories; [NewGroup] makes others. A partner
// counts for a month if it was a member on the first day of that month, so
// the EU has the United Kingdom through January 2020, and ASEAN has
// Timor-Leste (admitted on 2025-10-26) from November 2025:
//
//	partner.ASEAN().Members(series.MustParseMonth("2025-11")) // 11 codes
//
// [Aggregate] adds up a group's series using each month's membership, or a
// fixed composition for a [Group.Fixed] group ("the EU-27 throughout").
//
// # Shares and contributions
//
// [Shares] splits a total in one period into parts — partners, groups — and
// a residual, the rest of the world, with each part's share in percent:
//
//	b, err := partner.Shares(janNov, total, []partner.Part[series.USDMillion]{
//		{Name: "ASEAN", Series: asean},
//		{Name: "EU", Series: eu},
//		{Name: "U.S.", Series: us},
//	})
//
// [Contributions] decomposes a total's growth over a lag (twelve months
// unless [Lag] says otherwise) into the contributions of the parts, in
// percentage points: 100 × (X(t) − X(t−lag)) ÷ Total(t−lag). Its
// [Decomposition.Offset] sums up gains against losses, and says whether the
// losses were more than offset.
//
// The arithmetic is exact, so the figures add up: shares sum to exactly
// 100, and contributions sum to exactly the total's growth as [series.YoY]
// computes it. Division is the one inexact step: quotients keep
// [series.DivisionPlaces] places, and the last unit is apportioned by
// largest remainder so that the sums hold (see [Shares] and
// [Contributions]). [series.RoundToSum] and [Breakdown.Rounded] round for
// display the same way, so that printed shares still sum to 100.
//
// Missing is not zero. A value that a share or contribution needs and the
// data do not have is an error naming the part and the period, never a
// zero; [Aggregate] leaves such a period without a value and says why.
package partner
