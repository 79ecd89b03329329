package tradeflow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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

	Period    Field // a month (any of the layouts in [Read]), a span "2025-01/2025-11", or a year
	Reporter  Field // a partner code (see [partner.Parse]); not the World
	Partner   Field // a partner code, an aggregate ("EU") or World
	Flow      Field // X, M, RX, RM, B or T (use [Field.Map] for other codes)
	Commodity Field // TOTAL, an HS code or a product group name: see [ParseCommodity]
	// Classification, when set, names the code system of Commodity's
	// codes: "HS" (or an HS edition, H0 to H6) for HS codes, checked as
	// package commodity checks them; any other name keeps the codes as
	// codes of that classification ([OtherCode]), never as HS.
	Classification Field
	Measure        Field // a measure code (see [ParseMeasure]); zero: every value is a [Value]
	Value          Field // the figure, a decimal number
	Unit           Field // the value's unit code (see [ParseUnitCode])
	Vintage        Field // the release date (see [ParseVintage])
	Source         Field
	Note           Field

	// Quantities are further figures each row may carry, of measure
	// [Quantity]: a net weight in kg, a count in a unit of its own column.
	// An empty cell is no figure.
	Quantities []QuantityField

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
	// Check, when set, runs on every figure a row gives before it is
	// kept; an error makes the row bad, naming the column.
	Check func(f *Figure) (column string, err error)
}

// A QuantityField is a quantity a row may carry beside its value.
type QuantityField struct {
	Value Field
	Unit  Field
}

// A Skip skips the rows whose column holds a value other than those kept.
type Skip struct {
	Column Field    // the column; a missing column skips nothing
	Keep   []string // the values of rows that are read
	Reason string   // why such rows are skipped, for the summary
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
	hasOr    bool
	or       string
	optional bool
	required bool
	mapping  map[string]string
}

// Column returns the field held by the column with any of the names, in
// any case. The file must have the column, unless [Field.Or] or
// [Field.Optional] say what to do without it.
func Column(names ...string) Field { return Field{names: names} }

// Const returns a field that has the value v for every row.
func Const(v string) Field { return Field{konst: v, isConst: true} }

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

// IsZero reports whether f is the zero Field: no column, no constant.
func (f Field) IsZero() bool { return len(f.names) == 0 && !f.isConst }

// String describes f: `column "period"`, `"CN"`.
func (f Field) String() string {
	switch {
	case f.isConst:
		return fmt.Sprintf("%q", f.konst)
	case len(f.names) == 0:
		return "none"
	}
	return fmt.Sprintf("column %q", f.names[0])
}

// translate applies f's mapping to v; ok is false if v is not mapped.
func (f *Field) translate(v string) (string, error) {
	if f.mapping == nil {
		return v, nil
	}
	if t, ok := f.mapping[v]; ok {
		return t, nil
	}
	return "", fmt.Errorf("want one of %s", strings.Join(slices.Sorted(maps.Keys(f.mapping)), ", "))
}
