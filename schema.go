package tradeflow

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A Schema says how to read a file of figures: which column holds what,
// the values of what the file leaves out, and how the file writes things.
// [Read] reads every format through a Schema; [CSV] and [Comtrade] return
// those of the library's own format and of UN Comtrade's, and a program
// writes its own for any other file:
//
//	schema := tradeflow.Schema{
//		Name:      "customs detail",
//		Period:    tradeflow.Column("period"),
//		Reporter:  tradeflow.Const("CN"),
//		Partner:   tradeflow.Column("partner", "partner_code"),
//		Flow:      tradeflow.Column("flow"),
//		Commodity: tradeflow.Column("hs"),
//		Value:     tradeflow.Column("value_usd"),
//		Unit:      tradeflow.Const("USD"),
//		Source:    tradeflow.Const("customs detail file, 2026-01 release"),
//	}
//
// A Field left zero means the file has no such column and the figure no
// such attribute: no vintage (unknown), no source, no note. Period,
// Reporter, Partner, Flow, Commodity, Value and Unit must be given (as a
// column or a constant); Measure defaults to [Value].
type Schema struct {
	Name string // the format's name, for errors and the summary

	Period Field // a month (any of the layouts in [Read]), a span "2025-01/2025-11", or a year
	// Month, when set, is a column of the month within Period's year, for
	// files that write the year and the month in columns of their own
	// (YEAR, MONTH): 1 to 12, with or without a leading zero, or a
	// month's English name (Mar, March). Period is then the year; a
	// Period that is a month must be the same month. An empty cell is an
	// error, never a year's figure; an Optional Month that the file
	// lacks leaves Period as it is.
	Month     Field
	Reporter  Field // a partner code (see [partner.ParseCode]); not the World
	Partner   Field // a partner code, an aggregate ("EU") or World
	Flow      Field // X, M, RX, RM, B or T (use [Field.Map] for other codes)
	Commodity Field // TOTAL, an HS code or a product group name: see [ParseCommodity]
	// Classification, when set, names the code system of Commodity's
	// codes: "HS" or an HS edition (H0 to H6, HS92 to HS22: see
	// [ParseEdition]) for HS codes, checked as package commodity checks
	// them, the edition kept on the figure ([Figure.Edition]); any other
	// name keeps the codes as codes of that classification ([OtherCode]),
	// never as HS — unless HSOnly refuses them.
	Classification Field
	Measure        Field // a measure code (see [ParseMeasure]); zero: every value is a [Value]
	Value          Field // the figure, a decimal number
	Unit           Field // the value's unit code (see [ParseUnitCode])
	Vintage        Field // the release date (see [ParseVintage])
	Source         Field
	Note           Field

	// Quantities are further figures each row may carry, of measure
	// [Quantity] unless they say otherwise: a net weight in kg, a count
	// in a unit of its own column. An empty cell is no figure; the
	// [Summary] counts each quantity a row leaves out, and why.
	Quantities []QuantityField

	// Flags are columns whose cells set a flag on every figure of their
	// row ([Figure.Flags]): True or False, true or false, 1 or 0 (an
	// empty cell is false), or values that Field.Map translates to them.
	Flags []FlagField

	// Breakdowns are columns that break a total down further than a key
	// does: UN Comtrade's second partner, mode of transport and customs
	// procedure, Eurostat's statistical procedure. By default a read
	// keeps totals: a row that is a part of a total the file also gives
	// is skipped and counted in the [Summary]; parts of a total the file
	// does not give are added up into it. With [KeepBreakdowns] every
	// row is kept, each part under a key of its own ([Key.Breakdown]).
	Breakdowns []BreakdownField

	// Services, when set, is a column saying whether a row is of trade in
	// services (true or false, as Flags are written). HSOnly, when set,
	// refuses rows whose Classification is not HS, and commodities that
	// are neither TOTAL nor an HS code: a product group's name, or a code
	// of another classification written as one ("S4:776"). Both make such
	// a row an error naming it, unless
	// the read is given [KeepOtherCodes], which keeps them under their own
	// classification ([OtherCode]), never as HS (a group's name stays an
	// error). A services row is never read as goods.
	Services Field
	HSOnly   bool

	// Wide, when set, reads a wide layout: every column that no Field
	// names and whose header is a month (WideMonths) or a partner code
	// (WidePartners) holds values, for that month or partner. An empty
	// cell is no figure. Value, and the Field the header replaces
	// (Period or Partner), must then be zero.
	Wide Wide

	// Skip lists rows that are skipped on purpose — breakdowns of a total
	// that the total already counts, say — and counted in the
	// [Summary], never read as figures and never silently dropped.
	Skip []Skip

	Delimiter byte // ',', '\t' or ';'; 0: the one the header line uses most
	Point     byte // the decimal point; 0 means '.'
	Thousands byte // the digit-group separator, or 0: digit groups are refused
	// Unlisted accepts partner and reporter letter codes that package
	// partner does not list (see [partner.ParseUnlisted]): synthetic data,
	// user-assigned codes. Without it they are errors.
	Unlisted bool
	// Strict refuses a header with columns that no Field names.
	Strict bool
	// unlistedOnly, for a schema without Unlisted, are the letter codes
	// package partner does not list that its files use all the same
	// (Eurostat's QY, QS, …): those are read as unlisted codes, and any
	// other is an error, as without Unlisted.
	unlistedOnly []string
	// hsLen, when not 0, is the number of digits of every commodity code
	// (BACI's k is an HS6 subheading): another code, or TOTAL, is an
	// error.
	hsLen int
	// yearMonth, when set, is where a file whose header lacks Period's
	// column and has the first of these has its period instead: a year
	// column and a month column (the Census Bureau's YEAR and MONTH, for
	// an answer without time).
	yearMonth *[2]Field
	// countries, when set, refuses World and every area package partner
	// counts as an aggregate as a partner or a reporter, but for the
	// areas it lists: every row is a flow between two countries (BACI's i
	// and j; its table lists a few areas of the past as countries).
	countries []partner.Code
	// periodChecks are columns that restate a row's period (UN
	// Comtrade's freqCode, refYear and refMonth; the year in BACI's file
	// name): a row they contradict is an error. A missing column, a name
	// that does not say, or an empty cell checks nothing.
	periodChecks []periodCheck
	// Check, when set, runs on every figure a row gives before it is
	// kept; an error makes the row bad, naming the column. The reader
	// then finds each figure's series as it reads the row: a file of many
	// keys (a month of UN Comtrade, where nearly every row is a key of its
	// own) takes about twice as long to read as without a Check, when the
	// figures get their series once the file is read.
	Check func(f *Figure) (column string, err error)
}

// A QuantityField is a quantity a row may carry beside its value.
type QuantityField struct {
	Measure Measure // [Quantity], [SupplementaryQuantity] or [GrossWeight]; zero means Quantity
	Value   Field
	// Unit is the quantity's unit code (see [ParseUnitCode]). A code
	// that Field.Map translates to "" means that the file has no such
	// quantity for the row (UN Comtrade's qtyUnitCode -1): the value must
	// then be empty or zero, and is left out. A unit of "" for every row
	// (a file without the unit's column, whose Field says Or("")) means
	// that the file names no unit: every value is read, left out, and
	// counted in [Summary.LeftOut], since a quantity in no unit is none.
	Unit Field
	// Estimated, when set, is a column saying whether the source
	// estimated the quantity (as Flags are written): the figure then has
	// the flag [Estimated]. An estimated zero is not a quantity but the
	// lack of one, as UN Comtrade writes a weight it does not have: it is
	// left out, and counted.
	Estimated Field
}

// A FlagField is a column that sets Flag on the figures of a row whose
// cell is true. A FlagField whose Flag is zero reads cells that name
// flags, as [Flags.String] prints them (the library's CSV format).
type FlagField struct {
	Column Field
	Flag   Flags
}

// A BreakdownField is a column that breaks totals down (see
// [Schema.Breakdowns]).
type BreakdownField struct {
	Column Field // the column; a file without it has no such breakdown
	// Name is the breakdown's name in keys, such as "mot" (see
	// [Breakdown]); "" for a column that holds whole breakdowns, as
	// [Breakdown.String] prints them (the library's CSV format), whose
	// empty cells are totals.
	Name string
	// Total lists the codes that mean "the total", such as UN Comtrade's
	// motCode 0, matched in any case and, for numbers, whatever their
	// leading zeros (00 is 0); an empty cell is the total too. A row that
	// a read skips for being a part is checked first, as a row it keeps
	// would be (the part's code, the period, the key, the value): a bad
	// one is an error, not a skipped part. A nil Total means that
	// the file has no total rows, only parts, whose sum is the total
	// (Eurostat's statistical procedures): a read adds them up, exactly,
	// and counts the rows it added in the [Summary]. There an empty cell
	// names no part and is no total either (taken for the total, the
	// parts added into it would be counted twice): it is an error
	// ([ErrMissing]).
	Total  []string
	Reason string // why a part is skipped, for the summary
}

// A Skip skips the rows whose column holds a value other than those kept,
// or, when Match is set, the rows whose value Match accepts.
type Skip struct {
	Column Field    // the column; a missing column skips nothing
	Keep   []string // the values of rows that are read
	// Match, when set, is used instead of Keep: rows whose (trimmed)
	// value it accepts are skipped.
	Match  func(value string) bool
	Reason string // why such rows are skipped, for the summary
	// other, for a Skip of commodity codes that are not the HS's (UN
	// Comtrade's 9999, Comext's chapter 99), names their classification:
	// with KeepOtherCodes the rows are read instead, under codes of it
	// ([OtherCode]).
	other string
}

// A periodCheck checks a row's period against another field of the row
// (see Schema.periodChecks).
type periodCheck struct {
	column Field
	// check returns why v, the field's text, does not fit the period per,
	// written text in the file, or nil. Its error is the row's, naming
	// the column, or the period's column for a field of the file's name.
	check func(v, text []byte, per series.Period) error
}

// Wide says which wide layout a file has, if any.
type Wide uint8

// The wide layouts.
const (
	Long         Wide = iota // one figure a row (the default)
	WideMonths               // one column a month, headed by the month
	WidePartners             // one column a partner, headed by its code
)

// A Field says where a figure's attribute comes from: a column of the file
// (found by its header, case-insensitively, under any of its names) or a
// constant for the whole file.
type Field struct {
	names    []string
	konst    string
	isConst  bool
	fromName func(string) string
	hasOr    bool
	or       string
	optional bool
	required bool
	mapping  map[string]string
	rename   map[string]string
	missing  []string
}

// Column returns the field held by the column with any of the names, in
// any case. The file must have the column, unless [Field.Or] or
// [Field.Optional] say what to do without it.
func Column(names ...string) Field { return Field{names: names} }

// Const returns a field that has the value v for every row.
func Const(v string) Field { return Field{konst: v, isConst: true} }

// FromName returns a field whose value for every row is what fn returns
// for the name of the file, such as the edition and the release in CEPII's
// BACI_HS22_Y2023_V202501.csv; "" means that the name does not say, as
// if the file had no such column.
func FromName(fn func(name string) string) Field { return Field{fromName: fn} }

// Or returns f with a value for files that have no such column: a default,
// where a column, if present, wins.
func (f Field) Or(v string) Field { f.hasOr, f.or = true, v; return f }

// Optional returns f for a column that a file may lack; a missing column
// and an empty cell both mean that there is no value (no figure, for a
// value; no vintage, source or note).
func (f Field) Optional() Field { f.optional = true; return f }

// Required returns f for a column where an empty cell is an error: a
// vintage or a source that every row must give.
func (f Field) Required() Field { f.required = true; return f }

// Map returns f with its values translated through m before they are
// parsed: Column("FLOW").Map(map[string]string{"1": "M", "2": "X"}). A
// value m does not list is an error naming what m accepts.
func (f Field) Map(m map[string]string) Field { f.mapping = maps.Clone(m); return f }

// Rename returns f with the values m lists translated before they are
// parsed, and every other value parsed as it is: for a file whose codes
// differ from the library's in a few places only.
func (f Field) Rename(m map[string]string) Field { f.rename = maps.Clone(m); return f }

// Missing returns f with texts that mean "no value", as an empty cell
// does, such as "NA".
func (f Field) Missing(texts ...string) Field {
	f.missing = append(slices.Clip(f.missing), texts...)
	return f
}

// IsZero reports whether f is the zero Field: no column, no constant.
func (f Field) IsZero() bool { return len(f.names) == 0 && !f.isConst && f.fromName == nil }

// String describes f: `column "period"`, `"CN"`, "the file's name".
func (f Field) String() string {
	switch {
	case f.isConst:
		return fmt.Sprintf("%q", f.konst)
	case f.fromName != nil:
		return "the file's name"
	case len(f.names) == 0:
		return "none"
	}
	return fmt.Sprintf("column %q", f.names[0])
}

// translate applies f's mapping (or renaming) to v, the value of a field
// of the role given (see roleSentinel).
func (f *Field) translate(v, role string) (string, error) {
	if f.mapping == nil {
		if t, ok := f.rename[v]; ok {
			return t, nil
		}
		return v, nil
	}
	if t, ok := f.mapping[v]; ok {
		return t, nil
	}
	keys := slices.Sorted(maps.Keys(f.mapping))
	if len(keys) > 20 {
		return "", fmt.Errorf("want one of the %d codes the schema lists (%s, …): %w", len(keys), strings.Join(keys[:8], ", "), roleSentinel(role))
	}
	return "", fmt.Errorf("want one of %s: %w", strings.Join(keys, ", "), roleSentinel(role))
}

// roleSentinel returns the sentinel of a bad value of a field of the role
// given: the one its parser wraps, so that a value a map does not list is
// the error the same text unmapped would be.
func roleSentinel(role string) error {
	switch role {
	case "period":
		return series.ErrMonth
	case "reporter", "partner":
		return partner.ErrCode
	case "flow":
		return ErrFlow
	case "commodity":
		return ErrCommodity
	case "classification":
		return ErrEdition
	case "measure":
		return ErrMeasure
	case "unit", "quantity unit":
		return ErrUnitCode
	case "vintage":
		return ErrVintage
	case "breakdown":
		return ErrBreakdown
	case "services", "flag", "estimated":
		return ErrValue // as parseBool's
	}
	return ErrMalformed
}
