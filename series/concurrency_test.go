package series_test

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

// TestConcurrentReads reads one series from many goroutines at once; run
// with -race (CI does) it shows that reads share nothing mutable.
func TestConcurrentReads(t *testing.T) {
	var b series.Builder[series.USD]
	for i := 0; i < 600; i++ {
		if i%7 != 3 {
			b.SetInt(mp("2000-01").AddMonths(i), int64(1000+i), -2)
		}
	}
	s, err := b.Series()
	require.NoError(t, err)
	want, _ := series.YoY(s)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			yoy, _ := series.YoY(s)
			assert.True(t, yoy.Equal(want))
			ytd, _ := series.YearToDate(s, series.AllowMissing())
			assert.Equal(t, s.Len(), ytd.Len())
			n := 0
			for range s.All() {
				n++
			}
			assert.Equal(t, s.Len(), n)
			_, ok := s.At(mp("2000-03"))
			assert.True(t, ok)
			series.Rescale[series.USDMillion](s).Len()
		}()
	}
	wg.Wait()
}

// TestRollingRefusesMissingMonth is the bad-input case "a missing month
// inside a rolling window": the windows that hold the gap have no value,
// each says which month is missing, and the windows around it are kept.
func TestRollingRefusesMissingMonth(t *testing.T) {
	s := series.MustFromStrings[series.Tonnes](mp("2025-01"), "1", "2", "", "4", "5", "6", "7")
	r, gaps := series.Rolling(s, 3)
	assert.Equal(t, []string{"2025-06=15", "2025-07=18"}, values(r))
	// January and February reach back into 2024, before the data; April and
	// May hold March.
	require.Len(t, gaps, 4)
	want := []string{"2025-01: 2024-11 is missing", "2025-02: 2024-12 is missing",
		"2025-04: 2025-03 is missing", "2025-05: 2025-03 is missing"}
	for i, g := range gaps {
		assert.Equal(t, series.MonthMissing, g.Reason)
		assert.Equal(t, want[i], g.String())
	}
}

// TestConcurrentPanelReads runs a panel's operations on many goroutines at
// once, on the panel and on its results; with -race it shows that they
// share nothing mutable.
func TestConcurrentPanelReads(t *testing.T) {
	months := series.Period{First: mp("2020-01"), Last: mp("2022-12")}
	b := series.NewPanelBuilder[series.USD](months, 50)
	for i := range 50 {
		for m := range 36 {
			if (i+m)%11 != 0 {
				require.NoError(t, b.SetInt(i, months.First.AddMonths(m), int64(100*i+m), -2))
			}
		}
	}
	p := b.Panel()
	yoy := p.YoY()
	want, err := yoy.Round(1).Total(months, series.AllowMissing())
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := p.YoY().Round(1).Total(months, series.AllowMissing())
			assert.NoError(t, err)
			assert.True(t, got.Equal(want))
			sums := p.ZeroFill(months).Aggregate(make([]int, 50))
			assert.Equal(t, 1, sums.Len())
			_, err = p.YearToDate().Total(months, series.AllowMissing())
			assert.NoError(t, err)
			for i := range yoy.Len() {
				assert.Equal(t, yoy.Series(i).Len(), yoy.Round(2).Series(i).Len())
			}
		}()
	}
	wg.Wait()
}
