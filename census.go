package tradeflow

import (
	_ "embed"
	"strings"
)

// CensusExports returns the schema of the US Census Bureau's international
// trade API for exports by HS code (api.census.gov/data/timeseries/
// intltrade/exports/hs), as it answers: a JSON table (see [Read]) of the
// variables asked for (get=CTY_CODE,CTY_NAME,ALL_VAL_MO,QTY_1_MO,UNIT_QY1,
// E_COMMODITY) and those filtered on (time, COMM_LVL, …).
//
//   - The reporter is the United States; the flow is exports; time is the
//     month (2024-03), as a query by time gives it. An answer to a query
//     by YEAR and MONTH, which has no time, is read by its YEAR and MONTH
//     (2024 and 03); one that has all three must have the same year and
//     month in time as in YEAR and MONTH.
//   - CTY_CODE is the partner, in the Census Bureau's Schedule C codes
//     (1220 Canada, 5700 China, 5830 Taiwan), mapped to ISO codes by the
//     table in reference/census_countries.csv (a third party's
//     compilation of Schedule C); "-" (TOTAL FOR ALL COUNTRIES) is the
//     World and 0003 the EU. The Gaza Strip (5082) and the West Bank
//     (5083), which the table names GZ and WE and ISO 3166-1 does not
//     list, are read as those unlisted codes ([partner.ParseUnlisted]),
//     kept apart as the Census Bureau reports them. The API's other groupings of countries
//     (codes below 1000, or with an X) are skipped and counted in the
//     [Summary]: their members are in the file as countries.
//   - E_COMMODITY is the HS code (2, 4 or 6 digits) or the 10-digit
//     Schedule B line; "-" is all commodities.
//   - ALL_VAL_MO is the month's value in US dollars; QTY_1_MO the first
//     quantity ([SupplementaryQuantity]) in the unit UNIT_QY1 names: NO
//     (a number of items), KG, DOZ (dozens), or X (none: a zero in X is
//     left out, and counted). Only NO is known from real answers; KG, DOZ
//     and X are read as their names say, unchecked against the Census
//     Bureau's list of units: another unit is an error naming it. The year-to-date variables (ALL_VAL_YR, …) and the
//     second quantity are not read.
//
// Give the release date with [WithVintage]; the source is "US Census
// Bureau". The fixtures testdata/census/census_exports_hs_2024-03.json and
// census_exports_total_2024Q1.json imitate answers to queries by partner
// for one HS6 code and for the total; their numbers are invented.
func CensusExports() Schema {
	return censusSchema("US Census exports", "X", "E_COMMODITY", "ALL_VAL_MO", "QTY_1_MO")
}

// CensusImports returns the schema of the US Census Bureau's international
// trade API for imports by HS code (…/intltrade/imports/hs), as
// [CensusExports] reads exports: GEN_VAL_MO, general imports, is the value,
// I_COMMODITY the commodity, GEN_QY1_MO its quantity in UNIT_QY1.
// Imports for consumption (CON_VAL_MO, CON_QY1_MO) and the duties are not
// read. The fixture testdata/census/census_imports_hs_2024-03.json imitates
// an answer; its numbers are invented.
func CensusImports() Schema {
	return censusSchema("US Census imports", "M", "I_COMMODITY", "GEN_VAL_MO", "GEN_QY1_MO")
}

func censusSchema(name, flow, commodity, value, qty string) Schema {
	return Schema{
		Name:      name,
		Period:    Column("time"),
		Month:     Column("MONTH").Optional(),
		yearMonth: &[2]Field{Column("YEAR"), Column("MONTH")},
		// With time, YEAR must be its year (MONTH, as Month, its month).
		periodChecks: []periodCheck{{column: Column("YEAR"), check: yearOf("YEAR")}},
		Reporter:     Const("USA"),
		Partner:      Column("CTY_CODE").Map(censusCountries),
		Flow:         Const(flow),
		Commodity:    Column(commodity).Rename(map[string]string{"-": "TOTAL"}),
		Value:        Column(value),
		Unit:         Const("USD"),
		Vintage:      Column("vintage").Required(),
		Source:       Const("US Census Bureau"),
		Quantities: []QuantityField{
			{Measure: SupplementaryQuantity, Value: Column(qty), Unit: Column("UNIT_QY1").Map(censusUnits)},
		},
		Skip: []Skip{
			{Column: Column("CTY_CODE"), Match: isCensusGroup,
				Reason: "a grouping of countries other than the EU (CTY_CODE below 1000, or with an X)"},
		},
		unlistedOnly: censusOwn,
	}
}

// censusOwn are the codes of the table that ISO 3166-1 does not have:
// the Gaza Strip and the West Bank, which the Census Bureau reports
// apart (5082 and 5083).
var censusOwn = []string{"GZ", "WE"}

// censusUnits are the Census Bureau's units of quantity the schemas read.
var censusUnits = map[string]string{"NO": "ITEMS", "KG": "KG", "DOZ": "DOZENS", "X": ""}

// isCensusGroup reports whether a CTY_CODE groups countries: codes below
// 1000 (0003, the EU, is kept as the EU) and codes with an X.
func isCensusGroup(code string) bool {
	if code == "0003" || code == "-" {
		return false
	}
	return strings.ContainsAny(code, "Xx") || len(code) == 4 && code[0] == '0'
}

//go:embed reference/census_countries.csv
var censusCountriesCSV []byte

// censusCountries maps Schedule C codes to partner codes:
// reference/census_countries.csv, with "-" the World and 0003 the EU.
var censusCountries = mustCensusCountries(censusCountriesCSV)

// censusISO renames the compilation's codes that are not ISO 3166-1's:
// it writes KV for Kosovo, which package partner knows as XK.
var censusISO = map[string]string{"KV": "XK"}

func mustCensusCountries(data []byte) map[string]string {
	recs, err := readReference(data, "name", "cty_code", "iso2")
	if err != nil {
		panic("tradeflow: reference/census_countries.csv: " + err.Error())
	}
	m := map[string]string{"-": "WLD", "0003": "EU"}
	for _, r := range recs {
		iso := r[2]
		if v, ok := censusISO[iso]; ok {
			iso = v
		}
		m[r[1]] = iso
	}
	return m
}
