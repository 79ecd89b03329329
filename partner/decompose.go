package partner

import (
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// RestOfWorld is the name [Shares] and [Contributions] give the residual
// part, unless [ResidualName] says otherwise.
const RestOfWorld = "Rest of world"

// A Part is a named component of a total: a partner, a group (see
// [Aggregate]) or any other slice of it, in the total's unit. The parts
// given to [Shares] and [Contributions] must not overlap (ASEAN and
// Vietnam together would count Vietnam twice); nothing can check that.
type Part[U series.Unit] struct {
	Name   string
	Series series.Series[U]
}

// An Option changes how [Shares] and [Contributions] work.
type Option func(*options)

type options struct {
	lag      int
	residual string
}

func newOptions(opts []Option) options {
	o := options{lag: 12, residual: RestOfWorld}
	for _, f := range opts {
		f(&o)
	}
	return o
}

// Lag sets the number of months over which [Contributions] measures
// growth; the default is 12 (year on year). It panics if k < 1.
func Lag(k int) Option {
	if k < 1 {
		panic(fmt.Sprintf("partner: Lag(%d): the lag must be at least one month", k))
	}
	return func(o *options) { o.lag = k }
}

// ResidualName sets the name of the residual part (default [RestOfWorld]),
// for a total that is not the world: "Other products", "Other ASEAN".
func ResidualName(name string) Option {
	return func(o *options) { o.residual = name }
}

// ErrZeroTotal is wrapped by errors about a total of zero, which leaves
// shares and contributions undefined.
var ErrZeroTotal = errors.New("zero total")

// A DataError reports a value that [Shares] or [Contributions] needs and
// cannot use.
type DataError struct {
	Name   string        // the part's name, or "total"
	Period series.Period // the period whose value is needed
	Reason series.Reason // MonthMissing, Combined or BaseZero
	Cause  series.Period // the observation in the way (Combined), or the month missing
}

func (e *DataError) Error() string {
	switch e.Reason {
	case series.BaseZero:
		return fmt.Sprintf("partner: %q is zero in %v: shares and contributions are undefined", e.Name, e.Period)
	case series.Combined:
		return fmt.Sprintf("partner: %q has no value for %v: its observation %v cannot be split", e.Name, e.Period, e.Cause)
	}
	if e.Cause.Valid() && e.Cause != e.Period {
		return fmt.Sprintf("partner: %q has no value for %v: %v is missing", e.Name, e.Period, e.Cause)
	}
	return fmt.Sprintf("partner: %q has no value for %v", e.Name, e.Period)
}

// Unwrap returns [ErrZeroTotal] for a zero total and
// [series.ErrIncomplete] for a value the data do not have: the value of a
// period is the sum of its months, as [series.Total] gives it.
func (e *DataError) Unwrap() error {
	if e.Reason == series.BaseZero {
		return ErrZeroTotal
	}
	return series.ErrIncomplete
}

// A Breakdown is a total in one period split into parts, with each part's
// share of it. It is what [Shares] returns.
type Breakdown struct {
	Period series.Period
	Total  decimal.Decimal // in the unit of the series given to Shares
	// Parts holds the parts in the order given, then the residual.
	Parts []PartShare
	// NegativeResidual is set when the listed parts add up to more than
	// the total, so that the residual is negative: the parts overlap, or
	// come from a different release than the total.
	NegativeResidual bool
}

// A PartShare is one part of a [Breakdown] and its share of the total.
type PartShare struct {
	Name     string
	Residual bool            // whether this is the residual: the total less the listed parts
	Value    decimal.Decimal // the part's value, in the breakdown's unit
	Share    decimal.Decimal // its share of the total, in percent
}

// Shares splits total in period p into parts and a residual (named
// [RestOfWorld] unless [ResidualName] says otherwise):
//
//	residual = total − Σ parts
//	share(x) = 100 × x ÷ total   (percent)
//
// The residual makes the parts exhaustive, so the shares sum to exactly
// 100. Division is the one inexact step: each share is the exact quotient
// at [series.DivisionPlaces] places, rounded down or up (exact when the
// quotient has no more places), and the quotients rounded up are those
// with the largest remainders, as many as make the sum exactly 100. So no
// share is off by a unit in the last place or more. For shares printed to
// one decimal that still sum to 100, see [Breakdown.Rounded].
//
// A period may be a month or a span such as a year to date
// (2025-01/2025-11): the value of each series is its observation for
// exactly that period, or else the sum of the observations that make it up
// (months, or a combined January–February and the months after it). An
// observation that straddles a bound of the period cannot be split. A missing
// value is an error (a [*DataError] wrapping [series.ErrIncomplete]; every
// one found is reported); so is a zero total ([ErrZeroTotal]). A negative residual is
// not an error: [Breakdown.NegativeResidual] flags it. Shares panics if p
// is not valid.
func Shares[U series.Unit](p series.Period, total series.Series[U], parts []Part[U], opts ...Option) (Breakdown, error) {
	if !p.Valid() {
		panic(fmt.Sprintf("partner: Shares for invalid period %v", p))
	}
	o := newOptions(opts)
	var errs []error
	tv, vals := cross(p, total, parts, &errs)
	if len(errs) == 0 && tv.IsZero() {
		errs = append(errs, &DataError{Name: "total", Period: p, Reason: series.BaseZero})
	}
	if len(errs) > 0 {
		return Breakdown{}, errors.Join(errs...)
	}
	res := withResidual(tv, vals)
	pct := quotients(res, tv, hundred())
	b := Breakdown{Period: p, Total: tv, Parts: make([]PartShare, len(res)), NegativeResidual: res[len(res)-1].IsNegative()}
	for i := range res {
		b.Parts[i] = PartShare{Value: res[i], Share: pct[i]}
		if i < len(parts) {
			b.Parts[i].Name = parts[i].Name
		} else {
			b.Parts[i].Name, b.Parts[i].Residual = o.residual, true
		}
	}
	return b, nil
}

// Rounded returns b with every Share rounded to places decimal places by
// [series.RoundToSum], so that the printed shares still sum to exactly 100.
func (b Breakdown) Rounded(places int32) Breakdown {
	pct := make([]decimal.Decimal, len(b.Parts))
	for i, s := range b.Parts {
		pct[i] = s.Share
	}
	pct = series.RoundToSum(pct, places)
	r := b
	r.Parts = slices.Clone(b.Parts)
	for i := range r.Parts {
		r.Parts[i].Share = pct[i]
	}
	return r
}

// cross returns the values of total and of each part for period p, adding
// a *DataError to errs for each one missing.
func cross[U series.Unit](p series.Period, total series.Series[U], parts []Part[U], errs *[]error) (decimal.Decimal, []decimal.Decimal) {
	// A value is the observation for exactly p or the sum of those that
	// make it up; Total finds the first month in the way, if any.
	get := func(name string, s series.Series[U]) decimal.Decimal {
		v, err := series.Total(s, p)
		var ie *series.IncompleteError
		if errors.As(err, &ie) {
			g := ie.Gaps[0]
			*errs = append(*errs, &DataError{Name: name, Period: p, Reason: g.Reason, Cause: g.Cause})
		}
		return v
	}
	tv := get("total", total)
	vals := make([]decimal.Decimal, len(parts))
	for i, pt := range parts {
		vals[i] = get(pt.Name, pt.Series)
	}
	return tv, vals
}

// withResidual returns vals followed by total − Σ vals.
func withResidual(total decimal.Decimal, vals []decimal.Decimal) []decimal.Decimal {
	res := make([]decimal.Decimal, len(vals)+1)
	rest := total
	for i, v := range vals {
		res[i] = v
		rest = rest.Sub(v)
	}
	res[len(vals)] = rest
	return res
}

// A Decomposition splits the growth of a total over a lag into the
// contributions of its parts. It is what [Contributions] returns.
type Decomposition struct {
	Period     series.Period // t
	BasePeriod series.Period // t − lag
	// Total is the total itself, named "total": its Points are its growth
	// in percent, 100 × Diff ÷ BaseValue, as [series.Change] computes
	// it; its shares are 100.
	Total Contribution
	// Parts holds the parts in the order given, then the residual. Their
	// Points sum to exactly Total.Points, their Diffs to Total.Diff.
	Parts []Contribution
	// NegativeResidual is set when the listed parts add up to more than
	// the total in either period, so that the residual is negative.
	NegativeResidual bool
}

// A Contribution is one part's contribution to the growth of a total.
type Contribution struct {
	Name      string
	Residual  bool            // whether this is the residual: the total less the listed parts
	Value     decimal.Decimal // X(t)
	BaseValue decimal.Decimal // X(t − lag)
	Diff      decimal.Decimal // X(t) − X(t − lag), exact
	// Points is the contribution to the total's growth, in percentage
	// points: 100 × Diff ÷ the total's BaseValue.
	Points    decimal.Decimal
	Share     decimal.Decimal // percent of the total in t
	BaseShare decimal.Decimal // percent of the total in t − lag
}

// ShareDiff returns the difference of the part's share, Share − BaseShare,
// in percentage points. The share differences of a decomposition's parts
// sum to exactly zero.
func (c Contribution) ShareDiff() decimal.Decimal { return c.Share.Sub(c.BaseShare) }

// Contributions decomposes the growth of total from period t − lag to
// period t (lag 12 unless [Lag] says otherwise) into the contributions of
// the parts and a residual, the rest of the world:
//
//	C(x) = 100 × (X(t) − X(t−lag)) ÷ Total(t−lag)   (percentage points)
//	Σ C(x) = 100 × (Total(t) − Total(t−lag)) ÷ Total(t−lag)   (the total's growth, percent)
//
// The sum holds exactly, not just to rounding. The differences are exact,
// and they have one denominator, the total's base, so each contribution is
// an exact numerator (its Diff) over it. The total's growth is rounded as
// [series.Change] rounds it (to odd, at [series.DivisionPlaces] places),
// so it equals what [series.YoY] prints. Each contribution is its exact
// quotient at the same places, rounded down or up — exact when the quotient
// has no more places — the ones rounded up being those with the largest
// remainders, as many as make the sum equal the total's growth. No
// contribution is off by a unit in the last place or more. Shares in t and
// t − lag are computed as [Shares] does, and each set sums to exactly 100.
//
// t may be a month or a span such as 2025-01/2025-02; t − lag is the same
// months lag earlier, and values are found as [Shares] finds them. A
// missing value is an error (a [*DataError] wrapping [series.ErrIncomplete];
// every one found is reported), and so is a zero total in either period
// ([ErrZeroTotal]). Contributions panics if t is not valid.
func Contributions[U series.Unit](t series.Period, total series.Series[U], parts []Part[U], opts ...Option) (Decomposition, error) {
	if !t.Valid() {
		panic(fmt.Sprintf("partner: Contributions for invalid period %v", t))
	}
	o := newOptions(opts)
	base := t.Shift(-o.lag)
	var errs []error
	tv, vals := cross(t, total, parts, &errs)
	bv, bvals := cross(base, total, parts, &errs)
	if len(errs) == 0 {
		if bv.IsZero() {
			errs = append(errs, &DataError{Name: "total", Period: base, Reason: series.BaseZero})
		}
		if tv.IsZero() {
			errs = append(errs, &DataError{Name: "total", Period: t, Reason: series.BaseZero})
		}
	}
	if len(errs) > 0 {
		return Decomposition{}, errors.Join(errs...)
	}
	now, then := withResidual(tv, vals), withResidual(bv, bvals)
	changes := make([]decimal.Decimal, len(now))
	for i := range now {
		changes[i] = now[i].Sub(then[i])
	}
	dt := tv.Sub(bv)
	growth := percentToOdd(dt, bv)
	points := quotients(changes, bv, growth)
	share, baseShare := quotients(now, tv, hundred()), quotients(then, bv, hundred())

	d := Decomposition{
		Period:     t,
		BasePeriod: base,
		Total: Contribution{
			Name: "total", Value: tv, BaseValue: bv, Diff: dt,
			Points: decimal.NewFromBigInt(growth, -series.DivisionPlaces),
			Share:  decimal.NewFromInt(100), BaseShare: decimal.NewFromInt(100),
		},
		Parts:            make([]Contribution, len(now)),
		NegativeResidual: now[len(now)-1].IsNegative() || then[len(then)-1].IsNegative(),
	}
	for i := range now {
		c := Contribution{
			Value: now[i], BaseValue: then[i], Diff: changes[i],
			Points: points[i], Share: share[i], BaseShare: baseShare[i],
		}
		if i < len(parts) {
			c.Name = parts[i].Name
		} else {
			c.Name, c.Residual = o.residual, true
		}
		d.Parts[i] = c
	}
	return d, nil
}

// Residual returns the residual part: the total less the listed parts. It
// is the zero Contribution for the zero Decomposition.
func (d Decomposition) Residual() Contribution {
	if len(d.Parts) == 0 {
		return Contribution{}
	}
	return d.Parts[len(d.Parts)-1]
}

// Exact quotients at DivisionPlaces.

var pow13 = new(big.Int).Exp(big.NewInt(10), big.NewInt(series.DivisionPlaces), nil)

// hundred returns 100 as a coefficient at DivisionPlaces.
func hundred() *big.Int { return new(big.Int).Mul(big.NewInt(100), pow13) }

// scaled returns the values as integers at one common scale: v × 10^scale.
func scaled(vals ...decimal.Decimal) []*big.Int {
	scale := int32(0)
	for _, v := range vals {
		scale = max(scale, -v.Exponent())
	}
	out := make([]*big.Int, len(vals))
	for i, v := range vals {
		c := new(big.Int).Set(v.Coefficient())
		if k := int64(v.Exponent() + scale); k > 0 {
			c.Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(k), nil))
		}
		out[i] = c
	}
	return out
}

// percentToOdd returns 100 × n ÷ d as a coefficient at DivisionPlaces,
// rounded as series.Change rounds (see series.Quo). d != 0.
func percentToOdd(n, d decimal.Decimal) *big.Int {
	q, _ := series.Quo(n.Shift(2), d)
	return q.Coefficient()
}

// quotients returns 100 × nums[i] ÷ den at DivisionPlaces places, each the
// exact quotient rounded down or up, summing to target (a coefficient at
// DivisionPlaces). The quotients rounded up are those with the largest
// remainders (the earlier on ties); exact quotients are never moved.
//
// target must lie within one unit of the last place of the exact sum of
// the quotients — 100 exactly when Σ nums = den, or the total's growth
// rounded to odd when nums are the changes of parts that add up to the
// total. Then the number of quotients to round up lies between zero and the
// number of inexact ones; anything else is a bug here, and panics.
func quotients(nums []decimal.Decimal, den decimal.Decimal, target *big.Int) []decimal.Decimal {
	if out, ok := quotients64(nums, den, target); ok {
		return out
	}
	return quotientsBig(nums, den, target)
}

// quotientsBig is quotients in big.Int arithmetic, for any size.
func quotientsBig(nums []decimal.Decimal, den decimal.Decimal, target *big.Int) []decimal.Decimal {
	s := scaled(append(slices.Clone(nums), den)...)
	d := s[len(s)-1]
	neg := d.Sign() < 0
	if neg {
		d = new(big.Int).Neg(d)
	}
	floors := make([]*big.Int, len(nums))
	rems := make([]*big.Int, len(nums))
	sum := new(big.Int)
	var inexact []int
	for i := range nums {
		n := new(big.Int).Mul(s[i], hundred())
		if neg {
			n.Neg(n)
		}
		// With d > 0, DivMod's Euclidean quotient is the floor and the
		// remainder is in [0, d).
		floors[i], rems[i] = new(big.Int).DivMod(n, d, new(big.Int))
		sum.Add(sum, floors[i])
		if rems[i].Sign() != 0 {
			inexact = append(inexact, i)
		}
	}
	up := new(big.Int).Sub(target, sum)
	if up.Sign() < 0 || up.Cmp(big.NewInt(int64(len(inexact)))) > 0 {
		panic(fmt.Sprintf("partner: cannot apportion %v units among %d inexact quotients", up, len(inexact)))
	}
	slices.SortStableFunc(inexact, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for _, i := range inexact[:up.Int64()] {
		floors[i].Add(floors[i], big.NewInt(1))
	}
	out := make([]decimal.Decimal, len(nums))
	for i, f := range floors {
		out[i] = decimal.NewFromBigInt(f, -series.DivisionPlaces)
	}
	return out
}
