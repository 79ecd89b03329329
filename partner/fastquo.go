package partner

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// quotients64 is quotients on int64 coefficients and 128-bit products, for
// the common case where every value, at the values' common scale, fits an
// int64 and every quotient does too: the same floors, remainders and
// apportioning, with no big.Int per value. It reports false, and quotients
// takes its big.Int path, when anything does not fit.
func quotients64(nums []decimal.Decimal, den decimal.Decimal, target *big.Int) ([]decimal.Decimal, bool) {
	if !target.IsInt64() {
		return nil, false
	}
	scale := max(0, -den.Exponent())
	for _, v := range nums {
		scale = max(scale, -v.Exponent())
	}
	d, ok := coef64(den, scale)
	if !ok || d == 0 {
		return nil, false
	}
	neg := d < 0
	ud := uabs64(d)
	// 100 at DivisionPlaces: each numerator is nums[i] × 10^(2 + places).
	hundred, ok := pow10u(2 + series.DivisionPlaces)
	if !ok {
		return nil, false
	}
	floors := make([]int64, len(nums))
	rems := make([]uint64, len(nums))
	var sum int64
	var inexact []int
	for i, v := range nums {
		c, ok := coef64(v, scale)
		if !ok {
			return nil, false
		}
		if neg {
			c = -c // coef64 never returns MinInt64
		}
		hi, lo := bits.Mul64(uabs64(c), hundred)
		if hi >= ud {
			return nil, false // the quotient needs more than 64 bits
		}
		q, r := bits.Div64(hi, lo, ud)
		if q >= math.MaxInt64 {
			return nil, false
		}
		// The floor of c × 100 ÷ |den|, and the remainder in [0, |den|),
		// as big.Int's DivMod gives them.
		f := int64(q)
		if c < 0 {
			f = -f
			if r != 0 {
				f--
				r = ud - r
			}
		}
		floors[i], rems[i] = f, r
		s := sum + f
		if (sum >= 0) == (f >= 0) && (s >= 0) != (f >= 0) {
			return nil, false
		}
		sum = s
		if r != 0 {
			inexact = append(inexact, i)
		}
	}
	t := target.Int64()
	up := t - sum
	if (t >= 0) != (sum >= 0) && (up >= 0) != (t >= 0) {
		return nil, false // overflow: let the big.Int path say what is wrong
	}
	if up < 0 || up > int64(len(inexact)) {
		panic(fmt.Sprintf("partner: cannot apportion %v units among %d inexact quotients", up, len(inexact)))
	}
	// The largest remainders first, the earlier part on a tie.
	slices.SortFunc(inexact, func(a, b int) int {
		if c := cmp.Compare(rems[b], rems[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, i := range inexact[:up] {
		floors[i]++
	}
	out := make([]decimal.Decimal, len(nums))
	for i, f := range floors {
		out[i] = decimal.New(f, -series.DivisionPlaces)
	}
	return out, true
}

// coef64 returns v × 10^scale as an int64 (scale ≥ v's places), or false
// if it does not fit. The result is never math.MinInt64.
func coef64(v decimal.Decimal, scale int32) (int64, bool) {
	if v.NumDigits() > 18 {
		return 0, false
	}
	c := v.CoefficientInt64()
	p, ok := pow10u(int(v.Exponent() + scale))
	if !ok {
		return 0, c == 0
	}
	hi, lo := bits.Mul64(uabs64(c), p)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func uabs64(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// pow10u returns 10^k for 0 ≤ k ≤ 19.
func pow10u(k int) (uint64, bool) {
	if k < 0 || k > 19 {
		return 0, false
	}
	p := uint64(1)
	for range k {
		p *= 10
	}
	return p, true
}
