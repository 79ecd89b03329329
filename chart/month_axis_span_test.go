package chart_test

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestMonthAxisWholeCalendar: a line chart over the whole calendar,
// 0001-01 to 9999-12, labels a few years that do not run into one another,
// not every tenth year (a thousand labels piled on top of each other).
func TestMonthAxisWholeCalendar(t *testing.T) {
	var b series.Builder[series.Percent]
	b.Set(month("0001-01"), dec("1"))
	b.Set(month("9999-12"), dec("2"))
	s, err := b.Series()
	require.NoError(t, err)
	c := chart.LineChart[series.Percent]{Title: "The whole calendar", Lines: []chart.Line[series.Percent]{{Series: s}}}
	for _, sz := range sizes {
		var buf bytes.Buffer
		require.NoError(t, c.WriteSVG(&buf, sz.s))
		texts := parseSVG(t, buf.Bytes(), sz.s.Width, sz.s.Height)
		require.LessOrEqual(t, len(texts), 30, "%s: %d text elements", sz.name, len(texts))
		for i, tx := range texts {
			x0, y0, x1, y1 := tx.box()
			for _, o := range texts[:i] {
				a0, b0, a1, b1 := o.box()
				require.False(t, x0 < a1 && a0 < x1 && y0 < b1 && b0 < y1, "%s: %q overlaps %q", sz.name, tx.s, o.s)
			}
		}
	}
}
