package series

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addPairwise is Add's general path alone: one zip per operand.
func addPairwise[U Unit](first Series[U], rest ...Series[U]) (Series[U], Gaps) {
	d, gaps := first.d, Gaps(nil)
	for _, r := range rest {
		var g Gaps
		d, g = zip(d, r.d, binAdd)
		gaps = mergeGaps(gaps, g)
	}
	return wrap[U](d), gaps
}

// TestAddSameMatchesPairwise checks Add's one-pass path for operands with
// the same months against the general path: same values, same gaps, for
// operands with the same months (the fast path), with different months or
// scales (the general path), and with sums that overflow int64.
func TestAddSameMatchesPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	start := MustParseMonth("2023-01")
	fast := 0
	for trial := range trials(2000) {
		months := 1 + rng.IntN(40)
		n := 1 + rng.IntN(6)
		missing := make([]bool, months)
		for i := range missing {
			missing[i] = rng.IntN(10) == 0
		}
		differ := rng.IntN(2) == 0 // half the trials have operands with the same months
		ss := make([]Series[USD], n)
		for k := range ss {
			var b Builder[USD]
			exp := int32(-2)
			if rng.IntN(30) == 0 {
				exp = -int32(rng.IntN(4)) // another scale
			}
			for i := range months {
				miss := missing[i]
				if differ && rng.IntN(20) == 0 {
					miss = !miss // months that differ between operands
				}
				if miss {
					continue
				}
				v := rng.Int64N(1_000_000) - 500_000
				if rng.IntN(50) == 0 {
					v = math.MaxInt64 - rng.Int64N(10) // sums that overflow
				}
				b.SetInt(start.AddMonths(i), v, exp)
			}
			var err error
			ss[k], err = b.Series()
			require.NoError(t, err)
		}
		if _, ok := addSame(ss[0], ss[1:]); ok {
			fast++
		}
		got, gotGaps := Add(ss[0], ss[1:]...)
		want, wantGaps := addPairwise(ss[0], ss[1:]...)
		require.True(t, got.Equal(want), "trial %d: Add(%v) = %v, want %v", trial, ss, got, want)
		assert.Equal(t, wantGaps, gotGaps, "trial %d: gaps of Add(%v)", trial, ss)
	}
	assert.Greater(t, fast, trials(2000)/10, "the trials exercise the one-pass path")
}
