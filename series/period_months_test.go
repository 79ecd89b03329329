package series_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tradeflow-go/tradeflow/series"
)

// Months yields each month of a period once, in order, at both ends of
// the calendar, nothing for an invalid period, and stops when asked.
func TestPeriodMonths(t *testing.T) {
	first, last := series.MustParseMonth("0001-01"), series.MustParseMonth("9999-12")
	assert.Equal(t, []series.Month{first, first.AddMonths(1)}, slices.Collect(series.Period{First: first, Last: first.AddMonths(1)}.Months()))
	assert.Equal(t, []series.Month{last}, slices.Collect(series.MonthPeriod(last).Months()))
	assert.Empty(t, slices.Collect(series.Period{}.Months()))
	assert.Empty(t, slices.Collect(series.Period{First: last, Last: first}.Months()))
	all := series.Period{First: first, Last: last}
	n := 0
	for m := range all.Months() {
		if m != first.AddMonths(n) {
			t.Fatalf("month %d is %v", n, m)
		}
		n++
	}
	assert.Equal(t, all.Len(), n)
	for range all.Months() {
		break // a loop that stops early stops the iterator
	}
}
