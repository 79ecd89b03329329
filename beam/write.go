package tfbeam

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/typex"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// WriteCSV writes col to one CSV file at path (any path Beam's file systems
// take), a header line first, then the lines sorted, so that two runs
// give the same bytes. One worker writes it, holding every line, so it is
// for results rather than for all the rows of a large input. An empty col
// gives a file of the header alone.
//
// col may hold the values this package makes, each written as below, with
// the key's reporter, flow, partner, commodity and measure first, in their
// canonical forms (tradeflow.Key.String's), and decimals exact:
//
//	KV<tradeflow.Key, series.Series[U]>      one line an observation: period, value, unit
//	KV<tradeflow.Key, series.Run>            first, last, len
//	KV<tradeflow.Key, partner.Decomposition> one line a part, then one for the total: period, base_period,
//	                                         part, residual, value, base_value, diff, points, share, base_share
//	KV<tradeflow.Key, partner.Breakdown>     one line a part, then one for the total: period, part, residual, value, share
//	Gap                                      period, name, reason, cause, error
//	DeadLetter                               file, line, column, name, value, reason, text
//	Summary                                  file, schema, blocks, bytes, rows, blank, figures, bad, skipped,
//	                                         left_out, summed: each count "reason: rows (first line n)", joined by " | "
//
// WriteCSV panics for any other element type.
func WriteCSV(s beam.Scope, path string, col beam.PCollection) {
	s = s.Scope("tfbeam.WriteCSV")
	filesystem.ValidateScheme(path)
	kind, unit := csvKind(col.Type())
	var lines beam.PCollection
	if typex.IsKV(col.Type()) {
		lines = beam.ParDo(s, &csvKVFn{Kind: kind, Unit: unit}, col)
	} else {
		lines = beam.ParDo(s, &csvFn{Kind: kind}, col)
	}
	write(s, path, csvHeader(kind), lines)
}

var keyColumns = []string{"reporter", "flow", "partner", "commodity", "measure"}

func csvHeader(kind string) string {
	var cols []string
	switch kind {
	case "series":
		cols = append(keyColumns, "period", "value", "unit")
	case "run":
		cols = append(keyColumns, "first", "last", "len")
	case "decomposition":
		cols = append(keyColumns, "period", "base_period", "part", "residual", "value", "base_value", "diff", "points", "share", "base_share")
	case "breakdown":
		cols = append(keyColumns, "period", "part", "residual", "value", "share")
	case "gap":
		cols = append(keyColumns, "period", "name", "reason", "cause", "error")
	case "dead":
		cols = []string{"file", "line", "column", "name", "value", "reason", "text"}
	case "summary":
		cols = []string{"file", "schema", "blocks", "bytes", "rows", "blank", "figures", "bad", "skipped", "left_out", "summed"}
	}
	return strings.Join(cols, ",")
}

type seriesValues interface {
	All() iter.Seq2[series.Period, decimal.Decimal]
}

// csvKind says which of WriteCSV's forms t takes, and the unit of a series.
func csvKind(t typex.FullType) (kind, unit string) {
	if !typex.IsKV(t) {
		switch t.Type() {
		case reflect.TypeFor[Gap]():
			return "gap", ""
		case reflect.TypeFor[DeadLetter]():
			return "dead", ""
		case reflect.TypeFor[Summary]():
			return "summary", ""
		}
		panic(fmt.Sprintf("tfbeam: WriteCSV of %v", t))
	}
	k, v := t.Components()[0].Type(), t.Components()[1].Type()
	if k != reflect.TypeFor[tradeflow.Key]() {
		panic(fmt.Sprintf("tfbeam: WriteCSV of %v: keys must be tradeflow.Key", t))
	}
	switch v {
	case reflect.TypeFor[series.Run]():
		return "run", ""
	case reflect.TypeFor[partner.Decomposition]():
		return "decomposition", ""
	case reflect.TypeFor[partner.Breakdown]():
		return "breakdown", ""
	}
	if z, ok := reflect.Zero(v).Interface().(interface {
		seriesValues
		fmt.Stringer
	}); ok && strings.HasPrefix(v.PkgPath(), "github.com/tradeflow-go/tradeflow/series") {
		return "series", strings.TrimPrefix(z.String(), "[] ") // the empty series prints as "[] USD"
	}
	panic(fmt.Sprintf("tfbeam: WriteCSV of %v", t))
}

// record formats one CSV record.
func record(fields ...string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(fields) // a bytes.Buffer does not fail
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

func keyFields(k tradeflow.Key) []string {
	return []string{k.Reporter.String(), k.Flow.Code(), k.Partner.String(), k.Commodity.String(), k.Measure.String()}
}

func text(p series.Period) string {
	if p == (series.Period{}) {
		return ""
	}
	return p.String()
}

type csvKVFn struct {
	Kind, Unit string
}

func (fn *csvKVFn) ProcessElement(k beam.X, v beam.Y, emit func(string)) {
	for _, l := range csvLine(k, v) {
		if fn.Kind == "series" {
			l += "," + fn.Unit
		}
		emit(l)
	}
}

// csvLine returns the lines of a keyed value.
func csvLine(k beam.X, v beam.Y) []string {
	kf := keyFields(k.(tradeflow.Key))
	line := func(f ...string) string { return record(append(slices.Clone(kf), f...)...) }
	var out []string
	switch v := v.(type) {
	case series.Run:
		first, last := "", ""
		if v.Len > 0 {
			first, last = v.Period.First.String(), v.Period.Last.String()
		}
		out = append(out, line(first, last, strconv.Itoa(v.Len)))
	case partner.Decomposition:
		for _, c := range append(slices.Clone(v.Parts), v.Total) {
			out = append(out, line(v.Period.String(), v.BasePeriod.String(), c.Name, strconv.FormatBool(c.Residual),
				c.Value.String(), c.BaseValue.String(), c.Diff.String(), c.Points.String(), c.Share.String(), c.BaseShare.String()))
		}
	case partner.Breakdown:
		for _, p := range v.Parts {
			out = append(out, line(v.Period.String(), p.Name, strconv.FormatBool(p.Residual), p.Value.String(), p.Share.String()))
		}
		out = append(out, line(v.Period.String(), "total", "false", v.Total.String(), "100"))
	case seriesValues:
		for p, x := range v.All() {
			out = append(out, line(p.String(), x.String()))
		}
	}
	return out
}

type csvFn struct{ Kind string }

func (fn *csvFn) ProcessElement(v beam.X) string { return csvLine1(v) }

// csvLine1 returns the line of a value without a key.
func csvLine1(v beam.X) string {
	switch v := v.(type) {
	case Gap:
		return record(append(keyFields(v.Key), text(v.Period), v.Name, reasonText(v.Reason), text(v.Cause), v.Err)...)
	case DeadLetter:
		return record(v.File, strconv.Itoa(v.Line), strconv.Itoa(v.Column), v.Name, v.Value, v.Reason, v.Text)
	case Summary:
		return record(v.File, v.Schema, strconv.Itoa(v.Blocks), strconv.FormatInt(v.Bytes, 10), strconv.Itoa(v.Rows),
			strconv.Itoa(v.Blank), strconv.Itoa(v.Figures), strconv.Itoa(v.Bad), countsText(v.Skipped), countsText(v.LeftOut), countsText(v.Summed))
	}
	panic(fmt.Sprintf("tfbeam: WriteCSV of %T", v))
}

// countsText writes counts by reason as WriteCSV writes them: "reason:
// rows (first line n)", joined by " | " (a reason may hold "; ").
func countsText(counts []SkipCount) string {
	var out []string
	for _, c := range counts {
		out = append(out, fmt.Sprintf("%s: %d (first line %d)", c.Reason, c.Rows, c.First))
	}
	return strings.Join(out, " | ")
}

func reasonText(r series.Reason) string {
	if r == 0 {
		return ""
	}
	t, err := r.MarshalText()
	if err != nil {
		return ""
	}
	return string(t)
}

// WriteJSONL writes col to one file of JSON lines at path, one value a
// line, sorted as WriteCSV sorts its lines. A KV is written as {"key": k,
// "value": v}, a tradeflow.Key as {"reporter", "flow", "partner",
// "commodity", "measure"} in their canonical forms; every other value as
// encoding/json writes it: decimals are strings, so nothing is rounded
// through float64, and a series is written as series.Series.MarshalJSON
// writes it. An empty col gives an empty file.
func WriteJSONL(s beam.Scope, path string, col beam.PCollection) {
	s = s.Scope("tfbeam.WriteJSONL")
	filesystem.ValidateScheme(path)
	var lines beam.PCollection
	if typex.IsKV(col.Type()) {
		lines = beam.ParDo(s, jsonKV, col)
	} else {
		lines = beam.ParDo(s, jsonLine, col)
	}
	write(s, path, "", lines)
}

// A jsonKey is a tradeflow.Key in JSON.
type jsonKey struct {
	Reporter  string `json:"reporter"`
	Flow      string `json:"flow"`
	Partner   string `json:"partner"`
	Commodity string `json:"commodity"`
	Measure   string `json:"measure"`
}

func jsonValue(v any) any {
	if k, ok := v.(tradeflow.Key); ok {
		f := keyFields(k)
		return jsonKey{f[0], f[1], f[2], f[3], f[4]}
	}
	if g, ok := v.(Gap); ok {
		return struct {
			Key    jsonKey `json:"key"`
			Period string  `json:"period"`
			Name   string  `json:"name"`
			Reason string  `json:"reason,omitempty"`
			Cause  string  `json:"cause,omitempty"`
			Err    string  `json:"error"`
		}{jsonValue(g.Key).(jsonKey), text(g.Period), g.Name, reasonText(g.Reason), text(g.Cause), g.Err}
	}
	return v
}

func jsonKV(k beam.X, v beam.Y) (string, error) {
	b, err := json.Marshal(struct {
		Key   any `json:"key"`
		Value any `json:"value"`
	}{jsonValue(k), jsonValue(v)})
	return string(b), err
}

func jsonLine(v beam.X) (string, error) {
	b, err := json.Marshal(jsonValue(v))
	return string(b), err
}

// write writes header (unless empty) and the sorted lines to path.
func write(s beam.Scope, path, header string, lines beam.PCollection) {
	beam.ParDo0(s, &writeFn{Path: path, Header: header}, beam.Impulse(s), beam.SideInput{Input: lines})
}

type writeFn struct {
	Path, Header string
}

func (fn *writeFn) ProcessElement(ctx context.Context, _ []byte, lines func(*string) bool) error {
	var all []string
	var l string
	for lines(&l) {
		all = append(all, l)
	}
	slices.Sort(all)
	fs, err := filesystem.New(ctx, fn.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	wc, err := fs.OpenWrite(ctx, fn.Path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(wc, 1<<20)
	if fn.Header != "" {
		w.WriteString(fn.Header + "\n")
	}
	for _, l := range all {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		wc.Close()
		return err
	}
	return wc.Close()
}
