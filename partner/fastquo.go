package partner

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
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
	d, ok := fixed.Coef(den, scale)
	if !ok || d == 0 {
		return nil, false
	}
	neg := d < 0
	ud := fixed.Abs(d)
	// 100 at DivisionPlaces: each numerator is nums[i] × 10^(2 + places).
	hundred, ok := fixed.Pow10U(2 + series.DivisionPlaces)
	if !ok {
		return nil, false
	}
	floors := make([]int64, len(nums))
	rems := make([]uint64, len(nums))
	var sum int64
	var inexact []int
	for i, v := range nums {
		c, ok := fixed.Coef(v, scale)
		if !ok {
			return nil, false
		}
		if neg {
			c = -c // fixed.Coef never returns MinInt64
		}
		// The floor of c × 100 ÷ |den|, and the remainder in [0, |den|),
		// as big.Int's DivMod gives them.
		f, r, ok := fixed.FloorMulDiv(c, hundred, ud)
		if !ok {
			return nil, false
		}
		floors[i], rems[i] = f, r
		if sum, ok = fixed.Add(sum, f); !ok {
			return nil, false
		}
		if r != 0 {
			inexact = append(inexact, i)
		}
	}
	t := target.Int64()
	up, ok := fixed.Sub(t, sum)
	if !ok {
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
