package commodity

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// A Code is a Harmonized System (HS) commodity code: a chapter (2 digits,
// "28"), a heading (4 digits, "2846"), a subheading (6 digits, "2846.90"),
// or a national tariff or statistical line that extends a subheading
// (8 digits, "2846.90.19", or 10 digits, "2846.90.99.10", as in China's
// customs tariff). The first six digits are the same in every country that
// uses the Harmonized System; the national digits are not.
//
// Codes are small comparable values: two codes are equal (==) when they
// have the same digits, so "2846.90" and "28 46 90" parse to equal codes.
// [Code.Compare] orders them as the nomenclature lists them, a code before
// the codes under it. The zero Code is not a code; it means "no code",
// prints as "" and contains nothing.
//
// A Code is checked for form, not looked up: [ParseCode] accepts 2846.95,
// which the nomenclature does not define, but rejects chapter 77, which
// is reserved, and heading 2800, which cannot exist.
type Code struct {
	v uint64 // the digits as a number: 284690 for 2846.90
	n uint8  // the number of digits: 0 (zero Code), 2, 4, 6, 8 or 10
}

// ErrCode is wrapped by every error about text that is not an HS code.
var ErrCode = errors.New("invalid HS code")

// A CodeError reports text that is not an HS code.
type CodeError struct {
	Input  string // the text as given
	Reason string // what is wrong with it
}

func (e *CodeError) Error() string {
	return fmt.Sprintf("commodity: invalid HS code %q: %s", e.Input, e.Reason)
}

// Unwrap returns [ErrCode].
func (e *CodeError) Unwrap() error { return ErrCode }

// ParseCode parses an HS code of 2, 4, 6, 8 or 10 digits. The digits may
// be written together ("284690") or in groups of two or more separated by
// one dot or space after the 2nd, 4th, 6th or 8th digit ("2846.90",
// "28 46 90", "28.46", "2846.90.19"). Nothing else is accepted: no
// surrounding space, no other separator, no "HS" prefix.
//
// The chapter must be one of 01–97 other than 77, which the Harmonized
// System reserves; a heading cannot be 00 within its chapter. Whether the
// nomenclature defines the code is not checked.
//
// Errors are a [*CodeError] wrapping [ErrCode] and quote the input.
func ParseCode(s string) (Code, error) {
	var c Code
	sep := false // the previous byte was a separator
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b >= '0' && b <= '9':
			if c.n == 10 {
				return Code{}, &CodeError{s, "more than 10 digits"}
			}
			c.v = c.v*10 + uint64(b-'0')
			c.n++
			sep = false
		case b == '.' || b == ' ':
			switch {
			case i == 0 || sep:
				return Code{}, &CodeError{s, fmt.Sprintf("%q at column %d does not follow a digit", b, i+1)}
			case c.n%2 != 0 || c.n == 10:
				return Code{}, &CodeError{s, fmt.Sprintf("%q at column %d: a separator must follow the 2nd, 4th, 6th or 8th digit", b, i+1)}
			}
			sep = true
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return Code{}, &CodeError{s, fmt.Sprintf("unexpected %q at column %d; want digits, dots or spaces", r, i+1)}
		}
	}
	switch {
	case len(s) == 0:
		return Code{}, &CodeError{s, "empty"}
	case sep:
		return Code{}, &CodeError{s, "ends with a separator"}
	case c.n%2 != 0:
		return Code{}, &CodeError{s, fmt.Sprintf("has %d digits; want 2, 4, 6, 8 or 10", c.n)}
	}
	ch := int(c.Chapter().v)
	switch {
	case ch == 0 || ch > 97:
		return Code{}, &CodeError{s, fmt.Sprintf("chapter %02d does not exist; chapters run from 01 to 97", ch)}
	case ch == 77:
		return Code{}, &CodeError{s, "chapter 77 is reserved and has no goods"}
	case c.n >= 4 && c.truncate(4).v%100 == 0:
		return Code{}, &CodeError{s, fmt.Sprintf("heading %04d does not exist; headings are numbered from 01 within their chapter", c.truncate(4).v)}
	}
	return c, nil
}

// MustParseCode is like [ParseCode] but panics on error. It is meant for
// literals in programs and tests.
func MustParseCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

// pow10 returns 10^k for the 0 ≤ k ≤ 10 that a code's digits need.
func pow10(k uint8) uint64 {
	p, _ := fixed.Pow10U(int(k))
	return p
}

// truncate returns the first n digits of c; n <= c.n.
func (c Code) truncate(n uint8) Code {
	return Code{c.v / pow10(c.n-n), n}
}

// IsZero reports whether c is the zero Code, which means "no code".
func (c Code) IsZero() bool { return c.n == 0 }

// Len returns the number of digits of c: 2, 4, 6, 8 or 10, or 0 for the
// zero Code.
func (c Code) Len() int { return int(c.n) }

// IsNational reports whether c is a national line (8 or 10 digits), whose
// meaning depends on the country's tariff rather than on the Harmonized
// System.
func (c Code) IsNational() bool { return c.n > 6 }

// Chapter returns the chapter of c, its first two digits: 28 for
// 2846.90.19. It returns the zero Code for the zero Code.
func (c Code) Chapter() Code { return c.level(2) }

// Heading returns the heading of c, its first four digits: 2846 for
// 2846.90.19. A chapter has no heading: the result is then the zero Code.
func (c Code) Heading() Code { return c.level(4) }

// Subheading returns the subheading of c, its first six digits: 2846.90
// for 2846.90.19. A chapter or a heading has no subheading: the result is
// then the zero Code.
func (c Code) Subheading() Code { return c.level(6) }

func (c Code) level(n uint8) Code {
	if c.n < n {
		return Code{}
	}
	return c.truncate(n)
}

// Contains reports whether o lies under c in the nomenclature: whether c's
// digits begin o's. Every code contains itself; the chapter 28 contains the
// heading 2846 and the national line 2846.90.19, and 2846.90 does not
// contain 2846. The zero Code contains nothing and lies under nothing.
func (c Code) Contains(o Code) bool {
	return c.n != 0 && c.n <= o.n && o.truncate(c.n) == c
}

// Compare returns -1 if c comes before o in the nomenclature's order, 0 if
// they are equal and +1 if c comes after o: digits compare as text, and a
// code comes before the codes under it (28 < 2846 < 2846.10 < 2846.90 <
// 2847). The zero Code comes first. slices.SortFunc(cs, Code.Compare)
// sorts codes.
func (c Code) Compare(o Code) int {
	a, b := c.v*pow10(10-c.n), o.v*pow10(10-o.n)
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	case c.n < o.n:
		return -1
	case c.n > o.n:
		return +1
	}
	return 0
}

// Digits returns the digits of c with no separator, "284690" for 2846.90,
// as customs data files usually write codes. It is "" for the zero Code.
func (c Code) Digits() string {
	var buf [10]byte
	return string(c.appendDigits(buf[:0]))
}

func (c Code) appendDigits(b []byte) []byte {
	for i := int(c.n) - 1; i >= 0; i-- {
		b = append(b, byte('0'+c.v/pow10(uint8(i))%10))
	}
	return b
}

// String returns c in its canonical form: the first four digits together,
// then a dot before each further pair ("28", "2846", "2846.90",
// "2846.90.19", "2846.90.99.10"). [ParseCode] reads it back. The zero Code
// is "".
func (c Code) String() string {
	var buf [13]byte
	return string(c.appendText(buf[:0]))
}

// AppendText appends the form of [Code.String] to b, as
// [encoding.TextAppender] asks; the error is always nil.
func (c Code) AppendText(b []byte) ([]byte, error) { return c.appendText(b), nil }

func (c Code) appendText(b []byte) []byte {
	var d [10]byte
	digits := c.appendDigits(d[:0])
	for i, x := range digits {
		if i >= 4 && i%2 == 0 {
			b = append(b, '.')
		}
		b = append(b, x)
	}
	return b
}

// MarshalText returns the form of [Code.String]. JSON uses it, so a Code
// is a JSON string.
func (c Code) MarshalText() ([]byte, error) { return c.appendText(nil), nil }

// UnmarshalText parses any form [ParseCode] accepts. Empty text gives the
// zero Code, so that the zero Code round-trips as "".
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Code{}
		return nil
	}
	p, err := ParseCode(string(b))
	if err != nil {
		return err
	}
	*c = p
	return nil
}

// Value returns the code in its canonical form ("2846.90") for a database
// column, or NULL for the zero Code, which means "no code". It implements
// [driver.Valuer].
func (c Code) Value() (driver.Value, error) {
	if c.IsZero() {
		return nil, nil
	}
	return c.String(), nil
}

// Scan reads a code from a database column, implementing
// [database/sql.Scanner]: text in any form [ParseCode] accepts. NULL and
// empty text are the zero Code. An integer column is refused, since it
// cannot hold the leading zero of chapters 01–09 ("0101" is not 101).
func (c *Code) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*c = Code{}
		return nil
	case string:
		return c.UnmarshalText([]byte(x))
	case []byte:
		return c.UnmarshalText(x)
	}
	return &CodeError{fmt.Sprintf("%v", src), fmt.Sprintf("cannot scan a %T into an HS code; store codes as text", src)}
}
