package tradeflow_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

func TestCurrencyMismatch(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	us := key("US", tradeflow.Exports, tradeflow.Value)
	_, err := tradeflow.Get[series.CNY](ds, us)
	require.ErrorIs(t, err, tradeflow.ErrUnit)
	assert.Equal(t, "tradeflow: CHN X USA TOTAL value: unit mismatch: the data are in USD, asked for CNY", err.Error())
	// The valid series of the same dataset are untouched.
	_, err = tradeflow.Get[series.USDBillion](ds, us)
	assert.NoError(t, err)
}

func TestValuesBeyondInt64StayExact(t *testing.T) {
	in := header +
		"2024-11,X,WLD,TOTAL,value,123456789012345678901234567890.12,USD_100M,2024-12-10,test,\n" +
		"2025-10,X,WLD,TOTAL,value,1,USD_100M,2025-11-07,test,\n" +
		"2025-11,X,WLD,TOTAL,value,246913578024691357802469135780.24,USD_100M,2025-12-08,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "big.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	x, err := tradeflow.Get[series.USD](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, _ := x.At(mp("2024-11"))
	assert.Equal(t, "12345678901234567890123456789012000000", v.String(), "USD 100 mn to USD, exactly")
	small, _ := x.At(mp("2025-10"))
	assert.Equal(t, "100000000", small.String(), "the valid value beside it is kept")
	yoy, gaps := series.YoY(x)
	assert.Len(t, gaps, 2)
	r, ok := yoy.At(mp("2025-11"))
	require.True(t, ok)
	assert.Equal(t, "100", r.String())
	var back strings.Builder
	require.NoError(t, tradeflow.Write(&back, ds))
	assert.Contains(t, back.String(), "246913578024691357802469135780.24", "written as printed")
}

// TestAsOfNeverShowsLaterVintage is a property: for random figures with
// random vintages and a random date, the view as of that date holds, for
// each key and period, exactly the latest vintage on or before it.
func TestAsOfNeverShowsLaterVintage(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 200
	if testing.Short() {
		n = 30
	}
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for trial := 0; trial < n; trial++ {
		var sb strings.Builder
		sb.WriteString(header)
		type fig struct {
			period string
			v      tradeflow.Vintage
		}
		var figs []fig
		seen := map[string]bool{}
		for i := 0; i < 1+rng.IntN(20); i++ {
			period := fmt.Sprintf("2024-%02d", 1+rng.IntN(3))
			day := start.AddDate(0, 0, rng.IntN(400))
			vs := day.Format("2006-01-02")
			if rng.IntN(4) == 0 {
				vs = day.Format("2006-01") // a month-only vintage
			}
			if seen[period+vs] {
				continue
			}
			seen[period+vs] = true
			v, err := tradeflow.ParseVintage(vs)
			require.NoError(t, err)
			figs = append(figs, fig{period, v})
			fmt.Fprintf(&sb, "%s,X,WLD,TOTAL,value,%d,USD,%s,test,\n", period, i, vs)
		}
		ds, err := tradeflow.Load(strings.NewReader(sb.String()), "asof.csv", tradeflow.WithReporter("CN"))
		require.NoError(t, err)
		asOf := start.AddDate(0, 0, rng.IntN(450))
		view := ds.AsOf(asOf)
		for _, p := range []string{"2024-01", "2024-02", "2024-03"} {
			var want *tradeflow.Vintage
			for i := range figs {
				f := figs[i]
				if f.period == p && !f.v.Date().After(asOf) && (want == nil || f.v.Compare(*want) > 0) {
					want = &figs[i].v
				}
			}
			got, ok := view.Lookup(key("WLD", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(mp(p)))
			if want == nil {
				assert.False(t, ok, "%s as of %v: nothing released yet", p, asOf)
				continue
			}
			require.True(t, ok, "%s as of %v", p, asOf)
			assert.Equal(t, *want, got.Vintage, "%s as of %v", p, asOf)
			assert.False(t, got.Vintage.Date().After(asOf), "never a later vintage")
		}
	}
}
