package series

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

type binKind uint8

const (
	binAdd binKind = iota
	binSub
	binShare  // 100 × a ÷ b
	binDivide // a ÷ b, across scales
	binMul    // a × b
)

// Add returns the sum of the series, month by month:
//
//	r(t) = first(t) + rest[0](t) + …
//
// exactly. A period has a value only if every series has an observation for
// that same period; otherwise it has none and Gaps says which input lacked it
// ([MonthMissing]) or combined it differently ([Combined]). Missing is never
// taken as zero.
func Add[U Unit](first Series[U], rest ...Series[U]) (Series[U], Gaps) {
	if d, ok := addSame(first, rest); ok {
		return wrap[U](d), nil
	}
	d, gaps := first.d, Gaps(nil)
	for _, r := range rest {
		var g Gaps
		d, g = zip(d, r.d, binAdd)
		gaps = mergeGaps(gaps, g)
	}
	return wrap[U](d), gaps
}

// Sub returns a − b month by month, exactly; periods are matched as for [Add].
// A trade balance is Sub(exports, imports).
func Sub[U Unit](a, b Series[U]) (Series[U], Gaps) {
	d, g := zip(a.d, b.d, binSub)
	return wrap[U](d), g
}

// Share returns part as a percentage of whole, month by month:
//
//	100 × part(t) ÷ whole(t)
//
// rounded as [DivisionRounding] says to [DivisionPlaces] places. A zero whole
// gives no value ([BaseZero]); periods are matched as for [Add].
func Share[U Unit](part, whole Series[U]) (Series[Percent], Gaps) {
	d, g := zip(part.d, whole.d, binShare)
	return wrap[Percent](d), g
}

// Divide returns n ÷ d month by month in the unit N per D (a unit value such
// as USD per tonne, or an exchange rate), rounded as [DivisionRounding] says
// to [DivisionPlaces] places. A zero divisor gives no value ([BaseZero]);
// periods are matched as for [Add].
func Divide[N, D Unit](n Series[N], d Series[D]) (Series[Per[N, D]], Gaps) {
	r, g := zip(n.d, d.d, binDivide)
	return wrap[Per[N, D]](r), g
}

// Convert returns s × rate month by month, exactly: an amount in From
// converted to To with a rate in To per From, such as USD to CNY with a
// series of CNY per USD. Periods are matched as for [Add].
func Convert[To, From Unit](s Series[From], rate Series[Per[To, From]]) (Series[To], Gaps) {
	r, g := zip(s.d, rate.d, binMul)
	return wrap[To](r), g
}

// Rescale returns s in unit To, which must measure the same dimension as
// From: kilograms to tonnes, USD 100 million to USD. The conversion is a
// power of ten, so it is exact and shares s's storage. Rescale panics if the
// dimensions differ; that is decided by the types alone, so it is a bug in
// the calling program, not a property of data.
func Rescale[To, From Unit](s Series[From]) Series[To] {
	var to To
	var from From
	if to.Dimension() != from.Dimension() {
		panic(fmt.Sprintf("series: cannot rescale %s (%s) to %s (%s)",
			from.Symbol(), from.Dimension(), to.Symbol(), to.Dimension()))
	}
	if s.d == nil {
		return Series[To]{}
	}
	// value in To = value in From × 10^(from − to); lowering the scale by
	// that shift multiplies every value without touching a coefficient.
	shift := int32(from.Exponent() - to.Exponent())
	d := *s.d
	d.scale -= shift
	if d.scale < 0 {
		b := newBuilder(d.start, len(d.coef), 0)
		b.d.spans = d.spans
		k := -d.scale
		for i := range d.coef {
			if !d.has(i) {
				continue
			}
			if c, ok := fixed.MulPow10(d.coef[i], int(k)); ok && !d.isWide(i) {
				b.set(i, c)
			} else {
				b.setBig(i, new(big.Int).Mul(d.bigCoef(i), fixed.BigPow10(int(k))))
			}
		}
		return wrap[To](b.d)
	}
	return wrap[To](&d)
}

// Round returns s with every value rounded half away from zero to places
// decimal places, as customs tables print. It is for display: rounding
// before further arithmetic loses exactness.
func (s Series[U]) Round(places int32) Series[U] {
	return wrap[U](s.d.round(places))
}

// zip applies op to the observations of a and b that cover the same period.
func zip(a, b *store, op binKind) (*store, Gaps) {
	if a == nil && b == nil {
		return nil, nil
	}
	var gaps Gaps
	if a == nil || b == nil {
		// Every observation of the other lacks its partner.
		for _, d := range []*store{a, b} {
			for i := 0; i < d.len(); i++ {
				if d.has(i) {
					gaps = append(gaps, Gap{d.period(i), MonthMissing, d.period(i)})
				}
			}
		}
		return nil, gaps
	}
	lo := a.start
	if b.start.Before(lo) {
		lo = b.start
	}
	hi := a.month(len(a.coef) - 1)
	if e := b.month(len(b.coef) - 1); e.After(hi) {
		hi = e
	}
	var scale int32
	var al aligned
	switch op {
	case binAdd, binSub, binShare:
		al = align(a, b)
		scale = al.scale
		if op == binShare {
			scale = DivisionPlaces
		}
	case binDivide:
		scale = DivisionPlaces
	case binMul:
		scale = a.scale + b.scale
	}
	out := newBuilder(lo, hi.MonthsSince(lo)+1, scale)
	offA, offB := a.index(lo), b.index(lo) // index in a, b of output index 0
	for k := 0; k < len(out.d.coef); k++ {
		i, j := k+offA, k+offB
		inA, inB := a.has(i), b.has(j)
		if !inA && !inB {
			continue
		}
		var pa, pb Period
		if inA {
			pa = a.period(i)
		}
		if inB {
			pb = b.period(j)
		}
		if !inA || !inB || pa != pb {
			gaps = append(gaps, zipGap(a, b, i, j, inA, pa, pb))
			continue
		}
		if n := pa.Len(); n > 1 {
			out.d.spans = append(out.d.spans, span{int32(k - n + 1), int32(k)})
		}
		if g, ok := binOp(out, k, a, b, i, j, &al, op); !ok {
			gaps = append(gaps, Gap{pa, g, pa})
		}
	}
	return out.done(), gaps
}

// zipGap explains why a period of one operand has no partner in the other.
func zipGap(a, b *store, i, j int, inA bool, pa, pb Period) Gap {
	p, other, oi := pa, b, j
	if !inA {
		p, other, oi = pb, a, i
	}
	if sp, ok := other.spanAt(oi); ok {
		return Gap{p, Combined, Period{other.month(int(sp.first)), other.month(int(sp.last))}}
	}
	if pa.Valid() && pb.Valid() {
		return Gap{p, Combined, p}
	}
	return Gap{p, MonthMissing, p}
}

// binOp computes op at output index k from a[i] and b[j], returning false
// with a reason when the result is undefined.
func binOp(out builder, k int, a, b *store, i, j int, al *aligned, op binKind) (Reason, bool) {
	switch op {
	case binAdd, binSub, binShare:
		x, okx := al.coefA(i)
		y, oky := al.coefB(j)
		if okx && oky {
			var r int64
			var ok bool
			switch op {
			case binAdd:
				r, ok = fixed.Add(x, y)
			case binSub:
				r, ok = fixed.Sub(x, y)
			default:
				if y == 0 {
					return BaseZero, false
				}
				r, ok = fixed.QuoToOdd(x, y, percentShift)
			}
			if ok {
				out.set(k, r)
				return 0, true
			}
		}
		bx, by := al.bigA(i), al.bigB(j)
		switch op {
		case binAdd:
			out.setBig(k, bx.Add(bx, by))
		case binSub:
			out.setBig(k, bx.Sub(bx, by))
		default:
			if by.Sign() == 0 {
				return BaseZero, false
			}
			out.setBig(k, fixed.QuoToOddBig(bx, by, percentShift))
		}
	case binDivide:
		e := int(DivisionPlaces + b.scale - a.scale)
		if !a.isWide(i) && !b.isWide(j) {
			if b.coef[j] == 0 {
				return BaseZero, false
			}
			if q, ok := fixed.QuoToOdd(a.coef[i], b.coef[j], e); ok && e >= 0 {
				out.set(k, q)
				return 0, true
			}
		}
		by := b.bigCoef(j)
		if by.Sign() == 0 {
			return BaseZero, false
		}
		out.setBig(k, fixed.QuoToOddBig(a.bigCoef(i), by, e))
	case binMul:
		if !a.isWide(i) && !b.isWide(j) {
			if r, ok := fixed.Mul(a.coef[i], b.coef[j]); ok {
				out.set(k, r)
				return 0, true
			}
		}
		bx := a.bigCoef(i)
		out.setBig(k, bx.Mul(bx, b.bigCoef(j)))
	}
	return 0, true
}

// mergeGaps adds the gaps of g not already in gs, keeping month order.
func mergeGaps(gs, g Gaps) Gaps {
	if len(gs) == 0 {
		return g
	}
	for _, x := range g {
		if !slices.ContainsFunc(gs, func(y Gap) bool { return y.Period == x.Period }) {
			gs = append(gs, x)
		}
	}
	slices.SortStableFunc(gs, func(x, y Gap) int { return x.Period.Last.Compare(y.Period.Last) })
	return gs
}
