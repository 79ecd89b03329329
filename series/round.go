package series

import "math/bits"

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
				if c, ok := roundCoef(d.coef[i], d.scale, places); ok {
					out.set(i, c)
					continue
				}
			}
			out.setDecimal(i, RoundValue(d.decimal(i), places))
		}
	}
	return out.done()
}

// roundCoef rounds c × 10^-scale half away from zero to places decimal
// places and returns the result as a coefficient at scale max(places, 0),
// or false if that needs more than an int64.
func roundCoef(c int64, scale, places int32) (int64, bool) {
	if places >= scale {
		return mulPow10(c, int(max(places, 0)-scale))
	}
	p, ok := pow10(int(scale - places))
	if !ok {
		return 0, false
	}
	u := uabs(c)
	q, r := u/uint64(p), u%uint64(p)
	if r >= uint64(p)-r { // r ≥ p/2: a half or more rounds away from zero
		q++
	}
	if q > 1<<63-1 {
		return 0, false
	}
	v := int64(q)
	if c < 0 {
		v = -v
	}
	if places < 0 {
		return mulPow10(v, int(-places))
	}
	return v, true
}
