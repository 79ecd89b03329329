package tradeflow

import (
	"bytes"
	_ "embed"
	"fmt"
	"time"

	"github.com/tradeflow-go/tradeflow/series"
)

// Comtrade returns the schema of UN Comtrade's data as its data API and
// its website write it in CSV: the 47 columns typeCode, freqCode, …,
// primaryValue, legacyEstimationFlag, isReported, isAggregate, with the
// codes' descriptions beside them or not. Of those, a header must have
// period, reporterCode, partnerCode, flowCode, cmdCode and primaryValue;
// the others are read when present.
//
//   - period is a month (202511) or a year (2025: an annual figure,
//     January–December, which [Cumulative] gives at December; Comtrade
//     writes such rows with freqCode A and refMonth 52). freqCode, refYear,
//     refMonth and refPeriodId, when the file has them, must agree with
//     it (M, 2025, 11 and 20251101 for 202511; A, 2025, 52 and 20250101
//     for 2025): a row they contradict is an error naming the column.
//   - reporterCode and partnerCode are Comtrade's numbers, read through
//     package partner: 842 is the United States, 0 the World, 490 "Other
//     Asia, nes" (Taiwan), 97 the EU (a reporter), 837 Bunkers, 838 Free
//     Zones, 839 Special Categories, 899 Areas, nes, and the other areas
//     of Comtrade's partnerAreas.json. Italy is 380, as Comtrade's reference
//     tables of 2025-06-05 number it (package partner's Comtrade number for
//     Italy is 381, which reads as Italy too).
//   - flowCode X, M, RX, RM, DX, FM, MIP, MOP, XIP or XOP.
//   - cmdCode TOTAL or a code of classificationCode's classification:
//     H0 to H6 are editions of the Harmonized System, kept on each figure
//     ([Figure.Edition]); a row in another classification (S1–S4 SITC, B4
//     and B5 BEC, EB EBOPS) or of services (typeCode S; goods are C) is an
//     error, or with [KeepOtherCodes] a figure of its own classification
//     ([OtherCode]), never an HS code. Comtrade's codes 99, 9999 and
//     999999, commodities not specified according to kind, which its HS
//     lists hold beside the HS, are skipped and counted in the [Summary],
//     or with KeepOtherCodes kept as COMTRADE:99, COMTRADE:9999 and
//     COMTRADE:999999. Any other cmdCode that is not an HS code, a
//     product group's name included, is an error.
//   - primaryValue is the value in US dollars (CIF for imports, FOB for
//     exports, as Comtrade chooses it); cifvalue and fobvalue are not read.
//   - netWgt is the net weight in kg ([Quantity]), grossWgt the gross
//     weight ([GrossWeight]), qty a quantity in the unit qtyUnitCode
//     names ([SupplementaryQuantity]; Comtrade's units, in
//     reference/comtrade_units.csv). An empty cell is no quantity; so are
//     Comtrade's ways of writing one it does not have: a zero whose
//     estimation flag (isNetWgtEstimated, …) is true, and a zero in unit
//     -1 ("N/A"). Each is counted in [Summary.LeftOut]; so are the
//     quantities of a file that has qty and no qtyUnitCode column, which
//     are in no unit, so none. altQty is not read.
//   - isQtyEstimated, isNetWgtEstimated and isGrossWgtEstimated set
//     [Estimated] on their quantity; isReported sets [Reported] and
//     isAggregate [Aggregated] on every figure of the row. Booleans are
//     True/False as the API writes them, or 1/0 as the bulk files do.
//   - Rows that break a total down — by second partner (partner2Code
//     other than 0), mode of transport (motCode other than 0), customs
//     procedure (customsCode other than C00), mode of supply (mosCode other
//     than 0) — are skipped and counted in the [Summary]: the total row
//     already counts them. The codes of totals are read in any case and
//     with any leading zeros (00 and 000 are 0, c00 is C00). A row is
//     skipped only if it is good but for being a part: one whose code,
//     period, key or value is bad is an error, and so is the header
//     repeated (two downloads joined into one). With [KeepBreakdowns]
//     they are kept, under keys whose [Key.Breakdown] names the part
//     ("partner2=410", "mot=2100", "customs=C05", "mos=…").
//
// Comtrade files carry no release date; give it with [WithVintage]. The
// source of every figure is "UN Comtrade".
//
// The fixture testdata/comtrade/comtrade_plus_api.csv imitates a data API
// response written as CSV with descriptions (/data/v1/get/C/A/HS with
// includeDesc=true); its header is a real one, its numbers are invented.
func Comtrade() Schema {
	return comtradeSchema("UN Comtrade", 0)
}

// ComtradeBulk returns the schema of UN Comtrade's bulk files, as its bulk
// API serves them (C_A_156_202301_H6_O.txt.gz, say: goods, annual, China,
// 2023, HS 2022): gzip-compressed, tab-separated, 34 columns from
// datasetCode to isAggregate, with booleans written 1 and 0 and no
// descriptions. The columns and conventions are those of [Comtrade]: the
// file's classificationSearchCode is the edition, as classificationCode
// is. The header's spellings of a few columns are known only from
// third-party readers (CIFValue and FOBValue, isNetWgtEstimated, which
// Comtrade's reference table spells isnetWgtEstimated): columns are
// matched in any case, and CIFValue and FOBValue are not read.
//
// The fixtures testdata/comtrade/C_A_156_202301_H6_O.txt.gz and
// C_M_156_202303_H6_O.txt.gz imitate an annual and a monthly bulk file,
// CRLF line ends included; their numbers and datasetCodes are invented.
func ComtradeBulk() Schema {
	return comtradeSchema("UN Comtrade bulk", '\t')
}

func comtradeSchema(name string, delim byte) Schema {
	return Schema{
		Name:     name,
		Period:   Column("period"),
		Reporter: Column("reporterCode").Rename(comtradeItaly),
		Partner:  Column("partnerCode").Rename(comtradeItaly),
		Flow: Column("flowCode").Map(map[string]string{"X": "X", "M": "M", "RX": "RX", "RM": "RM",
			"DX": "DX", "FM": "FM", "MIP": "MIP", "MOP": "MOP", "XIP": "XIP", "XOP": "XOP"}),
		Commodity:      Column("cmdCode"),
		Classification: Column("classificationCode").Optional(),
		HSOnly:         true,
		Services:       Column("typeCode").Map(map[string]string{"C": "false", "S": "true"}),
		Value:          Column("primaryValue"),
		Unit:           Const("USD"),
		Vintage:        Column("vintage").Required(),
		Source:         Const("UN Comtrade"),
		Quantities: []QuantityField{
			{Value: Column("netWgt"), Unit: Const("KG"), Estimated: Column("isNetWgtEstimated")},
			{Measure: GrossWeight, Value: Column("grossWgt"), Unit: Const("KG"), Estimated: Column("isGrossWgtEstimated")},
			{Measure: SupplementaryQuantity, Value: Column("qty"), Unit: Column("qtyUnitCode").Map(comtradeUnits).Or(""),
				Estimated: Column("isQtyEstimated")},
		},
		Flags: []FlagField{
			{Column: Column("isReported"), Flag: Reported},
			{Column: Column("isAggregate"), Flag: Aggregated},
		},
		Breakdowns: []BreakdownField{
			{Column: Column("partner2Code"), Name: "partner2", Total: []string{"0"}, Reason: "a breakdown by second partner (partner2Code not 0)"},
			{Column: Column("motCode"), Name: "mot", Total: []string{"0"}, Reason: "a breakdown by mode of transport (motCode not 0)"},
			{Column: Column("customsCode"), Name: "customs", Total: []string{"C00"}, Reason: "a breakdown by customs procedure (customsCode not C00)"},
			{Column: Column("mosCode"), Name: "mos", Total: []string{"0"}, Reason: "a breakdown by mode of supply (mosCode not 0)"},
		},
		Skip:      []Skip{comtradeNotSpecified(Column("cmdCode"))},
		Delimiter: delim,
		periodChecks: []periodCheck{
			{column: Column("freqCode"), check: comtradeFreq},
			{column: Column("refYear"), check: yearOf("refYear")},
			{column: Column("refMonth"), check: comtradeRefMonth},
			{column: Column("refPeriodId"), check: comtradeRefPeriodID},
		},
	}
}

// isYear reports whether per is a calendar year, January–December.
func isYear(per series.Period) bool { return per.Len() == 12 && per.First.Month() == time.January }

// comtradeFreq checks a row's freqCode against its period: A is a year,
// M a month.
func comtradeFreq(v, text []byte, per series.Period) error {
	switch {
	case bytes.EqualFold(v, []byte("A")):
		if per.IsMonth() {
			return fmt.Errorf("annual, but period %s is a month: want M: %w", text, ErrMalformed)
		} else if !isYear(per) {
			return fmt.Errorf("annual, but period %s is neither a month nor a year: %w", text, ErrMalformed)
		}
	case bytes.EqualFold(v, []byte("M")):
		if isYear(per) {
			return fmt.Errorf("monthly, but period %s is a year: want A: %w", text, ErrMalformed)
		} else if !per.IsMonth() {
			return fmt.Errorf("monthly, but period %s is neither a month nor a year: %w", text, ErrMalformed)
		}
	default:
		return fmt.Errorf("want A (annual) or M (monthly): %w", ErrMalformed)
	}
	return nil
}

// yearOf returns the check of a column that restates a row's year
// (UN Comtrade's refYear, the Census Bureau's YEAR) against its period.
func yearOf(column string) func(v, text []byte, per series.Period) error {
	return func(v, text []byte, per series.Period) error {
		if per.First.Year() != per.Last.Year() {
			return fmt.Errorf("period %s runs over two years: %w", text, ErrMalformed)
		}
		if y, ok := atoi(v); !ok || y != per.Last.Year() {
			return fmt.Errorf("not the %s of period %s: want %d: %w", column, text, per.Last.Year(), ErrMalformed)
		}
		return nil
	}
}

// comtradeRefMonth checks a row's refMonth against its period: the month
// (1 to 12) of a month, 52 for a year.
func comtradeRefMonth(v, text []byte, per series.Period) error {
	want, of := int(per.Last.Month()), ""
	switch {
	case isYear(per):
		want, of = 52, ", a year"
	case !per.IsMonth():
		return fmt.Errorf("period %s is neither a month nor a year: %w", text, ErrMalformed)
	}
	if m, ok := atoi(v); !ok || m != want {
		return fmt.Errorf("not the refMonth of period %s%s: want %d: %w", text, of, want, ErrMalformed)
	}
	return nil
}

// comtradeRefPeriodID checks a row's refPeriodId against its period: the
// date of its first day (20231101 for 202311, 20230101 for 2023).
func comtradeRefPeriodID(v, text []byte, per series.Period) error {
	want := per.First.Year()*10000 + int(per.First.Month())*100 + 1
	if id, ok := atoi(v); !ok || id != want {
		return fmt.Errorf("not the refPeriodId of period %s: want %d: %w", text, want, ErrMalformed)
	}
	return nil
}

// comtradeNotSpecified skips UN Comtrade's codes for commodities not
// specified according to kind, which its HS lists hold beside the HS (at
// the levels of chapter, heading and subheading; chapter 99 is not the
// HS's), or with KeepOtherCodes keeps them as COMTRADE:9999.
func comtradeNotSpecified(column Field) Skip {
	return Skip{Column: column, Match: func(v string) bool { return v == "99" || v == "9999" || v == "999999" },
		Reason: "UN Comtrade's commodities not specified according to kind (99, 9999, 999999): not goods in the HS", other: "COMTRADE"}
}

// comtradeItaly renames UN Comtrade's number for Italy in its reference
// tables of 2025-06-05, 380, to package partner's, 381.
var comtradeItaly = map[string]string{"380": "381"}

// ComtradeLegacy returns the schema of the CSV files of UN Comtrade's
// legacy API and downloads (comtrade.un.org/api/get?…&fmt=csv, and the
// older bulk downloads), read by their human headers — Classification,
// Year, Period, Trade Flow Code, Reporter Code, Partner Code, Commodity
// Code, Qty Unit Code, Qty, Netweight (kg), Trade Value (US$), … — in the
// 35-column form of the API or the 22-column form of the downloads, or by
// the machine names the API writes with head=M (pfCode, period, rgCode,
// rtCode, ptCode, cmdCode, qtCode, TradeQuantity, NetWeight, TradeValue).
//
//   - Period is a year (2016) or a month (201603); Year (yr), if the file
//     has it, must be its year.
//   - Trade Flow Code is numeric: 1 imports, 2 exports, 3 re-exports, 4
//     re-imports (3 is inferred from the order of the others; files seen
//     print 1, 2 and 4).
//   - Reporter and partner codes are Comtrade's numbers, read through
//     package partner: World is 0 (WLD).
//   - Classification is the edition (H0 to H4, and HS for "as
//     reported"); another classification (S1 to S4) is an error, or with
//     [KeepOtherCodes] a figure of its own classification.
//   - Trade Value (US$) is in US dollars; Netweight (kg) and Gross weight
//     (kg) are weights in kg. Qty is a quantity in the legacy unit Qty
//     Unit Code names: 1 "No Quantity", and 2 to 13 read as UN Comtrade's
//     current units of those numbers (m², 1000 kWh, m, items, pairs, l, kg,
//     1000 items, packages, dozens, m³, carats). Only 1 and 8 ("Weight in
//     kilograms") are known from legacy files; the rest follows the
//     current list and is not checked against a legacy reference.
//   - The 2nd partner, customs procedure and mode of transport columns,
//     empty in every legacy file seen, break totals down as in
//     [Comtrade] when they are not (2nd Partner Code 0, Customs Proc. Code
//     C00 and Mode of Transport Code 0 are totals).
//   - Flag (an estimation code whose meanings are not known) is not read.
//
// Give the release date with [WithVintage]; the source is "UN Comtrade".
// The fixtures testdata/comtrade/comtrade_legacy_api.csv and
// comtrade_legacy_bulk.csv imitate the two forms; their headers are real,
// and one row of the second (S3, 2008, Afghanistan's imports of food) is
// a real row; the other numbers are invented.
func ComtradeLegacy() Schema {
	return Schema{
		Name:   "UN Comtrade legacy",
		Period: Column("Period"),
		// Year must be the period's, as refYear is in Comtrade's.
		periodChecks:   []periodCheck{{column: Column("Year", "yr"), check: yearOf("Year")}},
		Reporter:       Column("Reporter Code", "rtCode"),
		Partner:        Column("Partner Code", "ptCode"),
		Flow:           Column("Trade Flow Code", "rgCode").Map(map[string]string{"1": "M", "2": "X", "3": "RX", "4": "RM"}),
		Commodity:      Column("Commodity Code", "cmdCode"),
		Classification: Column("Classification", "pfCode"),
		HSOnly:         true,
		Value:          Column("Trade Value (US$)", "TradeValue"),
		Unit:           Const("USD"),
		Vintage:        Column("vintage").Required(),
		Source:         Const("UN Comtrade"),
		Quantities: []QuantityField{
			{Value: Column("Netweight (kg)", "NetWeight"), Unit: Const("KG")},
			{Measure: GrossWeight, Value: Column("Gross weight (kg)", "GrossWeight"), Unit: Const("KG")},
			{Measure: SupplementaryQuantity, Value: Column("Qty", "TradeQuantity"), Unit: Column("Qty Unit Code", "qtCode").Map(legacyUnits)},
		},
		Breakdowns: []BreakdownField{
			{Column: Column("2nd Partner Code", "ptCode2"), Name: "partner2", Total: []string{"0"}, Reason: "a breakdown by second partner (2nd Partner Code not 0)"},
			{Column: Column("Mode of Transport Code", "motCode"), Name: "mot", Total: []string{"0"}, Reason: "a breakdown by mode of transport (Mode of Transport Code not 0)"},
			{Column: Column("Customs Proc. Code", "cstCode"), Name: "customs", Total: []string{"C00"}, Reason: "a breakdown by customs procedure (Customs Proc. Code not C00)"},
		},
		Skip: []Skip{comtradeNotSpecified(Column("Commodity Code", "cmdCode"))},
	}
}

// legacyUnits are the legacy Qty Unit Codes, as UN Comtrade's current
// units of the same numbers (see ComtradeLegacy).
var legacyUnits = map[string]string{"1": "", "2": "M2", "3": "THOUSAND_KWH", "4": "M", "5": "ITEMS", "6": "PAIRS", "7": "L",
	"8": "KG", "9": "THOUSAND_ITEMS", "10": "PACKAGES", "11": "DOZENS", "12": "M3", "13": "CARATS"}

//go:embed reference/comtrade_units.csv
var comtradeUnitsCSV []byte

// comtradeUnits maps UN Comtrade's qtyUnitCode to the library's unit
// codes, "" for -1 (no quantity): reference/comtrade_units.csv.
var comtradeUnits = mustComtradeUnits(comtradeUnitsCSV)

func mustComtradeUnits(data []byte) map[string]string {
	recs, err := readReference(data, "qtyCode", "qtyAbbr", "qtyDescription", "last_modified", "unit")
	if err != nil {
		panic("tradeflow: reference/comtrade_units.csv: " + err.Error())
	}
	m := make(map[string]string, len(recs))
	for _, r := range recs {
		m[r[0]] = r[4]
	}
	return m
}
