package tradeflow

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// A Precision is how many decimal places a release prints its figures
// with: China's customs print rates to one place ("5.9%") and levels in
// USD 100 million to one place ("3,303.5"), which is Precision{Rate: 1,
// Level: 1}.
type Precision struct {
	Rate  int32 // decimal places of a printed rate, in percent
	Level int32 // decimal places of a printed level
}

// ErrNoBase is wrapped by errors about a published rate that no positive
// base level can explain.
var ErrNoBase = errors.New("no positive base")

// A BaseInterval is the range of prior-period levels consistent with a
// published rate: for the rate to be the rounding of the true change, the
// base must lie in (Low, High]. LowPrinted and HighPrinted are the bounds
// rounded (half away from zero) to the precision the levels are printed in,
// as a report would quote them.
type BaseInterval struct {
	Current     decimal.Decimal // the current level
	Published   decimal.Decimal // the published rate, in percent
	Precision   Precision       // the places the rate and the levels are printed with
	Low, High   decimal.Decimal // the bounds, quotients to series.DivisionPlaces places
	LowPrinted  decimal.Decimal
	HighPrinted decimal.Decimal
}

// Contains reports whether base is consistent with the published rate.
func (b BaseInterval) Contains(base decimal.Decimal) bool {
	return base.GreaterThan(b.Low) && base.LessThanOrEqual(b.High)
}

// String says "3118.0–3120.9".
func (b BaseInterval) String() string {
	return b.LowPrinted.StringFixed(b.Precision.Level) + "–" + b.HighPrinted.StringFixed(b.Precision.Level)
}

// ImpliedBase returns the prior-period bases consistent with a published
// rate: the rate r, printed with pr.Rate decimals, is the rounding of the
// true change 100 × (current − base) ÷ base when that change lies within
// r ± ½·10^−pr.Rate, so
//
//	100 × current ÷ (100 + r + h)  <  base  ≤  100 × current ÷ (100 + r − h),  h = ½·10^−pr.Rate
//
// (for a positive current level; ties at the bounds follow half away from
// zero only approximately, which no printed figure can tell apart).
// pr.Level is the precision of the printed levels, for LowPrinted and
// HighPrinted. "For 5.9% to round from the true rate, November 2024 must
// have been revised to 3,118.0–3,120.9."
//
// A current level that is not positive, or a rate so far below −100% that
// no base is positive, is an error wrapping [ErrNoBase].
func ImpliedBase(current, published decimal.Decimal, pr Precision) (BaseInterval, error) {
	if !current.IsPositive() {
		return BaseInterval{}, fmt.Errorf("tradeflow: current level %v is not positive: %w", current, ErrNoBase)
	}
	h := decimal.New(5, -pr.Rate-1)
	hundred := decimal.NewFromInt(100)
	top := hundred.Add(published).Add(h)
	bottom := hundred.Add(published).Sub(h)
	if !bottom.IsPositive() {
		return BaseInterval{}, fmt.Errorf("tradeflow: a rate of %v%%: %w", published, ErrNoBase)
	}
	num := hundred.Mul(current)
	lo := num.DivRound(top, series.DivisionPlaces)
	hi := num.DivRound(bottom, series.DivisionPlaces)
	return BaseInterval{Current: current, Published: published, Precision: pr, Low: lo, High: hi,
		LowPrinted: series.DisplayRounding.Round(lo, pr.Level), HighPrinted: series.DisplayRounding.Round(hi, pr.Level)}, nil
}

// A RateCheck sets a rate computed from levels beside the published one.
type RateCheck struct {
	Period    series.Period
	Computed  decimal.Decimal // from the levels, to series.DivisionPlaces places
	Published decimal.Decimal // as printed
	Precision Precision       // the places the rate and the levels are printed with
	BaseValue decimal.Decimal // the base level used
	Interval  BaseInterval    // the bases consistent with the published rate
}

// Agrees reports whether the computed rate, rounded half away from zero
// to the places the rate is printed with, is the published one.
func (c RateCheck) Agrees() bool {
	return series.DisplayRounding.Round(c.Computed, c.Precision.Rate).Equal(c.Published)
}

// Reason says why the two differ, or that they agree.
func (c RateCheck) Reason() string {
	if c.Agrees() {
		return "the computed rate rounds to the published one"
	}
	if c.Interval.Contains(c.BaseValue) {
		return "the base is within the interval the published rate allows, yet the rates differ in rounding"
	}
	return fmt.Sprintf("the published rate compares with a revised base: it needs %v, the base used is %s",
		c.Interval, c.BaseValue.StringFixed(c.Precision.Level))
}

// CheckRate computes the change of level over lag months at period p and
// sets it beside the published rate, printed with the precision pr. A
// level missing for p or its base is an error wrapping
// [series.ErrIncomplete]; so is a change that [series.Change] cannot give
// (a zero base, a combined period in the way), with its gap's reason.
func CheckRate[U series.Unit](level series.Series[U], p series.Period, lag int, published decimal.Decimal, pr Precision) (RateCheck, error) {
	cur, ok := level.AtPeriod(p)
	if !ok {
		return RateCheck{}, fmt.Errorf("tradeflow: no level for %v: %w", p, series.ErrIncomplete)
	}
	base, ok := level.AtPeriod(p.Shift(-lag))
	if !ok {
		return RateCheck{}, fmt.Errorf("tradeflow: no base level for %v: %w", p.Shift(-lag), series.ErrIncomplete)
	}
	ch, gaps := series.Change(level, lag)
	if g, bad := gaps.Find(p.Last); bad {
		return RateCheck{}, fmt.Errorf("tradeflow: %v: %w", g, series.ErrIncomplete)
	}
	computed, _ := ch.AtPeriod(p)
	iv, err := ImpliedBase(cur, published, pr)
	if err != nil {
		return RateCheck{}, err
	}
	return RateCheck{Period: p, Computed: computed, Published: published, Precision: pr, BaseValue: base, Interval: iv}, nil
}

// A TotalCheck sets a published cumulative figure, such as a year-to-date
// total, beside the sum of the monthly figures it covers. Customs revise
// months after their first print, so the two often differ by a little; a
// TotalCheck shows by how much instead of hiding it.
type TotalCheck struct {
	Period    series.Period   // the months the published figure covers
	Published decimal.Decimal // the cumulative figure as printed
	Computed  decimal.Decimal // the sum of the observations within Period, exactly
}

// CheckTotal sums the observations of s within period p, exactly (see
// [series.Total]), and sets the sum beside the figure published for p. A
// combined observation (January–February) counts once if it lies within p.
//
// If a month of p is missing from s, or is part of a combined observation
// that straddles a bound of p, there is no sum to compare: the error is a
// [*series.IncompleteError] wrapping [series.ErrIncomplete]. An invalid p
// is a [*series.PeriodError].
func CheckTotal[U series.Unit](s series.Series[U], p series.Period, published decimal.Decimal) (TotalCheck, error) {
	v, err := series.Total(s, p)
	if err != nil {
		return TotalCheck{}, err
	}
	return TotalCheck{p, published, v}, nil
}

// Diff returns Published − Computed, exactly: positive when the published
// figure is larger than its months add up to.
func (c TotalCheck) Diff() decimal.Decimal { return c.Published.Sub(c.Computed) }

// Agrees reports whether the months add up to the published figure
// exactly. Unlike a rate, a total is not the rounding of the months' sum:
// each month and the total are printed to the same places.
func (c TotalCheck) Agrees() bool { return c.Published.Equal(c.Computed) }

// String reports the comparison, such as "2025-01/2025-11: published
// 58193.1, months sum to 58192.7, difference 0.4".
func (c TotalCheck) String() string {
	return fmt.Sprintf("%v: published %v, months sum to %v, difference %v",
		c.Period, c.Published, c.Computed, c.Diff())
}
