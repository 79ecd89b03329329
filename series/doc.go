// Package series holds exact monthly series whose unit is part of their type,
// and the arithmetic a trade report prints: percent changes and
// differences, streaks, year-to-date totals, rolling sums, shares, unit
// conversions and progress toward a cumulative target ([Target]).
//
// # Months
//
// A [Month] is a year and a month, nothing more: no day, no time zone. It
// parses "2025-11", "202511" (UN Comtrade) and "2025M11" and prints
// "2025-11". A [Period] is a run of months, such as a combined release
// "2025-01/2025-02" or a year to date "2025-01/2025-11".
//
// # Units
//
// A [Series] is typed by its [Unit]: Series[USD], Series[Tonnes],
// Series[Percent]. Adding tonnes to dollars does not compile, nor does
// converting a Series[Tonnes] to a Series[USD]. Conversions that make
// sense are functions: [Rescale] for a power of ten within a dimension
// (kg to t, USD 100 million to USD), [Convert] for a currency with an
// exchange-rate series, [Divide] for a unit value (USD per tonne).
//
// # Exactness
//
// Values are exact decimals ([github.com/shopspring/decimal] at the API).
// Addition, subtraction, multiplication and rescaling are exact. Division
// is the one inexact step: quotients keep [DivisionPlaces] decimal places,
// rounded as [DivisionRounding] says, which makes comparisons with printed
// thresholds and display rounding give the same answer as the exact
// quotient would. Rounding for display is explicit ([Series.Round], half
// away from zero, as customs tables print).
//
// # Missing is not zero
//
// A month holds an observation (possibly zero) or nothing. No operation
// fills a missing month. An operation that cannot produce a value for a
// period (a missing or zero base, a missing month in a window) leaves it
// without a value and says so in the [Gaps] it returns; one that returns a
// single value ([Total]) returns an error instead of a partial one. Nothing
// panics on data; panics are kept for caller bugs and documented.
//
// # Combined periods
//
// China's customs publish January and February as one figure. A series
// holds it as one combined observation covering both months, set with
// [Builder.SetCombined]. The operations treat it as follows:
//
//   - Lookups: [Series.At] reports no single-month value for January or
//     February; [Series.Covering] returns the combined observation for
//     either month; [Series.All] yields it once, with its period.
//   - Changes ([Change], [YoY], [Diff]): the combined observation is compared
//     with the same months a lag earlier: a combined observation of the same
//     months, or the sum of the separate months if all are present. The
//     result is itself a combined observation. A single month whose base
//     lies inside a combined observation has no change (reason [Combined]);
//     so month-on-month change next to January–February is undefined.
//   - Year to date ([YearToDate], [YTDChange]): the combined figure adds in
//     once, at its last month. January has no total of its own; the total
//     to February is the combined figure; the total to March adds March. A
//     year-to-date change at February compares Jan–Feb with the prior
//     Jan–Feb, whichever way the prior year was released.
//   - Sums ([Total], [Rolling], [Annual]): a combined observation counts if
//     it lies wholly inside the range; one that straddles a bound cannot be
//     split and is reported (reason [Combined]).
//   - Streaks ([Streak], [LastBefore]): a combined observation counts once.
//     A run through January–February (combined) and March has length 2.
//   - Binary operations ([Add], [Sub], [Share], [Divide], [Convert]) match
//     periods exactly: a combined observation pairs only with the same
//     combined period in the other series.
//
// # Limits
//
// Months run from 0001-01 to 9999-12. An operation whose result needs
// months outside them (a base or a window before 0001-01, a fiscal year
// running past 9999-12) has no value there, and Gaps says so (reason
// [OutOfRange]); lags and windows may be of any length, and cost one pass
// over the series whatever it is. Values enter a series within
// [MaxDigits] digits before and after the point, by every way in; results
// are not bounded, so what an operation costs depends on the number of
// values, never on one of them.
//
// # Storage
//
// A series keeps its values as int64 coefficients at one scale shared by
// the series, with a bit set marking the months that hold a value; values
// whose coefficient does not fit an int64 fall back to big integers, one by
// one. Operations over millions of values run in tight loops with no
// allocation per value. Series are immutable and safe for concurrent use.
//
// A [Panel] holds many series together, for work over thousands at once:
// its operations ([Panel.YoY], [Panel.MoM], [Panel.Change], [Panel.Diff],
// [Panel.YearToDate], [Panel.Round], [Panel.ZeroFill], [Panel.Aggregate],
// [Panel.Total]) are the series operations of the same names on every
// series, by the same code, with the results' values carved out of a few
// large blocks rather than allocated a series at a time. [PanelBuilder]
// makes one from integers, a value at a time ([PanelBuilder.SetInt]) or
// from columns of months and coefficients ([PanelBuilder.SetInts]).
//
// # Encodings
//
// A [Series] encodes exactly, with its unit: as JSON ([Series.MarshalJSON])
// and in a compact, versioned binary form ([Series.MarshalBinary]) for
// pipelines that move series between processes. Decoding checks the unit,
// so data in tonnes do not decode into a Series[USD], and checks
// everything else it reads. Months and periods are text ("2025-11",
// "2025-01/2025-02") in JSON and in SQL columns, and gap reasons are tokens
// ("base_zero").
//
// Statistics that are naturally approximate (means, deviations,
// correlations, trends) are in package
// [github.com/tradeflow-go/tradeflow/stats], which converts a series to
// float64 explicitly; this package imports only the standard library and
// shopspring/decimal.
package series
