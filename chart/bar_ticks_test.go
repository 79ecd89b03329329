package chart_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/chart"
)

// TestBarTickLabelsLargeValues: the value axis of a bar chart of levels in
// dollars (China's exports, USD 3.4 trillion) has tick labels that do not
// run into one another.
func TestBarTickLabelsLargeValues(t *testing.T) {
	c := chart.BarChart{
		Title:  "Exports by partner",
		Symbol: "USD",
		Bars:   []chart.Bar{{Name: "World", Value: dec("3414732800000")}, {Name: "Balance change", Value: dec("-1200000000000")}},
		Places: 0,
	}
	for _, sz := range sizes {
		var buf bytes.Buffer
		require.NoError(t, c.WriteSVG(&buf, sz.s))
		texts := parseSVG(t, buf.Bytes(), sz.s.Width, sz.s.Height)
		for i, tx := range texts {
			x0, y0, x1, y1 := tx.box()
			for _, o := range texts[:i] {
				a0, b0, a1, b1 := o.box()
				assert.False(t, x0 < a1 && a0 < x1 && y0 < b1 && b0 < y1, "%s: %q overlaps %q", sz.name, tx.s, o.s)
			}
		}
	}
}
