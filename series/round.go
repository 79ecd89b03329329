package series

import (
	"math/bits"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// round returns d with every value rounded half away from zero to places
// decimal places, at scale max(places, 0): the store that rounding each
// value with RoundValue and collecting them in a Builder makes, computed on
// the coefficients without a decimal.Decimal per value. Values that do not
// fit an int64 on the way take that path.
func (d *store) round(places int32) *store {
	if d == nil {
		return nil
	}
	out := newBuilder(d.start, len(d.coef), max(places, 0))
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
			out.setDecimal(i, RoundValue(d.decimal(i), places))
		}
	}
	return out.done()
}
