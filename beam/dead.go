package tfbeam

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// A DeadLetter is a bad row: what the reader could not use, where it is,
// and why. Rows go to the dead letters instead of failing the pipeline;
// FailOnDead fails it on purpose.
type DeadLetter struct {
	File   string `json:"file"`             // the file's path, as the glob matched it
	Line   int    `json:"line"`             // 1 is the file's first line; 0 when the fault is no one line (a series that could not be built)
	Column int    `json:"column,omitempty"` // 1 is the first column; 0 for the whole row
	Name   string `json:"name,omitempty"`   // the column's name in the header, or ""
	Value  string `json:"value,omitempty"`  // the field as written (cut to 100 bytes), or ""
	Reason string `json:"reason"`           // what is wrong, as the library says it
	Text   string `json:"text,omitempty"`   // the record as written, cut to MaxText bytes, or "" when Line is 0
}

// MaxText is the longest DeadLetter.Text, in bytes.
const MaxText = 1000

// String returns the dead letter as the library's row errors print:
// "panel.csv:3:6: column value_usd: value "-1.00": a level of exports
// cannot be negative".
func (d DeadLetter) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&b, ":%d", d.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(d.Reason)
	return b.String()
}

// FailOnDead fails the pipeline if dead, a PCollection<DeadLetter>, holds
// more than max dead letters: for a job that must not go on with more bad
// rows than that. Without it no bad row fails a pipeline.
func FailOnDead(s beam.Scope, dead beam.PCollection, max int) {
	s = s.Scope("tfbeam.FailOnDead")
	beam.ParDo0(s, &failFn{Max: max}, stats.CountElms(s, dead))
}

type failFn struct{ Max int }

func (fn *failFn) ProcessElement(n int) error {
	if n > fn.Max {
		return fmt.Errorf("tfbeam: %d dead letters, more than the %d allowed", n, fn.Max)
	}
	return nil
}

// A rawDead is a dead letter as a block knows it: its line counted from
// the block's first line (the header), or, for a figure that GroupSeries
// found twice, the block to read again to find its line.
type rawDead struct {
	At       block // the block; its Start is 0 for the first block, whose lines are the file's
	Opts     int   // the read options of At, an index into numberFn.Options
	Line     int   // in the block's text, the header being line 1; 0: none
	EndLine  int
	Column   int
	Name     string
	Value    string
	Reason   string
	Relative bool // Reason names other lines of the block, as "line 7"

	// A figure found in two places: Key and Period say which, to look its
	// line up in At, and Other says where the other is (Other.Path is
	// empty if there is none).
	Key       tradeflow.Key
	Period    series.Period
	Vintage   tradeflow.Vintage // the figure's, in At
	Figure    decimal.Decimal   // its value in its dimension's base unit (tradeflow.Figure.Normalized)
	Other     block
	OtherOpts int
	// The other figure's period and vintage, to look its line up in Other.
	OtherPeriod  series.Period
	OtherVintage tradeflow.Vintage
	OtherFigure  decimal.Decimal
	Tail         string // what Reason goes on to say after the other's place
	// Kept says that both figures are the ones a read of the file whole
	// keeps for their period and vintage, as it names them in an
	// overlap: of several figures of a period and vintage in a block, the
	// first of the last run of equal ones. In the same file, the other's
	// place is then named as the library names it, "on line n".
	Kept bool
}

func (d rawDead) find() bool { return d.Line == 0 && d.Period.Valid() }

func keyByFile(d rawDead) (string, rawDead) { return d.At.Path, d }

// numberLines turns raw dead letters into dead letters: it counts lines of
// the files that have any, once a file.
func numberLines(s beam.Scope, raw beam.PCollection, opts []ReadOptions) beam.PCollection {
	s = s.Scope("tfbeam.NumberLines")
	return beam.ParDo(s, &numberFn{Options: opts}, beam.GroupByKey(s, beam.ParDo(s, keyByFile, raw)))
}

type numberFn struct {
	Options []ReadOptions
}

func (fn *numberFn) ProcessElement(ctx context.Context, file string, rows func(*rawDead) bool, emit func(DeadLetter)) error {
	var all []rawDead
	var d rawDead
	for rows(&d) {
		all = append(all, d)
	}
	// Figures found twice: their lines, by reading their blocks again,
	// each once.
	need := map[locKey]decimal.Decimal{}
	for _, d := range all {
		if d.find() {
			need[d.atKey()] = d.Figure
		}
		if d.Other.Path != "" {
			need[d.otherKey()] = d.OtherFigure
		}
	}
	found := fn.lookup(ctx, need)
	where, err := places(ctx, found)
	if err != nil {
		return err
	}
	for i := range all {
		if d := &all[i]; d.find() {
			d.Line = found[d.atKey()]
		}
	}
	slices.SortStableFunc(all, func(a, b rawDead) int {
		if c := cmp.Compare(a.At.Start, b.At.Start); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	sc, err := newLineScanner(ctx, file)
	if err != nil {
		return err
	}
	defer sc.close()
	firsts := map[int64]int{} // a block's Start: the line its first record is on
	for _, d := range all {
		out := DeadLetter{File: file, Column: d.Column, Name: d.Name, Value: d.Value, Reason: d.Reason}
		if d.Line > 0 {
			base := 0 // the first block's lines are the file's
			if d.At.Start > 0 {
				first, ok := firsts[d.At.Start]
				if !ok {
					if first, err = sc.lineFrom(d.At.Start); err != nil {
						return err
					}
					firsts[d.At.Start] = first
				}
				base = first - 2 // the block's line 2 is its first record
			}
			out.Line = base + d.Line
			end := max(d.EndLine, d.Line) + base
			if out.Text, err = sc.text(out.Line, end); err != nil {
				return err
			}
			if d.Relative {
				out.Reason = relativeLine.ReplaceAllStringFunc(out.Reason, func(m string) string {
					n, _ := strconv.Atoi(strings.TrimPrefix(m, "line "))
					return "line " + strconv.Itoa(base+n)
				})
			}
		}
		if d.Other.Path != "" {
			k := d.otherKey()
			place := fmt.Sprintf("in %s (bytes %d–%d)", k.at.Path, k.at.Start, k.at.End)
			if line := where[k]; line > 0 {
				if d.Kept && k.at.Path == file {
					place = fmt.Sprintf("on line %d", line) // as the library names it
				} else {
					place = fmt.Sprintf("in %s:%d", k.at.Path, line)
				}
			}
			out.Reason += " " + place + d.Tail
		}
		emit(out)
	}
	return nil
}

var relativeLine = regexp.MustCompile(`line [0-9]+`)

// A locKey says which figure to find in a block: its key, period,
// vintage and value, and whether the one the library keeps (see
// rawDead.Kept).
type locKey struct {
	at      block
	opts    int
	key     tradeflow.Key
	period  series.Period
	vintage tradeflow.Vintage
	value   string
	kept    bool
}

func (d rawDead) atKey() locKey {
	return locKey{d.At, d.Opts, d.Key, d.Period, d.Vintage, d.Figure.String(), d.Kept}
}

func (d rawDead) otherKey() locKey {
	return locKey{d.Other, d.OtherOpts, d.Key, d.OtherPeriod, d.OtherVintage, d.OtherFigure.String(), d.Kept}
}

// lookup returns the line of each figure of need (its value in its
// dimension's base unit) in its block's text (the header being line 1),
// or 0 if it cannot be found, reading each block once. Of several figures
// of a period and vintage, it is the first of that value, or, with kept,
// the first of the last run of equal figures (as the library keeps them:
// a duplicate is dropped for the figure it repeats, a conflicting figure
// replaces the one before it).
func (fn *numberFn) lookup(ctx context.Context, need map[locKey]decimal.Decimal) map[locKey]int {
	type at struct {
		b    block
		opts int
	}
	byBlock := map[at][]locKey{}
	for k := range need {
		byBlock[at{k.at, k.opts}] = append(byBlock[at{k.at, k.opts}], k)
	}
	found := map[locKey]int{}
	for a, keys := range byBlock {
		ds := fn.readBlock(ctx, a.b, a.opts)
		if ds == nil {
			continue
		}
		for _, k := range keys {
			found[k] = lineOf(ds, k, need[k])
		}
	}
	return found
}

// readBlock reads block b again, or returns nil if it cannot.
func (fn *numberFn) readBlock(ctx context.Context, b block, opts int) *tradeflow.Dataset {
	if opts < 0 || opts >= len(fn.Options) {
		return nil
	}
	o := fn.Options[opts]
	r, err := openBlock(ctx, b, o)
	if err != nil {
		return nil
	}
	defer r.Close()
	schema, err := r.schema(o)
	if err != nil {
		return nil
	}
	ds, _ := tradeflow.Read(ctx, r, b.Path, schema, (&readFn[series.USD]{Options: o}).readOptions()...)
	return ds // its row errors are dead letters already
}

// lineOf returns the line in ds of the figure k names, of value value.
func lineOf(ds *tradeflow.Dataset, k locKey, value decimal.Decimal) int {
	line, first, run := 0, 0, 0
	var prev *tradeflow.Figure
	for _, f := range ds.Vintages(k.key, k.period) {
		if f.Vintage != k.vintage {
			continue
		}
		if prev == nil || !f.Normalized().Equal(prev.Normalized()) {
			run = f.Line // a run of equal figures begins
		}
		prev = &f
		switch {
		case f.Normalized().Equal(value):
			if first == 0 {
				first = f.Line
			}
		case line == 0:
			line = f.Line
		}
	}
	switch {
	case k.kept && prev != nil && prev.Normalized().Equal(value):
		return run
	case first > 0:
		return first
	}
	return line
}

// places turns the lines lookup found, in their blocks, into lines of
// their files (0 where none was found), reading each file once up to its
// last block.
func places(ctx context.Context, found map[locKey]int) (map[locKey]int, error) {
	starts := map[string][]int64{}
	for k, line := range found {
		if line > 0 && k.at.Start > 0 {
			starts[k.at.Path] = append(starts[k.at.Path], k.at.Start)
		}
	}
	firsts := map[string]map[int64]int{}
	for path, st := range starts {
		var err error
		if firsts[path], err = firstLines(ctx, path, st); err != nil {
			return nil, err
		}
	}
	out := map[locKey]int{}
	for k, line := range found {
		if line > 0 && k.at.Start > 0 {
			line += firsts[k.at.Path][k.at.Start] - 2 // the block's line 2 is its first record
		}
		out[k] = line
	}
	return out, nil
}

// firstLines returns the line of the file at path that each offset of
// starts (the starts of blocks) begins, reading the file once up to the
// last of them.
func firstLines(ctx context.Context, path string, starts []int64) (map[int64]int, error) {
	st := slices.Compact(slices.Sorted(slices.Values(starts)))
	sc, err := newLineScanner(ctx, path)
	if err != nil {
		return nil, err
	}
	defer sc.close()
	out := make(map[int64]int, len(st))
	for _, off := range st {
		if out[off], err = sc.lineFrom(off); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// A lineScanner reads a file forward, line by line, knowing where each
// line begins.
type lineScanner struct {
	rc   io.ReadCloser
	br   *bufio.Reader
	line int   // the line about to be read
	off  int64 // where it begins
	// The line read last, for a second dead letter on the same line.
	lastLine int
	lastText string
	eof      bool
	end      byte // the byte that ends a line: a newline, or a carriage return alone
}

func newLineScanner(ctx context.Context, path string) (*lineScanner, error) {
	gz, err := isGzip(ctx, path)
	if err != nil {
		return nil, err
	}
	rc, err := open(ctx, path, 0)
	if err != nil {
		return nil, err
	}
	var r io.Reader = rc
	if gz {
		zr, err := gzip.NewReader(rc)
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("tfbeam: %s: %w", path, err)
		}
		r = zr
	}
	sc := &lineScanner{rc: rc, br: bufio.NewReaderSize(r, 1<<16), line: 1, end: '\n'}
	// A file whose first line ends in a carriage return alone has its
	// lines end so (the library reads it so), and is counted by them.
	head, _ := sc.br.Peek(1 << 16)
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 && head[i] == '\r' && (i+1 < len(head) && head[i+1] != '\n') {
		sc.end = '\r'
	}
	return sc, nil
}

func (sc *lineScanner) close() { sc.rc.Close() }

// next reads the next line, keeping at most MaxText bytes of it.
func (sc *lineScanner) next() (string, error) {
	var text []byte
	for {
		chunk, err := sc.br.ReadSlice(sc.end)
		sc.off += int64(len(chunk))
		if room := MaxText + 2 - len(text); room > 0 {
			text = append(text, chunk[:min(len(chunk), room)]...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			sc.eof = true
			err = nil
		}
		sc.lastLine, sc.lastText = sc.line, strings.TrimRight(string(text), "\r\n")
		sc.line++
		return sc.lastText, err
	}
}

// lineFrom returns the number of the first line that begins at or after
// byte off.
func (sc *lineScanner) lineFrom(off int64) (int, error) {
	for sc.off < off && !sc.eof {
		if _, err := sc.next(); err != nil {
			return 0, err
		}
	}
	return sc.line, nil
}

// text returns lines first to last joined by newlines, cut to MaxText
// bytes.
func (sc *lineScanner) text(first, last int) (string, error) {
	var lines []string
	for n := first; n <= last; n++ {
		switch {
		case n == sc.lastLine:
			lines = append(lines, sc.lastText)
			continue
		case n < sc.line:
			return "", nil // behind the scanner: not kept
		}
		for sc.line < n && !sc.eof {
			if _, err := sc.next(); err != nil {
				return "", err
			}
		}
		if sc.eof {
			break
		}
		t, err := sc.next()
		if err != nil {
			return "", err
		}
		lines = append(lines, t)
	}
	t := strings.Join(lines, "\n")
	if len(t) > MaxText {
		t = t[:MaxText]
	}
	return t, nil
}
