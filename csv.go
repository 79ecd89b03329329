package tradeflow

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A RowError reports a malformed row: the file, line, column and value.
type RowError struct {
	File   string
	Line   int
	Column string // the column's name in the header; empty for the whole row
	Value  string
	Err    error
}

func (e *RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s:%d: column %s: value %q: %v", e.File, e.Line, e.Column, e.Value, e.Err)
}

// Unwrap returns the error about the value, such as a *series.MonthError.
func (e *RowError) Unwrap() error { return e.Err }

// LoadErrors lists every bad row of a file, when the loader was asked to
// collect errors with [CollectErrors].
type LoadErrors []*RowError

func (es LoadErrors) Error() string {
	var sb strings.Builder
	for i, e := range es {
		if i == 10 {
			fmt.Fprintf(&sb, "\n… and %d more", len(es)-10)
			break
		}
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	return sb.String()
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (es LoadErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// A LoadOption changes how a file is read.
type LoadOption func(*loadConfig)

type loadConfig struct {
	reporter string
	sumDup   bool
	collect  bool
	regions  map[string]bool
}

// Reporter names the reporting country (ISO alpha-2, such as "CN") of a
// file that has no reporter column. Without it such a file is refused
// rather than given a guessed reporter.
func Reporter(code string) LoadOption { return func(c *loadConfig) { c.reporter = code } }

// SumDuplicates makes two figures with the same key, period and vintage add
// up (as a detail file that splits one line in two may need), instead of
// being an error.
func SumDuplicates() LoadOption { return func(c *loadConfig) { c.sumDup = true } }

// CollectErrors makes a loader read the whole file, keep every valid row,
// and return all bad rows at once as [LoadErrors] next to the dataset.
func CollectErrors() LoadOption { return func(c *loadConfig) { c.collect = true } }

// Regions adds names of partner aggregates that a file may use besides
// countries, World and the groups of package partner: customs tables print
// continents and regions. AFRICA and LATAM are known already.
func Regions(names ...string) LoadOption {
	return func(c *loadConfig) {
		for _, n := range names {
			c.regions[n] = true
		}
	}
}

func newLoadConfig(opts []LoadOption) loadConfig {
	c := loadConfig{regions: map[string]bool{"AFRICA": true, "LATAM": true}}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// canonicalPartner returns the key form of a partner: alpha-2 for a
// country, WLD for the world, the name of a group or region as written.
func (c loadConfig) canonicalPartner(s string) (string, error) {
	if s == partner.EU().Name() || s == partner.ASEAN().Name() || c.regions[s] {
		return s, nil
	}
	code, err := partner.ParseCode(s)
	if err != nil {
		return "", err
	}
	if code == partner.World() {
		return "WLD", nil
	}
	return code.Alpha2(), nil
}

// The columns of the library's CSV format, in the order Write writes them.
var csvColumns = []string{"reporter", "period", "flow", "partner", "commodity", "measure", "value", "unit", "vintage", "source", "note"}

// LoadFile is [Load] on the named file; errors name the file by its base name.
func LoadFile(path string, opts ...LoadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f, filepath.Base(path), opts...)
}

// Load reads the library's CSV format:
//
//	reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note
//
// with a header naming the columns in any order; reporter may be left out
// if [Reporter] says whose data it is. period is a month (2025-11) or a span
// (2025-01/2025-11: a year to date, or a combined January–February release);
// flow X, M, RX, RM, B or T; partner an ISO code, WLD, a group (EU, ASEAN)
// or a region (AFRICA, LATAM, or see [Regions]); commodity TOTAL, an HS code
// or a product group name; measure value, quantity, yoy_pct, mom_pct,
// yoy_pct_cny or consensus_yoy_pct; value a plain decimal number; unit as
// printed (USD_100M, USD_M, USD_BN, T, MILLION_T, PCT, …: see [ParseUnit]);
// vintage the release date (2025-12-08, or a month); source and note free
// text. A byte-order mark and CRLF line ends are accepted.
//
// Every malformed row is an error naming the file, line, column and value;
// nothing is skipped, filled or rounded. Two figures with the same key,
// period and vintage are an error (see [SumDuplicates]), and so are two
// figures that cover the same month of a series. By default Load stops at
// the first error; with [CollectErrors] it returns the valid rows and every
// error.
func Load(r io.Reader, name string, opts ...LoadOption) (*Dataset, error) {
	cfg := newLoadConfig(opts)
	checkHeader := func(col map[string]int) *RowError {
		for h := range col {
			if !slices.Contains(csvColumns, h) {
				return &RowError{Column: h, Value: h, Err: errors.New("unknown column")}
			}
		}
		for _, c := range csvColumns {
			if _, ok := col[c]; !ok && !(c == "reporter" && cfg.reporter != "") {
				err := errors.New("missing column")
				if c == "reporter" {
					err = errors.New("missing column: the file has no reporter; pass tradeflow.Reporter")
				}
				return &RowError{Column: c, Err: err}
			}
		}
		return nil
	}
	parse := func(get func(string) string) ([]Figure, *RowError) {
		f, re := parseRow(get, cfg)
		return []Figure{f}, re
	}
	return readFigures(r, name, cfg, checkHeader, parse)
}

// readFigures is the loop both loaders share: it reads the header (a
// byte-order mark is dropped) and has checkHeader vet the columns, then
// turns each row into figures with parse, adds them, and checks the
// dataset. Errors name the file and line; with cfg.collect every bad row is
// gathered into LoadErrors beside the dataset of the good ones.
func readFigures(r io.Reader, name string, cfg loadConfig, checkHeader func(col map[string]int) *RowError,
	parse func(get func(string) string) ([]Figure, *RowError)) (*Dataset, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, &RowError{File: name, Line: 1, Err: fmt.Errorf("no header: %w", err)}
	}
	col := map[string]int{}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		col[h] = i
	}
	if re := checkHeader(col); re != nil {
		re.File, re.Line = name, 1
		return nil, re
	}
	cr.FieldsPerRecord = len(header)

	ds := NewDataset(name)
	var errs LoadErrors
	fail := func(e *RowError) bool {
		errs = append(errs, e)
		return cfg.collect
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A row that is not CSV: FieldPos has nothing to say about it,
			// the ParseError has its line.
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, err = pe.StartLine, pe.Err
			}
			if !fail(&RowError{File: name, Line: line, Err: err}) {
				return nil, errs[0]
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		get := func(c string) string {
			if i, ok := col[c]; ok {
				return rec[i]
			}
			return ""
		}
		figs, re := parse(get)
		if re != nil {
			re.File, re.Line = name, line
			if !fail(re) {
				return nil, re
			}
			continue
		}
		for _, f := range figs {
			f.Line = line
			if err := ds.Add(f); err != nil {
				if !fail(&RowError{File: name, Line: line, Column: "unit", Value: f.Unit.code, Err: err}) {
					return nil, errs[0]
				}
			}
		}
	}
	for _, e := range ds.check(cfg.sumDup) {
		if !fail(e) {
			return nil, e
		}
	}
	if len(errs) > 0 {
		return ds, errs
	}
	return ds, nil
}

// parseRow parses the fields of one row; the RowError it returns has no
// file and line yet.
func parseRow(get func(string) string, cfg loadConfig) (Figure, *RowError) {
	bad := func(c string, err error) (Figure, *RowError) {
		return Figure{}, &RowError{Column: c, Value: get(c), Err: err}
	}
	var f Figure
	var err error
	f.Key.Reporter = get("reporter")
	if f.Key.Reporter == "" {
		f.Key.Reporter = cfg.reporter
	}
	if rc, err := partner.ParseCode(f.Key.Reporter); err != nil || rc == partner.World() {
		return bad("reporter", fmt.Errorf("unknown reporter: want an ISO 3166-1 code"))
	} else {
		f.Key.Reporter = rc.Alpha2()
	}
	if f.Period, err = series.ParsePeriod(get("period")); err != nil {
		return bad("period", err)
	}
	if f.Key.Flow, err = ParseFlow(get("flow")); err != nil {
		return bad("flow", err)
	}
	if f.Key.Partner, err = cfg.canonicalPartner(get("partner")); err != nil {
		return bad("partner", err)
	}
	if f.Key.Commodity = get("commodity"); !validCommodity(f.Key.Commodity) {
		return bad("commodity", errors.New("unknown commodity: want TOTAL, an HS code or a product group name in capitals"))
	}
	if f.Key.Measure, err = ParseMeasure(get("measure")); err != nil {
		return bad("measure", err)
	}
	if f.Value, err = parseValue(get("value")); err != nil {
		return bad("value", err)
	}
	if f.Unit, err = ParseUnit(get("unit")); err != nil {
		return bad("unit", err)
	}
	if f.Key.Measure.IsRate() != (f.Unit.Dimension() == "percent") {
		return bad("unit", fmt.Errorf("measure %s cannot be in %s", f.Key.Measure, f.Unit.code))
	}
	if err := checkLevel(f.Key, f.Value); err != nil {
		return bad("value", err)
	}
	if v := get("vintage"); v != "" {
		if f.Vintage, err = ParseVintage(v); err != nil {
			return bad("vintage", err)
		}
	} else {
		return bad("vintage", errors.New("missing: every figure needs the release it was printed in"))
	}
	if f.Source = get("source"); strings.TrimSpace(f.Source) == "" {
		return bad("source", errors.New("missing: every figure needs its source"))
	}
	f.Note = get("note")
	return f, nil
}

// parseValue reads a plain decimal number. Digit-group separators, spaces,
// NaN and infinities are refused rather than guessed at.
func parseValue(s string) (decimal.Decimal, error) {
	if s == "" {
		return decimal.Decimal{}, errors.New("empty: a missing figure is left out of the file, not written empty")
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return decimal.Decimal{}, fmt.Errorf("not a plain decimal number (%q at byte %d)", s[i:i+1], i+1)
		}
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, errors.New("not a decimal number")
	}
	return v, nil
}

// checkLevel refuses a negative level of a flow: exports, imports and
// their quantities cannot be below zero (a balance can). Such a figure is a
// sign error upstream, and percent changes over it would mean nothing.
func checkLevel(k Key, v decimal.Decimal) error {
	if v.IsNegative() && (k.Measure == Value || k.Measure == Quantity) && k.Flow != Balance {
		return fmt.Errorf("a level of %s cannot be negative", k.Flow)
	}
	return nil
}

// validCommodity accepts TOTAL, HS codes (digits, 2 to 10) and product group
// names (capitals, digits and underscores).
func validCommodity(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	digits, name := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		digits = digits && c >= '0' && c <= '9'
		name = name && (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')
	}
	if digits {
		return len(s) >= 2 && len(s) <= 10 && len(s)%2 == 0
	}
	return name && s[0] >= 'A' && s[0] <= 'Z'
}

// check finds figures with the same key, period and vintage (summing them
// when sum is set) and monthly figures of one key that cover the same month.
func (ds *Dataset) check(sum bool) []*RowError {
	ds.index()
	var errs []*RowError
	drop := map[int32]bool{}
	for n := 1; n < len(ds.order); n++ {
		a, b := ds.order[n-1], ds.order[n]
		ra, rb := &ds.rows[a], &ds.rows[b]
		if ra.key != rb.key || ra.period != rb.period || ra.vintage != rb.vintage {
			continue
		}
		if !sum {
			errs = append(errs, &RowError{File: ds.name, Line: int(rb.line),
				Err: fmt.Errorf("%w: %v %v vintage %v is also on line %d", ErrDuplicate, ds.keys[rb.key], rb.period, rb.vintage, ra.line)})
			continue
		}
		fa, fb := ds.figure(a), ds.figure(b)
		total := fa.Normalized().Add(fb.Normalized()).Shift(-int32(fb.Unit.exp))
		ds.setValue(b, total)
		drop[a] = true
	}
	if len(drop) > 0 {
		ds.removeRows(drop)
	}
	// Monthly figures (latest vintage) of one key must not overlap.
	for k := range ds.keys {
		var last series.Period
		var lastLine int32
		rows := ds.rowsOf(int32(k))
		for n, i := range rows {
			r := &ds.rows[i]
			if !isMonthly(r.period) || (n+1 < len(rows) && ds.rows[rows[n+1]].period == r.period) {
				continue
			}
			if last.Valid() && !r.period.First.After(last.Last) {
				errs = append(errs, &RowError{File: ds.name, Line: int(r.line),
					Err: fmt.Errorf("%v: %v overlaps %v on line %d: a combined figure and separate months for one series", ds.keys[k], r.period, last, lastLine)})
			}
			last, lastLine = r.period, r.line
		}
	}
	slices.SortFunc(errs, func(a, b *RowError) int { return a.Line - b.Line })
	return errs
}

func (ds *Dataset) setValue(i int32, v decimal.Decimal) {
	r := &ds.rows[i]
	r.exp = v.Exponent()
	delete(ds.bigs, int(i))
	if c := v.Coefficient(); c.IsInt64() {
		r.coef = c.Int64()
	} else {
		if ds.bigs == nil {
			ds.bigs = map[int]decimal.Decimal{}
		}
		ds.bigs[int(i)] = v
	}
}

func (ds *Dataset) removeRows(drop map[int32]bool) {
	old := ds.rows
	oldBigs := ds.bigs
	ds.rows, ds.bigs = ds.rows[:0:0], nil
	for i := range old {
		if drop[int32(i)] {
			continue
		}
		if v, ok := oldBigs[i]; ok {
			if ds.bigs == nil {
				ds.bigs = map[int]decimal.Decimal{}
			}
			ds.bigs[len(ds.rows)] = v
		}
		ds.rows = append(ds.rows, old[i])
	}
	ds.once = sync.Once{}
}

// Write writes ds in the library's CSV format, every figure and vintage,
// values and units as printed (trailing zeros kept), sorted as [Dataset.Figures] orders them.
// Loading what Write wrote gives the same dataset.
func Write(w io.Writer, ds *Dataset) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	for f := range ds.Figures() {
		rec := []string{f.Key.Reporter, f.Period.String(), f.Key.Flow.Code(), f.Key.Partner, f.Key.Commodity,
			f.Key.Measure.String(), f.Printed(), f.Unit.code, f.Vintage.String(), f.Source, f.Note}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
