package tradeflow

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tradeflow-go/tradeflow/series"
)

// A Unit is a unit as a file prints it, such as USD_100M or MILLION_T. The
// loaders normalise every value exactly to its dimension's base unit (USD,
// CNY, kg, percent, index) and remember the printed unit, so [Write] gives
// the figure back as printed.
type Unit struct {
	code string
	base series.Unit // the base unit of the dimension, Exponent 0
	exp  int         // one printed unit is 10^exp base units
}

// The printed units the loaders know.
var units = map[string]Unit{
	"USD":       {"USD", series.USD{}, 0},
	"USD_1000":  {"USD_1000", series.USD{}, 3},
	"USD_M":     {"USD_M", series.USD{}, 6},
	"USD_100M":  {"USD_100M", series.USD{}, 8},
	"USD_BN":    {"USD_BN", series.USD{}, 9},
	"CNY":       {"CNY", series.CNY{}, 0},
	"CNY_100M":  {"CNY_100M", series.CNY{}, 8},
	"CNY_BN":    {"CNY_BN", series.CNY{}, 9},
	"CNY_TN":    {"CNY_TN", series.CNY{}, 12},
	"KG":        {"KG", series.Kilograms{}, 0},
	"T":         {"T", series.Kilograms{}, 3},
	"MILLION_T": {"MILLION_T", series.Kilograms{}, 9},
	"ITEMS":     {"ITEMS", series.Items{}, 0},
	"L":         {"L", series.Litres{}, 0},
	"PCT":       {"PCT", series.Percent{}, 0},
	"INDEX":     {"INDEX", series.Index{}, 0},
}

// ParseUnit returns the unit printed as code, such as "USD_100M".
func ParseUnit(code string) (Unit, error) {
	if u, ok := units[code]; ok {
		return u, nil
	}
	known := make([]string, 0, len(units))
	for k := range units {
		known = append(known, k)
	}
	sort.Strings(known)
	return Unit{}, fmt.Errorf("unknown unit %q: want one of %s", code, strings.Join(known, ", "))
}

// Code returns the unit as printed, such as "USD_100M".
func (u Unit) Code() string { return u.code }

// Dimension returns what the unit measures, as [series.Unit.Dimension] names it.
func (u Unit) Dimension() string {
	if u.base == nil {
		return ""
	}
	return u.base.Dimension()
}

// Base returns the code of the dimension's base unit, which values are
// normalised to: USD, CNY, KG, ITEMS, L, PCT or INDEX.
func (u Unit) Base() Unit {
	for _, c := range []string{"USD", "CNY", "KG", "ITEMS", "L", "PCT", "INDEX"} {
		if b := units[c]; u.base != nil && b.base.Dimension() == u.base.Dimension() {
			return b
		}
	}
	return Unit{}
}

// String returns the code.
func (u Unit) String() string { return u.code }
