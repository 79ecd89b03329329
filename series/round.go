package series

import (
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// round returns d with every value rounded half away from zero to places
// decimal places, at scale max(places, 0): the store that rounding each
// value with DisplayRounding.Round and collecting them in a Builder makes, computed on
// the coefficients without a decimal.Decimal per value. Values that do not
// fit an int64 on the way take that path.
func (d *store) round(places int32) *store { return d.roundWith(places, newBuilder) }

// roundWith is round with the result's builder from mk.
func (d *store) roundWith(places int32, mk maker) *store {
	if d == nil {
		return nil
	}
	out := mk(d.start, len(d.coef), max(places, 0))
	if len(d.spans) != 0 {
		out.d.spans = d.spans // spans are never changed once built
	}
	for w, word := range d.present {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			if d.wide == nil || !d.isWide(i) {
				if c, ok := fixed.RoundHalfAway(d.coef[i], d.scale, places); ok {
					out.set(i, c)
					continue
				}
			}
			out.setDecimal(i, DisplayRounding.Round(d.decimal(i), places))
		}
	}
	return out.done()
}

// RoundToSum rounds each of vals to places decimal places so that the
// rounded values add up to their exact sum rounded half away from zero —
// so shares that sum to 100 still print as summing to 100. This is the
// largest remainder (Hamilton) method: each value is rounded down, and then
// the values with the largest remainders (the earlier on ties) are rounded
// up, as many as the sum needs. A value with no more than places decimal
// places is never changed, and no value moves by a unit of the last place
// or more. vals is not modified.
//
// Each value may then differ from its own rounding half away from zero:
// 33.35, 33.35 and 33.3 (sum 100) round to 33.4, 33.3 and 33.3.
//
// RoundToSum panics if places is outside −[MaxDigits] … MaxDigits, as
// [Series.Round] does.
func RoundToSum(vals []decimal.Decimal, places int32) []decimal.Decimal {
	checkPlaces("RoundToSum", places)
	out := make([]decimal.Decimal, len(vals))
	sum, exact := decimal.Zero, decimal.Zero
	var inexact []int
	for i, v := range vals {
		out[i] = v.RoundFloor(places)
		sum = sum.Add(out[i])
		exact = exact.Add(v)
		if !out[i].Equal(v) {
			inexact = append(inexact, i)
		}
	}
	up := DisplayRounding.Round(exact, places).Sub(sum).Shift(places).IntPart()
	slices.SortStableFunc(inexact, func(a, b int) int {
		return vals[b].Sub(out[b]).Cmp(vals[a].Sub(out[a]))
	})
	ulp := decimal.New(1, -places)
	for _, i := range inexact[:up] {
		out[i] = out[i].Add(ulp)
	}
	return out
}
