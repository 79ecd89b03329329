package fixed

import (
	"math"
	"math/big"
	"math/bits"
)

// Quotients are rounded to odd: truncated toward zero and, if anything
// nonzero was cut off, made odd in their last digit. An inexact quotient
// then lies strictly between the same two numbers of one place fewer as the
// exact one, which keeps every later comparison and display rounding at
// fewer places exact.

// QuoToOdd returns n × 10^e ÷ d rounded to odd, for 0 ≤ e ≤ 18 and d ≠ 0.
// It reports false when the quotient (or n × 10^e) does not fit, and for
// any other e; QuoToOddBig then gives the answer.
func QuoToOdd(n, d int64, e int) (int64, bool) {
	p, ok := Pow10(e)
	if !ok {
		return 0, false
	}
	un, ud := Abs(n), Abs(d)
	hi, lo := bits.Mul64(un, uint64(p))
	if hi >= ud {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, lo, ud)
	if r != 0 {
		q |= 1
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if (n < 0) != (d < 0) {
		return -int64(q), true
	}
	return int64(q), true
}

// QuoToOddBig returns n × 10^e ÷ d rounded to odd, for any size and any
// e (a negative e divides by 10^-e). d must not be zero. n and d are not
// changed.
func QuoToOddBig(n, d *big.Int, e int) *big.Int {
	num := new(big.Int).Set(n)
	den := new(big.Int).Set(d)
	if e >= 0 {
		num.Mul(num, BigPow10(e))
	} else {
		den.Mul(den, BigPow10(-e))
	}
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	if r.Sign() != 0 && q.Bit(0) == 0 {
		// Truncation went toward zero; step away from zero to the odd neighbour.
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// FloorMulDiv returns the floor of c × m ÷ d and the remainder, in [0, d),
// as big.Int's Euclidean DivMod gives them; d must be positive. It reports
// false when the quotient does not fit an int64 (or is math.MaxInt64 or
// beyond, so that adding one to it cannot overflow).
func FloorMulDiv(c int64, m, d uint64) (q int64, r uint64, ok bool) {
	hi, lo := bits.Mul64(Abs(c), m)
	if hi >= d {
		return 0, 0, false
	}
	uq, ur := bits.Div64(hi, lo, d)
	if uq >= math.MaxInt64 {
		return 0, 0, false
	}
	q = int64(uq)
	if c < 0 {
		q = -q
		if ur != 0 {
			q--
			ur = d - ur
		}
	}
	return q, ur, true
}
