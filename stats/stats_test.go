package stats_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
	"github.com/tradeflow-go/tradeflow/stats"
)

func mp(s string) series.Month { return series.MustParseMonth(s) }

func TestToFloats(t *testing.T) {
	t.Run("missing and combined months are NaN", func(t *testing.T) {
		var b series.Builder[series.USD]
		b.SetCombined(series.Period{First: mp("2025-01"), Last: mp("2025-02")}, decimal.RequireFromString("8000"))
		b.Set(mp("2025-03"), decimal.RequireFromString("4000.5"))
		b.Set(mp("2025-05"), decimal.RequireFromString("-2"))
		s, err := b.Series()
		require.NoError(t, err)
		f := stats.ToFloats(s)
		assert.Equal(t, mp("2025-01"), f.Start)
		require.Len(t, f.Values, 5)
		for _, i := range []int{0, 1, 3} {
			assert.True(t, math.IsNaN(f.Values[i]), "Values[%d] = %v, want NaN", i, f.Values[i])
		}
		assert.Equal(t, 4000.5, f.Values[2])
		assert.Equal(t, -2.0, f.Values[4])
	})
	t.Run("each value is the nearest float64", func(t *testing.T) {
		// 0.1 and a value beyond an int64 coefficient: both converted once,
		// not as a coefficient divided by a power of ten.
		wide := "123456789012345678901234567890.123456789"
		s := series.MustFromStrings[series.USD](mp("2025-01"), "0.1", wide)
		f := stats.ToFloats(s)
		assert.Equal(t, 0.1, f.Values[0])
		want, _ := decimal.RequireFromString(wide).Float64()
		assert.Equal(t, want, f.Values[1])
		assert.Equal(t, 1.2345678901234568e29, f.Values[1])
	})
	t.Run("empty", func(t *testing.T) {
		f := stats.ToFloats(series.Series[series.USD]{})
		assert.Empty(t, f.Values)
		assert.True(t, math.IsNaN(f.Mean()))
	})
}

func TestStatistics(t *testing.T) {
	s := series.MustFromStrings[series.Index](mp("2025-01"), "2", "", "4", "4", "4", "5", "5", "7", "9")
	f := stats.ToFloats(s)
	// The eight values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7.
	assert.InDelta(t, 5, f.Mean(), 1e-12)
	assert.InDelta(t, math.Sqrt(32.0/7), f.StdDev(), 1e-12)

	t.Run("trend over months, not positions", func(t *testing.T) {
		// value = 10 + 3k at months k = 0, 2, 3: the missing month 1 keeps
		// its place.
		g := stats.ToFloats(series.MustFromStrings[series.USD](mp("2025-01"), "10", "", "16", "19"))
		a, b := g.Trend()
		assert.InDelta(t, 10, a, 1e-12)
		assert.InDelta(t, 3, b, 1e-12)
	})
	t.Run("too few values", func(t *testing.T) {
		one := stats.ToFloats(series.FromInts[series.USD](mp("2025-01"), 7))
		assert.Equal(t, 7.0, one.Mean())
		assert.True(t, math.IsNaN(one.StdDev()))
		a, b := one.Trend()
		assert.True(t, math.IsNaN(a) && math.IsNaN(b))
		assert.True(t, math.IsNaN(stats.Correlation(one, f)))
	})
	t.Run("correlation aligns months", func(t *testing.T) {
		a := stats.ToFloats(series.FromInts[series.USD](mp("2025-01"), 1, 2, 3, 4))
		// b is a shifted a month later and reversed: over the three shared
		// months (2025-02..04) a is 2, 3, 4 and b is 3, 2, 1.
		b := stats.ToFloats(series.FromInts[series.USD](mp("2025-02"), 3, 2, 1, 100))
		assert.InDelta(t, -1, stats.Correlation(a, b), 1e-12)
		assert.InDelta(t, -1, stats.Correlation(b, a), 1e-12)
	})
}

// TestConcurrentViews reads one series from several goroutines; go test
// -race reports any write.
func TestConcurrentViews(t *testing.T) {
	s := series.FromInts[series.USD](mp("2000-01"), make([]int64, 300)...)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			assert.Equal(t, 0.0, stats.ToFloats(s).Mean())
		}()
	}
	wg.Wait()
}

// TestCalendarEdges: statistics of series at 0001-01 and 9999-12. A Floats
// is a struct a caller may fill in, so Correlation must not step through
// months: it once panicked for values running past 9999-12.
func TestCalendarEdges(t *testing.T) {
	f := stats.ToFloats(series.FromInts[series.USD](mp("9999-10"), 1, 2, 4))
	g := stats.ToFloats(series.FromInts[series.USD](mp("0001-01"), 1, 2, 4))
	assert.InDelta(t, 1, stats.Correlation(f, f), 1e-12)
	assert.InDelta(t, 1, stats.Correlation(g, g), 1e-12)
	assert.True(t, math.IsNaN(stats.Correlation(f, g)), "no month in common")
	past := stats.Floats{Start: mp("9999-12"), Values: []float64{1, 2, 3}}
	var c float64
	require.NotPanics(t, func() { c = stats.Correlation(past, past) })
	assert.InDelta(t, 1, c, 1e-12)
	_, slope := f.Trend()
	assert.InDelta(t, 1.5, slope, 1e-12)
}

// TestCorrelationWithinOne: a correlation is never beyond ±1. The
// computed figure of a perfectly linear pair came out 1.0000000000000002
// (for 1, 2, 3, 4 and 0.0, 0.1, 0.2, 0.3), which math.Acos and math.Atanh
// (Fisher's z) take for NaN. A constant series correlates with nothing.
func TestCorrelationWithinOne(t *testing.T) {
	a := stats.ToFloats(series.FromInts[series.USD](mp("2025-01"), 1, 2, 3, 4))
	b := stats.ToFloats(series.MustFromStrings[series.USD](mp("2025-01"), "0.0", "0.1", "0.2", "0.3"))
	neg := stats.ToFloats(series.MustFromStrings[series.USD](mp("2025-01"), "-0.0", "-0.1", "-0.2", "-0.3"))
	assert.Equal(t, 1.0, stats.Correlation(a, b))
	assert.Equal(t, -1.0, stats.Correlation(a, neg))
	assert.Equal(t, 0.0, math.Acos(stats.Correlation(a, b)), "the angle of a perfectly linear pair")

	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 2 + r.IntN(30)
		x := stats.Floats{Start: mp("2025-01"), Values: make([]float64, n)}
		y := stats.Floats{Start: mp("2025-01"), Values: make([]float64, n)}
		slope, icept := r.NormFloat64()*10, r.NormFloat64()*1e6
		for i := range n {
			x.Values[i] = float64(i)*1.1 + 0.3
			y.Values[i] = icept + slope*x.Values[i]
		}
		c := stats.Correlation(x, y)
		require.True(t, c >= -1 && c <= 1, "correlation %v of %v and %v", c, x.Values, y.Values)
	}

	flat := stats.ToFloats(series.MustFromStrings[series.USD](mp("2025-01"), "0.1", "0.1", "0.1", "0.1"))
	assert.True(t, math.IsNaN(stats.Correlation(a, flat)), "a constant series")
	assert.True(t, math.IsNaN(stats.Correlation(flat, a)), "a constant series")
}

// refStats computes, in math/big, the mean, sample standard deviation,
// least-squares line and correlation (with ws) of the values of vs that
// are not NaN, at offsets from 0: the textbook two-pass formulas.
func refStats(vs, ws []float64) (mean, sd, intercept, slope, corr float64) {
	const prec = 300
	nf := func(x float64) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(x) }
	var xs, ys, zs []*big.Float
	for i, v := range vs {
		if !math.IsNaN(v) {
			xs, ys, zs = append(xs, nf(float64(i))), append(ys, nf(v)), append(zs, nf(ws[i]))
		}
	}
	n := nf(float64(len(ys)))
	avg := func(a []*big.Float) *big.Float {
		s := nf(0)
		for _, v := range a {
			s.Add(s, v)
		}
		return s.Quo(s, n)
	}
	co := func(a, b []*big.Float) *big.Float { // the sum of products of deviations
		ma, mb, s := avg(a), avg(b), nf(0)
		for i := range a {
			da, db := nf(0).Sub(a[i], ma), nf(0).Sub(b[i], mb)
			s.Add(s, da.Mul(da, db))
		}
		return s
	}
	f := func(x *big.Float) float64 { v, _ := x.Float64(); return v }
	sxx, syy, sxy := co(xs, xs), co(ys, ys), co(xs, ys)
	b := nf(0).Quo(sxy, sxx)
	sd2 := nf(0).Quo(syy, nf(float64(len(ys)-1)))
	syz, szz := co(ys, zs), co(zs, zs)
	prod := nf(0).Mul(syy, szz)
	return f(avg(ys)), f(sd2.Sqrt(sd2)), f(nf(0).Sub(avg(ys), nf(0).Mul(b, avg(xs)))), f(b), f(syz.Quo(syz, prod.Sqrt(prod)))
}

// TestStatisticsAtAnyMagnitude checks each statistic against refStats for
// values near the ends of float64's range, with a missing month: a
// standard deviation of values near 1e200 was +Inf (their squares
// overflow), of values near 1e-200 zero (theirs underflow), and the mean
// of 1e308 and 1e308 was +Inf.
func TestStatisticsAtAnyMagnitude(t *testing.T) {
	base := []float64{2, math.NaN(), 4, 4, -4, 5, 5, 7, 9}
	other := []float64{1, 2, 3, 5, 8, 13, 21, 34, 55}
	for _, m := range []float64{1e-300, 1e-200, 1e-40, 1, 1e40, 1e160, 1e200, 1e300, 1.7e307} {
		vs := make([]float64, len(base))
		for i, v := range base {
			vs[i] = v * m
		}
		f := stats.Floats{Start: mp("2025-01"), Values: vs}
		g := stats.Floats{Start: mp("2025-01"), Values: other}
		mean, sd, a, b, c := refStats(vs, other)
		gotA, gotB := f.Trend()
		for _, x := range []struct {
			what      string
			got, want float64
		}{{"mean", f.Mean(), mean}, {"sd", f.StdDev(), sd}, {"intercept", gotA, a}, {"slope", gotB, b}, {"correlation", stats.Correlation(f, g), c}} {
			assert.InEpsilon(t, x.want, x.got, 1e-12, "%s of values × %g", x.what, m)
		}
	}
	top := stats.Floats{Start: mp("9999-11"), Values: []float64{1e308, 1e308}}
	assert.Equal(t, 1e308, top.Mean())
	assert.Equal(t, 0.0, top.StdDev())
}
