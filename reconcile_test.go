package tradeflow_test

import (
	"encoding/json"
	"fmt"
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
