package series

import (
	"fmt"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// DivisionPlaces is the number of decimal places that division keeps.
// Division (percent changes, shares, ratios, unit values) is the library's
// only inexact step; every other operation is exact.
const DivisionPlaces = 13

// A Rounding names a rounding rule.
type Rounding uint8

// The rounding rules the library uses.
const (
	// HalfAwayFromZero rounds to the nearest value, ties away from zero
	// (2.45 → 2.5, −2.45 → −2.5), as customs tables print.
	HalfAwayFromZero Rounding = iota + 1
	// ToOdd truncates toward zero and, if anything nonzero was cut off,
	// makes the last kept digit odd.
	ToOdd
)

// DivisionRounding is how a quotient is rounded to [DivisionPlaces].
//
// Rounding to odd keeps the fact that a quotient was inexact: an inexact
// result is odd in its last digit and lies strictly between the same two
// 12-place numbers as the exact quotient. So comparing a quotient with any
// number of at most 12 decimal places (is the change below −10?), or
// rounding it half away from zero to at most 11 places for display, gives
// exactly the answer the exact quotient would.
const DivisionRounding = ToOdd

// DisplayRounding is the rule of [Series.Round] and [RoundToSum].
const DisplayRounding = HalfAwayFromZero

// Round returns v rounded to places decimal places (a negative places
// rounds to tens, hundreds, …) by rule r, with exactly places decimal
// places when places ≥ 0. DisplayRounding.Round(v, 1) is how a figure is
// rounded for printing; DivisionRounding.Round gives what a quotient of
// the library would be at places places. Round panics if r is not one of
// the rules above, or if places is outside −[MaxDigits] … MaxDigits (see
// [Series.Round]).
func (r Rounding) Round(v decimal.Decimal, places int32) decimal.Decimal {
	checkPlaces("Rounding.Round", places)
	switch r {
	case HalfAwayFromZero:
		return v.Round(places)
	case ToOdd:
		// v × 10^places, rounded to odd, is the coefficient at places.
		q := fixed.QuoToOddBig(v.Coefficient(), big.NewInt(1), int(v.Exponent()+places))
		return decimal.NewFromBigInt(q, -places)
	}
	panic(fmt.Sprintf("series: Round with unknown %v", r))
}

// String names the rule: "half away from zero" or "to odd".
func (r Rounding) String() string {
	switch r {
	case HalfAwayFromZero:
		return "half away from zero"
	case ToOdd:
		return "to odd"
	}
	return fmt.Sprintf("Rounding(%d)", uint8(r))
}

// percentShift is the power of ten that turns a ratio of coefficients into
// a percent coefficient at DivisionPlaces.
const percentShift = DivisionPlaces + 2

type lagKind uint8

const (
	lagPercent lagKind = iota
	lagDiff
)

// Change returns the percent change of s over lag months:
//
//	100 × (s(t) − s(t−lag)) ÷ s(t−lag)
//
// for every observation t of s, rounded as [DivisionRounding] says to
// [DivisionPlaces] places. Lags count calendar months, never positions.
//
// A combined observation (say 2025-01/2025-02) is compared with the same
// months lag earlier: with a combined observation of the same months if
// there is one, or else with the sum of the separate months if every one of
// them is present. A single month whose base is part of a combined
// observation has no change (reason [Combined]).
//
// Where the base is missing ([BaseMissing]) or zero ([BaseZero]), or would
// lie before 0001-01 ([OutOfRange]: any lag is allowed, however long), the
// result has no value and Gaps says so; there is never a panic or an
// infinity. A
// negative base gives the formula's value, whose sign is then the opposite
// of the change's: for a balance, which can change sign, describe the move
// instead (the root package's BalanceMove does).
// Months where s itself has no observation have no result and no gap.
// Change panics if lag < 1.
func Change[U Unit](s Series[U], lag int) (Series[Percent], Gaps) {
	d, g := lagged(s.d, lag, lagPercent)
	return wrap[Percent](d), g
}

// YoY returns the year-on-year percent change of s: [Change] with lag 12.
func YoY[U Unit](s Series[U]) (Series[Percent], Gaps) { return Change(s, 12) }

// MoM returns the month-on-month percent change of s: [Change] with lag 1.
// Next to a combined observation it has no value (reason [Combined]).
func MoM[U Unit](s Series[U]) (Series[Percent], Gaps) { return Change(s, 1) }

// Diff returns the difference of s over lag months,
//
//	s(t) − s(t−lag),
//
// exactly, in s's unit. Bases are found as for [Change]; a zero base is
// fine here. Diff panics if lag < 1.
func Diff[U Unit](s Series[U], lag int) (Series[U], Gaps) {
	d, g := lagged(s.d, lag, lagDiff)
	return wrap[U](d), g
}

// DiffPP returns the difference of a rate or share over lag months in
// percentage points, r(t) − r(t−lag), exactly: a share that went from 14.1%
// to 15.3% rose 1.2 points. It panics if lag < 1.
func DiffPP(r Series[Percent], lag int) (Series[PercentagePoints], Gaps) {
	d, g := lagged(r.d, lag, lagDiff)
	return wrap[PercentagePoints](d), g
}

// base finds the value lag months before the observation ending at index i
// that covers n months. It returns the coefficient c, or big b when c cannot
// hold it; reason is non-zero when there is no base.
func (d *store) base(i, n, lag int) (c int64, b *big.Int, reason Reason, at Period) {
	j := i - lag
	at = Period{d.month(j - n + 1), d.month(j)}
	if len(d.spans) == 0 {
		if !d.has(j) {
			return 0, nil, BaseMissing, at
		}
		if d.wide != nil && d.isWide(j) {
			return 0, d.bigCoef(j), 0, at
		}
		return d.coef[j], nil, 0, at
	}
	if d.obsLen(j) == n && (n > 1 || !d.inSpan(j)) {
		if d.isWide(j) {
			return 0, d.bigCoef(j), 0, at
		}
		return d.coef[j], nil, 0, at
	}
	// Sum separate months for a combined observation, or explain why not.
	sum, fits := int64(0), true
	var bsum *big.Int
	for m := j - n + 1; m <= j; m++ {
		if sp, ok := d.spanAt(m); ok {
			return 0, nil, Combined, Period{d.month(int(sp.first)), d.month(int(sp.last))}
		}
		if !d.has(m) {
			return 0, nil, BaseMissing, at
		}
		if fits && !d.isWide(m) {
			if s, ok := fixed.Add(sum, d.coef[m]); ok {
				sum = s
				continue
			}
		}
		if fits {
			bsum, fits = big.NewInt(sum), false
		}
		bsum.Add(bsum, d.bigCoef(m))
	}
	if !fits {
		return 0, bsum, 0, at
	}
	return sum, nil, 0, at
}

// inSpan reports whether index i belongs to a combined observation.
func (d *store) inSpan(i int) bool {
	_, ok := d.spanAt(i)
	return ok
}

// setChange sets index i to the change from base bc to a, if it can be
// worked out in 64 bits, and reports whether it could.
func (b builder) setChange(i int, a, bc int64, kind lagKind) bool {
	delta, ok := fixed.Sub(a, bc)
	if !ok {
		return false
	}
	if kind == lagDiff {
		b.set(i, delta)
		return true
	}
	q, ok := fixed.QuoToOdd(delta, bc, percentShift)
	if ok {
		b.set(i, q)
	}
	return ok
}

// setBigChange sets index i to the change from base to a, in big integers.
func (b builder) setBigChange(i int, a, base *big.Int, kind lagKind) {
	delta := new(big.Int).Sub(a, base)
	if kind == lagDiff {
		b.setBig(i, delta)
	} else {
		b.setBig(i, fixed.QuoToOddBig(delta, base, percentShift))
	}
}

// lagSingle is lagged for a store of single months, none wide, whose first
// month is at least lag months after 0001-01; out begins off months after
// d. It appends to gaps the months it leaves out, if keep, and returns
// them.
func lagSingle(d *store, lag int, kind lagKind, off int, out builder, gaps Gaps, keep bool) Gaps {
	for w, word := range d.present {
		if !keep && w<<6 < lag {
			// The months before lag have no base: without their gaps,
			// there is nothing to do for them.
			word &^= 1<<uint(min(lag-w<<6, 64)) - 1
		}
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			j := i - lag
			if j < 0 || d.present[j>>6]&(1<<(uint(j)&63)) == 0 {
				if keep {
					gaps = append(gaps, Gap{MonthPeriod(d.month(i)), BaseMissing, MonthPeriod(d.month(j))})
				}
				continue
			}
			a, bc := d.coef[i], d.coef[j]
			if kind == lagPercent && bc == 0 {
				if keep {
					gaps = append(gaps, Gap{MonthPeriod(d.month(i)), BaseZero, MonthPeriod(d.month(j))})
				}
				continue
			}
			if !out.setChange(i-off, a, bc, kind) {
				out.setBigChange(i-off, big.NewInt(a), big.NewInt(bc), kind)
			}
		}
	}
	return gaps
}

// checkLag panics unless lag is at least 1.
func checkLag(lag int) {
	if lag < 1 {
		panic("series: lag must be at least 1")
	}
}

func lagged(d *store, lag int, kind lagKind) (*store, Gaps) {
	return laggedWith(d, lag, kind, newBuilder, nil, true)
}

// laggedWith is lagged with the result's builder from mk, appending the
// gaps to gaps (whose room a caller may reuse), or making none unless
// keep (a panel's operations return no gaps).
func laggedWith(d *store, lag int, kind lagKind, mk maker, gaps Gaps, keep bool) (*store, Gaps) {
	checkLag(lag)
	if d == nil {
		return nil, gaps
	}
	scale := d.scale
	if kind == lagPercent {
		scale = DivisionPlaces
	}
	// The first lag months have no base in d, so the result begins after
	// them: a smaller store, and no months to skip in what reads it.
	off := min(lag, len(d.coef))
	var out builder
	if off < len(d.coef) {
		first, _ := d.start.add(off) // a month of d
		out = mk(first, len(d.coef)-off, scale)
	}
	if early := countBits(d.present, min(lag, len(d.coef))); keep && early > 0 && cap(gaps) == 0 {
		// The observations of the first lag months have no base in d: one
		// allocation for their gaps and a few more.
		gaps = make(Gaps, 0, early+4)
	}
	if len(d.spans) == 0 && d.wide == nil && int(d.start.n)-minMonthN >= lag {
		// Single months, each in 64 bits, whose bases cannot begin
		// before 0001-01: the common case, without the general loop's
		// checks.
		gaps = lagSingle(d, lag, kind, off, out, gaps, keep)
		return out.done(), gaps
	}
	for w, word := range d.present {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			n := 1
			if len(d.spans) != 0 {
				n = d.obsLen(i)
			}
			if lag > int(d.start.n)+i-n+1-minMonthN { // the base would begin before 0001-01
				gaps = append(gaps, Gap{d.period(i), OutOfRange, Period{}})
				continue
			}
			bc, bb, reason, at := d.base(i, n, lag)
			if reason == 0 && bb == nil && bc == 0 && kind == lagPercent {
				reason = BaseZero
			}
			if reason != 0 {
				gaps = append(gaps, Gap{d.period(i), reason, at})
				continue
			}
			if n > 1 {
				out.d.spans = append(out.d.spans, span{int32(i - n + 1 - off), int32(i - off)})
			}
			if bb == nil && (d.wide == nil || !d.isWide(i)) {
				if out.setChange(i-off, d.coef[i], bc, kind) {
					continue
				}
				bb = big.NewInt(bc)
			}
			if bb == nil {
				bb = big.NewInt(bc) // the base fits; the current value does not
			}
			if bb.Sign() == 0 && kind == lagPercent {
				gaps = append(gaps, Gap{d.period(i), BaseZero, at})
				continue
			}
			out.setBigChange(i-off, d.bigCoef(i), bb, kind)
		}
	}
	return out.done(), gaps // nil if every observation is within lag months of the first
}
