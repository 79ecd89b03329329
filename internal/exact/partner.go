package exact

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// CheckShares runs partner.Shares of total in p over parts and checks it
// against the reference: each value is the period's sum, the residual the
// total less the parts, each share its exact quotient 100 × x ÷ total
// rounded down or up at series.DivisionPlaces places (exact when it has no
// more), and the shares sum to exactly 100. A value the data lack is a
// *partner.DataError, a zero total partner.ErrZeroTotal. It returns the
// first disagreement, or "".
func CheckShares[U series.Unit](p series.Period, total series.Series[U], parts []partner.Part[U]) string {
	b, err := partner.Shares(p, total, parts)
	tv, vals, want := sums(p, total, parts)
	name := fmt.Sprintf("Shares(%v)", p)
	if want != nil {
		return expectError(name, err, want)
	}
	if tv.Sign() == 0 {
		return expectError(name, err, partner.ErrZeroTotal)
	}
	if err != nil {
		return fmt.Sprintf("%s: %v; want shares", name, err)
	}
	res := append(vals, residual(tv, vals))
	return checkApportioned(name+" shares", b.Parts, res, tv, big.NewRat(100, 1))
}

// CheckContributions runs partner.Contributions of total at t over parts
// with the lag given, and checks it against the reference: the values are
// the periods' sums; each Diff exact; the total's Points its growth
// 100 × (T(t) − T(t−lag)) ÷ T(t−lag) rounded to odd, as series.Change
// rounds; each part's Points its exact contribution rounded down or up,
// summing to exactly the total's; shares in both periods as CheckShares
// wants them. A base before 0001-01 is a *partner.DataError with reason
// OutOfRange.
func CheckContributions[U series.Unit](t series.Period, total series.Series[U], parts []partner.Part[U], lag int) string {
	d, err := partner.Contributions(t, total, parts, partner.Lag(lag))
	name := fmt.Sprintf("Contributions(%v, lag %d)", t, lag)
	if monthsBefore(t.First, lag) {
		var de *partner.DataError
		if !errors.As(err, &de) || de.Reason != series.OutOfRange || !errors.Is(err, series.ErrIncomplete) {
			return fmt.Sprintf("%s: %v; want a DataError with reason OutOfRange", name, err)
		}
		return ""
	}
	base := t.Shift(-lag)
	tv, vals, want1 := sums(t, total, parts)
	bv, bvals, want2 := sums(base, total, parts)
	switch {
	case want1 != nil:
		return expectError(name, err, want1)
	case want2 != nil:
		return expectError(name, err, want2)
	case tv.Sign() == 0 || bv.Sign() == 0:
		return expectError(name, err, partner.ErrZeroTotal)
	case err != nil:
		return fmt.Sprintf("%s: %v; want a decomposition", name, err)
	}
	now, then := append(vals, residual(tv, vals)), append(bvals, residual(bv, bvals))
	dt := new(big.Rat).Sub(tv, bv)
	growth := new(big.Rat).Quo(new(big.Rat).Mul(dt, big.NewRat(100, 1)), bv)
	if w := ToOdd(growth, series.DivisionPlaces); !d.Total.Points.Equal(w) {
		return fmt.Sprintf("%s: growth %v, want %v (exactly %v)", name, d.Total.Points, w, growth.RatString())
	}
	if len(d.Parts) != len(now) {
		return fmt.Sprintf("%s: %d parts, want %d", name, len(d.Parts), len(now))
	}
	sum := decimal.Zero
	for i, c := range d.Parts {
		diff := new(big.Rat).Sub(now[i], then[i])
		exact := new(big.Rat).Quo(new(big.Rat).Mul(diff, big.NewRat(100, 1)), bv)
		switch {
		case !c.Value.Equal(ratDecimal(now[i])) || !c.BaseValue.Equal(ratDecimal(then[i])):
			return fmt.Sprintf("%s: part %q is %v from %v, want %v from %v", name, c.Name, c.Value, c.BaseValue, now[i].RatString(), then[i].RatString())
		case !c.Diff.Equal(ratDecimal(diff)):
			return fmt.Sprintf("%s: part %q changed by %v, want %v", name, c.Name, c.Diff, diff.RatString())
		case !floorOrCeil(c.Points, exact):
			return fmt.Sprintf("%s: part %q contributes %v points, exactly %v", name, c.Name, c.Points, exact.RatString())
		}
		sum = sum.Add(c.Points)
	}
	if !sum.Equal(d.Total.Points) {
		return fmt.Sprintf("%s: contributions sum to %v, the growth is %v", name, sum, d.Total.Points)
	}
	shares := make([]partner.PartShare, len(d.Parts))
	baseShares := make([]partner.PartShare, len(d.Parts))
	for i, c := range d.Parts {
		shares[i] = partner.PartShare{Name: c.Name, Value: c.Value, Share: c.Share}
		baseShares[i] = partner.PartShare{Name: c.Name, Value: c.BaseValue, Share: c.BaseShare}
	}
	if msg := checkApportioned(name+" shares", shares, now, tv, big.NewRat(100, 1)); msg != "" {
		return msg
	}
	return checkApportioned(name+" base shares", baseShares, then, bv, big.NewRat(100, 1))
}

// sums returns the values of total and the parts for p, as series.Total
// gives them, or the error Shares and Contributions must return for a
// value the data lack.
func sums[U series.Unit](p series.Period, total series.Series[U], parts []partner.Part[U]) (*big.Rat, []*big.Rat, error) {
	tv := ModelOf(total).Sum(p, false)
	if tv.V == nil {
		return nil, nil, series.ErrIncomplete
	}
	vals := make([]*big.Rat, len(parts))
	for i, pt := range parts {
		e := ModelOf(pt.Series).Sum(p, false)
		if e.V == nil {
			return nil, nil, series.ErrIncomplete
		}
		vals[i] = e.V
	}
	return tv.V, vals, nil
}

func residual(total *big.Rat, vals []*big.Rat) *big.Rat {
	r := new(big.Rat).Set(total)
	for _, v := range vals {
		r.Sub(r, v)
	}
	return r
}

func expectError(name string, err, want error) string {
	if !errors.Is(err, want) {
		return fmt.Sprintf("%s: error %v, want one wrapping %v", name, err, want)
	}
	return ""
}

// checkApportioned checks shares of parts with values vals in a total tv:
// each value exact, each share 100 × v ÷ tv rounded down or up, summing
// to exactly target.
func checkApportioned(name string, got []partner.PartShare, vals []*big.Rat, tv, target *big.Rat) string {
	if len(got) != len(vals) {
		return fmt.Sprintf("%s: %d parts, want %d", name, len(got), len(vals))
	}
	sum := decimal.Zero
	for i, s := range got {
		exact := new(big.Rat).Quo(new(big.Rat).Mul(vals[i], big.NewRat(100, 1)), tv)
		switch {
		case !s.Value.Equal(ratDecimal(vals[i])):
			return fmt.Sprintf("%s: %q is %v, want %v", name, s.Name, s.Value, vals[i].RatString())
		case !floorOrCeil(s.Share, exact):
			return fmt.Sprintf("%s: %q has %v%%, exactly %v", name, s.Name, s.Share, exact.RatString())
		}
		sum = sum.Add(s.Share)
	}
	if sum.Rat().Cmp(target) != 0 {
		return fmt.Sprintf("%s: sum to %v, want %v", name, sum, target.RatString())
	}
	return ""
}

// floorOrCeil reports whether d is q rounded down or up to
// series.DivisionPlaces places: q itself when it has no more.
func floorOrCeil(d decimal.Decimal, q *big.Rat) bool {
	if d.Exponent() < -series.DivisionPlaces && !d.Equal(d.Truncate(series.DivisionPlaces)) {
		return false
	}
	diff := new(big.Rat).Sub(d.Rat(), q)
	if diff.Sign() == 0 {
		return true
	}
	diff.Abs(diff)
	return diff.Cmp(new(big.Rat).SetFrac(big.NewInt(1), pow10(series.DivisionPlaces))) < 0
}
