package fixed

import (
	"math"
	"math/big"
	"math/bits"
)

var pow10tab = [20]uint64{
	1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

// Pow10 returns 10^k and true for 0 ≤ k ≤ 18, the powers an int64 holds;
// otherwise 0 and false.
func Pow10(k int) (int64, bool) {
	if k < 0 || k > 18 {
		return 0, false
	}
	return int64(pow10tab[k]), true
}

// Pow10U returns 10^k and true for 0 ≤ k ≤ 19, the powers a uint64 holds;
// otherwise 0 and false.
func Pow10U(k int) (uint64, bool) {
	if k < 0 || k >= len(pow10tab) {
		return 0, false
	}
	return pow10tab[k], true
}

// BigPow10 returns 10^k as a new big.Int, which the caller may change.
// k must not be negative.
func BigPow10(k int) *big.Int {
	if p, ok := Pow10U(k); ok {
		return new(big.Int).SetUint64(p)
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}

// Abs returns |a| as a uint64, which holds it even for math.MinInt64.
func Abs(a int64) uint64 {
	if a < 0 {
		return uint64(-a) // two's complement: right for MinInt64 too
	}
	return uint64(a)
}

// Add returns a + b, or false if the sum overflows an int64.
func Add(a, b int64) (int64, bool) {
	s := a + b
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

// Sub returns a − b, or false if the difference overflows an int64.
func Sub(a, b int64) (int64, bool) {
	s := a - b
	if (a >= 0) != (b >= 0) && (s >= 0) != (a >= 0) {
		return 0, false
	}
	return s, true
}

// Mul returns a × b, or false if the product overflows an int64. A product
// of math.MinInt64 counts as an overflow, so the result can be negated.
func Mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(Abs(a), Abs(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if (a < 0) != (b < 0) {
		return -int64(lo), true
	}
	return int64(lo), true
}

// MulPow10 returns c × 10^k for k ≥ 0, or false if it overflows an int64.
// Zero times any power is zero.
func MulPow10(c int64, k int) (int64, bool) {
	p, ok := Pow10(k)
	if !ok {
		return 0, c == 0
	}
	return Mul(c, p)
}
