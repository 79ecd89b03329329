package fixed

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Coef returns v × 10^scale as an int64 coefficient, for a scale at least
// v's number of decimal places, or false if it does not fit. The result is
// never math.MinInt64, so it can be negated.
func Coef(v decimal.Decimal, scale int32) (int64, bool) {
	if v.NumDigits() > 18 {
		return 0, false
	}
	c := v.CoefficientInt64()
	p, ok := Pow10U(int(v.Exponent() + scale))
	if !ok {
		return 0, c == 0
	}
	hi, lo := bits.Mul64(Abs(c), p)
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}
