package series_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestRoundToSum(t *testing.T) {
	tests := []struct {
		name   string
		vals   []string
		places int32
		want   []string
	}{
		{"thirds", []string{"33.3333", "33.3333", "33.3334"}, 1, []string{"33.3", "33.3", "33.4"}},
		{"ties go to the earlier", []string{"33.35", "33.35", "33.3"}, 1, []string{"33.4", "33.3", "33.3"}},
		{"already rounded", []string{"50", "25.5", "24.5"}, 1, []string{"50", "25.5", "24.5"}},
		{"exact ones stay", []string{"10.0", "44.95", "45.05"}, 1, []string{"10", "45", "45"}},
		{"half away from zero", []string{"0.05"}, 1, []string{"0.1"}},
		{"negative", []string{"-4.3261182799142", "10.1024302776087"}, 1, []string{"-4.3", "10.1"}},
		{"negative half", []string{"-0.05", "-0.05"}, 1, []string{"0", "-0.1"}},
		{"whole numbers", []string{"12.5", "12.5", "75"}, 0, []string{"13", "12", "75"}},
		{"empty", nil, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := make([]decimal.Decimal, len(tt.vals))
			for i, v := range tt.vals {
				in[i] = dec(v)
			}
			got := series.RoundToSum(in, tt.places)
			require.Len(t, got, len(tt.want))
			for i := range tt.want {
				assert.True(t, got[i].Equal(dec(tt.want[i])), "[%d]: got %v, want %s", i, got[i], tt.want[i])
				orig := dec(tt.vals[i])
				assert.True(t, in[i].Equal(orig) && in[i].Exponent() == orig.Exponent(), "input unchanged: %v", in[i])
			}
		})
	}
}

func sumOf(vs []decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, v := range vs {
		s = s.Add(v)
	}
	return s
}

// TestRoundToSumProperties checks what RoundToSum promises on random
// values: the rounded sum is the exact sum rounded, every value has the
// places asked for and moves by less than a unit of them, and a value that
// needs no rounding is kept.
func TestRoundToSumProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	for trial := range shortTrials(5000) {
		vals := make([]decimal.Decimal, r.IntN(12))
		for i := range vals {
			c := r.Int64N(10_000_000_000)
			if r.IntN(3) == 0 {
				c = -c
			}
			vals[i] = decimal.New(c, -int32(r.IntN(4)))
		}
		places := int32(r.IntN(3))
		got := series.RoundToSum(vals, places)
		require.Len(t, got, len(vals))
		name := fmt.Sprint("trial ", trial)
		require.True(t, sumOf(got).Equal(sumOf(vals).Round(places)), "%s: rounded sum %v, want %v", name, sumOf(got), sumOf(vals).Round(places))
		ulp := decimal.New(1, -places)
		for i, v := range vals {
			require.True(t, got[i].Equal(got[i].Round(places)), "%s: %v has more than %d places", name, got[i], places)
			require.True(t, got[i].Sub(v).Abs().LessThan(ulp), "%s: %v rounded to %v", name, v, got[i])
			if v.Equal(v.Round(places)) {
				require.True(t, got[i].Equal(v), "%s: %v changed to %v", name, v, got[i])
			}
		}
	}
}

func TestRounding(t *testing.T) {
	tests := []struct {
		v      string
		places int32
		half   string // half away from zero
		odd    string // to odd
	}{
		{"2.45", 1, "2.5", "2.5"},
		{"-2.45", 1, "-2.5", "-2.5"},
		{"2.44", 1, "2.4", "2.5"},
		{"2.4", 1, "2.4", "2.4"},
		{"2.40001", 1, "2.4", "2.5"},
		{"-2.40001", 1, "-2.4", "-2.5"},
		{"2.3", 1, "2.3", "2.3"},
		{"1.5", 3, "1.500", "1.500"},
		{"1250", -2, "1300", "1300"},
		{"1200", -2, "1200", "1200"},
		{"1201", -2, "1200", "1300"},
		{"0.0001", 2, "0.00", "0.01"},
		{"0", 2, "0.00", "0.00"},
	}
	for _, tt := range tests {
		v := dec(tt.v)
		for _, c := range []struct {
			r    series.Rounding
			want string
		}{{series.HalfAwayFromZero, tt.half}, {series.ToOdd, tt.odd}} {
			got := c.r.Round(v, tt.places)
			assert.True(t, got.Equal(dec(c.want)), "%v: Round(%s, %d) = %v, want %s", c.r, tt.v, tt.places, got, c.want)
			if tt.places >= 0 {
				assert.Equal(t, -tt.places, got.Exponent(), "%v: Round(%s, %d) has %d places", c.r, tt.v, tt.places, tt.places)
			}
		}
	}
	assert.Equal(t, series.DisplayRounding, series.HalfAwayFromZero)
	assert.Equal(t, "to odd", series.DivisionRounding.String())
	assert.Panics(t, func() { series.Rounding(0).Round(dec("1"), 0) }, "the zero Rounding is no rule")
}

// TestDivisionRoundingIsQuo checks that DivisionRounding.Round at
// DivisionPlaces is the rounding Quo applies to an exact quotient.
func TestDivisionRoundingIsQuo(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for range shortTrials(2000) {
		n := decimal.New(r.Int64N(2_000_000)-1_000_000, -int32(r.IntN(5)))
		d := decimal.New(r.Int64N(1_000_000)+1, -int32(r.IntN(5)))
		q, ok := series.Quo(n, d)
		require.True(t, ok)
		// The exact quotient to 40 places, then rounded to odd: the extra
		// places decide only whether anything was cut off.
		exact := new(big.Rat).Quo(n.Rat(), d.Rat())
		scaled := new(big.Int).Quo(new(big.Int).Mul(exact.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(40), nil)), exact.Denom())
		long := decimal.NewFromBigInt(scaled, -40)
		if new(big.Rat).SetFrac(scaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(40), nil)).Cmp(exact) != 0 {
			long = long.Add(decimal.New(int64(n.Sign()*d.Sign()), -41)) // inexact beyond 40 places
		}
		want := series.DivisionRounding.Round(long, series.DivisionPlaces)
		assert.True(t, q.Equal(want), "Quo(%v, %v) = %v, DivisionRounding.Round = %v", n, d, q, want)
	}
}

// shortTrials returns n, or a tenth of it under go test -short.
func shortTrials(n int) int {
	if testing.Short() {
		return max(1, n/10)
	}
	return n
}
