package series

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
	if !p.Valid() {
		return s
	}
	d := s.d
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
	b := newBuilder(lo, hi.MonthsSince(lo)+1, scale)
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
	return wrap[U](b.done())
}
