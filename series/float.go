package series

import (
	"math"

	"gonum.org/v1/gonum/stat"
)

// Floats is a float64 view of a series, for statistics that are naturally
// approximate (means, deviations, correlations, trends). It is the one place
// where the library leaves exact arithmetic, and it is a separate type so
// that nothing computed here flows back into exact figures by accident.
//
// Values[i] is the value for month Start+i, or NaN where the series has no
// observation of that month alone: missing months, and every month of a
// combined observation (a two-month total is not a monthly value).
type Floats struct {
	Start  Month
	Values []float64
}

// ToFloats returns the float64 view of s: each value converted to the
// nearest float64.
func ToFloats[U Unit](s Series[U]) Floats {
	d := s.d
	if d == nil {
		return Floats{}
	}
	lo, hi := d.firstIndex(), d.lastIndex()
	f := Floats{Start: d.month(lo), Values: make([]float64, hi-lo+1)}
	div := math.Pow(10, float64(d.scale))
	for k := range f.Values {
		i := lo + k
		switch {
		case d.obsLen(i) != 1:
			f.Values[k] = math.NaN()
		case d.isWide(i):
			f.Values[k], _ = d.decimal(i).Float64()
		default:
			f.Values[k] = float64(d.coef[i]) / div
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

// Mean returns the arithmetic mean of the values that are not NaN, or NaN
// if there are none.
func (f Floats) Mean() float64 {
	_, ys := f.present()
	if len(ys) == 0 {
		return math.NaN()
	}
	return stat.Mean(ys, nil)
}

// StdDev returns the sample standard deviation (n − 1 in the denominator)
// of the values that are not NaN, or NaN if there are fewer than two.
func (f Floats) StdDev() float64 {
	_, ys := f.present()
	if len(ys) < 2 {
		return math.NaN()
	}
	return stat.StdDev(ys, nil)
}

// Trend fits value = intercept + slope × k by least squares, where k counts
// months from Start, over the values that are not NaN. slope is the trend
// change per month. Both are NaN with fewer than two values.
func (f Floats) Trend() (intercept, slope float64) {
	xs, ys := f.present()
	if len(ys) < 2 {
		return math.NaN(), math.NaN()
	}
	return stat.LinearRegression(xs, ys, nil, false)
}

// Correlation returns Pearson's correlation of a and b over the months where
// both have a value, or NaN if there are fewer than two such months.
func Correlation(a, b Floats) float64 {
	var xs, ys []float64
	for i, v := range a.Values {
		m := a.Start.AddMonths(i)
		j := m.MonthsSince(b.Start)
		if j < 0 || j >= len(b.Values) || math.IsNaN(v) || math.IsNaN(b.Values[j]) {
			continue
		}
		xs, ys = append(xs, v), append(ys, b.Values[j])
	}
	if len(xs) < 2 {
		return math.NaN()
	}
	return stat.Correlation(xs, ys, nil)
}
