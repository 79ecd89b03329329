package tradeflow_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	panelfile "github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/series"
)

// samePanels checks that Panels gives, for each size, the series All
// gives, with the same keys, in the same order.
func samePanels[U series.Unit](t *testing.T, ds *tradeflow.Dataset, keep func(tradeflow.Key) bool, sizes ...int) {
	t.Helper()
	all, err := tradeflow.All[U](ds, keep)
	require.NoError(t, err)
	var keys []tradeflow.Key
	var want []series.Series[U]
	for k, s := range all {
		keys, want = append(keys, k), append(want, s)
	}
	for _, size := range sizes {
		panels, err := tradeflow.Panels[U](ds, keep, size)
		require.NoError(t, err)
		n := 0
		for ks, p := range panels {
			require.Equal(t, len(ks), p.Len())
			if size > 0 {
				require.LessOrEqual(t, p.Len(), size)
			}
			for i, k := range ks {
				require.Equal(t, keys[n], k, "size %d, series %d", size, n)
				if !p.Series(i).Equal(want[n]) {
					t.Fatalf("size %d: %v:\ngot  %v\nwant %v", size, k, p.Series(i), want[n])
				}
				n++
			}
		}
		require.Equal(t, len(want), n, "size %d: series", size)
	}
}

func TestPanelsMatchAll(t *testing.T) {
	// Revisions (two vintages of a month), a combined January–February
	// figure, units of other scales, a month missing: each series takes
	// the way All builds it.
	const own = "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2025-09,X,WLD,TOTAL,value,3053.5,USD_100M,2025-10-07,GACC,\n" +
		"2025-10,X,WLD,TOTAL,value,3053.5,USD_100M,2025-11-07,GACC,\n" +
		"2025-10,X,WLD,TOTAL,value,3060.1,USD_100M,2025-12-08,GACC,revised\n" +
		"2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n" +
		"2025-01/2025-02,M,WLD,TOTAL,value,4000,USD_100M,2025-03-07,GACC,\n" +
		"2025-03,M,WLD,TOTAL,value,2100.2,USD_100M,2025-04-07,GACC,\n" +
		"2025-09,X,US,TOTAL,value,12.25,USD_M,2025-10-07,GACC,\n" +
		"2025-11,X,US,TOTAL,value,14,USD_M,2025-12-08,GACC,\n" +
		"2025-11,X,JP,TOTAL,value,7,USD,2025-12-08,GACC,\n"
	ds, err := tradeflow.Load(strings.NewReader(own), "own.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	samePanels[series.USD](t, ds, nil, 0, 1, 2, 100)
	samePanels[series.USD](t, ds, func(k tradeflow.Key) bool { return k.Flow == tradeflow.Exports }, 0, 2)

	// A value beyond 64 bits makes every series take the Builder's way.
	big := own + "2025-11,M,WLD,TOTAL,value,123456789012345678901234567890,USD,2025-12-08,GACC,\n"
	ds, err = tradeflow.Load(strings.NewReader(big), "big.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	samePanels[series.USD](t, ds, nil, 0, 3)

	// No series in the unit asked for: nothing to yield.
	panels, err := tradeflow.Panels[series.Tonnes](ds, nil, 0)
	require.NoError(t, err)
	for range panels {
		t.Fatal("no series is in tonnes")
	}

	// The trade panel: 100,000 rows, every series over the file's months.
	f, err := os.Open("examples/panel/testdata/panel100k.csv.gz")
	require.NoError(t, err)
	defer f.Close()
	z, err := gzip.NewReader(f)
	require.NoError(t, err)
	ds, err = tradeflow.Read(context.Background(), z, "panel100k.csv", panelfile.Schema())
	require.NoError(t, err)
	samePanels[series.USD](t, ds, nil, 0, 1000)
}

func TestPanelsRefuseWhatAllRefuses(t *testing.T) {
	const own = "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n" +
		"2025-11,X,WLD,TOTAL,value,9999.9,USD_100M,2025-12-08,elsewhere,\n"
	ds, err := tradeflow.Load(strings.NewReader(own), "r.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	_, allErr := tradeflow.All[series.USD](ds, nil)
	_, err = tradeflow.Panels[series.USD](ds, nil, 10)
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.Equal(t, fmt.Sprint(allErr), fmt.Sprint(err))
	assert.Contains(t, err.Error(), "r.csv:2 and r.csv:3")
}

// TestMonthsCoverEveryFigure: Months is the span of the figures' periods,
// for files of three pages: months kept in runs, rows that differ in span,
// months kept row by row.
func TestMonthsCoverEveryFigure(t *testing.T) {
	file := func(combined bool) string {
		var b strings.Builder
		b.WriteString("period,reporter,partner,flow,hs,value_usd,qty_kg\n")
		for i := range 150_000 { // three pages
			m := series.MustParseMonth("2021-05").AddMonths(i / 4054)
			per, hs := m.String(), 100000+i%4054
			if combined && i%70000 == 7 {
				per, hs = m.AddMonths(-3).String()+"/"+m.String(), 900000+i // a series of its own
			}
			fmt.Fprintf(&b, "%s,CN,AA,X,%d,%d,1\n", per, hs, i)
		}
		return b.String()
	}
	plain := file(false)
	for _, f := range []string{plain, file(true), strings.Replace(plain, "2021-05", "1999-12", 1)} {
		ds, err := tradeflow.Read(context.Background(), strings.NewReader(f), "m.csv", panelfile.Schema())
		require.NoError(t, err)
		var want series.Period
		for f := range ds.Figures() {
			if !want.Valid() || f.Period.First.Before(want.First) {
				want.First = f.Period.First
			}
			if !want.Last.IsZero() && f.Period.Last.Before(want.Last) {
				continue
			}
			want.Last = f.Period.Last
		}
		assert.Equal(t, want, ds.Months())
	}
	empty, err := tradeflow.Load(strings.NewReader("period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"), "e.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	assert.Equal(t, series.Period{}, empty.Months())
}
