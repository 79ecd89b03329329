package tradeflow

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"slices"
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

// The units that are not currencies, by code. Units of one dimension
// convert exactly; a unit that is no power of ten of another (a pair, a
// dozen, a barrel, a kilogram of nitrogen) is a dimension of its own.
var physicalUnits = map[string]UnitCode{
	"KG":        {"KG", "mass", 0},
	"T":         {"T", "mass", 3},
	"MILLION_T": {"MILLION_T", "mass", 9},
	"ITEMS":     {"ITEMS", "count", 0},
	"L":         {"L", "volume", 0},
	"PCT":       {"PCT", "percent", 0},
	"INDEX":     {"INDEX", "index", 0},

	// The units of UN Comtrade's quantities (reference/comtrade_units.csv).
	"G":               {"G", "mass", -3},
	"THOUSAND_KG":     {"THOUSAND_KG", "mass", 3},
	"HEAD":            {"HEAD", "count", 0},
	"PACKAGES":        {"PACKAGES", "count", 0},
	"BEEHIVES":        {"BEEHIVES", "count", 0},
	"THOUSAND_ITEMS":  {"THOUSAND_ITEMS", "count", 3},
	"M3":              {"M3", "volume", 3},
	"THOUSAND_L":      {"THOUSAND_L", "volume", 3},
	"THOUSAND_M3":     {"THOUSAND_M3", "volume", 6},
	"M":               {"M", "length", 0},
	"KM":              {"KM", "length", 3},
	"M2":              {"M2", "area", 0},
	"KWH":             {"KWH", "electrical energy", 0},
	"THOUSAND_KWH":    {"THOUSAND_KWH", "electrical energy", 3},
	"PAIRS":           {"PAIRS", "pairs", 0},
	"DOZENS":          {"DOZENS", "dozens", 0},
	"CARATS":          {"CARATS", "carats", 0},
	"TJ":              {"TJ", "terajoules (gross calorific value)", 0},
	"BBL":             {"BBL", "barrels", 0},
	"L_ALC":           {"L_ALC", "litres of pure alcohol", 0},
	"KG_DRAINED":      {"KG_DRAINED", "kg drained net weight", 0},
	"KG_C5H14CLNO":    {"KG_C5H14CLNO", "kg of choline chloride", 0},
	"KG_P2O5":         {"KG_P2O5", "kg of diphosphorus pentaoxide", 0},
	"KG_H2O2":         {"KG_H2O2", "kg of hydrogen peroxide", 0},
	"KG_METHYLAMINES": {"KG_METHYLAMINES", "kg of methylamines", 0},
	"KG_N":            {"KG_N", "kg of nitrogen", 0},
	"KG_KOH":          {"KG_KOH", "kg of potassium hydroxide", 0},
	"KG_K2O":          {"KG_K2O", "kg of potassium oxide", 0},
	"KG_NAOH":         {"KG_NAOH", "kg of sodium hydroxide", 0},
	"KG_90PCT_DRY":    {"KG_90PCT_DRY", "kg of substance 90% dry", 0},
	"KG_U":            {"KG_U", "kg of uranium", 0},
	"CARRYING_T":      {"CARRYING_T", "carrying capacity in tonnes", 0},
	"BQ":              {"BQ", "becquerels", 0},
	"G_FISSILE":       {"G_FISSILE", "grams of fissile isotopes", 0},
	"GRT":             {"GRT", "gross register tonnes", 0},
	"GT":              {"GT", "gross tonnage", 0},
	"CELLS":           {"CELLS", "cells or elements", 0},
}

// The scales a currency amount is printed in, as suffixes of its code.
var scales = map[string]int8{"": 0, "_1000": 3, "_M": 6, "_100M": 8, "_BN": 9, "_TN": 12}

//go:embed reference/iso4217.csv
var iso4217CSV []byte

// currencies are the ISO 4217 codes a value may be printed in: every code
// of ISO 4217 List One in reference/iso4217.csv except the funds (BOV,
// CHE, USN, …), which are units of account rather than money a trade
// figure is printed in, and XTS and XXX, which ISO reserves for testing
// and for "no currency".
var currencies = mustCurrencies(iso4217CSV)

func mustCurrencies(data []byte) map[string]bool {
	recs, err := readReference(data, "alpha", "numeric", "minor_units", "name", "is_fund", "entity_count", "first_entity")
	if err != nil {
		panic("tradeflow: reference/iso4217.csv: " + err.Error())
	}
	m := make(map[string]bool, len(recs))
	for _, r := range recs {
		if r[4] == "true" || r[0] == "XTS" || r[0] == "XXX" {
			continue
		}
		m[r[0]] = true
	}
	return m
}

// readReference reads an embedded reference table: CSV with a header,
// lines starting with # are comments.
func readReference(data []byte, header ...string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = len(header)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		return nil, errors.New("missing or unexpected header")
	}
	return recs[1:], nil
}

// ParseUnitCode returns the unit printed as code: an ISO 4217 currency
// code alone (USD, EUR, JPY) or with a scale — _1000, _M (millions),
// _100M, _BN (billions), _TN (trillions): USD_100M, EUR_M, CNY_TN — or a
// physical unit: KG, G, T (tonnes), THOUSAND_KG, MILLION_T, ITEMS, HEAD,
// PACKAGES, BEEHIVES, THOUSAND_ITEMS, L (litres), THOUSAND_L, M3,
// THOUSAND_M3, M, KM, M2, KWH, THOUSAND_KWH, and the units of UN
// Comtrade's quantities that are no power of ten of these (PAIRS,
// DOZENS, CARATS, TJ, BBL, L_ALC, KG_N and the other kilograms of a
// substance, …: see reference/comtrade_units.csv), each a dimension of
// its own; or PCT (percent) or INDEX. Currencies are every code of ISO
// 4217 but its funds and XTS and XXX. Errors are a [*ParseError]
// wrapping [ErrUnitCode].
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
		Want: "an ISO 4217 currency (USD, EUR, JPY) alone or with a scale (_1000, _M, _100M, _BN, _TN), or a physical unit such as KG, T, MILLION_T, ITEMS, L, M3, or PCT, INDEX"}
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
// the currency itself (USD), KG, ITEMS, L, M, M2, KWH, PCT or INDEX, or
// the unit itself for a dimension of one unit (PAIRS).
func (u UnitCode) Base() UnitCode {
	if u.exp == 0 || u.code == "" {
		return u
	}
	if currencies[u.dim] {
		return UnitCode{u.dim, u.dim, 0}
	}
	return physicalUnits[baseUnits[u.dim]]
}

// baseUnits are the base units of the dimensions of more than one unit.
var baseUnits = map[string]string{"mass": "KG", "count": "ITEMS", "volume": "L", "length": "M", "electrical energy": "KWH"}

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
