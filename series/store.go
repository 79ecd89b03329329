package series

import (
	"math/big"
	"math/bits"
	"sort"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// store holds a series' values without their unit. It is never changed once
// built, so series share stores freely.
//
// The value at index i (month start+i) is coef[i] × 10^-scale when bit i of
// present is set; a coefficient that does not fit an int64 lives in wide
// (and coef[i] is 0). coef[i] is 0 too where no observation ends, so that
// a sum may read the column whole (only the builder's set and setBig write
// it). A combined observation covering indices first..last is stored at
// last, with the span recorded in spans; the months it covers before last
// have no bit set.
type store struct {
	start   Month
	scale   int32
	coef    []int64
	present []uint64
	wide    map[int32]*big.Int
	spans   []span // sorted, non-overlapping
}

type span struct{ first, last int32 }

func (d *store) len() int {
	if d == nil {
		return 0
	}
	return len(d.coef)
}

// has reports whether an observation ends at index i.
func (d *store) has(i int) bool {
	return i >= 0 && i < len(d.coef) && d.present[i>>6]&(1<<(uint(i)&63)) != 0
}

// spanAt returns the index of the span that contains index i.
func (d *store) spanAt(i int) (span, bool) {
	if len(d.spans) == 0 {
		return span{}, false
	}
	k := sort.Search(len(d.spans), func(k int) bool { return int(d.spans[k].last) >= i })
	if k < len(d.spans) && int(d.spans[k].first) <= i {
		return d.spans[k], true
	}
	return span{}, false
}

// obsLen returns the number of months of the observation ending at index i:
// 0 when none ends there, 1 for an ordinary month, more for a combined one.
func (d *store) obsLen(i int) int {
	if !d.has(i) {
		return 0
	}
	if len(d.spans) == 0 {
		return 1
	}
	if sp, ok := d.spanAt(i); ok {
		return int(sp.last-sp.first) + 1
	}
	return 1
}

// index returns the index of month m, which may be outside the store.
func (d *store) index(m Month) int { return int(m.n - d.start.n) }

func (d *store) month(i int) Month { return Month{d.start.n + int32(i)} }

// period returns the period of the observation ending at index i.
func (d *store) period(i int) Period {
	n := d.obsLen(i)
	if n < 1 {
		n = 1
	}
	return Period{d.month(i - n + 1), d.month(i)}
}

// big returns the coefficient at index i as a new big.Int.
func (d *store) bigCoef(i int) *big.Int {
	if w, ok := d.wide[int32(i)]; ok {
		return new(big.Int).Set(w)
	}
	return big.NewInt(d.coef[i])
}

// isWide reports whether index i holds a coefficient beyond int64.
func (d *store) isWide(i int) bool {
	if d.wide == nil {
		return false
	}
	_, ok := d.wide[int32(i)]
	return ok
}

func (d *store) decimal(i int) decimal.Decimal {
	if w, ok := d.wide[int32(i)]; ok {
		return decimal.NewFromBigInt(w, -d.scale)
	}
	return decimal.New(d.coef[i], -d.scale)
}

// builder collects the values of a store being made. Its methods take
// indices from 0 to n-1.
type builder struct {
	d *store
}

func newBuilder(start Month, n int, scale int32) builder {
	// Up to 64 months (most monthly series), the coefficients and presence
	// bits live in the store itself: one allocation a series, not three,
	// in a size near what the months need. Whole years (24 and 36
	// months, and a year-on-year change of 36 or 48) fill theirs.
	var d *store
	var bits *[1]uint64
	switch {
	case n <= 4:
		s := new(store4)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 16:
		s := new(store16)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 24:
		s := new(store24)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 32:
		s := new(store32)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 36:
		s := new(store36)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 48:
		s := new(store48)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	case n <= 64:
		s := new(store64)
		d, bits, s.coef = &s.store, &s.bits, s.buf[:n:n]
	default:
		return builder{&store{
			start:   start,
			scale:   scale,
			coef:    make([]int64, n),
			present: make([]uint64, (n+63)>>6),
		}}
	}
	d.start, d.scale, d.present = start, scale, bits[:(n+63)>>6]
	return builder{d}
}

// store4 … store64 are stores with room for their coefficients and
// presence bits, for up to 4 … 64 months.
type (
	store4 struct {
		store
		bits [1]uint64
		buf  [4]int64
	}
	store16 struct {
		store
		bits [1]uint64
		buf  [16]int64
	}
	store24 struct {
		store
		bits [1]uint64
		buf  [24]int64
	}
	store32 struct {
		store
		bits [1]uint64
		buf  [32]int64
	}
	store36 struct {
		store
		bits [1]uint64
		buf  [36]int64
	}
	store48 struct {
		store
		bits [1]uint64
		buf  [48]int64
	}
	store64 struct {
		store
		bits [1]uint64
		buf  [64]int64
	}
)

func (b builder) set(i int, c int64) {
	b.d.coef[i] = c
	b.d.present[i>>6] |= 1 << (uint(i) & 63)
}

// setBig stores c, keeping it as an int64 when it fits.
func (b builder) setBig(i int, c *big.Int) {
	if c.IsInt64() {
		b.set(i, c.Int64())
		return
	}
	if b.d.wide == nil {
		b.d.wide = make(map[int32]*big.Int)
	}
	b.d.wide[int32(i)] = c
	b.d.coef[i] = 0
	b.d.present[i>>6] |= 1 << (uint(i) & 63)
}

// done returns the store, or nil when it holds nothing (or the builder
// was never made, for a result of no months). Empty months at
// either end are kept rather than copied away: First and Last look past them.
func (b builder) done() *store {
	if b.d == nil || !anyBit(b.d.present) {
		return nil
	}
	if len(b.d.spans) == 0 {
		b.d.spans = nil
	}
	return b.d
}

// firstIndex returns the index of the first month d covers.
func (d *store) firstIndex() int {
	for w, word := range d.present {
		if word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			if sp, ok := d.spanAt(i); ok {
				return int(sp.first)
			}
			return i
		}
	}
	return 0
}

// lastIndex returns the index of the last month d covers.
func (d *store) lastIndex() int {
	for w := len(d.present) - 1; w >= 0; w-- {
		if word := d.present[w]; word != 0 {
			return w<<6 + 63 - bits.LeadingZeros64(word)
		}
	}
	return 0
}

// slice returns indices lo..hi of d as a new store; spans that do not lie
// wholly inside are left out.
func (d *store) slice(lo, hi int) *store {
	if d == nil || hi < lo {
		return nil
	}
	lo, hi = max(lo, 0), min(hi, len(d.coef)-1)
	if hi < lo {
		return nil
	}
	n := hi - lo + 1
	b := newBuilder(d.month(lo), n, d.scale)
	for _, sp := range d.spans {
		if int(sp.first) >= lo && int(sp.last) <= hi {
			b.d.spans = append(b.d.spans, span{sp.first - int32(lo), sp.last - int32(lo)})
		}
	}
	for i := lo; i <= hi; i++ {
		if !d.has(i) {
			continue
		}
		if sp, ok := d.spanAt(i); ok && (int(sp.first) < lo) {
			continue
		}
		if w, ok := d.wide[int32(i)]; ok {
			b.setBig(i-lo, w)
		} else {
			b.set(i-lo, d.coef[i])
		}
	}
	if len(b.d.spans) == 0 {
		b.d.spans = nil
	}
	if !anyBit(b.d.present) {
		return nil
	}
	return b.d
}

// countBits returns the number of bits set among the first n of p.
func countBits(p []uint64, n int) int {
	c := 0
	for w := 0; w < n>>6; w++ {
		c += bits.OnesCount64(p[w])
	}
	if r := n & 63; r != 0 {
		c += bits.OnesCount64(p[n>>6] & (1<<r - 1))
	}
	return c
}

func anyBit(p []uint64) bool {
	for _, w := range p {
		if w != 0 {
			return true
		}
	}
	return false
}

// rescaled returns d's coefficients multiplied by 10^k (k >= 0) as int64s,
// with ok false for those that overflow; callers fall back to bigCoef there.
// For k == 0 it returns d.coef itself.
func (d *store) rescaled(k int32) (c []int64, overflow []uint64) {
	if k == 0 {
		return d.coef, nil
	}
	p, fits := fixed.Pow10(int(k))
	c = make([]int64, len(d.coef))
	for i, v := range d.coef {
		r, ok := fixed.Mul(v, p)
		if !ok || !fits {
			if overflow == nil {
				overflow = make([]uint64, len(d.present))
			}
			overflow[i>>6] |= 1 << (uint(i) & 63)
			continue
		}
		c[i] = r
	}
	return c, overflow
}

// aligned returns a and b's coefficients at their common (larger) scale.
type aligned struct {
	a, b   *store
	ca, cb []int64
	oa, ob []uint64 // coefficients that overflowed when rescaled
	scale  int32
	ka, kb int32
}

func align(a, b *store) aligned {
	s := max(a.scale, b.scale)
	al := aligned{a: a, b: b, scale: s, ka: s - a.scale, kb: s - b.scale}
	al.ca, al.oa = a.rescaled(al.ka)
	al.cb, al.ob = b.rescaled(al.kb)
	return al
}

func bitSet(p []uint64, i int) bool { return p != nil && p[i>>6]&(1<<(uint(i)&63)) != 0 }

// coefA returns a's coefficient at index i at the common scale, ok false
// when only a big.Int can hold it.
func (al *aligned) coefA(i int) (int64, bool) {
	if al.a.isWide(i) || bitSet(al.oa, i) {
		return 0, false
	}
	return al.ca[i], true
}

func (al *aligned) coefB(j int) (int64, bool) {
	if al.b.isWide(j) || bitSet(al.ob, j) {
		return 0, false
	}
	return al.cb[j], true
}

func (al *aligned) bigA(i int) *big.Int {
	c := al.a.bigCoef(i)
	if al.ka != 0 {
		c.Mul(c, fixed.BigPow10(int(al.ka)))
	}
	return c
}

func (al *aligned) bigB(j int) *big.Int {
	c := al.b.bigCoef(j)
	if al.kb != 0 {
		c.Mul(c, fixed.BigPow10(int(al.kb)))
	}
	return c
}

// setDecimal stores v, which must have at most b's scale of decimal places.
func (b builder) setDecimal(i int, v decimal.Decimal) {
	k := int(b.d.scale + v.Exponent())
	c := v.Coefficient()
	if k > 0 {
		c.Mul(c, fixed.BigPow10(k))
	}
	b.setBig(i, c)
}

// A maker makes the builder of a new store of n months from start:
// newBuilder, for a series of its own, or an arena's, for a panel's many.
type maker func(start Month, n int, scale int32) builder
