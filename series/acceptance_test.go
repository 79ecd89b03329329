package series_test

import (
	"encoding/csv"
	"os"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

// publishedRates reads the shipped source data and returns the published
// rates (measure yoy_pct) of one flow and partner, combined periods kept as
// they were released. Cumulative year-to-date rows (spans that start in
// January and run past February) are a different series and are left to the
// caller: this reads only months and the combined January–February release.
func publishedRates(t *testing.T, flow, partner string) series.Series[series.Percent] {
	t.Helper()
	f, err := os.Open("../examples/data/china-customs.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"period", "flow", "partner", "commodity", "measure", "value", "unit", "vintage", "source", "note"}, rows[0])
	var b series.Builder[series.Percent]
	for line, r := range rows[1:] {
		if r[1] != flow || r[2] != partner || r[3] != "TOTAL" || r[4] != "yoy_pct" {
			continue
		}
		p, err := series.ParsePeriod(r[0])
		require.NoError(t, err, "line %d", line+2)
		if !p.IsMonth() && !(p.First.Month() == 1 && p.Last.Month() == 2) {
			continue // a year-to-date rate
		}
		require.NoError(t, b.SetCombinedString(p, r[5]), "line %d", line+2)
	}
	s, err := b.Series()
	require.NoError(t, err)
	return s
}

func TestAcceptanceUSDeclineStreak(t *testing.T) {
	yoy := publishedRates(t, "X", "US")
	minus10 := decimal.NewFromInt(-10)
	run := series.Streak(yoy, mp("2025-11"), func(v decimal.Decimal) bool { return v.LessThan(minus10) })
	assert.Equal(t, 8, run.Len, "eighth straight month of double-digit declines")
	assert.Equal(t, mp("2025-04"), run.Period.First)
	assert.Equal(t, mp("2025-11"), run.Period.Last)
	// March 2025 (+4.5) ended the run before it.
	v, ok := yoy.At(mp("2025-03"))
	require.True(t, ok)
	assert.Equal(t, "4.5", v.String())
}

func TestAcceptanceFirstContractionSince(t *testing.T) {
	yoy := publishedRates(t, "X", "WLD")
	oct, ok := yoy.At(mp("2025-10"))
	require.True(t, ok)
	require.True(t, oct.IsNegative(), "October 2025 exports fell")
	m, ok := series.LastBefore(yoy, mp("2025-10"), decimal.Decimal.IsNegative)
	require.True(t, ok)
	assert.Equal(t, series.MonthPeriod(mp("2024-03")), m.Period)
	assert.Equal(t, "-7.5", m.Value.String())
	assert.Zero(t, m.Missing, "every month between has a published rate")
}

func TestAcceptanceUndefinedBaseNeverPanics(t *testing.T) {
	s := series.MustFromStrings[series.USD](mp("2024-01"),
		"0", "", "5", "", "", "", "", "", "", "", "", "",
		"7", "8", "9")
	for _, lag := range []int{1, 2, 12, 13, 100} {
		ch, gaps := series.Change(s, lag)
		for p := range ch.All() {
			_, hasGap := gaps.Find(p.Last)
			assert.False(t, hasGap, "a month has a value or a gap, not both")
		}
		assert.Equal(t, s.Len(), ch.Len()+len(gaps), "lag %d: every observation is accounted for", lag)
	}
	yoy, gaps := series.YoY(s)
	assert.Equal(t, []string{"2025-03=80"}, values(yoy))
	require.Len(t, gaps, 4)
	assert.Equal(t, "2025-01: base 2024-01 is zero", gaps[2].String())
	assert.Equal(t, series.BaseZero, gaps[2].Reason)
	assert.Equal(t, "2025-02: base 2024-02 is missing", gaps[3].String())
	assert.Equal(t, series.BaseMissing, gaps[3].Reason)
}
