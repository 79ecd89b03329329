package series

import (
	"errors"
	"fmt"
	"iter"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// A Series is a monthly series of exact decimal values in unit U.
//
// Each month holds an observation (which may be zero) or nothing: missing
// is not zero, and no operation fills a missing month. A combined
// observation covers several consecutive months at once, such as China's
// January–February release; see the package documentation for how each
// operation treats it.
//
// A Series is immutable and safe for concurrent use; operations return new
// series. The zero Series is empty and ready to use. Values are held as
// int64 coefficients at a scale shared by the series (falling back to
// big integers only for values that do not fit), so a series of a million
// values is two slices, not a million heap objects.
type Series[U Unit] struct {
	_ [0]U // makes Series[A] and Series[B] inconvertible
	d *store
}

func wrap[U Unit](d *store) Series[U] { return Series[U]{d: d} }

// FromDecimals returns the series whose value for month start+i is vals[i].
func FromDecimals[U Unit](start Month, vals ...decimal.Decimal) Series[U] {
	months := make([]Month, len(vals))
	for i := range vals {
		months[i] = start.AddMonths(i)
	}
	return wrap[U](fromDecimals(months, vals))
}

// FromInts returns the series whose value for month start+i is vals[i].
func FromInts[U Unit](start Month, vals ...int64) Series[U] {
	if len(vals) == 0 {
		return Series[U]{}
	}
	b := newBuilder(start, len(vals), 0)
	for i, v := range vals {
		b.set(i, v)
	}
	return wrap[U](b.done())
}

// FromStrings returns the series whose value for month start+i is parsed
// from vals[i]; an empty string is a missing month. A value that does not
// parse is an error that quotes it and names its month.
func FromStrings[U Unit](start Month, vals ...string) (Series[U], error) {
	var b Builder[U]
	for i, v := range vals {
		if v == "" {
			continue
		}
		if err := b.SetString(start.AddMonths(i), v); err != nil {
			return Series[U]{}, err
		}
	}
	return b.Series()
}

// MustFromStrings is like [FromStrings] but panics on error. It is meant for
// literals in programs and tests.
func MustFromStrings[U Unit](start Month, vals ...string) Series[U] {
	s, err := FromStrings[U](start, vals...)
	if err != nil {
		panic(err)
	}
	return s
}

// ErrValue is wrapped by errors about a value that is not a decimal number.
var ErrValue = errors.New("invalid value")

// A ValueError reports text that is not a decimal number.
type ValueError struct {
	Period Period // where the value was meant to go
	Input  string
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("series: %v: invalid value %q: want a decimal number such as -12.5", e.Period, e.Input)
}

// Unwrap returns [ErrValue].
func (e *ValueError) Unwrap() error { return ErrValue }

// ErrDuplicate is wrapped by errors about two observations for one month.
var ErrDuplicate = errors.New("duplicate observation")

// A DuplicateError reports observations that cover the same month.
type DuplicateError struct {
	Month Month  // the first month covered twice
	A, B  Period // the two observations
}

func (e *DuplicateError) Error() string {
	if e.A == e.B {
		return fmt.Sprintf("series: %v: two observations for the same period", e.A)
	}
	return fmt.Sprintf("series: %v: covered by both %v and %v", e.Month, e.A, e.B)
}

// Unwrap returns [ErrDuplicate].
func (e *DuplicateError) Unwrap() error { return ErrDuplicate }

// A Builder collects observations and makes a [Series]. Set and its
// variants append without per-value allocation, so a loader can stream
// millions of values through one Builder. The zero Builder is ready to use.
// A Builder is not safe for concurrent use.
type Builder[U Unit] struct {
	ends  []Month // the last month of each observation
	lens  []int32 // its length in months (1 for an ordinary month)
	coefs []int64 // value = coef × 10^exp, unless big is set
	exps  []int32
	bigs  map[int]decimal.Decimal // values whose coefficient does not fit int64
}

// Set records v for month m.
func (b *Builder[U]) Set(m Month, v decimal.Decimal) {
	b.add(MonthPeriod(m), v)
}

// SetInt records coef × 10^exp for month m: SetInt(m, 33035, -1) records
// 3303.5. It is the fast path for loaders that parse numbers themselves.
func (b *Builder[U]) SetInt(m Month, coef int64, exp int32) {
	b.ends = append(b.ends, m)
	b.lens = append(b.lens, 1)
	b.coefs = append(b.coefs, coef)
	b.exps = append(b.exps, exp)
}

// SetString records the decimal number s for month m, or returns an error
// quoting s. Exponent forms ("1e3") are accepted; NaN, infinities, digit
// group separators and empty text are not.
func (b *Builder[U]) SetString(m Month, s string) error {
	return b.SetCombinedString(MonthPeriod(m), s)
}

// SetCombined records v as one observation for the whole period p, such as a
// combined January–February figure. It panics if p is not [Period.Valid].
func (b *Builder[U]) SetCombined(p Period, v decimal.Decimal) {
	if !p.Valid() {
		panic(fmt.Sprintf("series: SetCombined with invalid period %v", p))
	}
	b.add(p, v)
}

// SetCombinedString is [Builder.SetCombined] for a value given as text.
func (b *Builder[U]) SetCombinedString(p Period, s string) error {
	if !p.Valid() {
		return &PeriodError{p.String(), "not a valid period"}
	}
	v, err := parseDecimal(s)
	if err != nil {
		return &ValueError{Period: p, Input: s}
	}
	b.add(p, v)
	return nil
}

// parseDecimal accepts what decimal.NewFromString does, less the forms a
// customs file must never contain silently.
func parseDecimal(s string) (decimal.Decimal, error) {
	if s == "" || strings.ContainsAny(s, " ,_\t") {
		return decimal.Decimal{}, ErrValue
	}
	return decimal.NewFromString(s)
}

func (b *Builder[U]) add(p Period, v decimal.Decimal) {
	b.ends = append(b.ends, p.Last)
	b.lens = append(b.lens, int32(p.Len()))
	c := v.Coefficient()
	if c.IsInt64() {
		b.coefs = append(b.coefs, c.Int64())
	} else {
		if b.bigs == nil {
			b.bigs = make(map[int]decimal.Decimal)
		}
		b.bigs[len(b.coefs)] = v
		b.coefs = append(b.coefs, 0)
	}
	b.exps = append(b.exps, v.Exponent())
}

// Len returns the number of observations recorded so far.
func (b *Builder[U]) Len() int { return len(b.ends) }

// Reset empties b, keeping its storage for reuse.
func (b *Builder[U]) Reset() {
	b.ends, b.lens, b.coefs, b.exps = b.ends[:0], b.lens[:0], b.coefs[:0], b.exps[:0]
	b.bigs = nil
}

// Series returns the series of the recorded observations. Two observations
// that cover the same month are an error (a [*DuplicateError]); nothing is
// summed or overwritten.
func (b *Builder[U]) Series() (Series[U], error) {
	if len(b.ends) == 0 {
		return Series[U]{}, nil
	}
	if !slices.ContainsFunc(b.lens, func(n int32) bool { return n != 1 }) {
		return b.monthsOnly()
	}
	lo, hi := b.ends[0].AddMonths(1-int(b.lens[0])), b.ends[0]
	scale := int32(0)
	for k, e := range b.ends {
		if f := e.AddMonths(1 - int(b.lens[k])); f.Before(lo) {
			lo = f
		}
		if e.After(hi) {
			hi = e
		}
		scale = max(scale, -b.exps[k])
	}
	bd := newBuilder(lo, hi.MonthsSince(lo)+1, scale)
	d := bd.d
	// owner[i] is 1+k for the observation k covering index i; it finds
	// duplicates and overlaps without a map.
	owner := make([]int32, len(d.coef))
	for k, e := range b.ends {
		last := d.index(e)
		first := last - int(b.lens[k]) + 1
		for i := first; i <= last; i++ {
			if o := owner[i]; o != 0 {
				pa := Period{b.ends[o-1].AddMonths(1 - int(b.lens[o-1])), b.ends[o-1]}
				pb := Period{e.AddMonths(1 - int(b.lens[k])), e}
				return Series[U]{}, &DuplicateError{Month: d.month(i), A: pa, B: pb}
			}
			owner[i] = int32(k + 1)
		}
		if first != last {
			d.spans = append(d.spans, span{int32(first), int32(last)})
		}
		b.place(bd, last, k)
	}
	slices.SortFunc(d.spans, func(x, y span) int { return int(x.first - y.first) })
	return wrap[U](bd.done()), nil
}

// monthsOnly is Series for a Builder that holds no combined observation:
// the presence bits find duplicates, so it needs no map of months to
// observations.
func (b *Builder[U]) monthsOnly() (Series[U], error) {
	lo, hi := b.ends[0].n, b.ends[0].n
	scale := int32(0)
	for k, e := range b.ends {
		lo, hi = min(lo, e.n), max(hi, e.n)
		scale = max(scale, -b.exps[k])
	}
	bd := newBuilder(Month{lo}, int(hi-lo)+1, scale)
	d := bd.d
	for k, e := range b.ends {
		i := int(e.n - lo)
		if d.has(i) {
			p := MonthPeriod(e)
			return Series[U]{}, &DuplicateError{Month: e, A: p, B: p}
		}
		b.place(bd, i, k)
	}
	return wrap[U](bd.done()), nil
}

// place stores observation k of b at index i of bd, at bd's scale.
func (b *Builder[U]) place(bd builder, i, k int) {
	if b.bigs != nil {
		if v, ok := b.bigs[k]; ok {
			bd.setDecimal(i, v)
			return
		}
	}
	c := b.coefs[k]
	if sh := bd.d.scale + b.exps[k]; sh > 0 {
		r, ok := fixed.MulPow10(c, int(sh))
		if !ok {
			bd.setBig(i, new(big.Int).Mul(big.NewInt(c), fixed.BigPow10(int(sh))))
			return
		}
		c = r
	}
	bd.set(i, c)
}

// IsEmpty reports whether s has no observation.
func (s Series[U]) IsEmpty() bool { return s.d == nil }

// Len returns the number of observations; a combined observation counts once.
func (s Series[U]) Len() int {
	n := 0
	if s.d != nil {
		for _, w := range s.d.present {
			n += bits.OnesCount64(w)
		}
	}
	return n
}

// First returns the first month s covers, or the zero Month if s is empty.
func (s Series[U]) First() Month {
	if s.d == nil {
		return Month{}
	}
	return s.d.month(s.d.firstIndex())
}

// Last returns the last month s covers, or the zero Month if s is empty.
func (s Series[U]) Last() Month {
	if s.d == nil {
		return Month{}
	}
	return s.d.month(s.d.lastIndex())
}

// At returns the value for month m alone. It reports false when m is
// missing and when m is part of a combined observation (see [Series.Covering]).
func (s Series[U]) At(m Month) (decimal.Decimal, bool) {
	if s.d == nil {
		return decimal.Decimal{}, false
	}
	i := s.d.index(m)
	if s.d.obsLen(i) != 1 {
		return decimal.Decimal{}, false
	}
	return s.d.decimal(i), true
}

// AtPeriod returns the observation for exactly period p: a single month, or
// a combined observation such as 2025-01/2025-02. It reports false when s
// has no observation for exactly p, even if observations within p could be
// summed to it (that is [Total]).
func (s Series[U]) AtPeriod(p Period) (decimal.Decimal, bool) {
	if s.d == nil || !p.Valid() {
		return decimal.Decimal{}, false
	}
	i := s.d.index(p.Last)
	if s.d.obsLen(i) != p.Len() {
		return decimal.Decimal{}, false
	}
	return s.d.decimal(i), true
}

// Covering returns the observation that covers month m: its period (a
// single month or a combined span) and value. It reports false when no
// observation covers m.
func (s Series[U]) Covering(m Month) (Period, decimal.Decimal, bool) {
	if s.d == nil {
		return Period{}, decimal.Decimal{}, false
	}
	i := s.d.index(m)
	if sp, ok := s.d.spanAt(i); ok {
		i = int(sp.last)
	}
	if !s.d.has(i) {
		return Period{}, decimal.Decimal{}, false
	}
	return s.d.period(i), s.d.decimal(i), true
}

// All returns the observations in month order, each with its period.
func (s Series[U]) All() iter.Seq2[Period, decimal.Decimal] {
	return func(yield func(Period, decimal.Decimal) bool) {
		for i := 0; i < s.d.len(); i++ {
			if s.d.has(i) && !yield(s.d.period(i), s.d.decimal(i)) {
				return
			}
		}
	}
}

// Backward returns the observations in reverse month order.
func (s Series[U]) Backward() iter.Seq2[Period, decimal.Decimal] {
	return func(yield func(Period, decimal.Decimal) bool) {
		for i := s.d.len() - 1; i >= 0; i-- {
			if s.d.has(i) && !yield(s.d.period(i), s.d.decimal(i)) {
				return
			}
		}
	}
}

// Slice returns the observations of s that lie within from–to, inclusive.
// A combined observation that straddles from or to is not within the range
// and is left out.
func (s Series[U]) Slice(from, to Month) Series[U] {
	if s.d == nil {
		return s
	}
	return wrap[U](s.d.slice(s.d.index(from), s.d.index(to)))
}

// Equal reports whether s and o hold the same observations with equal
// values; 1.50 equals 1.5.
func (s Series[U]) Equal(o Series[U]) bool {
	if s.Len() != o.Len() {
		return false
	}
	next, stop := iter.Pull2(o.All())
	defer stop()
	for p, v := range s.All() {
		q, w, ok := next()
		if !ok || p != q || !v.Equal(w) {
			return false
		}
	}
	return true
}

// String formats s for reading, such as "[2025-01/2025-02: 5399.4, 2025-03: 3139] USD 100 mn".
func (s Series[U]) String() string {
	var sb strings.Builder
	sb.WriteByte('[')
	first := true
	for p, v := range s.All() {
		if !first {
			sb.WriteString(", ")
		}
		first = false
		sb.WriteString(p.String())
		sb.WriteString(": ")
		sb.WriteString(v.String())
	}
	var u U
	sb.WriteString("] ")
	sb.WriteString(u.Symbol())
	return sb.String()
}
