package series_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestZeroFill(t *testing.T) {
	jan, dec := mp("2025-01"), mp("2025-12")
	var b series.Builder[series.USD]
	require.NoError(t, b.SetCombinedString(series.Period{First: jan, Last: mp("2025-02")}, "9"))
	require.NoError(t, b.SetString(mp("2025-04"), "1.50"))
	require.NoError(t, b.SetString(mp("2026-03"), "7"))
	s, err := b.Series()
	require.NoError(t, err)

	z := series.ZeroFill(s, series.Period{First: mp("2024-11"), Last: dec})
	assert.Equal(t, "[2024-11: 0, 2024-12: 0, 2025-01/2025-02: 9, 2025-03: 0, 2025-04: 1.5, 2025-05: 0, "+
		"2025-06: 0, 2025-07: 0, 2025-08: 0, 2025-09: 0, 2025-10: 0, 2025-11: 0, 2025-12: 0, 2026-03: 7] USD", z.String(),
		"the combined observation stays one; months outside the period stay missing")
	total, gaps := series.Total(z, series.Period{First: mp("2024-11"), Last: dec})
	assert.Nil(t, gaps, "no month of the period is missing any more")
	assert.Equal(t, "10.5", total.String())

	// An empty series becomes zeros; an invalid period changes nothing.
	e := series.ZeroFill(series.Series[series.USD]{}, series.Period{First: jan, Last: mp("2025-03")})
	assert.Equal(t, "[2025-01: 0, 2025-02: 0, 2025-03: 0] USD", e.String())
	assert.True(t, series.ZeroFill(s, series.Period{}).Equal(s))
	// Values beyond int64 are kept exactly.
	big, err := series.FromStrings[series.USD](jan, "123456789012345678901234567890")
	require.NoError(t, err)
	assert.Equal(t, "[2025-01: 123456789012345678901234567890, 2025-02: 0] USD", series.ZeroFill(big, series.Period{First: jan, Last: mp("2025-02")}).String())
}

func TestFromCoefficients(t *testing.T) {
	s, err := series.FromCoefficients[series.USD](mp("2024-12"), []int32{1, 3, 4}, []int64{15, 2, 9223372036854775807}, []int32{-1, 0, -2})
	require.NoError(t, err)
	assert.Equal(t, "[2025-01: 1.5, 2025-03: 2, 2025-04: 92233720368547758.07] USD", s.String(),
		"one scale for the series; a coefficient that no longer fits an int64 is kept exactly")
	v, ok := s.At(mp("2025-03"))
	require.True(t, ok)
	assert.Equal(t, "2", v.String())
	_, ok = s.At(mp("2025-02"))
	assert.False(t, ok, "a month not given is missing")

	_, err = series.FromCoefficients[series.USD](mp("2025-02"), []int32{0, 0}, []int64{1, 2}, []int32{0, 0})
	assert.ErrorIs(t, err, series.ErrDuplicate)
	_, err = series.FromCoefficients[series.USD](mp("2025-02"), []int32{0}, []int64{1}, []int32{-41})
	assert.ErrorIs(t, err, series.ErrLimit)
	assert.EqualError(t, err, `series: 2025-02: value "1e-41": more than 40 digits after the point`)
	_, err = series.FromCoefficients[series.USD](mp("2025-02"), []int32{0, 1}, []int64{1, 1234}, []int32{0, 37})
	assert.ErrorIs(t, err, series.ErrLimit, "a value of 41 digits before the point, at an exponent within ±40")
	s, err = series.FromCoefficients[series.USD](mp("2025-02"), []int32{0, 1}, []int64{0, 1234}, []int32{1 << 30, 36})
	require.NoError(t, err, "40 digits, and a zero at any exponent")
	assert.Equal(t, "[2025-02: 0, 2025-03: 1234000000000000000000000000000000000000] USD", s.String())
	_, err = series.FromCoefficients[series.USD](mp("9999-12"), []int32{0, 1}, []int64{1, 2}, []int32{0, 0})
	assert.ErrorIs(t, err, series.ErrMonth, "no month past 9999-12")
	_, err = series.FromCoefficients[series.USD](mp("0001-01"), []int32{-1}, []int64{1}, []int32{0})
	assert.ErrorIs(t, err, series.ErrMonth, "no month before 0001-01")
	e, err := series.FromCoefficients[series.USD](mp("2025-01"), nil, nil, nil)
	require.NoError(t, err)
	assert.True(t, e.IsEmpty())
	assert.Panics(t, func() { series.FromCoefficients[series.USD](mp("2025-01"), []int32{1}, nil, nil) })
}

// TestZeroFillLong checks ZeroFill of single months over series and
// periods longer than a word of presence bits, beginning and ending inside
// one, against filling month by month.
func TestZeroFillLong(t *testing.T) {
	start := mp("2015-01")
	var b series.Builder[series.USD]
	for k := range 150 {
		if k%9 != 4 && (k < 60 || k > 75) {
			require.NoError(t, b.SetString(start.AddMonths(k), "1.5"))
		}
	}
	s, err := b.Series()
	require.NoError(t, err)
	for _, p := range []series.Period{
		{First: start.AddMonths(-70), Last: start.AddMonths(10)},
		{First: start.AddMonths(58), Last: start.AddMonths(130)},
		{First: start.AddMonths(63), Last: start.AddMonths(64)},
		{First: start.AddMonths(140), Last: start.AddMonths(300)},
		{First: start, Last: start.AddMonths(3)},               // every month there: nothing to fill
		{First: start.AddMonths(5), Last: start.AddMonths(12)}, // the same, inside
	} {
		z := series.ZeroFill(s, p)
		lo, hi := p.First, p.Last
		if s.First().Before(lo) {
			lo = s.First()
		}
		if s.Last().After(hi) {
			hi = s.Last()
		}
		for m := lo; !m.After(hi); m = m.AddMonths(1) {
			got, has := z.At(m)
			want, had := s.At(m)
			switch {
			case had:
				assert.True(t, has && got.Equal(want), "%v in %v: kept", m, p)
			case !m.Before(p.First) && !m.After(p.Last):
				assert.True(t, has && got.IsZero(), "%v in %v: zero", m, p)
			default:
				assert.False(t, has, "%v outside %v: still missing", m, p)
			}
		}
	}
}

// TestZeroFillCovered checks that a series with every month of the period
// comes back as it is, over several words of presence bits, and that one
// missing month anywhere is filled.
func TestZeroFillCovered(t *testing.T) {
	start := mp("2015-01")
	p := series.Period{First: start.AddMonths(10), Last: start.AddMonths(140)}
	for _, gap := range []int{-1, 10, 63, 64, 127, 140} {
		var b series.Builder[series.USD]
		for k := range 150 {
			if k != gap {
				require.NoError(t, b.SetString(start.AddMonths(k), "2.25"))
			}
		}
		s, err := b.Series()
		require.NoError(t, err)
		z := series.ZeroFill(s, p)
		assert.Equal(t, s.Len()+min(gap+1, 1), z.Len(), "gap at %d", gap)
		if gap >= 0 {
			v, ok := z.At(start.AddMonths(gap))
			assert.True(t, ok && v.IsZero(), "gap at %d: filled", gap)
		} else {
			assert.True(t, z.Equal(s))
		}
	}
}
