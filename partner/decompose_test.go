package partner_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// assertDecimals compares decimals by value (1.50 equals 1.5).
func assertDecimals(t *testing.T, want []string, got []decimal.Decimal, msgAndArgs ...any) {
	t.Helper()
	require.Len(t, got, len(want), msgAndArgs...)
	for i := range want {
		assert.True(t, got[i].Equal(dec(want[i])), "[%d]: got %v, want %s", i, got[i], want[i])
	}
}

func one(m string, v string) series.Series[usd] {
	return series.MustFromStrings[usd](month(m), v)
}

func TestSharesThirds(t *testing.T) {
	p := series.MonthPeriod(month("2025-01"))
	total := one("2025-01", "3")
	b, err := partner.Shares(p, total, []partner.Part[usd]{
		{Name: "A", Series: one("2025-01", "1")},
		{Name: "B", Series: one("2025-01", "1")},
	})
	require.NoError(t, err)
	// Three equal remainders: the first is rounded up.
	var pct []decimal.Decimal
	for _, s := range b.Parts {
		pct = append(pct, s.Share)
	}
	assertDecimals(t, []string{"33.3333333333334", "33.3333333333333", "33.3333333333333"}, pct)
	assert.Equal(t, []string{"A", "B", partner.RestOfWorld}, []string{b.Parts[0].Name, b.Parts[1].Name, b.Parts[2].Name})
	assert.True(t, b.Parts[2].Residual)
	assert.False(t, b.Parts[0].Residual)
	assert.True(t, b.Parts[2].Value.Equal(dec("1")))
	assert.False(t, b.NegativeResidual)

	r := b.Rounded(1)
	assertDecimals(t, []string{"33.4", "33.3", "33.3"}, []decimal.Decimal{r.Parts[0].Share, r.Parts[1].Share, r.Parts[2].Share})
	// Rounded does not touch b.
	assert.True(t, b.Parts[0].Share.Equal(dec("33.3333333333334")))
}

func TestSharesExactQuotientsStay(t *testing.T) {
	p := series.MonthPeriod(month("2025-01"))
	b, err := partner.Shares(p, one("2025-01", "8"), []partner.Part[usd]{
		{Name: "A", Series: one("2025-01", "1")},
		{Name: "B", Series: one("2025-01", "2")},
	})
	require.NoError(t, err)
	assertDecimals(t, []string{"12.5", "25", "62.5"}, []decimal.Decimal{b.Parts[0].Share, b.Parts[1].Share, b.Parts[2].Share})
}

func TestSharesNegativeResidual(t *testing.T) {
	p := series.MonthPeriod(month("2025-01"))
	b, err := partner.Shares(p, one("2025-01", "100"), []partner.Part[usd]{
		{Name: "A", Series: one("2025-01", "70")},
		{Name: "B", Series: one("2025-01", "40")},
	})
	require.NoError(t, err)
	assert.True(t, b.NegativeResidual)
	assert.True(t, b.Parts[2].Value.Equal(dec("-10")))
	assert.True(t, b.Parts[2].Share.Equal(dec("-10")))
}

func TestSharesSpanFromMonths(t *testing.T) {
	// A year to date from separate months, against a total given as one
	// combined observation.
	p := span("2025-01", "2025-03")
	total := build(t, map[string]string{"2025-01/2025-03": "40"})
	a := build(t, map[string]string{"2025-01": "1", "2025-02": "2", "2025-03": "7"})
	b, err := partner.Shares(p, total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	assert.True(t, b.Parts[0].Value.Equal(dec("10")))
	assert.True(t, b.Parts[0].Share.Equal(dec("25")))
}

func TestSharesYearToDateWithCombinedMonths(t *testing.T) {
	// China's customs release January and February together; a year to
	// date adds the combined figure and the months after it.
	p := span("2025-01", "2025-04")
	total := build(t, map[string]string{"2025-01/2025-02": "20", "2025-03": "15", "2025-04": "15"})
	a := build(t, map[string]string{"2025-01/2025-02": "4", "2025-03": "3", "2025-04": "3"})
	b, err := partner.Shares(p, total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	assert.True(t, b.Total.Equal(dec("50")))
	assert.True(t, b.Parts[0].Value.Equal(dec("10")))
	assert.True(t, b.Parts[0].Share.Equal(dec("20")))

	// A combined observation straddling the start cannot be split.
	_, err = partner.Shares(span("2025-02", "2025-04"), total, nil)
	var de *partner.DataError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, series.Combined, de.Reason)
	assert.Equal(t, span("2025-01", "2025-02"), de.Cause)

	// A missing month inside the span.
	_, err = partner.Shares(span("2025-01", "2025-05"), total, nil)
	require.ErrorAs(t, err, &de)
	assert.Equal(t, series.MonthMissing, de.Reason)
	assert.Equal(t, series.MonthPeriod(month("2025-05")), de.Cause)
	assert.Equal(t, `partner: "total" has no value for 2025-01/2025-05: 2025-05 is missing`, err.Error())
}

func TestSharesErrors(t *testing.T) {
	p := series.MonthPeriod(month("2025-02"))
	tests := []struct {
		name    string
		total   series.Series[usd]
		parts   []partner.Part[usd]
		is      error
		reports []partner.DataError
		msg     string
	}{
		{
			name:  "part missing",
			total: one("2025-02", "10"),
			parts: []partner.Part[usd]{{Name: "U.S.", Series: one("2025-01", "3")}},
			is:    series.ErrIncomplete,
			reports: []partner.DataError{
				{Name: "U.S.", Period: p, Reason: series.MonthMissing, Cause: p},
			},
			msg: `partner: "U.S." has no value for 2025-02`,
		},
		{
			name:  "total and part missing",
			total: series.Series[usd]{},
			parts: []partner.Part[usd]{{Name: "A", Series: series.Series[usd]{}}},
			is:    series.ErrIncomplete,
			reports: []partner.DataError{
				{Name: "total", Period: p, Reason: series.MonthMissing, Cause: p},
				{Name: "A", Period: p, Reason: series.MonthMissing, Cause: p},
			},
			msg: "partner: \"total\" has no value for 2025-02\npartner: \"A\" has no value for 2025-02",
		},
		{
			name:  "combined",
			total: one("2025-02", "10"),
			parts: []partner.Part[usd]{{Name: "A", Series: build(t, map[string]string{"2025-01/2025-02": "3"})}},
			is:    series.ErrIncomplete,
			reports: []partner.DataError{
				{Name: "A", Period: p, Reason: series.Combined, Cause: span("2025-01", "2025-02")},
			},
			msg: `partner: "A" has no value for 2025-02: its observation 2025-01/2025-02 cannot be split`,
		},
		{
			name:  "zero total",
			total: one("2025-02", "0"),
			parts: []partner.Part[usd]{{Name: "A", Series: one("2025-02", "0")}},
			is:    partner.ErrZeroTotal,
			reports: []partner.DataError{
				{Name: "total", Period: p, Reason: series.BaseZero},
			},
			msg: `partner: "total" is zero in 2025-02: shares and contributions are undefined`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := partner.Shares(p, tt.total, tt.parts)
			require.ErrorIs(t, err, tt.is)
			assert.Equal(t, tt.msg, err.Error())
			var got []partner.DataError
			for _, e := range unjoin(err) {
				var de *partner.DataError
				require.ErrorAs(t, e, &de)
				got = append(got, *de)
			}
			assert.Equal(t, tt.reports, got)
		})
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestSharesPanicsOnInvalidPeriod(t *testing.T) {
	assert.Panics(t, func() { _, _ = partner.Shares(series.Period{}, series.Series[usd]{}, nil) })
	assert.Panics(t, func() { _, _ = partner.Contributions(series.Period{}, series.Series[usd]{}, nil) })
	assert.Panics(t, func() { partner.Lag(0) })
}

func TestContributionsMatchYoY(t *testing.T) {
	// The total's growth is series.YoY's, to the last digit, including an
	// inexact quotient rounded to odd and a negative one.
	for _, tc := range []struct{ base, now string }{
		{"3123.1", "3303.5"},
		{"3", "2"},
		{"7", "8"},
		{"312310", "299999.9"},
		{"1", "1"},
	} {
		start := month("2024-11")
		vals := make([]string, 13)
		vals[0], vals[12] = tc.base, tc.now
		total := series.MustFromStrings[usd](start, vals...)
		part := series.MustFromStrings[usd](start, append([]string{"1"}, append(make([]string, 11), "0.5")...)...)
		d, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total, []partner.Part[usd]{{Name: "A", Series: part}})
		require.NoError(t, err)
		yoy, gaps := series.YoY(total)
		_, hasGap := gaps.Find(month("2025-11"))
		require.False(t, hasGap)
		want, ok := yoy.At(month("2025-11"))
		require.True(t, ok)
		assert.True(t, want.Equal(d.Total.Points), "%s→%s: got %v, series.YoY %v", tc.base, tc.now, d.Total.Points, want)
		sum := decimal.Zero
		for _, c := range d.Parts {
			sum = sum.Add(c.Points)
		}
		assert.True(t, sum.Equal(d.Total.Points), "%s→%s: sum %v, growth %v", tc.base, tc.now, sum, d.Total.Points)
	}
}

func TestContributionsThirds(t *testing.T) {
	// Total 3 → 4: growth 33.33…%, rounded to odd 33.3333333333333. The
	// three parts each grew by 1/3: exact contributions 11.11…, whose
	// floors sum to 33.3333333333333 already, so none is rounded up.
	start := month("2025-01")
	total := series.MustFromStrings[usd](start, "3", "4")
	third := series.MustFromStrings[usd](start, "1", "1.3333333333333333333333333")
	d, err := partner.Contributions(series.MonthPeriod(month("2025-02")), total, []partner.Part[usd]{
		{Name: "A", Series: third},
		{Name: "B", Series: third},
	}, partner.Lag(1))
	require.NoError(t, err)
	assert.True(t, d.Total.Points.Equal(dec("33.3333333333333")))
	sum := decimal.Zero
	for _, c := range d.Parts {
		sum = sum.Add(c.Points)
	}
	assert.True(t, sum.Equal(d.Total.Points), "sum %v, growth %v", sum, d.Total.Points)
}

func TestContributionsErrors(t *testing.T) {
	t25 := series.MonthPeriod(month("2025-11"))
	t24 := series.MonthPeriod(month("2024-11"))
	start := month("2024-11")
	yr := func(base, now string) series.Series[usd] {
		vals := make([]string, 13)
		vals[0], vals[12] = base, now
		return series.MustFromStrings[usd](start, vals...)
	}
	tests := []struct {
		name  string
		total series.Series[usd]
		part  series.Series[usd]
		is    error
		msg   string
	}{
		{"base missing", one("2025-11", "10"), yr("1", "2"), series.ErrIncomplete, `partner: "total" has no value for 2024-11`},
		{"part base missing", yr("10", "12"), one("2025-11", "2"), series.ErrIncomplete, `partner: "A" has no value for 2024-11`},
		{"base zero", yr("0", "12"), yr("0", "2"), partner.ErrZeroTotal, `partner: "total" is zero in 2024-11: shares and contributions are undefined`},
		{"now zero", yr("10", "0"), yr("1", "0"), partner.ErrZeroTotal, `partner: "total" is zero in 2025-11: shares and contributions are undefined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := partner.Contributions(t25, tt.total, []partner.Part[usd]{{Name: "A", Series: tt.part}})
			require.ErrorIs(t, err, tt.is)
			assert.Equal(t, tt.msg, err.Error())
		})
	}
	_ = t24
}

func TestContributionsCombinedPeriod(t *testing.T) {
	// January–February 2025 (combined) against the sum of January and
	// February 2024 (separate), as series.Change compares them.
	total := build(t, map[string]string{"2024-01": "40", "2024-02": "60", "2025-01/2025-02": "110"})
	a := build(t, map[string]string{"2024-01": "10", "2024-02": "10", "2025-01/2025-02": "15"})
	d, err := partner.Contributions(span("2025-01", "2025-02"), total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	assert.Equal(t, span("2024-01", "2024-02"), d.BasePeriod)
	assertDecimals(t, []string{"-5", "15"}, []decimal.Decimal{d.Parts[0].Points, d.Parts[1].Points})
	assert.True(t, d.Total.Points.Equal(dec("10")))
	yoy, _ := series.YoY(total)
	_, v, ok := yoy.Covering(month("2025-02"))
	require.True(t, ok)
	assert.True(t, v.Equal(d.Total.Points))
}

func TestContributionsShares(t *testing.T) {
	start := month("2024-11")
	total := series.MustFromStrings[usd](start, "200", "", "", "", "", "", "", "", "", "", "", "", "250")
	a := series.MustFromStrings[usd](start, "50", "", "", "", "", "", "", "", "", "", "", "", "100")
	d, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	a0, rest := d.Parts[0], d.Residual()
	assert.True(t, a0.BaseShare.Equal(dec("25")))
	assert.True(t, a0.Share.Equal(dec("40")))
	assert.True(t, a0.ShareDiff().Equal(dec("15")))
	assert.True(t, rest.ShareDiff().Equal(dec("-15")))
	assert.True(t, a0.Points.Equal(dec("25")))
	assert.True(t, rest.Points.Equal(dec("0")))
	assert.True(t, rest.Diff.IsZero())
	assert.True(t, d.Total.ShareDiff().IsZero())
	assert.True(t, d.Total.Diff.Equal(dec("50")))
	assert.Equal(t, "total", d.Total.Name)

	// Nobody shrank, and the residual did not change: it is in no list.
	o := d.Offset()
	assert.Len(t, o.Gainers, 1)
	assert.Empty(t, o.Losers)
	assert.Equal(t, "gains of 25.0 pp (largest: A +25.0); no part shrank; net +25.0 pp", o.String())
}

func TestNegativeResidualInBase(t *testing.T) {
	start := month("2024-11")
	total := series.MustFromStrings[usd](start, "10", "", "", "", "", "", "", "", "", "", "", "", "20")
	a := series.MustFromStrings[usd](start, "12", "", "", "", "", "", "", "", "", "", "", "", "5")
	d, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	assert.True(t, d.NegativeResidual)
	assert.True(t, d.Residual().BaseValue.Equal(dec("-2")))
}

func TestOffsetString(t *testing.T) {
	c := func(name, change, points string) partner.Contribution {
		return partner.Contribution{Name: name, Diff: dec(change), Points: dec(points)}
	}
	tests := []struct {
		name  string
		parts []partner.Contribution
		more  bool
		want  string
	}{
		{
			"more than offset",
			[]partner.Contribution{c("U.S.", "-13510.9", "-4.3261182799142"), c("EU", "100", "1.5"), c("Rest", "31450.9", "8.6024302776087")},
			true,
			"losses of 4.3 pp (largest: U.S. -4.3) were more than offset by gains of 10.1 pp (largest: Rest +8.6); net +5.8 pp",
		},
		{
			"exactly offset",
			[]partner.Contribution{c("A", "-2", "-2"), c("B", "1", "1"), c("C", "1", "1")},
			false,
			"losses of 2.0 pp (largest: A -2.0) were exactly offset by gains of 2.0 pp (largest: B +1.0); net 0.0 pp",
		},
		{
			"gains more than offset",
			[]partner.Contribution{c("A", "-5", "-5"), c("B", "3", "3")},
			false,
			"gains of 3.0 pp (largest: B +3.0) were more than offset by losses of 5.0 pp (largest: A -5.0); net -2.0 pp",
		},
		{
			// -0.75 and -0.25 both end in a tie; only one can be rounded
			// away from zero for the sum to print as -1.0, and ties go to
			// the earlier (the largest loss) being rounded up.
			"only losses",
			[]partner.Contribution{c("A", "-1", "-0.25"), c("B", "0", "0"), c("C", "-3", "-0.75")},
			false,
			"losses of 1.0 pp (largest: C -0.7); no part grew; net -1.0 pp",
		},
		{
			"nothing",
			[]partner.Contribution{c("A", "0", "0")},
			false,
			"no part changed; net 0.0 pp",
		},
		{
			// Rounded separately, 1.24 and -0.16 print as 1.2 and -0.2,
			// a net of 1.0, but the exact net 1.08 prints as 1.1: the
			// printed figures are kept adding up to the printed net.
			"printed parts add up",
			[]partner.Contribution{c("A", "1", "1.24"), c("B", "-1", "-0.16")},
			true,
			"losses of 0.2 pp (largest: B -0.2) were more than offset by gains of 1.3 pp (largest: A +1.3); net +1.1 pp",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := partner.Decomposition{Total: partner.Contribution{BaseValue: dec("100")}, Parts: tt.parts}
			o := d.Offset()
			assert.Equal(t, tt.more, o.MoreThanOffset())
			assert.Equal(t, tt.want, o.String())
			assert.True(t, o.Net.Equal(o.Gains.Add(o.Losses)))
			assert.False(t, o.Gains.IsNegative())
			assert.False(t, o.Losses.IsPositive())
		})
	}
}

func TestOffsetOrder(t *testing.T) {
	c := func(name, points string) partner.Contribution {
		return partner.Contribution{Name: name, Diff: dec(points), Points: dec(points)}
	}
	d := partner.Decomposition{Total: partner.Contribution{BaseValue: dec("100")}, Parts: []partner.Contribution{
		c("a", "1"), c("b", "-3"), c("c", "5"), c("d", "-1"), c("e", "5"), c("f", "0"),
	}}
	o := d.Offset()
	names := func(cs []partner.Contribution) (s []string) {
		for _, c := range cs {
			s = append(s, c.Name)
		}
		return s
	}
	assert.Equal(t, []string{"c", "e", "a"}, names(o.Gainers), "largest first, stable on ties")
	assert.Equal(t, []string{"b", "d"}, names(o.Losers), "most negative first")
	assert.True(t, o.Gains.Equal(dec("11")))
	assert.True(t, o.Losses.Equal(dec("-4")))
	assert.True(t, o.Net.Equal(dec("7")))
}

func TestOffsetNegativeBase(t *testing.T) {
	// A deficit of 10 that widens to 12: growth +20%, to which the part
	// whose balance fell (imports up) contributed, and the part whose
	// balance rose took away.
	start := month("2024-11")
	vals := func(b, v string) []string {
		out := make([]string, 13)
		out[0], out[12] = b, v
		return out
	}
	total := series.MustFromStrings[usd](start, vals("-10", "-12")...)
	a := series.MustFromStrings[usd](start, vals("-5", "-8")...)
	d, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total, []partner.Part[usd]{{Name: "A", Series: a}})
	require.NoError(t, err)
	assert.True(t, d.Total.Points.Equal(dec("20")))
	o := d.Offset()
	require.Len(t, o.Gainers, 1)
	require.Len(t, o.Losers, 1)
	assert.Equal(t, "A", o.Gainers[0].Name)
	assert.True(t, o.Gains.Equal(dec("30")))
	assert.True(t, o.Losses.Equal(dec("-10")))
	assert.True(t, o.MoreThanOffset())
}

func TestZeroDecomposition(t *testing.T) {
	var d partner.Decomposition
	assert.Equal(t, partner.Contribution{}, d.Residual())
	assert.Equal(t, "no part changed; net 0.0 pp", d.Offset().String())
}

func TestDataErrorIsNotBothSentinels(t *testing.T) {
	e := &partner.DataError{Name: "A", Reason: series.MonthMissing}
	assert.True(t, errors.Is(e, series.ErrIncomplete))
	assert.False(t, errors.Is(e, partner.ErrZeroTotal))
}
