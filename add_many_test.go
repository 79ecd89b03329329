package tradeflow_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// Add refuses a figure exactly as a check against every figure before it
// would, in series of few figures and of many (which Add checks through
// a table of their periods), with reads between the adds.
func TestAddManyFiguresToOneSeries(t *testing.T) {
	usd := tradeflow.MustParseUnitCode("USD")
	k := tradeflow.MustParseKey("CN X WLD TOTAL value")
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	jan := series.MustParseMonth("2020-01")
	type pv struct {
		p series.Period
		v int
	}
	// Not a year to date (from January, within a year), or a combined
	// January–February.
	monthly := func(p series.Period) bool {
		return !(p.First.Month() == time.January && p.Len() >= 2 && p.First.Year() == p.Last.Year()) || p.Len() == 2
	}
	overlap := func(a, b series.Period) bool {
		return a != b && monthly(a) && monthly(b) && !a.First.After(b.Last) && !b.First.After(a.Last)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		ds := tradeflow.NewDataset("many")
		var kept []pv
		for i := range 400 {
			y := rng.IntN(3)
			var p series.Period
			switch rng.IntN(8) {
			case 6: // a span of over a year, not from January
				p = series.Period{First: jan.AddMonths(12*y + 2 + rng.IntN(9)), Last: jan.AddMonths(12*y + 14 + rng.IntN(6))}
			case 7: // a quarter
				p = series.Period{First: jan.AddMonths(12*y + 3), Last: jan.AddMonths(12*y + 5)}
			case 0: // a combined January–February
				p = series.Period{First: jan.AddMonths(12 * y), Last: jan.AddMonths(12*y + 1)}
			case 1: // a year to date
				p = series.Period{First: jan.AddMonths(12 * y), Last: jan.AddMonths(12*y + 2 + rng.IntN(10))}
			default:
				p = series.MonthPeriod(jan.AddMonths(12*y + rng.IntN(12)))
			}
			v := rng.IntN(4)
			var want error
			for _, q := range kept {
				if q.p == p && q.v == v {
					want = tradeflow.ErrDuplicate
					break
				}
				if overlap(q.p, p) {
					want = tradeflow.ErrDuplicate
				}
			}
			err := ds.Add(tradeflow.Figure{Key: k, Period: p, Value: decimal.NewFromInt(int64(i)), Unit: usd,
				Vintage: tradeflow.VintageOf(day0.AddDate(0, 0, v)), Source: "s"})
			if (err == nil) != (want == nil) || want != nil && !errors.Is(err, want) {
				t.Fatalf("trial %d, figure %d (%v, vintage %d), after %d kept: %v, want %v", trial, i, p, v, len(kept), err, want)
			}
			if err == nil {
				kept = append(kept, pv{p, v})
			}
			if i%97 == 0 {
				ds.Len()
				if _, err := tradeflow.Cumulative[series.USD](ds, k); err != nil && !errors.Is(err, tradeflow.ErrDuplicate) {
					t.Fatal(err)
				}
			}
		}
		if ds.Len() != len(kept) {
			t.Fatalf("trial %d: %d figures, want %d", trial, ds.Len(), len(kept))
		}
	}
}
