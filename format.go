package tradeflow

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// CSV returns the schema of the library's own CSV format: one figure a
// row, as published, with its source and release date,
//
//	reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note
//	CN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,
//
// with a header naming the columns in any order and case. reporter may be
// left out if [WithReporter] says whose data it is, vintage if [WithVintage]
// gives the release, source if [WithSource] names it, and note. period is
// a month (2025-11) or a span (2025-01/2025-11: a year to date, or a
// combined January–February release); flow X, M, RX, RM, B or T; partner
// and reporter a partner code in any form package partner reads (US, USA,
// 842, WLD, EU, ASEAN), or one of Eurostat's own that [Comext] reads (QY,
// QS, XI, …) or the Census Bureau's GZ and WE that [CensusExports] reads
// (what Write writes of a dataset reads back; [Unlisted] for any other
// letters); commodity TOTAL, an HS code in any form (1201,
// 120190, 1201.90) or a product group name; measure value, quantity,
// yoy_pct, mom_pct, yoy_pct_cny or consensus_yoy_pct; value a plain
// decimal number, as printed; unit as printed (see [ParseUnitCode]);
// vintage the release date (2025-12-08, or a month); source and note free
// text. A column the format does not know is an error, and so is an empty
// vintage or source: every figure keeps where and when it was printed.
//
// Three more columns may follow, and [Write] writes them when a figure
// needs them: edition (the HS edition of the commodity code, H0 to H6),
// flags (estimated, aggregated, reported, joined by |) and breakdown (a
// part of a total, such as mot=2100: see [Breakdown]; read only with
// [KeepBreakdowns]).
func CSV() Schema {
	return Schema{
		Name:      "tradeflow CSV",
		Period:    Column("period"),
		Reporter:  Column("reporter"),
		Partner:   Column("partner"),
		Flow:      Column("flow"),
		Commodity: Column("commodity"),
		Measure:   Column("measure"),
		Value:     Column("value"),
		Unit:      Column("unit"),
		Vintage:   Column("vintage").Required(),
		Source:    Column("source").Required(),
		Note:      Column("note").Optional(),
		// The edition is the HS codes' classification.
		Classification: Column("edition").Optional(),
		Flags:          []FlagField{{Column: Column("flags")}},
		Breakdowns:     []BreakdownField{{Column: Column("breakdown"), Reason: "a part of a total (breakdown not empty)"}},
		Delimiter:      ',',
		Strict:         true,
		// What Write writes of a Comext or Census dataset reads back as
		// it is.
		unlistedOnly: slices.Concat(eurostatPartners, censusOwn),
	}
}

// Load reads the library's CSV format: [Read] with [CSV].
func Load(r io.Reader, name string, opts ...ReadOption) (*Dataset, error) {
	return Read(context.Background(), r, name, CSV(), opts...)
}

// LoadFile is [Load] on the named file; errors name the file by its base
// name.
func LoadFile(path string, opts ...ReadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f, filepath.Base(path), opts...)
}

// The columns of the library's CSV format, in the order Write writes them.
var csvColumns = []string{"reporter", "period", "flow", "partner", "commodity", "measure", "value", "unit", "vintage", "source", "note"}

// Write writes ds in the library's CSV format, every figure and vintage,
// codes in their canonical forms, values and units as printed (trailing
// zeros kept), sorted as [Dataset.Figures] orders them. Reading what Write
// wrote with [CSV] gives the same dataset — with the [Unlisted] option if
// the dataset holds partner codes the tables do not list, which the CSV
// format otherwise refuses as likely typing errors, and [KeepBreakdowns]
// if it holds the parts of a broken-down total. Its cost is one pass
// over the figures once the keys are sorted.
func Write(w io.Writer, ds *Dataset) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cols := csvColumns
	more := ds.hasMore()
	if more {
		cols = append(slices.Clip(cols), "edition", "flags", "breakdown")
	}
	if err := cw.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for f := range ds.Figures() {
		rec[0], rec[1], rec[2], rec[3] = f.Key.Reporter.String(), f.Period.String(), f.Key.Flow.Code(), f.Key.Partner.String()
		rec[4], rec[5], rec[6], rec[7] = f.Key.Commodity.String(), f.Key.Measure.String(), f.Printed(), f.Unit.code
		rec[8], rec[9], rec[10] = f.Vintage.String(), f.Source, f.Note
		if more {
			rec[11], rec[12], rec[13] = f.Edition.String(), f.Flags.String(), f.Key.Breakdown.String()
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// hasMore reports whether a figure of ds has an edition, flags or a
// breakdown, which the CSV format writes in columns of their own.
func (ds *Dataset) hasMore() bool {
	ix := ds.index()
	for s := range ds.series.len() {
		if !ds.series.at(int32(s)).Breakdown.IsTotal() && len(ix.rowsOf(int32(s))) > 0 {
			return true
		}
	}
	for _, p := range ds.rows.pages {
		if p.attr.v == nil {
			if p.n > 0 && (p.attr.c.flags != 0 || p.attr.c.edition != 0) {
				return true
			}
			continue
		}
		for _, a := range p.attr.v[:p.n] {
			if a.flags != 0 || a.edition != 0 {
				return true
			}
		}
	}
	return false
}
