package tradeflow_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// rareEarths2025 is China's rare-earth exports from January to April 2025,
// tonnes, first prints (examples/data/commodities.csv), with January and
// February released as one figure.
func rareEarths2025(t *testing.T) series.Series[series.Tonnes] {
	t.Helper()
	var b series.Builder[series.Tonnes]
	b.SetCombined(mustPeriod("2025-01/2025-02"), decimal.NewFromInt(8511))
	require.NoError(t, b.SetString(series.MustParseMonth("2025-03"), "5666.3"))
	require.NoError(t, b.SetString(series.MustParseMonth("2025-04"), "4784.8"))
	s, err := b.Series()
	require.NoError(t, err)
	return s
}

func mustPeriod(s string) series.Period {
	p, err := series.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func TestCheckTotal(t *testing.T) {
	s := rareEarths2025(t)
	num := decimal.RequireFromString
	// The January–April total as printed (Reuters via zawya).
	c, err := tradeflow.CheckTotal(s, mustPeriod("2025-01/2025-04"), num("18962"))
	require.NoError(t, err)
	assert.True(t, c.Computed.Equal(num("18962.1")), "sum %v", c.Computed)
	assert.True(t, c.Diff().Equal(num("-0.1")), "diff %v", c.Diff())
	assert.False(t, c.Agrees())
	assert.Equal(t, "2025-01/2025-04: published 18962, months sum to 18962.1, difference -0.1", c.String())

	c, err = tradeflow.CheckTotal(s, mustPeriod("2025-03/2025-04"), num("10451.10"))
	require.NoError(t, err)
	assert.True(t, c.Agrees(), "10451.1 = 10451.10")
	assert.True(t, c.Diff().IsZero())

	_, err = tradeflow.CheckTotal(s, mustPeriod("2025-02/2025-04"), num("1"))
	require.ErrorIs(t, err, series.ErrIncomplete, "January–February cannot be split")
	_, err = tradeflow.CheckTotal(s, mustPeriod("2025-01/2025-05"), num("1"))
	var ie *series.IncompleteError
	require.ErrorAs(t, err, &ie, "May is missing")
	assert.Equal(t, "series: cannot sum 2025-01/2025-05: 2025-05 is missing", err.Error())
	_, err = tradeflow.CheckTotal(s, series.Period{}, num("1"))
	require.ErrorIs(t, err, series.ErrPeriod)
}

func TestCheckRateErrors(t *testing.T) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	start := series.MustParseMonth("2024-11")
	nov25 := series.MonthPeriod(start.AddMonths(12))
	levels := series.MustFromStrings[series.USD100M](start, "3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
	c, err := tradeflow.CheckRate(levels, nov25, 12, decimal.RequireFromString("5.9"), pr)
	require.NoError(t, err)
	assert.Equal(t, "3123.1", c.BaseValue.String())
	assert.Equal(t, pr, c.Precision)

	_, err = tradeflow.CheckRate(levels, nov25.Shift(1), 12, decimal.RequireFromString("5.9"), pr)
	assert.ErrorIs(t, err, series.ErrIncomplete, "no level for December")
	_, err = tradeflow.CheckRate(levels, nov25, 11, decimal.RequireFromString("5.9"), pr)
	assert.ErrorIs(t, err, series.ErrIncomplete, "no base level for December 2024")
	zero := series.MustFromStrings[series.USD100M](start, "0", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
	_, err = tradeflow.CheckRate(zero, nov25, 12, decimal.RequireFromString("5.9"), pr)
	assert.ErrorIs(t, err, series.ErrIncomplete, "a zero base has no change")
	assert.ErrorContains(t, err, "base 2024-11 is zero")
}

func ExampleCheckTotal() {
	// China's rare-earth exports in 2025, tonnes, as first printed month by
	// month (examples/data/commodities.csv; Reuters and others), with
	// January and February released as one figure.
	var b series.Builder[series.Tonnes]
	b.SetCombined(mustPeriod("2025-01/2025-02"), decimal.NewFromInt(8511))
	jan := series.MustParseMonth("2025-01")
	for i, v := range []string{"5666.3", "4784.8", "5864.6", "7742", "5994.3", "5792", "4000.3", "4343.5", "5493.9"} {
		b.Set(jan.AddMonths(2+i), decimal.RequireFromString(v))
	}
	re, _ := b.Series()

	// The January–November total as printed (Reuters via ima-api.org).
	c, err := tradeflow.CheckTotal(re, mustPeriod("2025-01/2025-11"), decimal.RequireFromString("58193.1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Println("agrees:", c.Agrees())
	// Output:
	// 2025-01/2025-11: published 58193.1, months sum to 58192.7, difference 0.4
	// agrees: false
}

// checkJSONFields marshals v, unmarshals it into a new value of its type
// and marshals that: the two forms must be the same, and must hold a key
// for every exported field, so that nothing is dropped without a word.
func checkJSONFields[T any](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &keys))
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
			name = tag
		}
		_, ok := keys[name]
		assert.True(t, ok, "%T: field %s missing from %s", v, f.Name, b)
	}
}

func TestReconcileValuesJSON(t *testing.T) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	start := series.MustParseMonth("2024-11")
	levels := series.MustFromStrings[series.USD100M](start, "3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
	c, err := tradeflow.CheckRate(levels, series.MonthPeriod(start.AddMonths(12)), 12, decimal.RequireFromString("5.9"), pr)
	require.NoError(t, err)
	checkJSONFields(t, c)
	checkJSONFields(t, c.Interval)
	checkJSONFields(t, pr)
	tc, err := tradeflow.CheckTotal(rareEarths2025(t), mustPeriod("2025-01/2025-04"), decimal.RequireFromString("18962"))
	require.NoError(t, err)
	checkJSONFields(t, tc)
	checkJSONFields(t, tradeflow.BalanceMove{From: decimal.NewFromInt(-5), To: decimal.NewFromInt(12)})
}

// TestImpliedBaseTies: a published rate is the rounding half away from
// zero of the true change, so at an exact tie a positive change rounds up
// and a negative one down. ImpliedBase used (Low, High] for every sign,
// which was wrong at ties for negative rates: from 100 to 94.05 is
// −5.95%, printed −6.0, yet counted as consistent with −5.9, and 94.15
// (−5.85%, printed −5.9) was excluded. CheckRate's Reason then said the
// base was within the interval, "yet the rates differ in rounding".
func TestImpliedBaseTies(t *testing.T) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	hundred := dec("100")
	for _, tt := range []struct {
		current, published string
		contains           bool
	}{
		{"94.05", "-5.9", false}, // −5.95 → −6.0
		{"94.05", "-6.0", true},
		{"94.15", "-5.9", true}, // −5.85 → −5.9
		{"94.15", "-5.8", false},
		{"106.05", "6.0", false}, // 6.05 → 6.1
		{"106.05", "6.1", true},
		{"105.95", "5.9", false}, // 5.95 → 6.0
		{"105.95", "6.0", true},
		{"100.05", "0.0", false}, // 0.05 → 0.1
		{"100.05", "0.1", true},
		{"99.95", "0.0", false}, // −0.05 → −0.1
		{"99.95", "-0.1", true},
		{"100.04", "0.0", true},
		{"99.96", "0.0", true},
		{"0.05", "-99.9", false}, // −99.95 → −100.0
		{"0.05", "-100.0", true},
	} {
		iv, err := tradeflow.ImpliedBase(dec(tt.current), dec(tt.published), pr)
		require.NoError(t, err, "%s at %s%%", tt.current, tt.published)
		assert.Equal(t, tt.contains, iv.Contains(hundred), "base 100, current %s, published %s%%: %v", tt.current, tt.published, iv)
		// The definition, exactly: the change from 100, rounded half away
		// from zero to one place.
		change := dec(tt.current).Sub(hundred)
		assert.Equal(t, tt.contains, change.Round(1).Equal(dec(tt.published)), "the case itself: %v", change)
	}

	// CheckRate at a negative tie: the computed rate rounds to −6.0, so the
	// published −5.9 needs another base, and Reason says which: 99.9, not
	// an interval to 100.0 that would hold the base it rejects.
	var b series.Builder[series.USD]
	b.Set(series.MustParseMonth("2024-01"), hundred)
	b.Set(series.MustParseMonth("2025-01"), dec("94.05"))
	level, err := b.Series()
	require.NoError(t, err)
	jan := series.MonthPeriod(series.MustParseMonth("2025-01"))
	c, err := tradeflow.CheckRate(level, jan, 12, dec("-5.9"), pr)
	require.NoError(t, err)
	assert.False(t, c.Agrees())
	assert.Equal(t, "the published rate compares with a revised base: it needs 99.9, the base used is 100.0", c.Reason())
	c, err = tradeflow.CheckRate(level, jan, 12, dec("-6.0"), pr)
	require.NoError(t, err)
	assert.True(t, c.Agrees(), "%v", c.Reason())
}

// TestImpliedBaseContainsIsExact checks Contains against the definition
// (the change, rounded half away from zero, is the published rate) for
// random levels and rates of either sign, at and around the bounds.
func TestImpliedBaseContainsIsExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 13))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		places := rng.Int32N(3)
		pr := tradeflow.Precision{Rate: places, Level: 2}
		base := decimal.New(1+rng.Int64N(100000), -2)
		current := decimal.New(rng.Int64N(300000), -2)
		change, _ := series.Quo(current.Sub(base).Shift(2), base)
		published := series.DisplayRounding.Round(change, places)
		if rng.IntN(3) == 0 { // a neighbouring rate, which may or may not fit
			published = published.Add(decimal.New(rng.Int64N(3)-1, -places))
		}
		iv, err := tradeflow.ImpliedBase(current, published, pr)
		if err != nil {
			require.ErrorIs(t, err, tradeflow.ErrNoBase)
			continue
		}
		want := roundRatHalfAway(ratOf(current.Sub(base).Shift(2)), ratOf(base), places).Equal(published)
		assert.Equal(t, want, iv.Contains(base), "current %v, base %v, published %v%% (places %d)", current, base, published, places)
		for _, b := range []decimal.Decimal{iv.Low, iv.High} {
			if b.IsPositive() {
				want := roundRatHalfAway(ratOf(current.Sub(b).Shift(2)), ratOf(b), places).Equal(published)
				assert.Equal(t, want, iv.Contains(b), "at the bound %v: current %v, published %v%%", b, current, published)
			}
		}
	}
}

// ratOf returns v as a big.Rat.
func ratOf(v decimal.Decimal) *big.Rat { return v.Rat() }

// roundRatHalfAway returns n ÷ d rounded half away from zero to places
// decimal places, computed in exact rational arithmetic.
func roundRatHalfAway(n, d *big.Rat, places int32) decimal.Decimal {
	q := new(big.Rat).Quo(n, d)
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	q.Mul(q, scale)
	neg := q.Sign() < 0
	q.Abs(q)
	q.Add(q, big.NewRat(1, 2))
	i := new(big.Int).Quo(q.Num(), q.Denom()) // floor of |q| + ½
	if neg {
		i.Neg(i)
	}
	return decimal.NewFromBigInt(i, -places)
}

// TestImpliedBaseUnbounded: a rate printed as −100.0 comes from any base
// large enough (the fall is then within 0.05 points of 100%), so the
// interval has no upper bound; ImpliedBase used to say "implies no
// positive base".
func TestImpliedBaseUnbounded(t *testing.T) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	iv, err := tradeflow.ImpliedBase(dec("1"), dec("-100.0"), pr)
	require.NoError(t, err)
	assert.True(t, iv.Unbounded)
	assert.Equal(t, "2000", iv.Low.String())
	assert.True(t, iv.High.IsZero())
	assert.Equal(t, "2000.0 or more", iv.String())
	assert.True(t, iv.Contains(dec("2000")), "−99.95 rounds to −100.0")
	assert.False(t, iv.Contains(dec("1999.9")), "−99.94997… rounds to −99.9")
	assert.True(t, iv.Contains(dec("1e30")))

	iv, err = tradeflow.ImpliedBase(decimal.Zero, dec("-100.0"), pr)
	require.NoError(t, err, "from any base, 0 is a fall of 100%")
	assert.True(t, iv.Unbounded)
	assert.True(t, iv.Contains(dec("0.1")))
	assert.False(t, iv.Contains(decimal.Zero), "a base is positive")
	assert.Equal(t, "any positive level", iv.String())

	for _, tt := range []struct{ current, published string }{{"1", "-100.1"}, {"0", "-99.9"}, {"0", "5"}, {"-1", "5"}} {
		_, err = tradeflow.ImpliedBase(dec(tt.current), dec(tt.published), pr)
		assert.ErrorIs(t, err, tradeflow.ErrNoBase, "%s at %s%%", tt.current, tt.published)
	}
	_, err = tradeflow.ImpliedBase(dec("1"), dec("5"), tradeflow.Precision{Rate: 1, Level: 41})
	assert.ErrorIs(t, err, series.ErrLimit)
}

// TestCheckRateAtCalendarEdges: a base period before 0001-01 is an error,
// never a panic. CheckRate for a month in 0001 with a lag of 12 panicked.
func TestCheckRateAtCalendarEdges(t *testing.T) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	level := series.FromInts[series.USD](series.MustParseMonth("0001-01"), 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 106)
	var err error
	require.NotPanics(t, func() {
		_, err = tradeflow.CheckRate(level, series.MonthPeriod(series.MustParseMonth("0001-06")), 12, dec("5.9"), pr)
	})
	require.ErrorIs(t, err, series.ErrIncomplete)
	assert.EqualError(t, err, "tradeflow: no base level for 0001-06: 12 months earlier is before 0001-01: incomplete period")
	_, err = tradeflow.CheckRate(level, series.MonthPeriod(series.MustParseMonth("0002-01")), 1e9, dec("5.9"), pr)
	assert.ErrorIs(t, err, series.ErrIncomplete)
	c, err := tradeflow.CheckRate(level, series.MonthPeriod(series.MustParseMonth("0002-01")), 12, dec("6.0"), pr)
	require.NoError(t, err, "the base 0001-01 is the first month there is")
	assert.True(t, c.Agrees())
	assert.Panics(t, func() {
		tradeflow.CheckRate(level, series.MonthPeriod(series.MustParseMonth("0002-01")), 0, dec("6.0"), pr)
	})
}
