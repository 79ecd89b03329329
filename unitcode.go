package tradeflow

import (
	"strings"
)

// A UnitCode is a unit as a file prints it, such as USD_100M or MILLION_T:
// a dimension (a currency, mass, a count, percent, an index) and a power of
// ten. The dataset keeps every value as printed with its UnitCode and
// converts it exactly to the unit a program asks for, so [Write] gives the
// figure back as printed.
//
// A UnitCode is a small comparable value; the zero UnitCode means "no
// unit".
type UnitCode struct {
	code string
	dim  string // as series.Unit.Dimension names it
	exp  int8   // one printed unit is 10^exp base units of dim
}

// The units that are not currencies, by code.
var physicalUnits = map[string]UnitCode{
	"KG":        {"KG", "mass", 0},
	"T":         {"T", "mass", 3},
	"MILLION_T": {"MILLION_T", "mass", 9},
	"ITEMS":     {"ITEMS", "count", 0},
	"L":         {"L", "volume", 0},
	"PCT":       {"PCT", "percent", 0},
	"INDEX":     {"INDEX", "index", 0},
}

// currencies the dataset knows, by ISO 4217 code.
var currencies = map[string]bool{"USD": true, "CNY": true}

// The scales a currency amount is printed in, as suffixes of its code.
var scales = map[string]int8{"": 0, "_1000": 3, "_M": 6, "_100M": 8, "_BN": 9, "_TN": 12}

// ParseUnitCode returns the unit printed as code: a currency's ISO 4217
// code alone (USD) or with a scale — _1000, _M (millions), _100M, _BN
// (billions), _TN (trillions): USD_100M, CNY_TN — or KG, T (tonnes),
// MILLION_T, ITEMS, L (litres), PCT (percent), INDEX. Errors are a
// [*ParseError] wrapping [ErrUnitCode].
func ParseUnitCode(code string) (UnitCode, error) {
	if u, ok := physicalUnits[code]; ok {
		return u, nil
	}
	cur, scale := code, ""
	if i := strings.IndexByte(code, '_'); i >= 0 {
		cur, scale = code[:i], code[i:]
	}
	if exp, ok := scales[scale]; ok && currencies[cur] {
		return UnitCode{code, cur, exp}, nil
	}
	return UnitCode{}, &ParseError{What: "unit", Input: code, Err: ErrUnitCode,
		Want: "a currency (USD, CNY) alone or with a scale (_1000, _M, _100M, _BN, _TN), or KG, T, MILLION_T, ITEMS, L, PCT, INDEX"}
}

// MustParseUnitCode is like [ParseUnitCode] but panics on error. It is
// meant for literals in programs and tests.
func MustParseUnitCode(code string) UnitCode {
	u, err := ParseUnitCode(code)
	if err != nil {
		panic(err)
	}
	return u
}

// String returns the unit as printed, such as "USD_100M"; "" for the zero
// UnitCode.
func (u UnitCode) String() string { return u.code }

// Dimension returns what the unit measures, as [series.Unit.Dimension]
// names it: "USD", "mass", "percent", ….
func (u UnitCode) Dimension() string { return u.dim }

// Exponent says that one printed unit is 10^Exponent of the dimension's
// base unit: 8 for USD_100M, 3 for T (tonnes of the kilogram).
func (u UnitCode) Exponent() int { return int(u.exp) }

// Base returns the unit of u's dimension that values are normalised to:
// the currency itself (USD), KG, ITEMS, L, PCT or INDEX.
func (u UnitCode) Base() UnitCode {
	if u.exp == 0 || u.code == "" {
		return u
	}
	if currencies[u.dim] {
		return UnitCode{u.dim, u.dim, 0}
	}
	for _, b := range physicalUnits {
		if b.dim == u.dim && b.exp == 0 {
			return b
		}
	}
	return UnitCode{}
}

// IsZero reports whether u is the zero UnitCode, which means "no unit".
func (u UnitCode) IsZero() bool { return u.code == "" }

// MarshalText returns the unit's code.
func (u UnitCode) MarshalText() ([]byte, error) { return []byte(u.code), nil }

// UnmarshalText parses a unit's code; empty text is the zero UnitCode.
func (u *UnitCode) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*u = UnitCode{}
		return nil
	}
	v, err := ParseUnitCode(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}
