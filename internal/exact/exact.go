// Package exact checks the library's arithmetic against a reference written
// from its documentation in math/big.Rat, independent of how package
// series computes. The tests and fuzz targets of the module use it: each
// derived figure is compared with its exact value, and each period without
// a value with the gap the documentation says it must have.
//
// The reference is slow on purpose (it walks months one by one, with a
// map from month to observation); it is meant for series of at most a few
// thousand months.
package exact

import (
	"fmt"
	"math/big"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// An Obs is an observation of a series, its value exact.
type Obs struct {
	P series.Period
	V *big.Rat
}

// A Model is a series as the reference sees it: its observations, and for
// every month the observation that covers it.
type Model struct {
	Obs   []Obs
	cover map[series.Month]int // index in Obs
	Scale int32                // the largest number of places among the values
}

// first is 0001-01, the first month there is.
var first = series.MustMonth(1, time.January)

// ModelOf returns the model of s.
func ModelOf[U series.Unit](s series.Series[U]) *Model {
	m := &Model{cover: map[series.Month]int{}}
	for p, v := range s.All() {
		m.Obs = append(m.Obs, Obs{p, v.Rat()})
		m.Scale = max(m.Scale, -v.Exponent())
		for k := 0; k < p.Len(); k++ {
			m.cover[p.First.AddMonths(k)] = len(m.Obs) - 1
		}
	}
	return m
}

// covering returns the observation that covers month mo.
func (m *Model) covering(mo series.Month) (Obs, bool) {
	k, ok := m.cover[mo]
	if !ok {
		return Obs{}, false
	}
	return m.Obs[k], true
}

// exactly returns the observation for exactly p.
func (m *Model) exactly(p series.Period) (Obs, bool) {
	o, ok := m.covering(p.Last)
	return o, ok && o.P == p
}

// An Expect is what an operation must give for a period: a value, or a gap
// with a reason and a cause (Why is 0 for a value).
type Expect struct {
	V     *big.Rat
	Why   series.Reason
	Cause series.Period
}

func value(v *big.Rat) Expect { return Expect{V: v} }

func gap(why series.Reason, cause series.Period) Expect { return Expect{Why: why, Cause: cause} }

// monthsBefore reports whether p would begin before 0001-01 if moved back
// by k months.
func monthsBefore(mo series.Month, k int) bool { return k > mo.MonthsSince(first) }

// Sum is Total of the months of p (in the calendar): every month covered
// by an observation within p. The first problem, in month order, is the
// gap: a month covered by an observation that straddles a bound of p
// (Combined, the observation), or a month no observation covers
// (MonthMissing, the month). With allowMissing, missing months add nothing
// and the value is Partial, naming the first of them; a straddling
// observation is still a gap.
func (m *Model) Sum(p series.Period, allowMissing bool) Expect {
	sum := new(big.Rat)
	seen := map[series.Period]bool{}
	var missing series.Period
	for k := 0; k < p.Len(); k++ {
		mo := p.First.AddMonths(k)
		o, ok := m.covering(mo)
		switch {
		case !ok && !allowMissing:
			return gap(series.MonthMissing, series.MonthPeriod(mo))
		case !ok:
			if !missing.Valid() {
				missing = series.MonthPeriod(mo)
			}
		case o.P.First.Before(p.First) || o.P.Last.After(p.Last):
			return gap(series.Combined, o.P)
		case !seen[o.P]:
			seen[o.P] = true
			sum.Add(sum, o.V)
		}
	}
	if missing.Valid() {
		return Expect{V: sum, Why: series.Partial, Cause: missing}
	}
	return value(sum)
}

// Base is the base of observation o lag months earlier, as series.Change
// finds it: the observation for exactly the same months lag earlier, or
// the sum of those months' separate observations. The first month in the
// way decides the gap: one inside a combined observation (Combined), or
// one with none (BaseMissing, the base period). A base before 0001-01 is
// OutOfRange.
func (m *Model) Base(o Obs, lag int) Expect {
	if monthsBefore(o.P.First, lag) {
		return gap(series.OutOfRange, series.Period{})
	}
	b := o.P.Shift(-lag)
	if x, ok := m.exactly(b); ok {
		return value(x.V)
	}
	sum := new(big.Rat)
	for k := 0; k < b.Len(); k++ {
		x, ok := m.covering(b.First.AddMonths(k))
		switch {
		case ok && !x.P.IsMonth():
			return gap(series.Combined, x.P)
		case !ok:
			return gap(series.BaseMissing, b)
		}
		sum.Add(sum, x.V)
	}
	return value(sum)
}

// Change is the percent change of o over lag months before rounding,
// 100 × (o − base) ÷ base, or Diff's o − base when percent is false.
func (m *Model) Change(o Obs, lag int, percent bool) Expect {
	b := m.Base(o, lag)
	if b.V == nil {
		return b
	}
	d := new(big.Rat).Sub(o.V, b.V)
	if !percent {
		return value(d)
	}
	if b.V.Sign() == 0 {
		return gap(series.BaseZero, o.P.Shift(-lag))
	}
	d.Mul(d, big.NewRat(100, 1))
	return value(d.Quo(d, b.V))
}

// YearToDate is the year-to-date total at the last month t of o: the sum
// from the first month of t's year (a year starting in month f) to t.
func (m *Model) YearToDate(o Obs, f time.Month, allowMissing bool) Expect {
	t := o.P.Last
	back := (int(t.Month()) - int(f) + 12) % 12
	if monthsBefore(t, back) {
		return gap(series.OutOfRange, series.Period{})
	}
	y := series.Period{First: t.AddMonths(-back), Last: t}
	// A combined observation that crosses the start of the year breaks it.
	for k := 0; k < y.Len(); k++ {
		if x, ok := m.covering(y.First.AddMonths(k)); ok && x.P.First.Before(y.First) {
			return gap(series.Combined, x.P)
		}
	}
	return m.Sum(y, allowMissing)
}

// Rolling is the sum over the n months ending at t.
func (m *Model) Rolling(t series.Month, n int) Expect {
	if monthsBefore(t, n-1) {
		return gap(series.OutOfRange, series.Period{})
	}
	return m.Sum(series.Period{First: t.AddMonths(1 - n), Last: t}, false)
}

// ToOdd returns q rounded to places decimal places by rounding to odd:
// truncated toward zero and, if anything was cut off, made odd in its last
// digit, away from zero.
func ToOdd(q *big.Rat, places int32) decimal.Decimal {
	s := shift(q, places)
	t, r := new(big.Int).QuoRem(s.Num(), s.Denom(), new(big.Int))
	if r.Sign() != 0 && t.Bit(0) == 0 {
		if s.Sign() < 0 {
			t.Sub(t, big.NewInt(1))
		} else {
			t.Add(t, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(t, -places)
}

// HalfAway returns q rounded half away from zero to places decimal places.
func HalfAway(q *big.Rat, places int32) decimal.Decimal {
	s := shift(q, places)
	neg := s.Sign() < 0
	s.Abs(s)
	s.Add(s, big.NewRat(1, 2))
	t := new(big.Int).Quo(s.Num(), s.Denom())
	if neg {
		t.Neg(t)
	}
	return decimal.NewFromBigInt(t, -places)
}

// shift returns q × 10^places, for places of either sign.
func shift(q *big.Rat, places int32) *big.Rat {
	if places < 0 {
		return new(big.Rat).Quo(q, new(big.Rat).SetInt(pow10(-places)))
	}
	return new(big.Rat).Mul(q, new(big.Rat).SetInt(pow10(places)))
}

// pow10 returns 10^places, places ≥ 0.
func pow10(places int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
}

// Within reports whether the decimal d lies strictly within one unit of
// the last of places decimal places of q, or equals it.
func Within(d decimal.Decimal, q *big.Rat, places int32) bool {
	diff := new(big.Rat).Sub(d.Rat(), q)
	diff.Abs(diff)
	return diff.Cmp(new(big.Rat).SetFrac(big.NewInt(1), pow10(places))) < 0
}

// Check compares the result of an operation with what the reference
// expects for each period: got and gaps are what the operation returned,
// want the expectations by result period, and round turns an exact
// expected value into the decimal the operation must give (nil: the exact
// value, which must then have a decimal form). A partial value (Why
// Partial) must come with its gap; any other value with none. It returns
// a description of the first disagreement, or "".
func Check[U series.Unit](op string, got series.Series[U], gaps series.Gaps, want map[series.Period]Expect, round func(*big.Rat) decimal.Decimal) string {
	vals := map[series.Period]decimal.Decimal{}
	for p, v := range got.All() {
		vals[p] = v
	}
	byPeriod := map[series.Period]series.Gap{}
	for _, g := range gaps {
		if _, twice := byPeriod[g.Period]; twice {
			return fmt.Sprintf("%s: two gaps for %v", op, g.Period)
		}
		byPeriod[g.Period] = g
	}
	for p, e := range want {
		v, hasValue := vals[p]
		g, hasGap := byPeriod[p]
		wantGap := series.Gap{Period: p, Reason: e.Why, Cause: e.Cause}
		if e.V == nil {
			switch {
			case hasValue:
				return fmt.Sprintf("%s: %v = %v, want the gap %v", op, p, v, wantGap)
			case !hasGap:
				return fmt.Sprintf("%s: %v has neither a value nor a gap; want %v", op, p, wantGap)
			case g != wantGap:
				return fmt.Sprintf("%s: gap %v, want %v", op, g, wantGap)
			}
			continue
		}
		var w decimal.Decimal
		switch {
		case round != nil:
			w = round(e.V)
		case !exactDecimal(e.V):
			return fmt.Sprintf("%s: %v: the exact value %v has no decimal form", op, p, e.V.RatString())
		default:
			w = ratDecimal(e.V)
		}
		switch {
		case !hasValue:
			return fmt.Sprintf("%s: %v has no value (gap %v, ok %v); want %v", op, p, g, hasGap, w)
		case !v.Equal(w):
			return fmt.Sprintf("%s: %v = %v, want %v (exactly %v)", op, p, v, w, e.V.RatString())
		case e.Why == series.Partial && g != wantGap:
			return fmt.Sprintf("%s: %v: gap %v (ok %v) for a partial value; want %v", op, p, g, hasGap, wantGap)
		case e.Why != series.Partial && hasGap:
			return fmt.Sprintf("%s: %v = %v has a gap too: %v", op, p, v, g)
		}
	}
	for p, v := range vals {
		if _, ok := want[p]; !ok {
			return fmt.Sprintf("%s: a value %v for %v, which the reference does not know", op, v, p)
		}
	}
	for p, g := range byPeriod {
		if _, ok := want[p]; !ok {
			return fmt.Sprintf("%s: a gap %v for a period the reference does not know", op, g)
		}
	}
	return ""
}

// exactDecimal reports whether q has a finite decimal form: its
// denominator has no prime factor but 2 and 5.
func exactDecimal(q *big.Rat) bool {
	d := new(big.Int).Set(q.Denom())
	for _, f := range []int64{2, 5} {
		bf := big.NewInt(f)
		m := new(big.Int)
		for {
			qq, r := new(big.Int).QuoRem(d, bf, m)
			if r.Sign() != 0 {
				break
			}
			d = qq
		}
	}
	return d.Cmp(big.NewInt(1)) == 0
}

// ratDecimal returns q, which has a finite decimal form, as a decimal.
func ratDecimal(q *big.Rat) decimal.Decimal {
	// Multiply by 10 until the denominator is 1.
	n, d := new(big.Int).Set(q.Num()), new(big.Int).Set(q.Denom())
	places := int32(0)
	ten := big.NewInt(10)
	for d.Cmp(big.NewInt(1)) != 0 {
		n.Mul(n, ten)
		places++
		g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(n), d)
		n.Quo(n, g)
		d.Quo(d, g)
	}
	return decimal.NewFromBigInt(n, -places)
}
