package tradeflow_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestGetConvertsValuesAtTheLimit: the reader holds each value, as
// printed, to series.MaxDigits; Get and All then convert it exactly to the
// unit asked for, which may have more digits (a figure of 40 digits in
// USD_100M has 48 in USD, and 1e39 USD_100M is 1e47 USD): a conversion is
// a result, which MaxDigits does not bound. Get gives the exact value, and
// All builds the same series without panicking.
func TestGetConvertsValuesAtTheLimit(t *testing.T) {
	v := strings.Repeat("9", series.MaxDigits)
	for _, tt := range []struct {
		name, row, want string
	}{
		{"40 digits in USD_100M (a big coefficient)", "2025-11,X,WLD,TOTAL,value," + v + ",USD_100M,2025-12-08,test,\n", v + "00000000"},
		{"1e39 in USD_100M (an int64 coefficient)", "2025-11,X,WLD,TOTAL,value,1e39,USD_100M,2025-12-08,test,\n", "1" + strings.Repeat("0", 47)},
		{"40 places in USD_1000, 37 in USD", "2025-11,X,WLD,TOTAL,value,0." + strings.Repeat("0", 39) + "1,USD_1000,2025-12-08,test,\n", "0." + strings.Repeat("0", 36) + "1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := tradeflow.Load(strings.NewReader(header+tt.row), "limit.csv", tradeflow.WithReporter("CN"))
			require.NoError(t, err)
			s, err := tradeflow.Get[series.USD](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
			require.NoError(t, err, "a value the reader took converts exactly")
			got, _ := s.At(mp("2025-11"))
			assert.Equal(t, tt.want, got.String())
			var seq func(func(tradeflow.Key, series.Series[series.USD]) bool)
			var allErr error
			require.NotPanics(t, func() {
				seq, allErr = tradeflow.All[series.USD](ds, nil)
				if allErr == nil {
					for range seq {
					}
				}
			})
			assert.NoError(t, allErr, "All builds what Get builds")
		})
	}
}

// TestOneTinyValueCostsNothing: one value of 1e-10000 in a file of every
// month of the calendar once made Get take 5.8 s and 1.3 GB, since it
// forced 10,000 decimal places on every value of the series. The reader
// refuses it (series.MaxDigits), naming its line, and keeps the rest,
// whose series then costs what any series of its length costs.
func TestOneTinyValueCostsNothing(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	m := series.MustMonth(1, 1)
	n := mp("9999-12").MonthsSince(m) + 1
	for i := range n {
		v := "3303.5"
		if i == n/2 {
			v = "1e-10000"
		}
		b.WriteString(m.AddMonths(i).String() + ",X,WLD,TOTAL,value," + v + ",USD_100M,2025-12-08,test,\n")
	}
	ds, err := tradeflow.Load(strings.NewReader(b.String()), "calendar.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	require.Equal(t, 1, el.Total)
	assert.Contains(t, el.Errors[0].Error(), `calendar.csv:59996:6: column value: value "1e-10000"`)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := tradeflow.Get[series.USD](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	yoy, _ := series.YoY(s)
	runtime.ReadMemStats(&after)
	assert.Equal(t, n-1, s.Len())
	assert.Equal(t, n-1-13, yoy.Len(), "the first year, and the month a year after the refused one, have no change")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "Get and YoY of %d months allocate %d bytes", n, after.TotalAlloc-before.TotalAlloc)
}

// TestValueErrorCountsBytesAsQuoted: a bad value's error quotes the value
// (RowError.Value), so the byte it names must be counted in that text. The
// reader quotes the value as it reads it, without the spaces around it:
// for " x", value "x" and ('x' at byte 1).
func TestValueErrorCountsBytesAsQuoted(t *testing.T) {
	_, err := tradeflow.Load(strings.NewReader(header+"2025-11,X,WLD,TOTAL,value, x,USD,2025-12-08,x,\n"), "bytes.csv", tradeflow.WithReporter("CN"))
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, `value "x"`)
	assert.Contains(t, msg, "at byte 1")
}
