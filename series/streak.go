package series

import "github.com/shopspring/decimal"

// A Run is a run of consecutive observations that satisfy a predicate.
type Run struct {
	// Period runs from the first month of the run's first observation to the
	// last month of its last; it is the zero Period when Len is 0.
	Period Period
	// Len counts observations: a combined observation counts once, so a
	// run over January–February (combined) and March has Len 2.
	Len int
}

// Streak returns the run of consecutive observations satisfying pred that
// ends with the observation covering month end ("the eighth straight month
// of double-digit declines": Len 8). The run stops at the first observation
// that fails pred and at the first missing month, since nothing can be said
// of a month with no figure. If the observation at end fails pred, or there
// is none, the Run is empty.
//
// pred sees exact values; on a series made by division, comparing with a
// threshold of at most 12 decimal places is exact (see [DivisionRounding]).
func Streak[U Unit](s Series[U], end Month, pred func(decimal.Decimal) bool) Run {
	d := s.d
	if d == nil {
		return Run{}
	}
	i := d.index(end)
	if sp, ok := d.spanAt(i); ok {
		i = int(sp.last)
	}
	var r Run
	for d.has(i) && pred(d.decimal(i)) {
		p := d.period(i)
		if r.Len == 0 {
			r.Period.Last = p.Last
		}
		r.Period.First = p.First
		r.Len++
		i -= p.Len()
	}
	return r
}

// A Match is an observation found by a backward search.
type Match struct {
	Period Period
	Value  decimal.Decimal
	// Missing counts the months between the match and the month searched
	// from that have no observation. A claim such as "the first contraction
	// since March 2024" holds only if Missing is 0.
	Missing int
}

// LastBefore returns the latest observation that ends before month m and
// satisfies pred: for "the first contraction since March 2024", the last
// negative year-on-year change before October 2025 is March 2024. It
// reports false if no earlier observation satisfies pred.
func LastBefore[U Unit](s Series[U], m Month, pred func(decimal.Decimal) bool) (Match, bool) {
	d := s.d
	if d == nil {
		return Match{}, false
	}
	missing := 0
	for i := d.index(m) - 1; i >= 0; i-- {
		if !d.has(i) {
			if i >= len(d.coef) || !d.inSpan(i) {
				missing++
			}
			continue
		}
		if v := d.decimal(i); pred(v) {
			return Match{d.period(i), v, missing}, true
		}
	}
	return Match{}, false
}

// HighestSince finds how far back one must go for a value at least as high
// as the observation covering m: "exports were the highest since March
// 2023" when the match is March 2023. It reports false when there is no
// observation at m or no earlier value is as high (a record for the series).
func HighestSince[U Unit](s Series[U], m Month) (Match, bool) {
	p, v, ok := s.Covering(m)
	if !ok {
		return Match{}, false
	}
	return LastBefore(s, p.First, func(x decimal.Decimal) bool { return x.GreaterThanOrEqual(v) })
}

// LowestSince is [HighestSince] for a value at least as low.
func LowestSince[U Unit](s Series[U], m Month) (Match, bool) {
	p, v, ok := s.Covering(m)
	if !ok {
		return Match{}, false
	}
	return LastBefore(s, p.First, func(x decimal.Decimal) bool { return x.LessThanOrEqual(v) })
}
