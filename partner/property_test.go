package partner_test

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// randValue returns a decimal with up to 3 places and up to 10 digits,
// negative with probability neg.
func randValue(r *rand.Rand, neg float64) decimal.Decimal {
	digits := 1 + r.IntN(10)
	coef := r.Int64N(pow10(digits))
	if r.Float64() < neg {
		coef = -coef
	}
	return decimal.New(coef, -int32(r.IntN(4)))
}

func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// withinUnit reports whether got lies within one unit of the last of
// DivisionPlaces places of the exact value, and equals it when the exact
// value has no more places.
func withinUnit(got decimal.Decimal, exact *big.Rat) bool {
	diff := new(big.Rat).Sub(rat(got), exact)
	ulp := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(series.DivisionPlaces), nil))
	if diff.Abs(diff).Cmp(ulp) >= 0 {
		return false
	}
	scaled := new(big.Rat).Mul(exact, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(series.DivisionPlaces), nil)))
	if scaled.IsInt() {
		return diff.Sign() == 0
	}
	return true
}

func percentOf(n, d decimal.Decimal) *big.Rat {
	q := new(big.Rat).Quo(rat(n), rat(d))
	return q.Mul(q, big.NewRat(100, 1))
}

func TestPropertyContributions(t *testing.T) {
	trials := 3000
	if testing.Short() {
		trials = 200
	}
	r := rand.New(rand.NewPCG(2025, 11))
	hundred := decimal.NewFromInt(100)
	for trial := range trials {
		lag := 1 + r.IntN(24)
		base := series.MustMonth(2020, 1).AddMonths(r.IntN(60))
		now := base.AddMonths(lag)
		n := r.IntN(9)
		neg := 0.0
		if r.IntN(4) == 0 {
			neg = 0.3 // a balance, or revised data: negative parts happen
		}
		parts := make([]partner.Part[usd], n)
		totBase, totNow := decimal.Zero, decimal.Zero
		for i := range parts {
			b, v := randValue(r, neg), randValue(r, neg)
			if r.IntN(10) == 0 {
				v = b // unchanged part
			}
			totBase, totNow = totBase.Add(b), totNow.Add(v)
			parts[i] = partner.Part[usd]{Name: fmt.Sprint("p", i), Series: series.FromDecimals[usd](base, seriesVals(lag, b, v)...)}
		}
		if n == 0 || r.IntN(3) > 0 { // else the parts are exhaustive
			totBase, totNow = totBase.Add(randValue(r, neg)), totNow.Add(randValue(r, neg))
		}
		if totBase.IsZero() || totNow.IsZero() {
			continue
		}
		total := series.FromDecimals[usd](base, seriesVals(lag, totBase, totNow)...)
		tp := series.MonthPeriod(now)
		name := fmt.Sprintf("trial %d (lag %d, %d parts, total %v → %v)", trial, lag, n, totBase, totNow)

		d, err := partner.Contributions(tp, total, parts, partner.Lag(lag))
		require.NoError(t, err, name)
		require.Len(t, d.Parts, n+1, name)

		// The total's growth is series.Change's, to the last digit.
		ch, _ := series.Change(total, lag)
		want, ok := ch.At(now)
		require.True(t, ok, name)
		require.True(t, want.Equal(d.Total.Points), "%s: growth %v, series.Change %v", name, d.Total.Points, want)
		require.True(t, withinUnit(d.Total.Points, percentOf(d.Total.Diff, totBase)), name)

		var sumPts, sumChg, sumShare, sumBase, sumShareChg decimal.Decimal
		for _, c := range d.Parts {
			sumPts = sumPts.Add(c.Points)
			sumChg = sumChg.Add(c.Diff)
			sumShare = sumShare.Add(c.Share)
			sumBase = sumBase.Add(c.BaseShare)
			sumShareChg = sumShareChg.Add(c.ShareDiff())
			require.True(t, c.Diff.Equal(c.Value.Sub(c.BaseValue)), name)
			require.True(t, withinUnit(c.Points, percentOf(c.Diff, totBase)), "%s: %s points %v", name, c.Name, c.Points)
			require.True(t, withinUnit(c.Share, percentOf(c.Value, totNow)), "%s: %s share %v", name, c.Name, c.Share)
			require.True(t, withinUnit(c.BaseShare, percentOf(c.BaseValue, totBase)), "%s: %s base share %v", name, c.Name, c.BaseShare)
		}
		require.True(t, sumPts.Equal(d.Total.Points), "%s: contributions sum to %v, growth %v", name, sumPts, d.Total.Points)
		require.True(t, sumChg.Equal(d.Total.Diff), name)
		require.True(t, sumShare.Equal(hundred), "%s: shares sum to %v", name, sumShare)
		require.True(t, sumBase.Equal(hundred), "%s: base shares sum to %v", name, sumBase)
		require.True(t, sumShareChg.IsZero(), name)
		require.Equal(t, d.Residual().Value.IsNegative() || d.Residual().BaseValue.IsNegative(), d.NegativeResidual, name)

		// Shares gives the same shares for t on its own.
		b, err := partner.Shares(tp, total, parts)
		require.NoError(t, err, name)
		for i, s := range b.Parts {
			require.True(t, s.Share.Equal(d.Parts[i].Share), name)
		}

		// The offset's sides add up to the growth.
		o := d.Offset()
		require.True(t, o.Net.Equal(d.Total.Points), name)
		require.False(t, o.Gains.IsNegative(), name)
		require.False(t, o.Losses.IsPositive(), name)

		// Display rounding keeps the sums.
		pts := make([]decimal.Decimal, len(d.Parts))
		for i, c := range d.Parts {
			pts[i] = c.Points
		}
		checkRoundToSum(t, pts, 1, name)
		pct := make([]decimal.Decimal, len(b.Parts))
		for i, s := range b.Rounded(1).Parts {
			pct[i] = s.Share
		}
		require.True(t, sum(pct).Equal(hundred), "%s: rounded shares sum to %v", name, sum(pct))
	}
}

// seriesVals returns lag+1 values: b, lag−1 missing months, v.
func seriesVals(lag int, b, v decimal.Decimal) []decimal.Decimal {
	vals := make([]decimal.Decimal, lag+1)
	vals[0], vals[lag] = b, v
	for i := 1; i < lag; i++ {
		vals[i] = decimal.NewFromInt(int64(i)) // months in between, unused
	}
	return vals
}

func sum(vs []decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, v := range vs {
		s = s.Add(v)
	}
	return s
}

func checkRoundToSum(t *testing.T, vals []decimal.Decimal, places int32, name string) {
	t.Helper()
	got := series.RoundToSum(vals, places)
	require.Len(t, got, len(vals))
	require.True(t, sum(got).Equal(sum(vals).Round(places)), "%s: rounded sum %v, want %v", name, sum(got), sum(vals).Round(places))
	ulp := decimal.New(1, -places)
	for i, v := range vals {
		require.True(t, got[i].Equal(got[i].Round(places)), "%s: %v has more than %d places", name, got[i], places)
		require.True(t, got[i].Sub(v).Abs().LessThan(ulp), "%s: %v rounded to %v", name, v, got[i])
		if v.Equal(v.Round(places)) {
			require.True(t, got[i].Equal(v), "%s: %v changed to %v", name, v, got[i])
		}
	}
}

func TestPropertyZeroBase(t *testing.T) {
	start := month("2024-11")
	total := series.FromInts[usd](start, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	_, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total, nil)
	require.True(t, errors.Is(err, partner.ErrZeroTotal))
	assert.Contains(t, err.Error(), "2024-11")
}
