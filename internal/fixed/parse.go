package fixed

// Parsing decimal text straight into a coefficient and an exponent, without
// going through a general decimal type: the reader's hot path.

import (
	"fmt"
	"math/big"
)

// A Number is coef × 10^Exp, with the coefficient in Coef when its
// magnitude fits an int64 and in Big (Coef zero) when it does not. Exp keeps the places the
// text was written with: "12.50" is 1250 × 10^-2.
type Number struct {
	Coef int64
	Exp  int32
	Big  *big.Int
}

// Format says how numbers are written in a file.
type Format struct {
	Point     byte // the decimal point: '.' or ','
	Thousands byte // the digit-group separator, or 0 when groups are not separated
	MaxDigits int  // at most this many digits before the point and after it
}

// A SyntaxError says why text is not a number.
type SyntaxError struct {
	Reason string
}

func (e *SyntaxError) Error() string { return e.Reason }

// Parse reads a plain decimal number: an optional sign, digits with an
// optional point, and an optional exponent (e or E, an optional sign,
// digits). Digit groups are accepted only with f.Thousands set, in groups
// of three. Anything else — empty text, spaces, NaN, infinities, a second
// point — is an error, found in one pass over b: a value of ten million
// digits costs one scan to refuse, never a big-number conversion.
func Parse(b []byte, f Format) (Number, error) {
	if f.MaxDigits >= 18 {
		if n, ok := parseShort(b, f.Point); ok {
			return n, nil
		}
	}
	if len(b) == 0 {
		return Number{}, &SyntaxError{"empty"}
	}
	i := 0
	neg := false
	switch b[0] {
	case '-':
		neg = true
		i++
	case '+':
		i++
	}
	var (
		coef      uint64
		wide      bool // coef no longer fits: digits are re-read into a big.Int
		sig       int  // significant digits so far (leading zeros skipped)
		intDigits int  // digits before the point, leading zeros skipped
		places    int  // digits after the point
		seenDigit bool
		point     = -1 // index of the point
		group     = -1 // digits since the last group separator, -1 before the first
		firstGrp  int  // digits before the first group separator
	)
	start := i
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			seenDigit = true
			if point < 0 {
				if group >= 0 {
					group++
				} else {
					firstGrp++
				}
			}
			if sig == 0 && c == '0' {
				if point >= 0 {
					places++
				}
				continue
			}
			sig++
			if point >= 0 {
				places++
			} else {
				intDigits++
			}
			if sig > 2*f.MaxDigits {
				return Number{}, &SyntaxError{fmt.Sprintf("more than %d digits", 2*f.MaxDigits)}
			}
			if d := uint64(c - '0'); !wide && coef > (1<<63-1-d)/10 {
				wide = true
			} else if !wide {
				coef = coef*10 + d
			}
		case c == f.Point && point < 0:
			if group >= 0 && group != 3 {
				return Number{}, &SyntaxError{fmt.Sprintf("digit groups of %d: want groups of three", group)}
			}
			point = i
		case f.Thousands != 0 && c == f.Thousands && point < 0:
			if !seenDigit || (group >= 0 && group != 3) || (group < 0 && (firstGrp == 0 || firstGrp > 3)) {
				return Number{}, &SyntaxError{fmt.Sprintf("misplaced digit-group separator %q at byte %d", c, i+1)}
			}
			group = 0
		case c == 'e' || c == 'E':
			goto exponent
		default:
			return Number{}, &SyntaxError{notPlain(b, i)}
		}
	}
	if group >= 0 && point < 0 && group != 3 {
		return Number{}, &SyntaxError{fmt.Sprintf("digit groups of %d: want groups of three", group)}
	}
	if !seenDigit {
		return Number{}, &SyntaxError{"no digits"}
	}
	return finish(b[start:i], f, neg, coef, wide, intDigits, places, 0)

exponent:
	{
		if !seenDigit {
			return Number{}, &SyntaxError{"no digits before the exponent"}
		}
		if group >= 0 && point < 0 && group != 3 {
			return Number{}, &SyntaxError{fmt.Sprintf("digit groups of %d: want groups of three", group)}
		}
		mant := b[start:i]
		i++
		eneg := false
		if i < len(b) && (b[i] == '-' || b[i] == '+') {
			eneg = b[i] == '-'
			i++
		}
		if i == len(b) {
			return Number{}, &SyntaxError{"no digits in the exponent"}
		}
		e := 0
		for ; i < len(b); i++ {
			c := b[i]
			if c < '0' || c > '9' {
				return Number{}, &SyntaxError{notPlain(b, i)}
			}
			if e < 1e6 {
				e = e*10 + int(c-'0')
			}
		}
		if eneg {
			e = -e
		}
		return finish(mant, f, neg, coef, wide, intDigits, places, e)
	}
}

// ParseShort is Parse's fast path alone: it reads an optional minus, at
// most 18 digits with at most one point, and nothing else, and reports
// false for anything else (which Parse then reads in full). Such a number
// is always within any bound of 18 digits or more.
func ParseShort(b []byte, point byte) (Number, bool) { return parseShort(b, point) }

// parseShort reads the common case fast: an optional minus, at most 18
// digits with at most one point, and nothing else. ok is false for
// anything else, which Parse then reads in full.
func parseShort(b []byte, point byte) (Number, bool) {
	if len(b) == 0 || len(b) > 19 {
		return Number{}, false
	}
	i, neg := 0, false
	if b[0] == '-' {
		neg, i = true, 1
	}
	var c uint64
	dot, digits := -1, 0
	for ; i < len(b); i++ {
		d := b[i] - '0'
		if d <= 9 {
			c = c*10 + uint64(d)
			digits++
			continue
		}
		if b[i] != point || dot >= 0 {
			return Number{}, false
		}
		dot = i
	}
	if digits == 0 || digits > 18 {
		return Number{}, false
	}
	exp := int32(0)
	if dot >= 0 {
		exp = int32(dot - len(b) + 1)
	}
	v := int64(c)
	if neg {
		v = -v
	}
	if v == 0 {
		exp = min(exp, 0)
	}
	return Number{Coef: v, Exp: exp}, true
}

// finish checks the bounds and builds the number; mant is the text of the
// digits (with point and separators), e the exponent.
func finish(mant []byte, f Format, neg bool, coef uint64, wide bool, intDigits, places, e int) (Number, error) {
	if coef == 0 && !wide {
		// Zero: no magnitude to bound; keep the places as written, bounded.
		exp := e - places
		switch {
		case exp < -f.MaxDigits:
			return Number{}, &SyntaxError{fmt.Sprintf("more than %d digits after the point", f.MaxDigits)}
		case e > f.MaxDigits:
			return Number{}, &SyntaxError{fmt.Sprintf("exponent %d out of range", e)}
		}
		return Number{Exp: int32(min(exp, 0))}, nil
	}
	// Digits before and after the point once the exponent is applied.
	before, after := intDigits+e, places-e
	if intDigits == 0 {
		// 0.00123: the significant digits start after some zeros.
		before = e - (places - sigAfterPoint(mant, f.Point))
	}
	if before > f.MaxDigits {
		return Number{}, &SyntaxError{fmt.Sprintf("more than %d digits before the point", f.MaxDigits)}
	}
	if after > f.MaxDigits {
		return Number{}, &SyntaxError{fmt.Sprintf("more than %d digits after the point", f.MaxDigits)}
	}
	n := Number{Exp: int32(-after)}
	if !wide {
		n.Coef = int64(coef)
		if neg {
			n.Coef = -n.Coef
		}
		return n, nil
	}
	n.Big = new(big.Int)
	ten := big.NewInt(10)
	for _, c := range mant {
		if c >= '0' && c <= '9' {
			n.Big.Mul(n.Big, ten)
			n.Big.Add(n.Big, big.NewInt(int64(c-'0')))
		}
	}
	if neg {
		n.Big.Neg(n.Big)
	}
	return n, nil
}

// sigAfterPoint returns the number of digits after the point from the
// first significant one on.
func sigAfterPoint(mant []byte, point byte) int {
	n, seen, after := 0, false, false
	for _, c := range mant {
		switch {
		case c == point:
			after = true
		case after && c >= '1' && c <= '9':
			seen = true
			n++
		case after && c == '0' && seen:
			n++
		}
	}
	return n
}

func notPlain(b []byte, i int) string {
	c := b[i]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("not a plain decimal number (%q at byte %d)", c, i+1)
	}
	return fmt.Sprintf("not a plain decimal number (byte 0x%02x at byte %d)", c, i+1)
}
