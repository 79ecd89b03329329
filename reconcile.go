package tradeflow

import (
	"errors"
	"fmt"
	"time"

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
// published rate: the bases from which the change to the current level,
// rounded half away from zero to the rate's places, is the published rate.
// Half away from zero rounds a tie to the larger magnitude, so the range
// is (Low, High] for a positive rate, [Low, High) for a negative one and
// (Low, High) for zero. A rate printed as −100 (−100.0 to one place) has
// no upper bound, since every base large enough gives a fall within a
// rounding of 100%: then Unbounded is set, and High and HighPrinted are
// zero.
//
// Low and High are quotients to series.DivisionPlaces places, rounded as
// series.DivisionRounding says; [BaseInterval.Contains] decides exactly,
// bounds and ties included. LowPrinted and HighPrinted are the bounds at
// the places the levels are printed with, as a report would quote them:
// the least and the greatest level at those places that the interval
// contains, so that each gives the published rate (a bound rounded
// outward would not: 2,186.7 on 2,147.0 is +1.8%, not +1.9%). Where no
// level at those places lies within the interval, they are the bounds
// rounded half away from zero.
type BaseInterval struct {
	Current     decimal.Decimal // the current level
	Published   decimal.Decimal // the published rate, in percent
	Precision   Precision       // the places the rate and the levels are printed with
	Low, High   decimal.Decimal // the bounds, quotients to series.DivisionPlaces places
	Unbounded   bool            // no base is too large: the rate is a fall of 100% at its places
	LowPrinted  decimal.Decimal
	HighPrinted decimal.Decimal
}

// Contains reports whether base is consistent with the published rate:
// whether 100 × (Current − base) ÷ base, rounded half away from zero to
// Precision.Rate places, is Published. It is decided exactly, with no
// quotient: with h = ½·10^−Rate and r the published rate, the change c
// rounds to r when r − h ≤ c < r + h (r > 0), r − h < c ≤ r + h (r < 0)
// or −h < c < h (r = 0), and for a positive base c ≥ x exactly when
// 100 × Current ≥ (100 + x) × base. A base that is not positive is not
// consistent with any rate.
func (b BaseInterval) Contains(base decimal.Decimal) bool {
	if !base.IsPositive() {
		return false
	}
	h := decimal.New(5, -b.Precision.Rate-1)
	hundred := decimal.NewFromInt(100)
	num := hundred.Mul(b.Current)
	lo := num.Cmp(hundred.Add(b.Published).Sub(h).Mul(base)) // c vs r − h
	hi := num.Cmp(hundred.Add(b.Published).Add(h).Mul(base)) // c vs r + h
	switch b.Published.Sign() {
	case 1:
		return lo >= 0 && hi < 0
	case -1:
		return lo > 0 && hi <= 0
	}
	return lo > 0 && hi < 0
}

// String says "3118.0–3120.9", "99.9" for an interval that holds one
// printed level, or "2000.0 or more" for one with no upper bound, with
// the bounds as printed; for one that holds no printed level, it gives
// the bounds two places further and says so.
func (b BaseInterval) String() string {
	switch {
	case b.Unbounded && b.Current.IsZero():
		return "any positive level"
	case b.Unbounded:
		return b.LowPrinted.StringFixed(b.Precision.Level) + " or more"
	}
	lo, hi := b.LowPrinted.StringFixed(b.Precision.Level), b.HighPrinted.StringFixed(b.Precision.Level)
	switch {
	case !b.Contains(b.LowPrinted) || !b.Contains(b.HighPrinted):
		// No level at the printed places gives the rate: say so, with the
		// bounds two places further.
		places := b.Precision.Level + 2
		return fmt.Sprintf("%s–%s, which no level printed to %d places is",
			series.DisplayRounding.Round(b.Low, places).StringFixed(places),
			series.DisplayRounding.Round(b.High, places).StringFixed(places), b.Precision.Level)
	case lo == hi:
		return lo
	}
	return lo + "–" + hi
}

// ImpliedBase returns the prior-period bases consistent with a published
// rate: the rate r, printed with pr.Rate decimals, is the rounding half
// away from zero of the true change 100 × (current − base) ÷ base when
// that change lies within r ± h, h = ½·10^−pr.Rate, so
//
//	100 × current ÷ (100 + r + h)  ≤  base  ≤  100 × current ÷ (100 + r − h),
//
// with the bounds in or out as [BaseInterval] says for r's sign, and no
// upper bound when 100 + r − h ≤ 0. pr.Level is the precision of the
// printed levels, for LowPrinted and HighPrinted. "For 5.9% to round from
// the true rate, November 2024 must have been revised to 3,118.0–3,120.9."
//
// A current level of zero is a fall of exactly 100% from any positive
// base. A negative current level, or a rate that no positive base gives (a
// fall of more than 100%, at the rate's places), is an error wrapping
// [ErrNoBase]; places beyond ±[series.MaxDigits] are an error wrapping
// [series.ErrLimit].
func ImpliedBase(current, published decimal.Decimal, pr Precision) (BaseInterval, error) {
	if err := pr.check(); err != nil {
		return BaseInterval{}, err
	}
	if current.IsNegative() {
		return BaseInterval{}, fmt.Errorf("tradeflow: current level %v is negative: %w", current, ErrNoBase)
	}
	iv := BaseInterval{Current: current, Published: published, Precision: pr}
	if current.IsZero() {
		// Every positive base gives a change of exactly −100%.
		if !iv.Contains(decimal.NewFromInt(1)) {
			return BaseInterval{}, fmt.Errorf("tradeflow: a current level of 0 is a fall of 100%%, not %v%%: %w", published, ErrNoBase)
		}
		iv.Unbounded = true
		return iv, nil
	}
	h := decimal.New(5, -pr.Rate-1)
	hundred := decimal.NewFromInt(100)
	top := hundred.Add(published).Add(h)
	bottom := hundred.Add(published).Sub(h)
	if !top.IsPositive() {
		return BaseInterval{}, fmt.Errorf("tradeflow: a rate of %v%%: %w", published, ErrNoBase)
	}
	num := hundred.Mul(current)
	iv.Low, _ = series.Quo(num, top)
	ulp := decimal.New(1, -pr.Level)
	iv.LowPrinted = iv.printedBound(iv.Low, ulp)
	if !bottom.IsPositive() {
		iv.Unbounded = true
		return iv, nil
	}
	iv.High, _ = series.Quo(num, bottom)
	iv.HighPrinted = iv.printedBound(iv.High, ulp.Neg())
	return iv, nil
}

// printedBound rounds a bound to the places the levels are printed with
// and, if that falls outside the interval, moves it one place inward (by
// inward, a step of one unit in the last place, up for the lower bound,
// down for the upper).
func (b BaseInterval) printedBound(bound, inward decimal.Decimal) decimal.Decimal {
	r := series.DisplayRounding.Round(bound, b.Precision.Level)
	if !b.Contains(r) && b.Contains(r.Add(inward)) {
		return r.Add(inward)
	}
	return r
}

// check returns an error unless both precisions are within ±MaxDigits.
func (pr Precision) check() error {
	if pr.Rate < -series.MaxDigits || pr.Rate > series.MaxDigits || pr.Level < -series.MaxDigits || pr.Level > series.MaxDigits {
		return fmt.Errorf("tradeflow: precision of %d places for rates, %d for levels: want −%d to %d: %w",
			pr.Rate, pr.Level, series.MaxDigits, series.MaxDigits, series.ErrLimit)
	}
	return nil
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

// Agrees reports whether the rate from BaseValue to the current level,
// rounded half away from zero to the places the rate is printed with, is
// the published one: whether Interval contains BaseValue, decided exactly.
// For rates printed with at most 11 places it is also whether Computed so
// rounded is the published rate (see series.DivisionRounding).
func (c RateCheck) Agrees() bool { return c.Interval.Contains(c.BaseValue) }

// Reason says why the two differ, or that they agree.
func (c RateCheck) Reason() string {
	if c.Agrees() {
		return "the computed rate rounds to the published one"
	}
	return fmt.Sprintf("the published rate compares with a revised base: it needs %v, the base used is %s",
		c.Interval, c.BaseValue.StringFixed(c.Precision.Level))
}

// CheckRate computes the change of level over lag months at period p and
// sets it beside the published rate, printed with the precision pr. A
// level missing for p or its base is an error wrapping
// [series.ErrIncomplete], as is a base period that would begin before
// 0001-01; so is a change that [series.Change] cannot give (a zero base,
// a combined period in the way), with its gap's reason. The errors of
// [ImpliedBase] are returned as they are. CheckRate panics if lag < 1,
// as series.Change does.
func CheckRate[U series.Unit](level series.Series[U], p series.Period, lag int, published decimal.Decimal, pr Precision) (RateCheck, error) {
	if lag < 1 {
		panic(fmt.Sprintf("tradeflow: CheckRate with a lag of %d months: want at least 1", lag))
	}
	cur, ok := level.AtPeriod(p)
	if !ok {
		return RateCheck{}, fmt.Errorf("tradeflow: no level for %v: %w", p, series.ErrIncomplete)
	}
	if lag > p.First.MonthsSince(series.MustMonth(1, time.January)) {
		return RateCheck{}, fmt.Errorf("tradeflow: no base level for %v: %d months earlier is before 0001-01: %w", p, lag, series.ErrIncomplete)
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
