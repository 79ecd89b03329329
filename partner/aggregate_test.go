package partner_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

type usd = series.USDMillion

func span(first, last string) series.Period {
	return series.Period{First: month(first), Last: month(last)}
}

// build makes a series from single months ("2025-03": "1.5") and spans
// ("2025-01/2025-02": "3").
func build(t *testing.T, obs map[string]string) series.Series[usd] {
	t.Helper()
	var b series.Builder[usd]
	for k, v := range obs {
		p, err := series.ParsePeriod(k)
		require.NoError(t, err)
		if p.IsMonth() {
			require.NoError(t, b.SetString(p.Last, v))
		} else {
			require.NoError(t, b.SetCombinedString(p, v))
		}
	}
	s, err := b.Series()
	require.NoError(t, err)
	return s
}

func values(s series.Series[usd]) map[string]string {
	out := make(map[string]string)
	for p, v := range s.All() {
		out[p.String()] = v.String()
	}
	return out
}

func TestAggregateDatedMembership(t *testing.T) {
	a, b, c := partner.MustParseCode("AT"), partner.MustParseCode("BE"), partner.MustParseCode("CY")
	g := partner.MustGroup("G",
		partner.Membership{Code: a},
		partner.Membership{Code: b, From: month("2020-02"), Last: month("2020-03")},
		partner.Membership{Code: c, From: month("2020-03")},
	)
	data := map[partner.Code]series.Series[usd]{
		a: build(t, map[string]string{"2020-01": "1", "2020-02": "2", "2020-03": "3", "2020-04": "4"}),
		b: build(t, map[string]string{"2020-01": "10", "2020-02": "20", "2020-03": "30", "2020-04": "40"}),
		c: build(t, map[string]string{"2020-01": "100", "2020-02": "200", "2020-03": "300", "2020-04": "400"}),
		// Not a member: ignored.
		partner.MustParseCode("US"): build(t, map[string]string{"2020-01": "1000"}),
	}
	sum, gaps := partner.Aggregate(g, data)
	assert.Nil(t, gaps)
	assert.Equal(t, map[string]string{
		"2020-01": "1",   // a
		"2020-02": "22",  // a + b
		"2020-03": "333", // a + b + c
		"2020-04": "404", // a + c
	}, values(sum))
}

func TestAggregateMissing(t *testing.T) {
	a, b := partner.MustParseCode("AT"), partner.MustParseCode("BE")
	g := partner.MustGroup("G", partner.Membership{Code: a}, partner.Membership{Code: b})
	data := map[partner.Code]series.Series[usd]{
		a: build(t, map[string]string{"2020-01": "1", "2020-02": "2", "2020-03": "0"}),
		b: build(t, map[string]string{"2020-01": "10", "2020-03": "30"}),
	}
	sum, gaps := partner.Aggregate(g, data)
	assert.Equal(t, map[string]string{"2020-01": "11", "2020-03": "30"}, values(sum),
		"a zero is a value; the missing month has none")
	require.Len(t, gaps, 1)
	assert.Equal(t, partner.MemberGap{Period: series.MonthPeriod(month("2020-02")), Partner: b, Reason: series.MonthMissing, Cause: series.MonthPeriod(month("2020-02"))}, gaps[0])
	assert.Equal(t, "2020-02: BEL has no observation", gaps.String())

	// A member with no series at all.
	delete(data, b)
	sum, gaps = partner.Aggregate(g, data)
	assert.True(t, sum.IsEmpty())
	require.Len(t, gaps, 3)
	for _, gp := range gaps {
		assert.Equal(t, b, gp.Partner)
		assert.Equal(t, series.MonthMissing, gp.Reason)
	}
}

func TestAggregateCombined(t *testing.T) {
	a, b := partner.MustParseCode("AT"), partner.MustParseCode("BE")
	g := partner.MustGroup("G", partner.Membership{Code: a}, partner.Membership{Code: b})

	data := map[partner.Code]series.Series[usd]{
		a: build(t, map[string]string{"2025-01/2025-02": "5", "2025-03": "3"}),
		b: build(t, map[string]string{"2025-01/2025-02": "50", "2025-03": "30"}),
	}
	sum, gaps := partner.Aggregate(g, data)
	assert.Nil(t, gaps)
	assert.Equal(t, map[string]string{"2025-01/2025-02": "55", "2025-03": "33"}, values(sum))

	// b reports January and February separately: neither way adds up.
	data[b] = build(t, map[string]string{"2025-01": "20", "2025-02": "30", "2025-03": "30"})
	sum, gaps = partner.Aggregate(g, data)
	assert.Equal(t, map[string]string{"2025-03": "33"}, values(sum))
	assert.Equal(t, partner.MemberGaps{
		{Period: series.MonthPeriod(month("2025-01")), Partner: a, Reason: series.Combined, Cause: span("2025-01", "2025-02")},
		{Period: span("2025-01", "2025-02"), Partner: b, Reason: series.Combined, Cause: series.MonthPeriod(month("2025-02"))},
		{Period: series.MonthPeriod(month("2025-02")), Partner: a, Reason: series.Combined, Cause: span("2025-01", "2025-02")},
	}, gaps)
	assert.Equal(t, "2025-01: AUT reports it within 2025-01/2025-02\n"+
		"2025-01/2025-02: BEL reports 2025-02 separately\n"+
		"2025-02: AUT reports it within 2025-01/2025-02", gaps.String())
}

func TestAggregateMembershipChangesWithinPeriod(t *testing.T) {
	a, b := partner.MustParseCode("AT"), partner.MustParseCode("BE")
	g := partner.MustGroup("G", partner.Membership{Code: a}, partner.Membership{Code: b, From: month("2025-02")})
	data := map[partner.Code]series.Series[usd]{
		a: build(t, map[string]string{"2025-01/2025-02": "5", "2025-03": "3"}),
		b: build(t, map[string]string{"2025-01/2025-02": "50", "2025-03": "30"}),
	}
	sum, gaps := partner.Aggregate(g, data)
	assert.Equal(t, map[string]string{"2025-03": "33"}, values(sum))
	require.Len(t, gaps, 1)
	assert.True(t, gaps[0].Partner.IsZero())
	assert.Equal(t, "2025-01/2025-02: membership changes within the period", gaps[0].String())
}

func TestAggregateEUAroundBrexit(t *testing.T) {
	// Every member exports 1 a month, the UK 1000: the dated EU drops the
	// UK in February 2020, the EU-27 never has it, the EU-28 always does.
	start := month("2019-12")
	data := make(map[partner.Code]series.Series[usd])
	for c := range partner.Codes() {
		v := int64(1)
		if c == partner.MustParseCode("GB") {
			v = 1000
		}
		data[c] = series.FromInts[usd](start, v, v, v)
	}
	dated, gaps := partner.Aggregate(partner.EU(), data)
	require.Nil(t, gaps)
	assert.Equal(t, map[string]string{"2019-12": "1027", "2020-01": "1027", "2020-02": "27"}, values(dated))

	eu27, gaps := partner.Aggregate(partner.EU().Fixed("EU-27", month("2020-02")), data)
	require.Nil(t, gaps)
	assert.Equal(t, map[string]string{"2019-12": "27", "2020-01": "27", "2020-02": "27"}, values(eu27))

	eu28, gaps := partner.Aggregate(partner.EU().Fixed("EU-28", month("2020-01")), data)
	require.Nil(t, gaps)
	assert.Equal(t, map[string]string{"2019-12": "1027", "2020-01": "1027", "2020-02": "1027"}, values(eu28))
}

func TestAggregateNoMembers(t *testing.T) {
	// Before 1958 the EU has no members: no value, and no gap.
	data := make(map[partner.Code]series.Series[usd])
	for _, c := range codes("BE", "DE", "FR", "IT", "LU", "NL") {
		data[c] = series.FromInts[usd](month("1957-11"), 5, 6, 7)
	}
	sum, gaps := partner.Aggregate(partner.EU(), data)
	assert.Nil(t, gaps)
	assert.Equal(t, map[string]string{"1958-01": "42"}, values(sum))
}

func TestAggregateExact(t *testing.T) {
	a, b := partner.MustParseCode("AT"), partner.MustParseCode("BE")
	g := partner.MustGroup("G", partner.Membership{Code: a}, partner.Membership{Code: b})
	data := map[partner.Code]series.Series[usd]{
		a: build(t, map[string]string{"2025-01": "0.1"}),
		b: build(t, map[string]string{"2025-01": "0.2"}),
	}
	sum, _ := partner.Aggregate(g, data)
	v, ok := sum.At(month("2025-01"))
	require.True(t, ok)
	assert.True(t, v.Equal(decimal.RequireFromString("0.3")), "got %v, want 0.3", v)
}
