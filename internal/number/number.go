// Package number writes numbers for people to read, in the one format of
// every text the module prints — tables, notes, chart labels: a comma
// between groups of three digits, a point before the decimals, and the
// minus sign U+2212 ("−3,303.5"), never a hyphen. Values are rounded half
// away from zero, as customs tables print them.
//
// Files for programs (CSV, JSON) are not text for people: they keep plain
// decimals ("-3303.5") that every parser reads.
package number

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// Minus is the sign before a negative number: the true minus, U+2212, as
// wide as the plus and not to be confused with a hyphen.
const Minus = "\u2212"

// Fixed returns v rounded half away from zero to places decimal places
// (none if places is negative), with digit groups and the true minus:
// "33,789.1", "−3.2". A value that rounds to zero has no sign.
func Fixed(v decimal.Decimal, places int32) string { return format(v, places, false) }

// Signed is [Fixed] with a "+" before a positive value, as a change is
// written: "+5.8", "−28.6", "0.0".
func Signed(v decimal.Decimal, places int32) string { return format(v, places, true) }

// Printed returns v with the decimal places it has, trailing zeros kept,
// as a file printed it: "385,907.0" for 385907.0, "4,416" for 4416.
func Printed(v decimal.Decimal) string { return Fixed(v, Places(v)) }

// Exact returns v with every decimal place it needs and no trailing
// zeros: "974.4" for 974.40000 (a figure converted between units),
// "884,680" for 884680.
func Exact(v decimal.Decimal) string {
	// String drops trailing zeros; what it writes parses back exactly.
	return Printed(decimal.RequireFromString(v.String()))
}

// Places returns the number of decimal places v is written with: 2 for
// −10.25 and for 2.50, 0 for 10 and for 1E3.
func Places(v decimal.Decimal) int32 { return max(-v.Exponent(), 0) }

func format(v decimal.Decimal, places int32, signed bool) string {
	places = max(places, 0)
	r := series.DisplayRounding.Round(v, places)
	s := r.Abs().StringFixed(places)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	switch {
	case r.IsNegative():
		b.WriteString(Minus)
	case signed && r.IsPositive():
		b.WriteByte('+')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// WithUnit writes a formatted number with a unit's symbol (the Symbol of
// a series.Unit) as text prints it: "5.7%" (a percent sign attaches),
// "USD 33,789.1 mn" (a currency code comes first, any scale after),
// "3.2 pp", "1,200 t" and "1,116.8 USD 100 mn" (a scale that is a number
// stays after) otherwise.
func WithUnit(num, unit string) string {
	switch {
	case unit == "":
		return num
	case unit == "%":
		return num + "%"
	}
	code, scale, _ := strings.Cut(unit, " ")
	if isCurrency(code) && (scale == "" || !startsWithDigit(scale)) {
		if scale == "" {
			return code + " " + num
		}
		return code + " " + num + " " + scale
	}
	return num + " " + unit
}

// isCurrency reports whether s looks like an ISO 4217 code: three capital
// letters.
func isCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := range 3 {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
