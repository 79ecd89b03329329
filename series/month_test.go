package series_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestParseMonth(t *testing.T) {
	nov := series.MustMonth(2025, time.November)
	tests := []struct {
		in   string
		want series.Month
		err  string
	}{
		{in: "2025-11", want: nov},
		{in: "202511", want: nov},
		{in: "2025M11", want: nov},
		{in: "2025m11", want: nov},
		{in: "0001-01", want: series.MustMonth(1, time.January)},
		{in: "9999-12", want: series.MustMonth(9999, time.December)},
		{in: "0000-00", want: series.Month{}},
		{in: "2025-13", err: `"2025-13": month 13 is out of range`},
		{in: "2025-00", err: `"2025-00": month 0 is out of range`},
		{in: "0000-01", err: `"0000-01": year 0000 is out of range`},
		{in: "2025-1", err: `"2025-1"`},
		{in: "25-11", err: `"25-11"`},
		{in: "", err: `""`},
		{in: "2025/11", err: `"2025/11"`},
		{in: "2025-+1", err: `"2025-+1"`},
		{in: " 2025-11", err: `" 2025-11"`},
		{in: "2025-11-01", err: `"2025-11-01"`},
		{in: "２０２５-11", err: `"２０２５-11"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := series.ParseMonth(tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, series.ErrMonth)
				var me *series.MonthError
				require.ErrorAs(t, err, &me)
				assert.Equal(t, tt.in, me.Input)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestMonthArithmetic(t *testing.T) {
	m := series.MustParseMonth("2025-11")
	for _, n := range []int{-1000, -25, -12, -11, -1, 0, 1, 2, 13, 1000} {
		got := m.AddMonths(n)
		assert.Equal(t, n, got.MonthsSince(m), "AddMonths(%d) then MonthsSince", n)
		back, err := series.ParseMonth(got.String())
		require.NoError(t, err)
		assert.Equal(t, got, back)
	}
	assert.Equal(t, "2026-01", m.AddMonths(2).String())
	assert.Equal(t, "2024-12", m.AddMonths(-11).String())
	assert.True(t, series.Month{}.AddMonths(5).IsZero(), "zero month stays zero")
	assert.Panics(t, func() { series.MustParseMonth("9999-12").AddMonths(1) })
	assert.Panics(t, func() { series.MustMonth(2025, 13) })
}

func TestNewMonth(t *testing.T) {
	m, err := series.NewMonth(2025, time.November)
	require.NoError(t, err)
	assert.Equal(t, series.MustParseMonth("2025-11"), m)
	for _, bad := range []struct {
		y int
		m time.Month
	}{{0, time.January}, {10000, time.January}, {2025, 0}, {2025, 13}, {-1, time.March}} {
		_, err := series.NewMonth(bad.y, bad.m)
		require.ErrorIs(t, err, series.ErrMonth, "NewMonth(%d, %d)", bad.y, bad.m)
		var me *series.MonthError
		require.ErrorAs(t, err, &me)
	}
	assert.Panics(t, func() { series.MustMonth(0, time.January) })
}

func TestMonthOf(t *testing.T) {
	// The month is taken in t's location: 2025-11-30 23:30 in UTC is
	// already December in Shanghai.
	utc := time.Date(2025, time.November, 30, 23, 30, 0, 0, time.UTC)
	assert.Equal(t, "2025-11", series.MonthOf(utc).String())
	shanghai := time.FixedZone("CST", 8*3600)
	assert.Equal(t, "2025-12", series.MonthOf(utc.In(shanghai)).String())
	assert.Equal(t, "0001-01", series.MonthOf(time.Time{}).String())
	assert.Panics(t, func() { series.MonthOf(time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC)) })
	assert.Panics(t, func() { series.MonthOf(time.Date(0, time.December, 1, 0, 0, 0, 0, time.UTC)) })
}

func TestMonthComparison(t *testing.T) {
	a, b := series.MustParseMonth("2024-03"), series.MustParseMonth("2025-10")
	assert.True(t, a.Before(b))
	assert.False(t, b.Before(a))
	assert.True(t, b.After(a))
	assert.True(t, a.Equal(series.MustParseMonth("202403")))
	assert.Equal(t, -1, a.Compare(b))
	assert.Equal(t, 1, b.Compare(a))
	assert.Equal(t, 0, a.Compare(a))
	ms := []series.Month{b, a, series.MustParseMonth("2024-12")}
	slices.SortFunc(ms, series.Month.Compare)
	assert.Equal(t, []series.Month{a, series.MustParseMonth("2024-12"), b}, ms)
	assert.True(t, series.Month{}.Before(a), "the zero month sorts first")
}

func TestMonthJSONRoundTrip(t *testing.T) {
	type row struct {
		Period series.Month  `json:"period"`
		Span   series.Period `json:"span"`
	}
	in := []row{
		{series.MustParseMonth("2025-11"), series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-11")}},
		{series.MustParseMonth("0001-01"), series.MonthPeriod(series.MustParseMonth("9999-12"))},
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `[{"period":"2025-11","span":"2025-01/2025-11"},{"period":"0001-01","span":"9999-12"}]`, string(b))
	var out []row
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)

	var m series.Month
	b, err = json.Marshal(m)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &m))
	assert.True(t, m.IsZero(), "the zero month round-trips")

	err = json.Unmarshal([]byte(`"2025-13"`), &m)
	assert.ErrorIs(t, err, series.ErrMonth)
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, want string
		n        int
		err      bool
	}{
		{in: "2025-11", want: "2025-11", n: 1},
		{in: "2025-01/2025-02", want: "2025-01/2025-02", n: 2},
		{in: "202501/202511", want: "2025-01/2025-11", n: 11},
		{in: "2024-11/2025-02", want: "2024-11/2025-02", n: 4},
		{in: "2025-02/2025-01", err: true},
		{in: "2025-01/", err: true},
		{in: "/2025-01", err: true},
		{in: "2025-01/2025-02/2025-03", err: true},
		{in: "0000-00", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := series.ParsePeriod(tt.in)
			if tt.err {
				require.ErrorIs(t, err, series.ErrPeriod)
				assert.Contains(t, err.Error(), `"`+tt.in+`"`)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, p.String())
			assert.Equal(t, tt.n, p.Len())
		})
	}
	_, err := series.NewPeriod(series.MustParseMonth("2025-03"), series.MustParseMonth("2025-01"))
	assert.ErrorIs(t, err, series.ErrPeriod)
	assert.False(t, series.Period{}.Valid())
	assert.Equal(t, 0, series.Period{}.Len())
}
