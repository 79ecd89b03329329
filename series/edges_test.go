package series_test

import (
	"strings"
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
// is an error from the constructors that return one, and a documented panic
// from FromInts, which once made months past 9999 that printed as "s333-04".
func TestConstructorsAtCalendarEdges(t *testing.T) {
	var err error
	require.NotPanics(t, func() { _, err = series.FromStrings[series.USD](mp("9999-12"), "1", "2") })
	require.ErrorIs(t, err, series.ErrMonth)
	assert.EqualError(t, err, `series: invalid month "9999-12": 2 values from it run past 9999-12`)
	s, err := series.FromStrings[series.USD](mp("9999-12"), "1", "")
	require.NoError(t, err, "a missing month past the end holds nothing")
	assert.Equal(t, []string{"9999-12=1"}, values(s))

	_, err = series.FromDecimals[series.USD](mp("9999-11"), decimal.NewFromInt(1), decimal.NewFromInt(2), decimal.NewFromInt(3))
	require.ErrorIs(t, err, series.ErrMonth)
	_, err = series.FromDecimals[series.USD](series.Month{}, decimal.NewFromInt(1))
	require.ErrorIs(t, err, series.ErrMonth)
	s, err = series.FromDecimals[series.USD](mp("9999-11"), decimal.NewFromInt(1), decimal.NewFromInt(2))
	require.NoError(t, err)
	assert.Equal(t, []string{"9999-11=1", "9999-12=2"}, values(s))

	assert.PanicsWithError(t, `series: invalid month "9999-12": 2 values from it run past 9999-12`, func() {
		series.FromInts[series.USD](mp("9999-12"), 1, 2)
	})
	assert.Panics(t, func() { series.FromInts[series.USD](series.Month{}, 1) })
	assert.Equal(t, []string{"9999-12=1"}, values(series.FromInts[series.USD](mp("9999-12"), 1)))
}

// TestValuesWithinMaxDigits: every way into a series holds values to
// MaxDigits digits before and after the point. One value of 1e-10000 once
// entered and made every operation on its series work with numbers of
// 10,000 digits.
func TestValuesWithinMaxDigits(t *testing.T) {
	nines := strings.Repeat("9", series.MaxDigits)
	within := []string{"1e39", "1e-40", "-1e39", nines + "." + nines, "0." + strings.Repeat("0", 39) + "1",
		"0e50", "0e-40", "00000000000000000000000000000000000000000000000000001", "123456789012345678901234567890.1234567890"}
	beyond := []string{"1e40", "1e-41", "-1e40", "1" + nines, "0." + nines + "1", "0e-41", "1e-10000", "1e10000",
		"1e9999999999", strings.Repeat("7", 100000), "1." + strings.Repeat("0", 41)}
	m := mp("2025-11")
	for _, v := range within {
		var b series.Builder[series.USD]
		require.NoError(t, b.SetString(m, v), v)
		b.Set(mp("2025-12"), dec(v))
		s, err := b.Series()
		require.NoError(t, err, v)
		got, _ := s.At(m)
		assert.True(t, got.Equal(dec(v)), "%s entered as %v", v, got)
		_, err = series.FromStrings[series.USD](m, v)
		assert.NoError(t, err, v)
		_, err = series.FromDecimals[series.USD](m, dec(v))
		assert.NoError(t, err, v)
	}
	for _, v := range beyond {
		var b series.Builder[series.USD]
		err := b.SetString(m, v)
		var le *series.LimitError
		require.ErrorAs(t, err, &le, "%.50s", v)
		assert.Equal(t, series.MonthPeriod(m), le.Period)
		assert.LessOrEqual(t, len(err.Error()), 300, "the value is cut in the message")
		assert.Zero(t, b.Len(), "SetString records nothing it refuses")
		_, err = series.FromStrings[series.USD](m, v)
		assert.ErrorIs(t, err, series.ErrLimit, "%.50s", v)
		if d, derr := decimal.NewFromString(v); derr == nil {
			b.Set(m, d)
			_, err = b.Series()
			assert.ErrorIs(t, err, series.ErrLimit, "Set %.50s: Series returns the error", v)
			_, err = series.FromDecimals[series.USD](m, d)
			assert.ErrorIs(t, err, series.ErrLimit, "%.50s", v)
		}
	}

	// SetInt, the loaders' path, the same: at the bounds and beyond.
	for _, tt := range []struct {
		coef int64
		exp  int32
		ok   bool
	}{
		{1, -40, true}, {1, -41, false}, {1, 39, true}, {1, 40, false}, {-9223372036854775808, 21, true},
		{-9223372036854775808, 22, false}, {1234, 36, true}, {1234, 37, false}, {1, -10000, false},
		{0, -40, true}, {0, -41, false}, {0, 1 << 30, true}, {5, -1 << 31, false}, {5, 1<<31 - 1, false},
	} {
		var b series.Builder[series.USD]
		b.SetInt(m, tt.coef, tt.exp)
		b.SetInt(mp("2025-12"), 7, 0)
		s, err := b.Series()
		if tt.ok {
			require.NoError(t, err, "%de%d", tt.coef, tt.exp)
			got, _ := s.At(m)
			assert.True(t, got.Equal(decimal.New(tt.coef, tt.exp)), "%de%d entered as %v", tt.coef, tt.exp, got)
			continue
		}
		require.ErrorIs(t, err, series.ErrLimit, "%de%d", tt.coef, tt.exp)
		b.Reset()
		b.SetInt(m, 1, 0)
		_, err = b.Series()
		assert.NoError(t, err, "Reset forgets the error")
	}

	var b series.Builder[series.USD]
	b.SetInt(m, 1, -10000)
	_, err := b.Series()
	assert.EqualError(t, err, `series: 2025-11: value "1e-10000": more than 40 digits after the point`)
	b.Reset()
	b.Set(series.Month{}, decimal.NewFromInt(1))
	b.SetCombined(series.Period{First: mp("2025-03"), Last: mp("2025-01")}, decimal.NewFromInt(1))
	_, err = b.Series()
	assert.ErrorIs(t, err, series.ErrPeriod, "the zero Month is no month: Series says so")
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

// TestResultsAreNotBounded: MaxDigits bounds the values that enter a
// series, not what operations make of them. Twelve values just within it
// sum to one beyond it, in every operation that sums; such a result does
// not encode, since it would not decode.
func TestResultsAreNotBounded(t *testing.T) {
	v := strings.Repeat("9", series.MaxDigits) + "." + strings.Repeat("9", series.MaxDigits)
	vals := make([]string, 12)
	for i := range vals {
		vals[i] = v
	}
	s := series.MustFromStrings[series.USD](mp("2025-01"), vals...)
	want := dec(v).Mul(decimal.NewFromInt(12))
	annual, gaps := series.Annual(s)
	require.Empty(t, gaps)
	got, ok := annual.AtPeriod(span("2025-01", "2025-12"))
	require.True(t, ok)
	assert.True(t, got.Equal(want), "Annual: %v", got)
	ytd, _ := series.YearToDate(s)
	got, _ = ytd.At(mp("2025-12"))
	assert.True(t, got.Equal(want), "YearToDate: %v", got)
	rolling, _ := series.Rolling(s, 12)
	got, _ = rolling.At(mp("2025-12"))
	assert.True(t, got.Equal(want), "Rolling: %v", got)
	total, err := series.Total(s, span("2025-01", "2025-12"))
	require.NoError(t, err)
	assert.True(t, total.Equal(want), "Total: %v", total)
	_, err = annual.MarshalBinary()
	assert.ErrorIs(t, err, series.ErrEncoding)
}

// TestTotalAllowMissing checks sums that skip missing months against sums
// made one decimal at a time: over periods that begin and end inside a
// word of presence bits or across them, and sums that outgrow 64 bits
// part of the way through.
func TestTotalAllowMissing(t *testing.T) {
	start := series.MustParseMonth("2019-01")
	for _, big := range []bool{false, true} {
		var b series.Builder[series.USD]
		vals := map[series.Month]decimal.Decimal{}
		for k := range 150 {
			if k%7 == 3 {
				continue // missing
			}
			v := decimal.New(int64(k+1)*1001, -2)
			if big && k%5 == 0 {
				v = decimal.New(9_000_000_000_000_000_000/10*9, -2) // 8.1e18 coefficients: a few of them outgrow int64
			}
			m := start.AddMonths(k)
			b.Set(m, v)
			vals[m] = v
		}
		s, err := b.Series()
		require.NoError(t, err)
		for _, p := range []series.Period{
			{First: start, Last: start.AddMonths(149)},
			{First: start.AddMonths(-5), Last: start.AddMonths(200)},
			{First: start.AddMonths(3), Last: start.AddMonths(3)},
			{First: start.AddMonths(60), Last: start.AddMonths(70)},
			{First: start.AddMonths(63), Last: start.AddMonths(64)},
			{First: start.AddMonths(1), Last: start.AddMonths(130)},
		} {
			want := decimal.Zero
			for m := p.First; !m.After(p.Last); m = m.AddMonths(1) {
				if v, ok := vals[m]; ok {
					want = want.Add(v)
				}
			}
			got, err := series.Total(s, p, series.AllowMissing())
			require.NoError(t, err)
			assert.True(t, want.Equal(got), "%v (big %v): %v, want %v", p, big, got, want)
		}
	}
}
