package series

import (
	"flag"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

var long = flag.Bool("long", false, "run the property tests a hundred times longer")

// trials returns how many random cases a property test runs: few with
// -short (CI), n by default, 100n with -long.
func trials(n int) int {
	switch {
	case testing.Short():
		return max(1, n/10)
	case *long:
		return 100 * n
	}
	return n
}

// ratRoundHalfAway rounds r half away from zero to places decimal places.
func ratRoundHalfAway(r *big.Rat, places int) *big.Rat {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(fixed.BigPow10(places)))
	num := new(big.Int).Abs(scaled.Num())
	den := scaled.Denom()
	// floor((2|n| + d) / 2d)
	q := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Lsh(num, 1), den), new(big.Int).Lsh(den, 1))
	if scaled.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, fixed.BigPow10(places))
}

func randCoef(rng *rand.Rand) int64 {
	switch rng.IntN(4) {
	case 0:
		return rng.Int64N(2001) - 1000
	case 1:
		return rng.Int64N(2_000_000_001) - 1_000_000_000
	case 2:
		return int64(rng.Uint64()) // any int64, overflow paths included
	default:
		return rng.Int64N(1<<50) - 1<<49
	}
}

// TestDivisionRoundingIsExactForDecisions checks the promise of
// DivisionRounding: comparing a quotient with a 12-place threshold, and
// rounding it to 1, 3 or 11 places, agree with the exact quotient.
func TestDivisionRoundingIsExactForDecisions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := trials(50_000)
	unit := new(big.Rat).SetFrac(big.NewInt(1), fixed.BigPow10(DivisionPlaces))
	for k := 0; k < n; k++ {
		num, den := randCoef(rng), randCoef(rng)
		if den == 0 {
			continue
		}
		exact := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(num), big.NewInt(100)), big.NewInt(den))
		q := fixed.QuoToOddBig(big.NewInt(num), big.NewInt(den), percentShift)
		if fast, ok := fixed.QuoToOdd(num, den, percentShift); ok {
			require.Equal(t, q.Int64(), fast, "fast and big paths agree for %d/%d", num, den)
		}
		got := new(big.Rat).Mul(new(big.Rat).SetInt(q), unit)
		// Thresholds: the exact value cut to 12 places, and its neighbours.
		cut := new(big.Rat).SetFrac(new(big.Int).Quo(new(big.Int).Mul(exact.Num(), fixed.BigPow10(12)), exact.Denom()), fixed.BigPow10(12))
		for _, d := range []int64{-1, 0, 1} {
			c := new(big.Rat).Add(cut, new(big.Rat).SetFrac(big.NewInt(d), fixed.BigPow10(12)))
			require.Equal(t, exact.Cmp(c), got.Cmp(c), "%d/%d vs %v", num, den, c.FloatString(12))
		}
		for _, places := range []int{1, 3, 11} {
			require.Zero(t, ratRoundHalfAway(exact, places).Cmp(ratRoundHalfAway(got, places)),
				"%d/%d rounded to %d places", num, den, places)
		}
	}
}

// randomSeries makes a series with missing months, zeros, combined periods
// and, now and then, values beyond int64.
func randomSeries(rng *rand.Rand) (Series[USD], map[Month]decimal.Decimal, map[Month]Period) {
	var b Builder[USD]
	vals := map[Month]decimal.Decimal{}
	periods := map[Month]Period{}
	m := MustMonth(2020+rng.IntN(3), time.Month(1+rng.IntN(12)))
	n := 1 + rng.IntN(60)
	for i := 0; i < n; i++ {
		if rng.IntN(8) == 0 {
			m = m.AddMonths(1) // missing
			continue
		}
		var v decimal.Decimal
		switch rng.IntN(10) {
		case 0:
			v = decimal.Zero
		case 1:
			v = decimal.NewFromBigInt(new(big.Int).Mul(big.NewInt(randCoef(rng)), fixed.BigPow10(20)), -int32(rng.IntN(4)))
		default:
			v = decimal.New(randCoef(rng)/1000, -int32(rng.IntN(4)))
		}
		p := MonthPeriod(m)
		if m.Month() == 1 && rng.IntN(2) == 0 {
			p.Last = m.AddMonths(1)
			b.SetCombined(p, v)
		} else {
			b.Set(m, v)
		}
		vals[p.Last], periods[p.Last] = v, p
		m = p.Last.AddMonths(1)
	}
	s, err := b.Series()
	if err != nil {
		panic(err)
	}
	return s, vals, periods
}

func TestPropertiesAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := trials(2_000)
	for k := 0; k < n; k++ {
		s, vals, periods := randomSeries(rng)
		require.Equal(t, len(vals), s.Len())

		// Year-on-year change: value wherever a same-shaped base exists and is nonzero.
		yoy, gaps := YoY(s)
		for end, p := range periods {
			bp := p.Shift(-12)
			base, ok := vals[bp.Last]
			if ok && periods[bp.Last] != bp {
				ok = false
			}
			if !ok && !p.IsMonth() {
				// the separate months of the prior period, if all there
				sum, all := decimal.Zero, true
				for m := bp.First; !m.After(bp.Last); m = m.AddMonths(1) {
					v, has := vals[m]
					if !has || !periods[m].IsMonth() {
						all = false
						break
					}
					sum = sum.Add(v)
				}
				base, ok = sum, all
			}
			_, got, has := yoy.Covering(end)
			if !ok || base.IsZero() {
				assert.False(t, has, "%v: no base, no value", p)
				_, gap := gaps.Find(end)
				assert.True(t, gap, "%v: the missing value is reported", p)
				continue
			}
			require.True(t, has, "%v: value expected", p)
			exact := new(big.Rat).Quo(vals[end].Sub(base).Mul(decimal.NewFromInt(100)).Rat(), base.Rat())
			assert.Zero(t, ratRoundHalfAway(exact, 3).Cmp(ratRoundHalfAway(got.Rat(), 3)), "%v yoy", p)
		}

		// Year to date at December equals the annual total when the year is complete.
		ytd, _ := YearToDate(s)
		years, gaps := Annual(s)
		for p, total := range years.All() {
			v, ok := ytd.At(p.Last)
			if _, partial := gaps.Find(p.Last); !partial {
				require.True(t, ok, "%v complete: ytd at December exists", p)
				assert.True(t, v.Equal(total), "%v: ytd %v, annual %v", p, v, total)
			}
		}

		// A change is unchanged when the series is scaled by a constant.
		scaled := Rescale[USDThousand](s) // same coefficients, values ÷ 1000
		yoy2, _ := YoY(scaled)
		assert.True(t, yoy.Equal(Series[Percent]{d: yoy2.d}), "yoy is scale-free")

		// A streak's length is the number of qualifying observations in its run.
		pos := func(v decimal.Decimal) bool { return v.IsPositive() }
		run := Streak(s, s.Last(), pos)
		count := 0
		for p, v := range s.Slice(run.Period.First, run.Period.Last).All() {
			require.True(t, pos(v), "%v in the run qualifies", p)
			count++
		}
		if run.Len > 0 {
			assert.Equal(t, run.Len, count)
			before := run.Period.First.AddMonths(-1)
			if _, v, ok := s.Covering(before); ok {
				assert.False(t, pos(v), "the observation before the run does not qualify")
			}
		}
	}
}
