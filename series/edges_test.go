package series_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

// ints returns n values 1, 2, …, n.
func ints(n int) []int64 {
	v := make([]int64, n)
	for i := range v {
		v[i] = int64(i + 1)
	}
	return v
}

// gapList writes gaps one a line, for comparisons.
func gapList(gs series.Gaps) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.String())
	}
	return out
}

// TestCalendarEdges runs the operations on data at 0001-01 and 9999-12,
// the first and last months a series holds. Each case once panicked
// (stepping a month past 9999-12 or before 0001-01) or named months that do
// not exist; now each gives values, or gaps that say why there are none.
func TestCalendarEdges(t *testing.T) {
	april := series.YearStartingIn(time.April)
	tests := []struct {
		name       string
		run        func() (series.Series[series.USD], series.Gaps)
		want, gaps []string
	}{
		{"Annual of a year ending 9999-12", func() (series.Series[series.USD], series.Gaps) {
			return series.Annual(series.FromInts[series.USD](mp("9999-01"), ints(12)...))
		}, []string{"9999-01/9999-12=78"}, nil},
		{"Annual of one month in 9999", func() (series.Series[series.USD], series.Gaps) {
			return series.Annual(series.FromInts[series.USD](mp("9999-12"), 5))
		}, nil, []string{"9999-01/9999-12: 9999-01 is missing"}},
		{"YearToDate over a combined 9999-11/9999-12", func() (series.Series[series.USD], series.Gaps) {
			var b series.Builder[series.USD]
			for m := 1; m <= 10; m++ {
				b.Set(series.MustMonth(9999, time.Month(m)), decimal.NewFromInt(1))
			}
			b.SetCombined(span("9999-11", "9999-12"), decimal.NewFromInt(5))
			s, err := b.Series()
			require.NoError(t, err)
			y, g := series.YearToDate(s)
			return y.Slice(mp("9999-10"), mp("9999-12")), g
		}, []string{"9999-10=10", "9999-12=15"}, nil},
		{"fiscal YearToDate from 0001-01", func() (series.Series[series.USD], series.Gaps) {
			return series.YearToDate(series.FromInts[series.USD](mp("0001-01"), ints(5)...), april)
		}, []string{"0001-04=4", "0001-05=9"}, []string{
			"0001-01: needs months outside 0001-01 to 9999-12",
			"0001-02: needs months outside 0001-01 to 9999-12",
			"0001-03: needs months outside 0001-01 to 9999-12"}},
		{"fiscal YearToDate from 0001-01, missing allowed", func() (series.Series[series.USD], series.Gaps) {
			return series.YearToDate(series.FromInts[series.USD](mp("0001-01"), ints(4)...), april, series.AllowMissing())
		}, []string{"0001-04=4"}, []string{
			"0001-01: needs months outside 0001-01 to 9999-12",
			"0001-02: needs months outside 0001-01 to 9999-12",
			"0001-03: needs months outside 0001-01 to 9999-12"}},
		{"fiscal Annual from 0001-01", func() (series.Series[series.USD], series.Gaps) {
			return series.Annual(series.FromInts[series.USD](mp("0001-01"), ints(15)...), april)
		}, []string{"0001-04/0002-03=114"}, []string{"0001-01/0001-03: needs months outside 0001-01 to 9999-12"}},
		{"fiscal Annual to 9999-12", func() (series.Series[series.USD], series.Gaps) {
			return series.Annual(series.FromInts[series.USD](mp("9998-04"), ints(21)...), april, series.AllowMissing())
		}, []string{"9998-04/9999-03=78"}, []string{"9999-04/9999-12: needs months outside 0001-01 to 9999-12"}},
		{"Rolling at 0001", func() (series.Series[series.USD], series.Gaps) {
			return series.Rolling(series.FromInts[series.USD](mp("0001-01"), ints(8)...), 6)
		}, []string{"0001-06=21", "0001-07=27", "0001-08=33"}, []string{
			"0001-01: needs months outside 0001-01 to 9999-12",
			"0001-02: needs months outside 0001-01 to 9999-12",
			"0001-03: needs months outside 0001-01 to 9999-12",
			"0001-04: needs months outside 0001-01 to 9999-12",
			"0001-05: needs months outside 0001-01 to 9999-12"}},
		{"Rolling over 2^32+1 months", func() (series.Series[series.USD], series.Gaps) {
			return series.Rolling(series.FromInts[series.USD](mp("2024-01"), 1, 2, 3), 1<<32+1)
		}, nil, []string{
			"2024-01: needs months outside 0001-01 to 9999-12",
			"2024-02: needs months outside 0001-01 to 9999-12",
			"2024-03: needs months outside 0001-01 to 9999-12"}},
		{"Rolling of a window before the series, within the calendar", func() (series.Series[series.USD], series.Gaps) {
			return series.Rolling(series.FromInts[series.USD](mp("2024-01"), 1, 2), 3)
		}, nil, []string{"2024-01: 2023-11 is missing", "2024-02: 2023-12 is missing"}},
		{"Diff over a lag of 10^9 months", func() (series.Series[series.USD], series.Gaps) {
			return series.Diff(series.FromInts[series.USD](mp("2024-01"), 1, 2), 1e9)
		}, nil, []string{
			"2024-01: needs months outside 0001-01 to 9999-12",
			"2024-02: needs months outside 0001-01 to 9999-12"}},
		{"Diff over the longest lag there is", func() (series.Series[series.USD], series.Gaps) {
			var b series.Builder[series.USD]
			b.Set(mp("0001-01"), decimal.NewFromInt(1))
			b.Set(mp("9999-12"), decimal.NewFromInt(3))
			s, err := b.Series()
			require.NoError(t, err)
			return series.Diff(s, mp("9999-12").MonthsSince(mp("0001-01")))
		}, []string{"9999-12=2"}, []string{"0001-01: needs months outside 0001-01 to 9999-12"}},
		{"Diff with a lag of the longest plus one", func() (series.Series[series.USD], series.Gaps) {
			var b series.Builder[series.USD]
			b.Set(mp("0001-01"), decimal.NewFromInt(1))
			b.Set(mp("9999-12"), decimal.NewFromInt(3))
			s, err := b.Series()
			require.NoError(t, err)
			return series.Diff(s, mp("9999-12").MonthsSince(mp("0001-01"))+1)
		}, nil, []string{"0001-01: needs months outside 0001-01 to 9999-12", "9999-12: needs months outside 0001-01 to 9999-12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s series.Series[series.USD]
			var g series.Gaps
			require.NotPanics(t, func() { s, g = tt.run() })
			assert.Equal(t, tt.want, values(s))
			assert.Equal(t, tt.gaps, gapList(g))
			for _, gap := range g {
				if gap.Reason == series.OutOfRange {
					assert.Equal(t, series.Period{}, gap.Cause, "there is no month to name")
				}
			}
		})
	}
}

// TestChangeAtCalendarEdges: a percent change whose base would lie before
// 0001-01 is a gap that says so, never a base named "0000-00", and a lag of
// 10^9 months never wraps into a month that prints as garbage.
func TestChangeAtCalendarEdges(t *testing.T) {
	s := series.FromInts[series.USD](mp("0001-01"), ints(13)...)
	yoy, gaps := series.YoY(s)
	assert.Equal(t, []string{"0002-01=1200"}, values(yoy))
	require.Len(t, gaps, 12)
	for _, g := range gaps {
		assert.Equal(t, series.OutOfRange, g.Reason, "%v", g)
		assert.Equal(t, series.Period{}, g.Cause)
	}
	_, gaps = series.Change(series.FromInts[series.USD](mp("2024-01"), 1, 2, 3), 1e9)
	assert.Equal(t, []string{
		"2024-01: needs months outside 0001-01 to 9999-12",
		"2024-02: needs months outside 0001-01 to 9999-12",
		"2024-03: needs months outside 0001-01 to 9999-12"}, gapList(gaps))
}

// TestTotalAtCalendarEdges: a sum over months ending 9999-12 of a series
// with none of them lists each missing month.
func TestTotalAtCalendarEdges(t *testing.T) {
	var empty series.Series[series.USD]
	var err error
	require.NotPanics(t, func() { _, err = series.Total(empty, span("9999-11", "9999-12")) })
	var ie *series.IncompleteError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, []string{"9999-11/9999-12: 9999-11 is missing", "9999-11/9999-12: 9999-12 is missing"}, gapList(ie.Gaps))
	v, err := series.Total(empty, span("9999-11", "9999-12"), series.AllowMissing())
	require.NoError(t, err)
	assert.True(t, v.IsZero())
	v, err = series.Total(series.FromInts[series.USD](mp("9999-11"), 4, 5), span("9999-11", "9999-12"))
	require.NoError(t, err)
	assert.Equal(t, "9", v.String())
}

// TestConstructorsAtCalendarEdges: a list of values that runs past 9999-12
// is an error from FromStrings, which once panicked, and a documented panic
// from FromInts, which once made months past 9999 that printed as "s333-04".
func TestConstructorsAtCalendarEdges(t *testing.T) {
	var err error
	require.NotPanics(t, func() { _, err = series.FromStrings[series.USD](mp("9999-12"), "1", "2") })
	require.ErrorIs(t, err, series.ErrMonth)
	assert.EqualError(t, err, `series: invalid month "9999-12": 2 values from it run past 9999-12`)
	s, err := series.FromStrings[series.USD](mp("9999-12"), "1", "")
	require.NoError(t, err, "a missing month past the end holds nothing")
	assert.Equal(t, []string{"9999-12=1"}, values(s))

	assert.PanicsWithError(t, `series: invalid month "9999-12": 2 values from it run past 9999-12`, func() {
		series.FromInts[series.USD](mp("9999-12"), 1, 2)
	})
	assert.Panics(t, func() { series.FromInts[series.USD](series.Month{}, 1) })
	assert.Equal(t, []string{"9999-12=1"}, values(series.FromInts[series.USD](mp("9999-12"), 1)))
}

// TestRollingCostsOnePass: a window of any length costs one pass over the
// series. A window of 10^8 months once summed 10^8 months for every
// observation, and one as long as a 10,000-year series was quadratic.
func TestRollingCostsOnePass(t *testing.T) {
	done := make(chan struct{})
	var long, huge series.Series[series.USD]
	var longGaps, hugeGaps series.Gaps
	s := series.FromInts[series.USD](mp("0001-01"), make([]int64, 9999*12)...) // zeros, every month
	go func() {
		defer close(done)
		long, longGaps = series.Rolling(s, 60_000)
		huge, hugeGaps = series.Rolling(series.FromInts[series.USD](mp("2024-01"), ints(1000)...), 1e8)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Rolling does not finish in 20 s")
	}
	assert.Equal(t, 9999*12-60_000+1, long.Len())
	assert.Len(t, longGaps, 60_000-1)
	assert.Zero(t, huge.Len())
	assert.Len(t, hugeGaps, 1000)
}

// TestRollingMatchesTotal checks the one-pass Rolling against Total over
// each window, on a series with missing months, combined observations and
// values beyond int64.
func TestRollingMatchesTotal(t *testing.T) {
	var b series.Builder[series.USD]
	b.SetCombined(span("2024-01", "2024-02"), dec("10"))
	for m, v := range map[string]string{"2024-03": "1", "2024-04": "92233720368547758070", "2024-05": "-3", "2024-07": "2.5",
		"2024-08": "0", "2024-09": "4", "2024-12": "1"} {
		b.Set(mp(m), dec(v))
	}
	b.SetCombined(span("2024-10", "2024-11"), dec("7"))
	s, err := b.Series()
	require.NoError(t, err)
	for n := 1; n <= 14; n++ {
		r, gaps := series.Rolling(s, n)
		for p := range s.All() {
			w := series.Period{First: p.Last.AddMonths(1 - n), Last: p.Last}
			want, err := series.Total(s, w)
			got, ok := r.At(p.Last)
			if err != nil {
				assert.False(t, ok, "n=%d %v: %v, yet %v", n, p, err, got)
				g, found := gaps.Find(p.Last)
				require.True(t, found, "n=%d %v", n, p)
				var ie *series.IncompleteError
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, ie.Gaps[0].Reason, g.Reason, "n=%d %v", n, p)
				assert.Equal(t, ie.Gaps[0].Cause, g.Cause, "n=%d %v", n, p)
				continue
			}
			require.True(t, ok, "n=%d %v", n, p)
			assert.True(t, got.Equal(want), "n=%d %v: %v, want %v", n, p, got, want)
		}
	}
}
