package tradeflow

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// BACI returns the schema of CEPII's BACI, the reconciled bilateral trade
// flows built from UN Comtrade: one file a year and HS edition, such as
// BACI_HS22_Y2023_V202501.csv, with the columns t, i, j, k, v and q.
//
//   - t is the year: every figure is annual, January–December
//     ([Cumulative] gives it at December). A t other than the file
//     name's year (Y2023) is an error.
//   - i is the exporter and j the importer, in UN Comtrade's numbers, as
//     BACI's country_codes file lists them (842 the United States, 490
//     "Other Asia, nes", 58 Belgium-Luxembourg until 1998, 711 the
//     Southern African Customs Union until 1999, …); its 380 is Italy.
//     World (0) and the other areas that BACI's table does not list (97
//     the EU, 837 Bunkers, 899 Areas, nes) are no countries, and errors.
//   - k is the HS6 code, six digits with their leading zeros, as CEPII
//     writes it (a copy saved without them, 10111 for 010111, is refused,
//     never padded; so is any code of other than six digits, and TOTAL);
//     its edition is the file name's (HS22 is [H6]).
//   - v is the value in thousands of US dollars (unit USD_1000), FOB; q
//     the quantity in metric tonnes (T), empty or NA where BACI has none
//     (counted in [Summary.LeftOut]).
//   - The release (V202501) is the vintage, 2025-01; a file whose name
//     does not say needs [WithVintage], and a WithVintage other than the
//     name's release is an error. The source is "CEPII BACI".
//
// BACI has no reporter: each row is one reconciled flow, i's exports to j,
// which are j's imports from i, both at the same FOB value. flow says
// which reporter the dataset takes: [Exports] makes i the reporter and j
// the partner, flow X; [Imports] makes j the reporter and i the partner,
// flow M. Read a file once with each to have both; mirror statistics of
// the two ([CompareMirror]) are then equal by construction, and a CIF/FOB
// ratio of BACI's imports is 100%. BACI panics for any other flow.
//
// The fixtures testdata/baci/BACI_HS22_Y2023_V202501.csv and
// BACI_HS17_Y2018_V202301.csv imitate a year file of two releases; the
// first rows of the second are real (as a notebook published them), the
// other values invented.
func BACI(flow Flow) Schema {
	var s Schema
	switch flow {
	case Exports:
		s = Schema{Name: "CEPII BACI", Reporter: Column("i"), Partner: Column("j"), Flow: Const("X")}
	case Imports:
		s = Schema{Name: "CEPII BACI imports", Reporter: Column("j"), Partner: Column("i"), Flow: Const("M")}
	default:
		panic(fmt.Sprintf("tradeflow: BACI(%v): BACI's flows are exports and imports", flow))
	}
	s.Reporter = s.Reporter.Rename(comtradeItaly)
	s.Partner = s.Partner.Rename(comtradeItaly)
	s.Period = Column("t")
	s.Commodity = Column("k")
	s.Classification = FromName(baciEdition)
	s.Value = Column("v")
	s.Unit = Const("USD_1000")
	s.Quantities = []QuantityField{{Value: Column("q").Missing("NA"), Unit: Const("T")}}
	s.Vintage = FromName(baciVersion).Required()
	s.Source = Const("CEPII BACI")
	s.Delimiter = ','
	s.Strict = true
	s.hsLen = 6
	s.countries = baciAreas
	s.periodChecks = []periodCheck{{column: FromName(baciYear), check: baciYearCheck}}
	return s
}

// baciAreas are the areas of BACI's country table (release V202501) that
// package partner counts as aggregates: areas of the past (58
// Belgium-Luxembourg, 711 the Southern African Customs Union, …) that
// BACI lists as countries. Any other aggregate — World, 97 the EU, 837
// Bunkers, 899 Areas, nes — is no partner of a BACI flow.
var baciAreas = func() []partner.Code {
	var cs []partner.Code
	for _, n := range []string{"58", "200", "278", "280", "530", "697", "711", "736", "810", "849", "891"} {
		cs = append(cs, partner.MustParseCode(n))
	}
	return cs
}()

// baciYearCheck checks a row's t against the year of the file's name, y.
func baciYearCheck(y, text []byte, per series.Period) error {
	if year, _ := atoi(y); !isYear(per) || per.First.Year() != year {
		return fmt.Errorf("not the year the file's name gives: want %s: %w", y, ErrMalformed)
	}
	return nil
}

// BACI's file names: BACI_HS22_Y2023_V202501.csv, with a correction
// release suffixed (V202401b).
var baciName = regexp.MustCompile(`(?i)^BACI_(HS\d\d)_Y(\d{4})_V(\d{4})(\d\d)[a-z]?\.csv`)

func baciEdition(name string) string {
	if m := baciName.FindStringSubmatch(filepath.Base(name)); m != nil {
		return strings.ToUpper(m[1]) // a name saved in lower case: hs22
	}
	return ""
}

func baciYear(name string) string {
	if m := baciName.FindStringSubmatch(filepath.Base(name)); m != nil {
		return m[2]
	}
	return ""
}

func baciVersion(name string) string {
	if m := baciName.FindStringSubmatch(filepath.Base(name)); m != nil {
		return m[3] + "-" + m[4]
	}
	return ""
}
