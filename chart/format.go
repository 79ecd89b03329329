package chart

import (
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// minus is the sign every chart prints before a negative number: the true
// minus, U+2212, as wide as the plus and not to be confused with a hyphen.
const minus = "\u2212"

// number formats v rounded half away from zero to places decimal places
// (at least 0), with a comma between groups of three digits and the true
// minus: "33,789.1", "−3.2". With signed, a positive value gets a "+", as a
// change does. A value that rounds to zero has no sign.
func number(v decimal.Decimal, places int32, signed bool) string {
	places = max(places, 0)
	r := series.DisplayRounding.Round(v, places)
	s := r.Abs().StringFixed(places)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	switch {
	case r.IsNegative():
		b.WriteString(minus)
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

// places returns the number of decimal places v is written with: 2 for
// −10.25, 0 for 10 and for 1E3.
func places(v decimal.Decimal) int32 {
	return max(-v.Exponent(), 0)
}

// withUnit writes a formatted number with its unit symbol as text prints
// it: "5.7%" (a percent sign attaches), "USD 33,789.1 mn" (a currency code
// comes first, any scale after), "3.2 pp" and "1,200 t" otherwise.
func withUnit(num, unit string) string {
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
