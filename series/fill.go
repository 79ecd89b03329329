package series

import "math/bits"

// ZeroFill returns s with a zero observation for every month of p that no
// observation of s covers. Observations of s, inside p or not, are kept as
// they are.
//
// No operation of the library takes a missing month for zero. ZeroFill is
// for the caller who has decided that, for a sum such as a partner's trade
// over many product lines, a line with no row in a month traded nothing in
// it — a decision about the data, made by name, never by default. An
// invalid p (see [Period.Valid]) gives s unchanged.
func ZeroFill[U Unit](s Series[U], p Period) Series[U] {
	return wrap[U](zeroFill(s.d, p, newBuilder))
}

// zeroFill is ZeroFill with the result's builder, if it needs one, from mk.
func zeroFill(d *store, p Period, mk maker) *store {
	if !p.Valid() {
		return d
	}
	if covers(d, p) {
		return d // nothing to fill: stores are never changed, so d is shared
	}
	lo, hi, scale := p.First, p.Last, int32(0)
	if d != nil {
		if f := d.month(d.firstIndex()); f.Before(lo) {
			lo = f
		}
		if l := d.month(d.lastIndex()); l.After(hi) {
			hi = l
		}
		scale = d.scale
	}
	b := mk(lo, hi.MonthsSince(lo)+1, scale)
	if d == nil || len(d.spans) == 0 && d.wide == nil {
		// Single months in 64 bits: d's observations, then every month
		// of p that has none set to zero (a fresh store's coefficients
		// are zero already), a word of presence bits at a time.
		if d != nil {
			off := -d.index(lo) // b's index of d's first month
			for w, word := range d.present {
				for ; word != 0; word &= word - 1 {
					i := w<<6 + bits.TrailingZeros64(word)
					b.set(i+off, d.coef[i])
				}
			}
		}
		setRange(b.d.present, b.d.index(p.First), b.d.index(p.Last))
		return b.done()
	}
	if d != nil {
		off := int32(d.index(lo)) // ≤ 0: d's index of b's first month
		for _, sp := range d.spans {
			b.d.spans = append(b.d.spans, span{sp.first - off, sp.last - off})
		}
		for i := range d.coef {
			if !d.has(i) {
				continue
			}
			if w, ok := d.wide[int32(i)]; ok {
				b.setBig(i-int(off), w)
			} else {
				b.set(i-int(off), d.coef[i])
			}
		}
	}
	// A month is covered if an observation ends at it or a combined one
	// spans it; spans are few, so they are walked in step with the months.
	spans := b.d.spans
	for i, last := b.d.index(p.First), b.d.index(p.Last); i <= last; i++ {
		for len(spans) > 0 && int(spans[0].last) < i {
			spans = spans[1:]
		}
		if b.d.has(i) || len(spans) > 0 && int(spans[0].first) <= i {
			continue
		}
		b.set(i, 0)
	}
	if len(b.d.spans) == 0 {
		b.d.spans = nil
	}
	return b.done()
}

// covers reports whether d has an observation of a single month for every
// month of p, which is valid.
func covers(d *store, p Period) bool {
	if d == nil || len(d.spans) > 0 {
		return false
	}
	lo, hi := d.index(p.First), d.index(p.Last)
	if lo < 0 || hi >= len(d.coef) {
		return false
	}
	for w := lo >> 6; w <= hi>>6; w++ {
		if m := wordMask(w, lo, hi); d.present[w]&m != m {
			return false
		}
	}
	return true
}

// setRange sets bits lo to hi of a bit set.
func setRange(set []uint64, lo, hi int) {
	for w := lo >> 6; w <= hi>>6; w++ {
		set[w] |= wordMask(w, lo, hi)
	}
}

// wordMask returns the bits of word w of a bit set that lie within bits lo
// to hi.
func wordMask(w, lo, hi int) uint64 {
	m := ^uint64(0)
	if w == lo>>6 {
		m &= ^uint64(0) << (uint(lo) & 63)
	}
	if w == hi>>6 {
		m &= ^uint64(0) >> (63 - uint(hi)&63)
	}
	return m
}
