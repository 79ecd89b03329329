package series_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

var (
	mp  = series.MustParseMonth
	dec = decimal.RequireFromString
)

func span(a, b string) series.Period { return series.Period{First: mp(a), Last: mp(b)} }

// values returns s as "period=value" strings, for comparisons that ignore
// the scale a decimal happens to carry.
func values[U series.Unit](s series.Series[U]) []string {
	var out []string
	for p, v := range s.All() {
		out = append(out, p.String()+"="+v.String())
	}
	return out
}

func TestBuilderDuplicates(t *testing.T) {
	tests := []struct {
		name string
		set  func(b *series.Builder[series.USD])
		want string
	}{
		{"same month twice", func(b *series.Builder[series.USD]) {
			b.Set(mp("2025-11"), dec("1"))
			b.Set(mp("2025-11"), dec("1"))
		}, "series: 2025-11: two observations for the same period"},
		{"combined and separate", func(b *series.Builder[series.USD]) {
			b.SetCombined(span("2025-01", "2025-02"), dec("3"))
			b.Set(mp("2025-02"), dec("2"))
		}, "series: 2025-02: covered by both 2025-01/2025-02 and 2025-02"},
		{"overlapping spans", func(b *series.Builder[series.USD]) {
			b.Set(mp("2024-12"), dec("9"))
			b.SetCombined(span("2025-01", "2025-03"), dec("3"))
			b.SetCombined(span("2025-03", "2025-04"), dec("3"))
		}, "series: 2025-03: covered by both 2025-01/2025-03 and 2025-03/2025-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b series.Builder[series.USD]
			tt.set(&b)
			_, err := b.Series()
			require.ErrorIs(t, err, series.ErrDuplicate)
			assert.EqualError(t, err, tt.want)
		})
	}
}

func TestBuilderValues(t *testing.T) {
	var b series.Builder[series.USD]
	require.NoError(t, b.SetString(mp("2025-01"), "1e3"))
	require.NoError(t, b.SetString(mp("2025-02"), "-0"))
	require.NoError(t, b.SetString(mp("2025-03"), "0.000001"))
	b.SetInt(mp("2025-04"), 33035, -1)
	b.SetInt(mp("2025-05"), 7, 3)
	for _, bad := range []string{"", "NaN", "Inf", "1,234.5", "1 234", "12a", "--1", "1_000", "0x10"} {
		err := b.SetString(mp("2025-06"), bad)
		require.ErrorIs(t, err, series.ErrValue, "%q", bad)
		assert.Contains(t, err.Error(), `"`+bad+`"`)
		assert.Contains(t, err.Error(), "2025-06")
	}
	s, err := b.Series()
	require.NoError(t, err)
	assert.Equal(t, []string{"2025-01=1000", "2025-02=0", "2025-03=0.000001", "2025-04=3303.5", "2025-05=7000"}, values(s))
	assert.Equal(t, 5, b.Len())
	b.Reset()
	assert.Equal(t, 0, b.Len())
}

func TestMissingIsNotZero(t *testing.T) {
	s := series.MustFromStrings[series.Tonnes](mp("2025-01"), "0", "", "5")
	v, ok := s.At(mp("2025-01"))
	assert.True(t, ok, "a month reported as zero is present")
	assert.True(t, v.IsZero())
	_, ok = s.At(mp("2025-02"))
	assert.False(t, ok, "a missing month is absent")
	_, ok = s.At(mp("2024-12"))
	assert.False(t, ok, "before the series")
	_, ok = s.At(mp("2030-12"))
	assert.False(t, ok, "after the series")
	assert.Equal(t, 2, s.Len())

	var empty series.Series[series.Tonnes]
	assert.True(t, empty.IsEmpty())
	assert.Equal(t, 0, empty.Len())
	assert.True(t, empty.First().IsZero())
	_, ok = empty.At(mp("2025-01"))
	assert.False(t, ok)
	for range empty.All() {
		t.Fatal("an empty series yields nothing")
	}
	assert.Equal(t, "[] t", empty.String())
}

// TestBigFallback uses values beyond int64 so that every operation must take
// the arbitrary-precision path, and checks the results against decimal.
func TestBigFallback(t *testing.T) {
	huge := dec("12345678901234567890123.45") // beyond int64 at any scale
	s := series.FromDecimals[series.USD](mp("2024-11"), huge, dec("1"), dec("2"), dec("3"), dec("4"), dec("5"),
		dec("6"), dec("7"), dec("8"), dec("9"), dec("10"), dec("11"), huge.Mul(dec("2")))
	v, ok := s.At(mp("2024-11"))
	require.True(t, ok)
	assert.True(t, v.Equal(huge), "got %v want %v", v, huge)

	yoy, gaps := series.YoY(s)
	assert.Len(t, gaps, 12) // 2024-11 … 2025-10 have no base
	got, ok := yoy.At(mp("2025-11"))
	require.True(t, ok)
	assert.Equal(t, "100", got.String())

	d, _ := series.Diff(s, 12)
	got, _ = d.At(mp("2025-11"))
	assert.True(t, got.Equal(huge), "got %v want %v", got, huge)

	sum, _ := series.Add(s, s)
	got, _ = sum.At(mp("2025-11"))
	assert.True(t, got.Equal(huge.Mul(dec("4"))))

	ytd, _ := series.YearToDate(s.Slice(mp("2025-01"), mp("2025-12")))
	got, _ = ytd.At(mp("2025-11"))
	assert.True(t, got.Equal(huge.Mul(dec("2")).Add(dec("65"))), "got %v", got)

	// Sums of int64 values that overflow int64 also fall back.
	max := series.FromInts[series.USD](mp("2025-01"), 9_000_000_000_000_000_000, 9_000_000_000_000_000_000)
	ytd, _ = series.YearToDate(max)
	got, _ = ytd.At(mp("2025-02"))
	assert.Equal(t, "18000000000000000000", got.String())
	tot, err := series.Total(max, span("2025-01", "2025-02"))
	require.NoError(t, err)
	assert.Equal(t, "18000000000000000000", tot.String())
	add, _ := series.Add(max, max)
	got, _ = add.At(mp("2025-01"))
	assert.Equal(t, "18000000000000000000", got.String())
	ch, _ := series.Change(series.FromInts[series.USD](mp("2025-01"), 1, 9_000_000_000_000_000_000), 1)
	got, _ = ch.At(mp("2025-02"))
	assert.Equal(t, "899999999999999999900", got.String())
	// A rescale that pushes coefficients past int64 keeps them exact.
	r := series.Rescale[series.USD](series.FromInts[series.USDBillion](mp("2025-01"), 9_000_000_000_000))
	got, _ = r.At(mp("2025-01"))
	assert.Equal(t, "9000000000000000000000", got.String())
}

func TestCombinedPeriods(t *testing.T) {
	// Rare-earth exports, tonnes: Jan–Feb combined in both years.
	var b series.Builder[series.Tonnes]
	b.SetCombined(span("2024-01", "2024-02"), dec("8774"))
	b.Set(mp("2024-03"), dec("4000"))
	b.Set(mp("2024-04"), dec("4566"))
	b.SetCombined(span("2025-01", "2025-02"), dec("8511"))
	b.Set(mp("2025-03"), dec("5666.3"))
	b.Set(mp("2025-04"), dec("4784.8"))
	s, err := b.Series()
	require.NoError(t, err)
	assert.Equal(t, 6, s.Len())
	assert.Equal(t, mp("2024-01"), s.First())

	t.Run("yoy compares the combined period with the prior combined period", func(t *testing.T) {
		yoy, gaps := series.YoY(s)
		assert.Len(t, gaps, 3) // 2024's observations have no base
		p, v, ok := yoy.Covering(mp("2025-01"))
		require.True(t, ok)
		assert.Equal(t, span("2025-01", "2025-02"), p)
		assert.Equal(t, "-3.0", v.Round(1).StringFixed(1))
	})
	t.Run("mom next to a combined period is undefined", func(t *testing.T) {
		mom, gaps := series.MoM(s)
		g, ok := gaps.Find(mp("2025-03"))
		require.True(t, ok)
		assert.Equal(t, series.Combined, g.Reason)
		assert.Equal(t, "2025-03: 2025-01/2025-02 is combined with other months", g.String())
		_, ok = mom.At(mp("2025-03"))
		assert.False(t, ok)
		v, ok := mom.At(mp("2025-04"))
		require.True(t, ok)
		assert.Equal(t, "-15.6", v.Round(1).String())
	})
	t.Run("ytd adds the combined figure once", func(t *testing.T) {
		ytd, gaps := series.YearToDate(s)
		assert.Empty(t, gaps)
		assert.Equal(t, []string{"2024-02=8774", "2024-03=12774", "2024-04=17340",
			"2025-02=8511", "2025-03=14177.3", "2025-04=18962.1"}, values(ytd))
	})
	t.Run("streak counts the combined period once", func(t *testing.T) {
		run := series.Streak(s, mp("2025-04"), func(v decimal.Decimal) bool { return v.IsPositive() })
		assert.Equal(t, 3, run.Len)
		assert.Equal(t, span("2025-01", "2025-04"), run.Period)
		// A streak asked for at a month inside the combined period starts there.
		run = series.Streak(s, mp("2025-01"), func(v decimal.Decimal) bool { return v.IsPositive() })
		assert.Equal(t, 1, run.Len)
	})
	t.Run("sums refuse to split a combined period", func(t *testing.T) {
		_, err := series.Total(s, span("2025-02", "2025-04"))
		var ie *series.IncompleteError
		require.ErrorAs(t, err, &ie)
		require.Len(t, ie.Gaps, 1)
		assert.Equal(t, series.Combined, ie.Gaps[0].Reason)
		assert.Equal(t, span("2025-01", "2025-02"), ie.Gaps[0].Cause)
		r, gaps := series.Rolling(s, 2)
		// A window that holds a combined period whole is fine: Jan+Feb is the combined figure.
		assert.Equal(t, []string{"2024-02=8774", "2024-04=8566", "2025-02=8511", "2025-04=10451.1"}, values(r))
		g, ok := gaps.Find(mp("2025-03"))
		require.True(t, ok)
		assert.Equal(t, series.Combined, g.Reason)
	})
	t.Run("combined against separate prior months", func(t *testing.T) {
		var b series.Builder[series.Tonnes]
		b.Set(mp("2024-01"), dec("4000"))
		b.Set(mp("2024-02"), dec("4774"))
		b.SetCombined(span("2025-01", "2025-02"), dec("8511"))
		s, err := b.Series()
		require.NoError(t, err)
		yoy, _ := series.YoY(s)
		_, v, ok := yoy.Covering(mp("2025-02"))
		require.True(t, ok)
		assert.Equal(t, "-3.0", v.Round(1).StringFixed(1))
		// The other way round, a single month cannot be compared with part of a combined figure.
		var b2 series.Builder[series.Tonnes]
		b2.SetCombined(span("2024-01", "2024-02"), dec("8774"))
		b2.Set(mp("2025-01"), dec("4000"))
		s2, _ := b2.Series()
		_, gaps := series.YoY(s2)
		g, ok := gaps.Find(mp("2025-01"))
		require.True(t, ok)
		assert.Equal(t, series.Combined, g.Reason)
	})
	t.Run("binary ops match periods exactly", func(t *testing.T) {
		other := series.FromInts[series.Tonnes](mp("2025-01"), 1, 2, 3, 4)
		sum, gaps := series.Add(s.Slice(mp("2025-01"), mp("2025-04")), other)
		assert.Equal(t, []string{"2025-03=5669.3", "2025-04=4788.8"}, values(sum))
		require.Len(t, gaps, 2)
		assert.Equal(t, series.Combined, gaps[0].Reason)
		assert.Equal(t, series.Combined, gaps[1].Reason)
	})
	t.Run("slice leaves out a straddling combined period", func(t *testing.T) {
		assert.Equal(t, []string{"2025-03=5666.3"}, values(s.Slice(mp("2025-02"), mp("2025-03"))))
	})
}

func TestYearToDate(t *testing.T) {
	t.Run("series starting mid-year has no totals that year", func(t *testing.T) {
		s := series.FromInts[series.USD](mp("2024-11"), 1, 2, 3, 4)
		ytd, gaps := series.YearToDate(s)
		assert.Equal(t, []string{"2025-01=3", "2025-02=7"}, values(ytd))
		require.Len(t, gaps, 2)
		assert.Equal(t, "2024-11: 2024-01 is missing", gaps[0].String())
	})
	t.Run("fiscal year", func(t *testing.T) {
		s := series.FromInts[series.USD](mp("2025-03"), 1, 2, 3)
		ytd, gaps := series.YearToDate(s, series.YearStartingIn(4))
		assert.Equal(t, []string{"2025-04=2", "2025-05=5"}, values(ytd))
		assert.Len(t, gaps, 1)
		years, gaps := series.Annual(s, series.YearStartingIn(4))
		assert.True(t, years.IsEmpty(), "no fiscal year is complete: %v", years)
		require.Len(t, gaps, 2)
		assert.Equal(t, "2024-04/2025-03: 2024-04 is missing", gaps[0].String())
		assert.Equal(t, "2025-04/2026-03: 2025-06 is missing", gaps[1].String())
		years, gaps = series.Annual(s, series.YearStartingIn(4), series.AllowMissing())
		assert.Equal(t, []string{"2024-04/2025-03=1", "2025-04/2026-03=5"}, values(years))
		require.Len(t, gaps, 2)
		assert.Equal(t, series.Partial, gaps[1].Reason)
	})
	t.Run("combined period across the year start", func(t *testing.T) {
		var b series.Builder[series.USD]
		b.SetCombined(span("2024-12", "2025-01"), dec("5"))
		b.Set(mp("2025-02"), dec("1"))
		s, _ := b.Series()
		ytd, gaps := series.YearToDate(s)
		assert.True(t, ytd.IsEmpty())
		require.Len(t, gaps, 2)
		assert.Equal(t, series.Combined, gaps[1].Reason)
	})
	t.Run("annual of a full year is complete", func(t *testing.T) {
		s := series.FromInts[series.USD](mp("2025-01"), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
		years, gaps := series.Annual(s)
		assert.Empty(t, gaps)
		assert.Equal(t, []string{"2025-01/2025-12=78"}, values(years))
		ytd, _ := series.YearToDate(s)
		last, _ := ytd.At(mp("2025-12"))
		total, _ := years.AtPeriod(span("2025-01", "2025-12"))
		assert.True(t, last.Equal(total), "ytd at December equals the annual total")
		// The totals are combined observations, so YoY compares years.
		two := series.FromInts[series.USD](mp("2024-01"), 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2)
		years, _ = series.Annual(two)
		yoy, gaps := series.YoY(years)
		assert.Equal(t, []string{"2025-01/2025-12=100"}, values(yoy))
		require.Len(t, gaps, 1)
		assert.Equal(t, series.BaseMissing, gaps[0].Reason)
	})
	t.Run("annual refuses a year cut by a combined observation", func(t *testing.T) {
		var b series.Builder[series.USD]
		b.SetCombined(span("2024-12", "2025-01"), dec("5"))
		s, _ := b.Series()
		years, gaps := series.Annual(s, series.AllowMissing())
		assert.True(t, years.IsEmpty())
		require.Len(t, gaps, 2)
		for _, g := range gaps {
			assert.Equal(t, series.Combined, g.Reason, "%v", g)
		}
	})
}

func TestBinaryGapsAndZeroDivisors(t *testing.T) {
	a := series.FromInts[series.USD](mp("2025-01"), 5, 0, 7)
	b := series.MustFromStrings[series.USD](mp("2025-01"), "10", "0", "")
	sh, gaps := series.Share(a, b)
	assert.Equal(t, []string{"2025-01=50"}, values(sh))
	require.Len(t, gaps, 2)
	assert.Equal(t, series.BaseZero, gaps[0].Reason)
	assert.Equal(t, series.MonthMissing, gaps[1].Reason)

	q := series.FromInts[series.Tonnes](mp("2025-01"), 0, 2, 3)
	uv, gaps := series.Divide(a, q)
	assert.Equal(t, []string{"2025-02=0", "2025-03=2.3333333333333"}, values(uv))
	require.Len(t, gaps, 1)
	assert.Equal(t, "2025-01: base 2025-01 is zero", gaps[0].String())

	_, gaps = series.Sub(a, series.Series[series.USD]{})
	assert.Len(t, gaps, 3)
}

func TestRescale(t *testing.T) {
	mt := series.MustFromStrings[series.MillionTonnes](mp("2025-11"), "8.11")
	assert.Equal(t, []string{"2025-11=8110000"}, values(series.Rescale[series.Tonnes](mt)))
	assert.Equal(t, []string{"2025-11=8110000000"}, values(series.Rescale[series.Kilograms](mt)))
	back := series.Rescale[series.MillionTonnes](series.Rescale[series.Kilograms](mt))
	assert.True(t, back.Equal(mt), "kg and back: got %v", back)
	assert.Equal(t, []string{"2025-11=0.00811"}, values(series.Rescale[series.MillionTonnes](series.FromInts[series.Tonnes](mp("2025-11"), 8110))))
	bn := series.Rescale[series.USDBillion](series.MustFromStrings[series.USD100M](mp("2025-11"), "3303.5"))
	assert.Equal(t, []string{"2025-11=330.35"}, values(bn))
	assert.PanicsWithValue(t, "series: cannot rescale t (mass) to USD (USD)", func() {
		series.Rescale[series.USD](series.FromInts[series.Tonnes](mp("2025-11"), 1))
	})
	assert.Panics(t, func() {
		series.Rescale[series.CNY](series.FromInts[series.USD](mp("2025-11"), 1))
	})
}

func TestSeriesEqual(t *testing.T) {
	a := series.MustFromStrings[series.USD](mp("2025-01"), "1.50", "", "2")
	b := series.MustFromStrings[series.USD](mp("2025-01"), "1.5", "", "2.000")
	c := series.MustFromStrings[series.USD](mp("2025-01"), "1.5", "0", "2")
	assert.True(t, a.Equal(b))
	assert.False(t, a.Equal(c), "a zero month is not a missing month")
	assert.False(t, a.Equal(series.Series[series.USD]{}))
}

// TestUnitGuard runs the compiler on a program that mixes units and checks
// that each mix is rejected.
func TestUnitGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	// go test puts its own GOROOT/bin first on the PATH of the tests it runs.
	out, err := exec.Command("go", "build", "-o", "/dev/null", "./testdata/unitmix").CombinedOutput()
	require.Error(t, err, "a program mixing units must not compile")
	msg := string(out)
	for _, line := range []string{"mix.go:9:", "mix.go:13:", "mix.go:17:", "mix.go:21:"} {
		assert.Contains(t, msg, line, "line %s must be rejected; compiler said:\n%s", line, msg)
	}
	assert.Equal(t, 4, strings.Count(msg, "mix.go:"), "exactly the four marked lines fail:\n%s", msg)
}

func TestQuoMatchesChange(t *testing.T) {
	s := series.MustFromStrings[series.USD100M](mp("2024-11"), "3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
	yoy, _ := series.YoY(s)
	want, _ := yoy.At(mp("2025-11"))
	got, ok := series.Quo(dec("3303.5").Sub(dec("3123.1")).Shift(2), dec("3123.1"))
	require.True(t, ok)
	assert.Equal(t, want.String(), got.String())
	assert.Equal(t, "5.7763119976945", got.String())
	for _, tt := range []struct{ n, d, want string }{
		{"1", "3", "0.3333333333333"},
		{"2", "3", "0.6666666666667"}, // truncated 0.6666666666666, inexact: made odd
		{"-2", "3", "-0.6666666666667"},
		{"1", "8", "0.125"},
		{"1e20", "7", "14285714285714285714.2857142857143"},
		{"5", "0.004", "1250"},
	} {
		got, ok := series.Quo(dec(tt.n), dec(tt.d))
		require.True(t, ok)
		assert.True(t, got.Equal(dec(tt.want)), "%s/%s: got %v want %v", tt.n, tt.d, got, tt.want)
	}
	_, ok = series.Quo(dec("1"), decimal.Zero)
	assert.False(t, ok)
}

func TestTotalOfInvalidPeriod(t *testing.T) {
	s := series.FromInts[series.Tonnes](mp("2025-01"), 1, 2)
	_, err := series.Total(s, series.Period{})
	require.ErrorIs(t, err, series.ErrPeriod)
	_, err = series.Total(s, series.Period{First: mp("2025-02"), Last: mp("2025-01")})
	require.ErrorIs(t, err, series.ErrPeriod)

	var b series.Builder[series.Tonnes]
	b.SetCombined(span("2025-01", "2025-03"), dec("9"))
	c, _ := b.Series()
	_, err = series.Total(c, span("2025-02", "2025-04"))
	var ie *series.IncompleteError
	require.ErrorAs(t, err, &ie)
	require.ErrorIs(t, err, series.ErrIncomplete)
	require.Len(t, ie.Gaps, 2, "one gap for the straddling combined observation, one for the missing April: %v", ie.Gaps)
	assert.Equal(t, "series: cannot sum 2025-02/2025-04: 2025-01/2025-03 is combined with other months (and 1 more)", err.Error())

	_, err = series.Total(series.Series[series.Tonnes]{}, span("2025-01", "2025-02"))
	require.ErrorAs(t, err, &ie)
	assert.Len(t, ie.Gaps, 2, "an empty series misses every month")

	// AllowMissing adds up what there is, but cannot split an observation.
	v, err := series.Total(s, span("2024-12", "2025-04"), series.AllowMissing())
	require.NoError(t, err)
	assert.Equal(t, "3", v.String())
	v, err = series.Total(series.Series[series.Tonnes]{}, span("2025-01", "2025-02"), series.AllowMissing())
	require.NoError(t, err)
	assert.True(t, v.IsZero())
	_, err = series.Total(c, span("2025-02", "2025-04"), series.AllowMissing())
	require.ErrorAs(t, err, &ie)
	require.Len(t, ie.Gaps, 1)
	assert.Equal(t, series.Combined, ie.Gaps[0].Reason)
}

func TestAtPeriod(t *testing.T) {
	var b series.Builder[series.USD]
	b.SetCombined(span("2025-01", "2025-02"), dec("9"))
	b.Set(mp("2025-03"), dec("4"))
	s, err := b.Series()
	require.NoError(t, err)
	v, ok := s.AtPeriod(span("2025-01", "2025-02"))
	require.True(t, ok)
	assert.Equal(t, "9", v.String())
	v, ok = s.AtPeriod(series.MonthPeriod(mp("2025-03")))
	require.True(t, ok)
	assert.Equal(t, "4", v.String())
	for _, p := range []series.Period{
		series.MonthPeriod(mp("2025-02")), // inside the combined observation
		span("2025-01", "2025-03"),        // sums of observations are Total's
		span("2025-02", "2025-03"),
		series.MonthPeriod(mp("2025-04")),
		{},
	} {
		_, ok := s.AtPeriod(p)
		assert.False(t, ok, "AtPeriod(%v)", p)
	}
}
