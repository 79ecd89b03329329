package series

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundByDecimals is Series.Round as it is specified: each value rounded by
// DisplayRounding.Round, and the results collected in a Builder.
func roundByDecimals[U Unit](s Series[U], places int32) Series[U] {
	var b Builder[U]
	for p, v := range s.All() {
		if p.IsMonth() {
			b.Set(p.Last, DisplayRounding.Round(v, places))
		} else {
			b.SetCombined(p, DisplayRounding.Round(v, places))
		}
	}
	r, err := b.Series()
	if err != nil {
		panic(err)
	}
	return r
}

// TestRoundMatchesDecimals checks that Series.Round, which rounds the
// coefficients, gives the values, the periods and the scale that rounding
// each value as a decimal gives: random values at random scales, near the
// int64 limits, in wide storage and in combined periods, rounded to places
// from -3 to 15.
func TestRoundMatchesDecimals(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	start := MustParseMonth("2024-01")
	coef := func() *big.Int {
		switch rng.IntN(6) {
		case 0:
			return big.NewInt(int64(rng.IntN(2001) - 1000))
		case 1: // halves at many places
			return big.NewInt(int64(rng.IntN(200)-100)*5 + int64(rng.IntN(3)-1))
		case 2: // near the int64 limits
			return big.NewInt(math.MaxInt64 - int64(rng.IntN(1000)))
		case 3:
			return big.NewInt(math.MinInt64 + int64(rng.IntN(1000)))
		case 4: // beyond int64: wide storage
			c := new(big.Int).Lsh(big.NewInt(int64(rng.IntN(1000)+1)), 70)
			if rng.IntN(2) == 0 {
				c.Neg(c)
			}
			return c
		}
		return big.NewInt(rng.Int64() - rng.Int64())
	}
	for trial := range trials(300) {
		var b Builder[USD]
		n := 1 + rng.IntN(30)
		for i := 0; i < n; i++ {
			if rng.IntN(5) == 0 {
				continue // a missing month
			}
			v := decimal.NewFromBigInt(coef(), -int32(rng.IntN(16)))
			if i+1 < n && rng.IntN(8) == 0 {
				b.SetCombined(Period{start.AddMonths(i), start.AddMonths(i + 1)}, v)
				i++
				continue
			}
			b.Set(start.AddMonths(i), v)
		}
		s, err := b.Series()
		require.NoError(t, err)
		for places := int32(-3); places <= 15; places++ {
			got, want := s.Round(places), roundByDecimals(s, places)
			require.True(t, got.Equal(want), "trial %d: %v.Round(%d) = %v, want %v", trial, s, places, got, want)
			if want.d != nil {
				assert.Equal(t, want.d.scale, got.d.scale, "trial %d: scale of %v.Round(%d)", trial, s, places)
			}
			for p, v := range got.All() {
				_, w, _ := want.Covering(p.Last)
				assert.Equal(t, w.String(), v.String(), "trial %d: %v.Round(%d) at %v", trial, s, places, p)
			}
		}
	}
}

func TestRoundEmpty(t *testing.T) {
	var s Series[USD]
	assert.True(t, s.Round(1).IsEmpty())
}
