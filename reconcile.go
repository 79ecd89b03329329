package tradeflow

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// A BaseInterval is the range of prior-period levels consistent with a
// published rate: for the rate to be the rounding of the true change, the
// base must lie in (Low, High]. LowPrinted and HighPrinted are the bounds
// rounded (half away from zero) to the precision the levels are printed in,
// as a report would quote them.
type BaseInterval struct {
	Current     decimal.Decimal // the current level
	Published   decimal.Decimal // the published rate, in percent
	Places      int32           // decimal places the rate is printed with
	Low, High   decimal.Decimal // the bounds, quotients to series.DivisionPlaces places
	LowPrinted  decimal.Decimal
	HighPrinted decimal.Decimal
	LevelPlaces int32 // decimal places the levels are printed with
}

// Contains reports whether base is consistent with the published rate.
func (b BaseInterval) Contains(base decimal.Decimal) bool {
	return base.GreaterThan(b.Low) && base.LessThanOrEqual(b.High)
}

// String says "3118.0–3120.9".
func (b BaseInterval) String() string {
	return b.LowPrinted.StringFixed(b.LevelPlaces) + "–" + b.HighPrinted.StringFixed(b.LevelPlaces)
}

// ImpliedBase returns the prior-period bases consistent with a published
// rate: the rate r, printed with places decimals, is the rounding of the
// true change 100 × (current − base) ÷ base when that change lies within
// r ± ½·10^−places, so
//
//	100 × current ÷ (100 + r + h)  <  base  ≤  100 × current ÷ (100 + r − h),  h = ½·10^−places
//
// (for a positive current level; ties at the bounds follow half away from
// zero only approximately, which no printed figure can tell apart).
// levelPlaces is the precision of the printed levels, for LowPrinted and
// HighPrinted. "For 5.9% to round from the true rate, November 2024 must
// have been revised to 3,118.0–3,120.9."
func ImpliedBase(current, published decimal.Decimal, places, levelPlaces int32) (BaseInterval, error) {
	if !current.IsPositive() {
		return BaseInterval{}, errors.New("tradeflow: ImpliedBase needs a positive current level")
	}
	h := decimal.New(5, -places-1)
	hundred := decimal.NewFromInt(100)
	top := hundred.Add(published).Add(h)
	bottom := hundred.Add(published).Sub(h)
	if !bottom.IsPositive() {
		return BaseInterval{}, fmt.Errorf("tradeflow: a rate of %v%% implies no positive base", published)
	}
	num := hundred.Mul(current)
	lo := num.DivRound(top, series.DivisionPlaces)
	hi := num.DivRound(bottom, series.DivisionPlaces)
	return BaseInterval{Current: current, Published: published, Places: places, Low: lo, High: hi,
		LowPrinted: lo.Round(levelPlaces), HighPrinted: hi.Round(levelPlaces), LevelPlaces: levelPlaces}, nil
}

// A RateCheck sets a rate computed from levels beside the published one.
type RateCheck struct {
	Period    series.Period
	Computed  decimal.Decimal // from the levels, to series.DivisionPlaces places
	Published decimal.Decimal // as printed
	Places    int32           // decimal places of the published rate
	Base      decimal.Decimal // the base level used
	Interval  BaseInterval    // the bases consistent with the published rate
}

// Agrees reports whether the computed rate rounds to the published one.
func (c RateCheck) Agrees() bool { return c.Computed.Round(c.Places).Equal(c.Published) }

// Reason says why the two differ, or that they agree.
func (c RateCheck) Reason() string {
	if c.Agrees() {
		return "the computed rate rounds to the published one"
	}
	if c.Interval.Contains(c.Base) {
		return "the base is within the interval the published rate allows, yet the rates differ in rounding"
	}
	return fmt.Sprintf("the published rate compares with a revised base: it needs %v, the base used is %s",
		c.Interval, c.Base.StringFixed(c.Interval.LevelPlaces))
}

// CheckRate computes the change of level over lag months at period p and
// sets it beside the published rate, printed with places decimals.
// levelPlaces is the precision of the printed levels, for the interval.
func CheckRate[U series.Unit](level series.Series[U], p series.Period, lag int, published decimal.Decimal, places, levelPlaces int32) (RateCheck, error) {
	cur, ok := level.AtPeriod(p)
	if !ok {
		return RateCheck{}, fmt.Errorf("tradeflow: no level for %v", p)
	}
	base, ok := level.AtPeriod(p.Shift(-lag))
	if !ok {
		return RateCheck{}, fmt.Errorf("tradeflow: no base level for %v", p.Shift(-lag))
	}
	ch, gaps := series.Change(level, lag)
	if len(gaps) > 0 {
		if g, bad := gaps.Find(p.Last); bad {
			return RateCheck{}, fmt.Errorf("tradeflow: %v", g)
		}
	}
	computed, _ := ch.AtPeriod(p)
	iv, err := ImpliedBase(cur, published, places, levelPlaces)
	if err != nil {
		return RateCheck{}, err
	}
	return RateCheck{Period: p, Computed: computed, Published: published, Places: places, Base: base, Interval: iv}, nil
}
