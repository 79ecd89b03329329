package series

import (
	"fmt"
	"math/big"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// FromCoefficients returns the series whose observation for month
// start+offsets[i] is coefs[i] × 10^exps[i], for single months in
// increasing order (offsets[0] need not be 0). It is the fast path for
// code that keeps values as integers already, such as a dataset building
// millions of series: one allocation a series, none a value. Offsets out
// of order or repeated are an error; so are months outside 0001-01 …
// 9999-12 (a [*MonthError]) and values beyond [MaxDigits] (a
// [*LimitError]), as for every way into a series. It panics if the three
// slices differ in length.
func FromCoefficients[U Unit](start Month, offsets []int32, coefs []int64, exps []int32) (Series[U], error) {
	if len(offsets) != len(coefs) || len(offsets) != len(exps) {
		panic(fmt.Sprintf("series: FromCoefficients: %d offsets, %d coefficients, %d exponents", len(offsets), len(coefs), len(exps)))
	}
	if len(offsets) == 0 {
		return Series[U]{}, nil
	}
	for k, o := range offsets {
		if k > 0 && offsets[k-1] >= o {
			return Series[U]{}, fmt.Errorf("series: FromCoefficients: offset %d after %d: months must increase: %w", o, offsets[k-1], ErrDuplicate)
		}
	}
	first, last := int64(start.n)+int64(offsets[0]), int64(start.n)+int64(offsets[len(offsets)-1])
	if start.IsZero() || first < minMonthN || last > maxMonthN {
		return Series[U]{}, fmt.Errorf("series: FromCoefficients: months %d to %d after %v leave 0001-01 … 9999-12: %w", offsets[0], offsets[len(offsets)-1], start, ErrMonth)
	}
	scale := int32(0)
	for k, e := range exps {
		// Any int64 at an exponent from −40 to 21 is within MaxDigits.
		if e < -MaxDigits || e > MaxDigits-19 {
			if why := checkInt(coefs[k], e); why != "" {
				m := Month{int32(int64(start.n) + int64(offsets[k]))}
				return Series[U]{}, &LimitError{MonthPeriod(m), describe(big.NewInt(coefs[k]), e), why}
			}
		}
		scale = max(scale, -e)
	}
	lo := Month{int32(first)}
	b := newBuilder(lo, int(last-first)+1, scale)
	for k, o := range offsets {
		i := int(o - offsets[0])
		c := coefs[k]
		if c == 0 {
			b.set(i, 0) // zero at any exponent, with no power of ten to make
			continue
		}
		if sh := scale + exps[k]; sh > 0 {
			r, ok := fixed.MulPow10(c, int(sh))
			if !ok {
				b.setBig(i, new(big.Int).Mul(big.NewInt(c), fixed.BigPow10(int(sh))))
				continue
			}
			c = r
		}
		b.set(i, c)
	}
	return wrap[U](b.done()), nil
}
