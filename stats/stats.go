// Package stats is the float64 side of the library: descriptive statistics,
// correlation and a linear trend of monthly series, computed by gonum.
//
// These figures are naturally approximate, so they live apart from package
// series, whose arithmetic is exact: a [Floats] is a separate type, and
// nothing computed here flows back into an exact series by accident. The
// conversion is explicit ([ToFloats]) and each value becomes the float64
// nearest to it.
//
// A series' months map to positions in [Floats.Values]; a month with no
// value of its own is NaN, and every statistic leaves NaN out. Values of
// any magnitude float64 holds give their statistics: they are computed on
// the values divided by a power of two, which loses nothing, so that the
// squares of 1e200 do not overflow to +Inf, nor those of 1e-200 vanish. Programs that
// need no float statistics do not import this package, and gonum with it.
package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/tradeflow-go/tradeflow/series"
)

// Floats is a float64 view of a monthly series.
//
// Values[i] is the value for month Start+i, or NaN where the series has no
// observation of that month alone: missing months, and every month of a
// combined observation (a two-month total is not a monthly value). The
// zero Floats has no values.
type Floats struct {
	Start  series.Month
	Values []float64
}

// ToFloats returns the float64 view of s, from its first month to its last:
// each value converted to the nearest float64.
func ToFloats[U series.Unit](s series.Series[U]) Floats {
	if s.IsEmpty() {
		return Floats{}
	}
	f := Floats{Start: s.First(), Values: make([]float64, s.Last().MonthsSince(s.First())+1)}
	for i := range f.Values {
		f.Values[i] = math.NaN()
	}
	for p, v := range s.All() {
		if p.IsMonth() {
			f.Values[p.First.MonthsSince(f.Start)], _ = v.Float64()
		}
	}
	return f
}

// present returns the months (as offsets from Start) and values that are not NaN.
func (f Floats) present() (xs, ys []float64) {
	for i, v := range f.Values {
		if !math.IsNaN(v) {
			xs = append(xs, float64(i))
			ys = append(ys, v)
		}
	}
	return xs, ys
}

// scale divides vs, in place, by the power of two 2^e that brings the
// largest magnitude among them into [0.5, 1), and returns e: a statistic
// of them then sums and squares values near one, which neither overflow
// (1e200 squared) nor underflow (1e-200 squared), and is the statistic of
// the values themselves times 2^e exactly, since a power of two only
// moves the exponent. Values more than 2^1074 times smaller than the
// largest become zero, which is what they add to it.
func scale(vs []float64) (e int) {
	var big float64
	for _, v := range vs {
		big = max(big, math.Abs(v))
	}
	if big == 0 || math.IsInf(big, 0) {
		return 0
	}
	_, e = math.Frexp(big)
	for i, v := range vs {
		vs[i] = math.Ldexp(v, -e)
	}
	return e
}

// Mean returns the arithmetic mean of the values that are not NaN, or NaN
// if there are none.
func (f Floats) Mean() float64 {
	_, ys := f.present()
	if len(ys) == 0 {
		return math.NaN()
	}
	e := scale(ys)
	return math.Ldexp(stat.Mean(ys, nil), e)
}

// StdDev returns the sample standard deviation (n − 1 in the denominator)
// of the values that are not NaN, or NaN if there are fewer than two.
func (f Floats) StdDev() float64 {
	_, ys := f.present()
	if len(ys) < 2 {
		return math.NaN()
	}
	e := scale(ys)
	return math.Ldexp(stat.StdDev(ys, nil), e)
}

// Trend fits value = intercept + slope × k by least squares, where k counts
// months from Start, over the values that are not NaN: slope is the rise
// per month, in the series' unit. Both are NaN with fewer than two values.
func (f Floats) Trend() (intercept, slope float64) {
	xs, ys := f.present()
	if len(ys) < 2 {
		return math.NaN(), math.NaN()
	}
	e := scale(ys)
	intercept, slope = stat.LinearRegression(xs, ys, nil, false)
	return math.Ldexp(intercept, e), math.Ldexp(slope, e)
}

// Correlation returns Pearson's correlation of a and b over the months where
// both have a value, or NaN if there are fewer than two such months or if
// a or b is constant over them (a correlation with a constant is not
// defined). It lies in [−1, 1]: rounding, which can carry the computed
// figure of a perfectly linear pair just past 1, is not passed on.
func Correlation(a, b Floats) float64 {
	var xs, ys []float64
	off := a.Start.MonthsSince(b.Start) // b's index of a's month 0
	for i, v := range a.Values {
		j := i + off
		if j < 0 || j >= len(b.Values) || math.IsNaN(v) || math.IsNaN(b.Values[j]) {
			continue
		}
		xs, ys = append(xs, v), append(ys, b.Values[j])
	}
	if len(xs) < 2 || constant(xs) || constant(ys) {
		return math.NaN()
	}
	scale(xs)
	scale(ys)
	return max(-1, min(1, stat.Correlation(xs, ys, nil)))
}

// constant reports whether every value of vs is the first.
func constant(vs []float64) bool {
	for _, v := range vs[1:] {
		if v != vs[0] {
			return false
		}
	}
	return true
}
