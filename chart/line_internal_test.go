package chart

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestPointsBreakAtGaps(t *testing.T) {
	m := series.MustParseMonth
	var b series.Builder[series.Percent]
	b.SetCombined(series.Period{First: m("2024-01"), Last: m("2024-02")}, decimal.NewFromInt(5))
	for _, s := range []string{"2024-04", "2024-06", "2024-08", "2024-09", "2024-10", "2024-12", "2025-03"} {
		b.Set(m(s), decimal.NewFromInt(1))
	}
	b.SetCombined(series.Period{First: m("2025-01"), Last: m("2025-02")}, decimal.NewFromInt(2))
	rates, err := b.Series()
	require.NoError(t, err)
	axis := series.Period{First: m("2024-01"), Last: m("2025-03")}

	// Runs of joined points, by position on the axis.
	runs := func(pts []point) [][]float64 {
		var out [][]float64
		for _, p := range pts {
			if !p.join {
				out = append(out, nil)
			}
			out[len(out)-1] = append(out[len(out)-1], p.x)
		}
		return out
	}
	assert.Equal(t, [][]float64{{0.5}, {3}, {5}, {7, 8, 9}, {11, 12.5, 14}}, runs(points(rates, axis)),
		"a rate's January–February is one point midway, joined to December and March; missing months break the line")

	// The same observations as amounts: a two-month total is not drawn,
	// and December no longer joins March.
	var a series.Builder[series.USDMillion]
	for p, v := range rates.All() {
		a.SetCombined(p, v)
	}
	amounts, err := a.Series()
	require.NoError(t, err)
	assert.Equal(t, [][]float64{{3}, {5}, {7, 8, 9}, {11}, {14}}, runs(points(amounts, axis)))

	// An explicit period leaves out what lies outside it, and an
	// observation that straddles its start.
	assert.Equal(t, [][]float64{{2}, {4}, {6, 7, 8}, {10, 11.5, 13}}, runs(points(rates, series.Period{First: m("2024-02"), Last: m("2025-06")})))
}
