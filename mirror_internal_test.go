package tradeflow

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

// TestMergeGapsOrderAndCost: mergeGaps keeps each gap once, in month
// order, and costs what its input costs: the gaps of a mirror over every
// month of the calendar once took it minutes, each gap looked for among
// all those before it.
func TestMergeGapsOrderAndCost(t *testing.T) {
	m := func(s string) series.Period { return series.MonthPeriod(series.MustParseMonth(s)) }
	a := series.Gaps{{Period: m("2025-01"), Reason: series.MonthMissing, Cause: m("2025-01")}, {Period: m("2025-03"), Reason: series.BaseZero, Cause: m("2025-03")}}
	b := series.Gaps{{Period: m("2025-02"), Reason: series.MonthMissing, Cause: m("2025-02")}, a[1], {Period: m("2025-03"), Reason: series.MonthMissing, Cause: m("2025-03")}}
	assert.Equal(t, "2025-01: 2025-01 is missing\n2025-02: 2025-02 is missing\n2025-03: base 2025-03 is zero\n2025-03: 2025-03 is missing",
		mergeGaps(a, b).String())

	first := series.MustMonth(1, 1)
	n := series.MustMonth(9999, 12).MonthsSince(first) + 1
	var x, y series.Gaps
	for i := range n {
		p := series.MonthPeriod(first.AddMonths(i))
		x = append(x, series.Gap{Period: p, Reason: series.MonthMissing, Cause: p})
		y = append(y, series.Gap{Period: p, Reason: series.BaseZero, Cause: p})
	}
	done := make(chan series.Gaps, 1)
	go func() { done <- mergeGaps(x, y, x) }()
	select {
	case out := <-done:
		require.Len(t, out, 2*n)
		assert.Equal(t, x[0], out[0])
		assert.Equal(t, y[0], out[1])
		assert.Equal(t, y[n-1], out[2*n-1])
	case <-time.After(5 * time.Second):
		t.Fatalf("mergeGaps of %d gaps takes more than 5 s", 3*n)
	}
}
