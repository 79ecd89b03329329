package partner_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestCalendarEdges runs Aggregate, Shares and Contributions on data at
// 9999-12 and 0001-01, the last and first months a series holds. Each once
// panicked, stepping a month past 9999-12 or before 0001-01.
func TestCalendarEdges(t *testing.T) {
	fr, de := partner.MustParseCode("FR"), partner.MustParseCode("DE")
	g := partner.MustGroup("G", partner.Membership{Code: fr}, partner.Membership{Code: de})

	t.Run("Aggregate at 9999-12", func(t *testing.T) {
		data := map[partner.Code]series.Series[usd]{
			fr: build(t, map[string]string{"9999-11": "1", "9999-12": "2"}),
			de: build(t, map[string]string{"9999-11": "3", "9999-12": "4"}),
		}
		var s series.Series[usd]
		var gaps partner.MemberGaps
		require.NotPanics(t, func() { s, gaps = partner.Aggregate(g, data) })
		assert.Empty(t, gaps)
		assert.Equal(t, map[string]string{"9999-11": "4", "9999-12": "6"}, values(s))
	})
	t.Run("Aggregate of a combined 9999-11/9999-12", func(t *testing.T) {
		data := map[partner.Code]series.Series[usd]{
			fr: build(t, map[string]string{"9999-11/9999-12": "1"}),
			de: build(t, map[string]string{"9999-11/9999-12": "3"}),
		}
		var s series.Series[usd]
		require.NotPanics(t, func() { s, _ = partner.Aggregate(g, data) })
		assert.Equal(t, map[string]string{"9999-11/9999-12": "4"}, values(s))
	})
	t.Run("Shares over months ending 9999-12, a part with no data", func(t *testing.T) {
		total := build(t, map[string]string{"9999-11": "10", "9999-12": "10"})
		var err error
		require.NotPanics(t, func() {
			_, err = partner.Shares(span("9999-11", "9999-12"), total, []partner.Part[usd]{{Name: "x"}})
		})
		var de *partner.DataError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, series.MonthMissing, de.Reason)
		assert.Equal(t, series.MonthPeriod(month("9999-11")), de.Cause)
	})
	t.Run("Shares over months ending 9999-12", func(t *testing.T) {
		total := build(t, map[string]string{"9999-11": "10", "9999-12": "10"})
		b, err := partner.Shares(span("9999-11", "9999-12"), total, []partner.Part[usd]{{Name: "x", Series: build(t, map[string]string{"9999-11": "5", "9999-12": "5"})}})
		require.NoError(t, err)
		assert.Equal(t, "50", b.Parts[0].Share.String())
	})
	t.Run("Contributions for a month in 0001", func(t *testing.T) {
		total := build(t, map[string]string{"0001-01": "1", "0001-06": "2", "0002-06": "3"})
		var err error
		require.NotPanics(t, func() { _, err = partner.Contributions(series.MonthPeriod(month("0001-06")), total, nil) })
		require.ErrorIs(t, err, series.ErrIncomplete)
		var de *partner.DataError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, series.OutOfRange, de.Reason)
		assert.EqualError(t, err, "partner: 0001-06 has no base period: the months a lag earlier would lie before 0001-01")
		_, err = partner.Contributions(series.MonthPeriod(month("0002-06")), total, nil, partner.Lag(1e9))
		assert.ErrorIs(t, err, series.ErrIncomplete, "a lag of 10^9 months")
		d, err := partner.Contributions(series.MonthPeriod(month("0002-06")), total, nil)
		require.NoError(t, err, "a base in 0001 is fine")
		assert.Equal(t, "50", d.Total.Points.String())
		d, err = partner.Contributions(series.MonthPeriod(month("0001-06")), total, nil, partner.Lag(5))
		require.NoError(t, err, "the base 0001-01 is the first month there is")
		assert.Equal(t, "100", d.Total.Points.String())
	})
}
