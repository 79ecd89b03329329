package partner

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuotients64MatchesBig checks the int64 path of quotients against its
// big.Int path on random parts of random totals: the same quotients, or
// false when a value does not fit; both panic alike on a target out of
// reach.
func TestQuotients64MatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	val := func() decimal.Decimal {
		var c int64
		switch rng.IntN(5) {
		case 0:
			c = rng.Int64N(2001) - 1000
		case 1:
			c = math.MaxInt64 - rng.Int64N(1000) // too big once multiplied
		case 2:
			c = -rng.Int64N(1_000_000_000_000)
		default:
			c = rng.Int64N(1_000_000_000_000)
		}
		return decimal.New(c, -int32(rng.IntN(4)))
	}
	fast := 0
	for trial := 0; trial < 3000; trial++ {
		nums := make([]decimal.Decimal, 1+rng.IntN(12))
		sum := decimal.Zero
		for i := range nums {
			nums[i] = val()
			sum = sum.Add(nums[i])
		}
		den := sum
		if den.IsZero() || rng.IntN(4) == 0 {
			den = val() // nums that do not add up to den
		}
		if den.IsZero() {
			continue
		}
		// The target both paths must reach: the exact sum of the
		// quotients, floored, plus a random share of the units left.
		exact := new(big.Rat).Quo(sum.Rat(), den.Rat())
		exact.Mul(exact, new(big.Rat).SetInt(new(big.Int).Mul(big.NewInt(100), pow13)))
		floorSum := new(big.Int).Div(exact.Num(), exact.Denom()) // Euclidean, and the denominator is positive
		target := new(big.Int).Add(floorSum, big.NewInt(int64(rng.IntN(len(nums)+1))))
		if rng.IntN(10) == 0 {
			target.Add(target, big.NewInt(int64(len(nums)+1))) // out of reach
		}

		var want []decimal.Decimal
		wantPanic := func() (p any) {
			defer func() { p = recover() }()
			want = quotientsBig(nums, den, target)
			return nil
		}()
		var got []decimal.Decimal
		var ok bool
		gotPanic := func() (p any) {
			defer func() { p = recover() }()
			got, ok = quotients64(nums, den, target)
			return nil
		}()
		if gotPanic != nil {
			assert.Equal(t, wantPanic, gotPanic, "trial %d: %v ÷ %v to %v", trial, nums, den, target)
			continue
		}
		if !ok {
			continue
		}
		fast++
		require.Nil(t, wantPanic, "trial %d: %v ÷ %v to %v: the int64 path did not panic", trial, nums, den, target)
		require.Len(t, got, len(want))
		for i := range want {
			assert.True(t, want[i].Equal(got[i]), "trial %d: %v ÷ %v to %v: [%d] = %v, want %v", trial, nums, den, target, i, got[i], want[i])
		}
	}
	assert.Greater(t, fast, 300, "the trials exercise the int64 path")
}
