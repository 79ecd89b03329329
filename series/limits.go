package series

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
	"github.com/tradeflow-go/tradeflow/internal/unbound"
)

// MaxDigits bounds the values that enter the library from text or from a
// caller: at most MaxDigits digits before the decimal point and MaxDigits
// after it (1e39 and 1e-40 enter; 1e40 and 1e-41 do not). Every real trade
// figure fits with room to spare; the bound keeps one value from making
// every operation on its series work with numbers of thousands of digits,
// so that what an operation costs depends on the number of values, not on
// any one of them.
//
// Digits after the point count as written: 1.50 has two, and 0 written
// with 41 places does not enter. Leading zeros do not count.
//
// Every way into a series applies it: [Builder] (whose Set, SetInt and
// SetCombined leave the error for [Builder.Series] to return),
// [FromDecimals], [FromStrings], and the JSON and binary decoders. A value
// beyond it is a [*LimitError] wrapping [ErrLimit] (for the binary form,
// an [*EncodingError]). Results of operations are not bounded by it — a
// sum may have more digits than its terms, a quotient of a large value by
// a small one many more — but a series holding a value beyond it does not
// encode, since no decoder would read it back.
const MaxDigits = 40

// ErrLimit is wrapped by errors about a value beyond [MaxDigits], and by
// errors about a number of places beyond ±MaxDigits where places are data
// (the precision a release prints its rates with, say).
var ErrLimit = errors.New("over a limit")

// A LimitError reports a value with more than [MaxDigits] digits before or
// after the point.
type LimitError struct {
	Period Period // where the value was meant to go
	Input  string // the value as given; a long one is cut
	Reason string // which bound it passes: "more than 40 digits after the point"
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("series: %v: value %q: %s", e.Period, e.Input, e.Reason)
}

// Unwrap returns [ErrLimit].
func (e *LimitError) Unwrap() error { return ErrLimit }

var (
	tooManyPlaces = fmt.Sprintf("more than %d digits after the point", MaxDigits)
	tooLarge      = fmt.Sprintf("more than %d digits before the point", MaxDigits)
)

// checkCoef returns which bound c × 10^exp passes, or "" if it is within
// MaxDigits. It costs no more than a comparison of two numbers of about
// 80 digits, however large c or exp.
func checkCoef(c *big.Int, exp int32) string {
	switch {
	case exp < -MaxDigits:
		return tooManyPlaces
	case c.Sign() == 0:
		return ""
	case exp >= MaxDigits:
		return tooLarge
	}
	// Within the bound when |c| < 10^k. 2^BitLen > |c| ≥ 2^(BitLen−1),
	// and 10^k lies between 2^⌊k·log₂10⌋ and 2^⌈k·log₂10⌉.
	k := int(MaxDigits - exp) // 1 … 80
	switch n := c.BitLen(); {
	case n <= k*3321/1000:
		return ""
	case n-1 >= k*3322/1000+1:
		return tooLarge
	}
	if c.CmpAbs(fixed.BigPow10(k)) >= 0 {
		return tooLarge
	}
	return ""
}

// checkInt is checkCoef for an int64 coefficient, without a big.Int for
// the common case: 19 digits or fewer, at an exponent from −40 to 21.
func checkInt(c int64, exp int32) string {
	if exp >= -MaxDigits && exp <= MaxDigits-19 || c == 0 && exp >= -MaxDigits {
		return ""
	}
	return checkCoef(big.NewInt(c), exp)
}

// describe writes c × 10^exp short enough for an error message.
func describe(c *big.Int, exp int32) string {
	var digits string
	if n := c.BitLen(); n > 200 {
		digits = fmt.Sprintf("(a number of about %d digits)", n*30103/100000+1)
	} else {
		digits = c.String()
	}
	if exp == 0 {
		return digits
	}
	return digits + "e" + strconv.Itoa(int(exp))
}

// scanValue checks text before decimal.NewFromString reads it: ok is
// false for text that is not a decimal number, and why says which bound a
// number passes when that shows in its digits alone. It reads the text
// once and converts nothing, so that a value of a million digits costs one
// scan to refuse: decimal.NewFromString would convert every digit first.
//
// A number is an optional sign, digits with at most one point (at least
// one digit in all), and an optional exponent: e or E, an optional sign,
// digits. A value within MaxDigits has at most 2 × MaxDigits significant
// digits (leading zeros do not count; trailing ones do, being places as
// written); one written with an exponent beyond ±10000 is refused too,
// as decimal.NewFromString refuses it.
func scanValue(s string) (ok bool, why string) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, sig, point := 0, 0, false
	for ; i < len(s) && s[i] != 'e' && s[i] != 'E'; i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			if c != '0' || sig > 0 {
				sig++
			}
		case c == '.' && !point:
			point = true
		default:
			return false, ""
		}
	}
	if digits == 0 {
		return false, ""
	}
	if sig > 2*MaxDigits {
		why = fmt.Sprintf("more than %d significant digits; at most %d may come before the point and %d after", 2*MaxDigits, MaxDigits, MaxDigits)
	}
	if i == len(s) {
		return true, why
	}
	i++ // the e
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	if i == len(s) {
		return false, ""
	}
	exp := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false, ""
		}
		if exp <= 10000 {
			exp = exp*10 + int(c-'0')
		}
	}
	if exp > 10000 && why == "" {
		why = "exponent out of range"
	}
	return true, why
}

// newValue parses s, as SetString does, for period p: the value, or a
// *ValueError for text that is not a decimal number, or a *LimitError for
// one beyond MaxDigits.
func newValue(p Period, s string) (decimal.Decimal, error) {
	ok, why := scanValue(s)
	if !ok {
		return decimal.Decimal{}, &ValueError{Period: p, Input: s}
	}
	if why != "" {
		return decimal.Decimal{}, &LimitError{p, cut(s), why}
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, &ValueError{Period: p, Input: s}
	}
	if why := checkCoef(v.Coefficient(), v.Exponent()); why != "" {
		return decimal.Decimal{}, &LimitError{p, cut(s), why}
	}
	return v, nil
}

// cut shortens text for an error message, as the root reader does.
func cut(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

func init() {
	unbound.Allow = func(b any) { b.(interface{ allowUnbounded() }).allowUnbounded() }
}
