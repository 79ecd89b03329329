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
	// Figures found twice: their lines, by reading their blocks again.
	where := map[locKey]string{}
	for i := range all {
		d := &all[i]
		if d.find() {
			d.Line = fn.lookup(ctx, d.At, d.Opts, d.Key, d.Period, d.Vintage, d.Figure)
		}
		if d.Other.Path != "" {
			k := locKey{d.Other, d.Key, d.OtherPeriod, d.OtherVintage, d.OtherFigure.String()}
			if _, ok := where[k]; !ok {
				where[k] = fn.place(ctx, d.Other, d.OtherOpts, d.Key, d.OtherPeriod, d.OtherVintage, d.OtherFigure)
			}
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
			out.Reason += " " + where[locKey{d.Other, d.Key, d.OtherPeriod, d.OtherVintage, d.OtherFigure.String()}] + d.Tail
		}
		emit(out)
	}
	return nil
}

var relativeLine = regexp.MustCompile(`line [0-9]+`)

type locKey struct {
	at      block
	key     tradeflow.Key
	period  series.Period
	vintage tradeflow.Vintage
	value   string
}

// lookup returns the line of the figure for key, period, vintage and
// value (in its dimension's base unit) in block b, in the block's text
// (the header being line 1), or 0 if it cannot be found.
func (fn *numberFn) lookup(ctx context.Context, b block, opts int, key tradeflow.Key, p series.Period, v tradeflow.Vintage, value decimal.Decimal) int {
	if opts < 0 || opts >= len(fn.Options) {
		return 0
	}
	o := fn.Options[opts]
	r, err := openBlock(ctx, b, o)
	if err != nil {
		return 0
	}
	defer r.Close()
	schema, err := r.schema(o)
	if err != nil {
		return 0
	}
	ds, err := tradeflow.Read(ctx, r, b.Path, schema, (&readFn[series.USD]{Options: o}).readOptions()...)
	if ds == nil {
		return 0
	}
	_ = err // its row errors are dead letters already
	line := 0
	for _, f := range ds.Vintages(key, p) {
		switch {
		case f.Vintage != v:
		case f.Normalized().Equal(value):
			return f.Line
		case line == 0:
			line = f.Line
		}
	}
	return line
}

// place says where the figure for key and period is in block b: "in
// file:line", or "in file (bytes a–b)" if its line cannot be found.
func (fn *numberFn) place(ctx context.Context, b block, opts int, key tradeflow.Key, p series.Period, v tradeflow.Vintage, value decimal.Decimal) string {
	if line := fn.lookup(ctx, b, opts, key, p, v, value); line > 0 {
		if b.Start == 0 {
			return fmt.Sprintf("in %s:%d", b.Path, line)
		}
		sc, err := newLineScanner(ctx, b.Path)
		if err == nil {
			defer sc.close()
			if first, err := sc.lineFrom(b.Start); err == nil {
				return fmt.Sprintf("in %s:%d", b.Path, first-2+line)
			}
		}
	}
	return fmt.Sprintf("in %s (bytes %d–%d)", b.Path, b.Start, b.End)
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
