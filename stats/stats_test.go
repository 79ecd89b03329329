package stats_test

import (
	"math"
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
