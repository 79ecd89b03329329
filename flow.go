package tradeflow

import (
	"fmt"
	"strings"
)

// A Flow is the direction of a trade figure, or a figure derived from two
// directions (a balance, a total).
type Flow uint8

// The flows, with the codes the library's CSV format and UN Comtrade use.
const (
	Exports    Flow = iota + 1 // X
	Imports                    // M
	ReExports                  // RX
	ReImports                  // RM
	Balance                    // B: exports less imports
	TotalTrade                 // T: exports plus imports

	// The other trade flows of UN Comtrade (its tradeRegimes reference
	// table, whose names they carry).
	DomesticExports     // DX: "Domestic Export"
	ForeignImports      // FM: "Foreign Import"
	ImportsForInward    // MIP: "Import of goods for inward processing"
	ImportsAfterOutward // MOP: "Import of goods after outward processing"
	ExportsAfterInward  // XIP: "Export of goods after inward processing"
	ExportsForOutward   // XOP: "Export of goods for outward processing"
)

var flowCodes = [...]string{Exports: "X", Imports: "M", ReExports: "RX", ReImports: "RM", Balance: "B", TotalTrade: "T",
	DomesticExports: "DX", ForeignImports: "FM", ImportsForInward: "MIP", ImportsAfterOutward: "MOP", ExportsAfterInward: "XIP", ExportsForOutward: "XOP"}
var flowNames = [...]string{Exports: "exports", Imports: "imports", ReExports: "re-exports", ReImports: "re-imports", Balance: "balance", TotalTrade: "total trade",
	DomesticExports: "domestic exports", ForeignImports: "foreign imports", ImportsForInward: "imports for inward processing",
	ImportsAfterOutward: "imports after outward processing", ExportsAfterInward: "exports after inward processing", ExportsForOutward: "exports for outward processing"}

// ParseFlow parses a flow code: X, M, RX, RM, B or T, or one of UN
// Comtrade's trade regimes DX, FM, MIP, MOP, XIP and XOP. Errors are a
// [*ParseError] wrapping [ErrFlow].
func ParseFlow(s string) (Flow, error) {
	for f, c := range flowCodes {
		if c != "" && c == s {
			return Flow(f), nil
		}
	}
	return 0, &ParseError{What: "flow", Input: s, Err: ErrFlow, Want: "X, M, RX, RM, B, T, DX, FM, MIP, MOP, XIP or XOP"}
}

// Code returns the flow's code, such as "X".
func (f Flow) Code() string {
	if int(f) < len(flowCodes) && flowCodes[f] != "" {
		return flowCodes[f]
	}
	return fmt.Sprintf("Flow(%d)", uint8(f))
}

// String returns the flow's name, such as "exports".
func (f Flow) String() string {
	if int(f) < len(flowNames) && flowNames[f] != "" {
		return flowNames[f]
	}
	return f.Code()
}

// MarshalText returns the flow's code, so that a Flow is a JSON string
// such as "X".
func (f Flow) MarshalText() ([]byte, error) {
	if int(f) >= len(flowCodes) || flowCodes[f] == "" {
		return nil, fmt.Errorf("tradeflow: cannot encode %v", f.Code())
	}
	return []byte(flowCodes[f]), nil
}

// UnmarshalText parses a flow code.
func (f *Flow) UnmarshalText(b []byte) error {
	v, err := ParseFlow(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// A Measure says what a figure measures.
type Measure uint8

// The measures a dataset holds.
const (
	Value           Measure = iota + 1 // a level in a currency
	Quantity                           // a physical quantity
	YoYPct                             // a year-on-year rate as published, in percent
	MoMPct                             // a month-on-month rate as published
	YoYPctCNY                          // a year-on-year rate in yuan terms, as published
	ConsensusYoYPct                    // economists' forecast of the year-on-year rate, before the release
	// SupplementaryQuantity is a quantity in the commodity's own unit of
	// quantity (items, litres, pairs …), beside its net weight: UN
	// Comtrade's qty, Eurostat's QUANTITY_SUPPL_UNIT, the US Census
	// Bureau's QTY_1. Quantity is then the net weight.
	SupplementaryQuantity
	GrossWeight // the gross weight, packing included (UN Comtrade's grossWgt)
)

var measureCodes = [...]string{Value: "value", Quantity: "quantity", YoYPct: "yoy_pct", MoMPct: "mom_pct",
	YoYPctCNY: "yoy_pct_cny", ConsensusYoYPct: "consensus_yoy_pct", SupplementaryQuantity: "supplementary_quantity", GrossWeight: "gross_weight"}

// ParseMeasure parses a measure as the CSV format writes it: value,
// quantity, yoy_pct, mom_pct, yoy_pct_cny, consensus_yoy_pct,
// supplementary_quantity or gross_weight. Errors are
// a [*ParseError] wrapping [ErrMeasure].
func ParseMeasure(s string) (Measure, error) {
	for m, c := range measureCodes {
		if c != "" && c == s {
			return Measure(m), nil
		}
	}
	return 0, &ParseError{What: "measure", Input: s, Err: ErrMeasure, Want: "one of " + strings.Join(measureCodes[1:], ", ")}
}

// String returns the measure's code, such as "yoy_pct".
func (m Measure) String() string {
	if int(m) < len(measureCodes) && measureCodes[m] != "" {
		return measureCodes[m]
	}
	return fmt.Sprintf("Measure(%d)", uint8(m))
}

// MarshalText returns the measure's code, so that a Measure is a JSON
// string such as "yoy_pct".
func (m Measure) MarshalText() ([]byte, error) {
	if int(m) >= len(measureCodes) || measureCodes[m] == "" {
		return nil, fmt.Errorf("tradeflow: cannot encode %v", m)
	}
	return []byte(measureCodes[m]), nil
}

// UnmarshalText parses a measure's code.
func (m *Measure) UnmarshalText(b []byte) error {
	v, err := ParseMeasure(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// IsRate reports whether the measure is a published rate rather than a level.
func (m Measure) IsRate() bool {
	return m == YoYPct || m == MoMPct || m == YoYPctCNY || m == ConsensusYoYPct
}
