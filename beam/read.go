package tfbeam

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"

	// Plain paths ("data/*.csv"), the file system every runner has.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/readerr"
	"github.com/tradeflow-go/tradeflow/internal/sniff"
	"github.com/tradeflow-go/tradeflow/series"
)

// DefaultBlockSize is the size of the blocks Read splits a file into unless
// ReadOptions.BlockSize says otherwise: 64 MiB.
const DefaultBlockSize = 64 << 20

// ReadOptions say how Read reads its files. The zero ReadOptions reads
// files of any format of tradeflow.Formats, recognised by their headers,
// split into blocks of DefaultBlockSize.
//
// A DoFn travels to the workers as the JSON of its exported fields, so the
// options are plain values, and a schema is named rather than given.
type ReadOptions struct {
	// Schema names the files' schema: one registered with RegisterSchema,
	// or the Name of a format of tradeflow.Formats ("tradeflow CSV",
	// "UN Comtrade"). Empty: each file's format is recognised by its
	// header, as tradeflow.ReadAny recognises it.
	Schema string
	// Reporter, Vintage and Source are tradeflow.WithReporter,
	// tradeflow.WithVintage and tradeflow.WithSource: the reporter, the
	// release date and the source of files that have no such column. A
	// file whose schema fixes one of them otherwise (the Census Bureau's
	// reporter, the source of a built-in format) is refused by the reader
	// (tradeflow.HeaderError.Conflicts): it is one dead letter, for line 1.
	Reporter, Vintage, Source string
	// SumDuplicates is tradeflow.SumDuplicates: two figures with the same
	// key, period and vintage add up instead of being bad rows, within a
	// file and across files alike. Each file is then read whole, as one
	// block, so that its Summary.Summed counts the figures added up in
	// it as the library counts them (those of different files, added up
	// by GroupSeries, are in no file's count).
	SumDuplicates bool
	// MaxLine is tradeflow.MaxLine, the longest record in bytes; 0:
	// tradeflow.DefaultMaxLine.
	MaxLine int
	// BlockSize is the size of the blocks a file is split into, in bytes;
	// 0: DefaultBlockSize; negative: every file is read whole. A gzip
	// file is always read whole, since it cannot be entered in the middle,
	// as is a JSON table (the US Census Bureau's API), and so is a file
	// whose schema adds parts up into totals the file
	// does not give (Comext's statistical procedures): the parts of a
	// total may lie anywhere in the file; and so is every file read with
	// SumDuplicates.
	// Splitting assumes that no record holds a newline inside quotes; a
	// block that finds one fails, naming the file, rather than read it
	// wrong: read such files whole.
	BlockSize int64
	// Workers is how many goroutines parse each block (tradeflow.Workers);
	// 0: one a core.
	Workers int
}

var schemas = struct {
	sync.RWMutex
	m map[string]func() tradeflow.Schema
}{m: map[string]func() tradeflow.Schema{}}

// RegisterSchema makes a schema known to Read under name, the name
// ReadOptions.Schema gives. Call it from an init function, so that it runs
// in every process that runs the pipeline: the workers run the same binary
// as the program that builds it. RegisterSchema panics if name is empty,
// already registered, or the name of a format of tradeflow.Formats.
func RegisterSchema(name string, schema func() tradeflow.Schema) {
	schemas.Lock()
	defer schemas.Unlock()
	if name == "" || schema == nil {
		panic("tfbeam: RegisterSchema: empty name or nil schema")
	}
	if _, dup := schemas.m[name]; dup {
		panic(fmt.Sprintf("tfbeam: RegisterSchema: %q registered twice", name))
	}
	for _, f := range tradeflow.Formats() {
		if f.Name == name {
			panic(fmt.Sprintf("tfbeam: RegisterSchema: %q is a format of tradeflow.Formats", name))
		}
	}
	schemas.m[name] = schema
}

// lookupSchema returns the schema named name.
func lookupSchema(name string) (func() tradeflow.Schema, error) {
	schemas.RLock()
	s, ok := schemas.m[name]
	schemas.RUnlock()
	if ok {
		return s, nil
	}
	var names []string
	for _, f := range tradeflow.Formats() {
		if f.Name == name {
			return f.Schema, nil
		}
		names = append(names, f.Name)
	}
	schemas.RLock()
	for n := range schemas.m {
		names = append(names, n)
	}
	schemas.RUnlock()
	sort.Strings(names)
	return nil, fmt.Errorf("tfbeam: no schema %q in this binary (have %q); register it with RegisterSchema in an init function", name, names)
}

// Files is what Read gives: the figures of the files, what the reader saw
// in each file, and its bad rows.
type Files struct {
	// Figures is a PCollection<KV<tradeflow.Key, Figures[U]>>: for every
	// series, its figures in each block that has some. GroupSeries makes
	// the series of them.
	Figures beam.PCollection
	// Summaries is a PCollection<Summary>, one a file.
	Summaries beam.PCollection
	// Dead is a PCollection<DeadLetter>: the bad rows, with their file,
	// line and reason. A file whose header cannot be read is one dead
	// letter, for line 1. A combined figure (January–February) beside a
	// month it covers is a dead letter of GroupSeries, not of Read, even
	// in one block: the library names the copy of each figure that a read
	// of the file whole keeps, which only the figures of every block tell.
	Dead beam.PCollection

	opts ReadOptions
}

// A Summary is what the reader saw in one file, over all its blocks:
// tradeflow.Summary's counts, added up.
type Summary struct {
	File    string      `json:"file"`
	Schema  string      `json:"schema"`
	Blocks  int         `json:"blocks"`  // the blocks the file was read in
	Bytes   int64       `json:"bytes"`   // bytes of data, after decompression
	Rows    int         `json:"rows"`    // data rows, not counting the header and blank lines
	Blank   int         `json:"blank"`   // blank lines
	Figures int         `json:"figures"` // figures kept, of every dimension
	Bad     int         `json:"bad"`     // rows with errors, each a dead letter of Read
	Skipped []SkipCount `json:"skipped,omitempty"`
	// LeftOut is tradeflow.Summary.LeftOut: the figures a row could have
	// given and did not, by reason (a quantity left empty, or written as
	// missing; a total's quantity when not every part has one).
	LeftOut []SkipCount `json:"left_out,omitempty"`
	// Summed is tradeflow.Summary.Summed: the rows whose figures were
	// added into totals the file does not give (Comext's statistical
	// procedures), and, with ReadOptions.SumDuplicates, the figures added
	// into another of the same key, period and vintage in the file (both
	// kinds of file are read whole, so these counts are the library's).
	// Figures of different files that GroupSeries adds up are in no
	// file's count.
	Summed []SkipCount `json:"summed,omitempty"`
}

// A SkipCount is the number of rows skipped, figures left out or rows
// summed for one reason, and the line of the first in the file
// (tradeflow.SkipCount). Skipped, LeftOut and Summed are each in the
// order of their reasons.
type SkipCount struct {
	Reason string `json:"reason"`
	Rows   int    `json:"rows"`
	First  int    `json:"first"` // the line of the first, 1 being the file's first line
}

// A blockSummary is a Summary as the blocks of a file add up to it: the
// first line of each count is that of a block, to be counted from the
// file's start once the blocks are merged.
type blockSummary struct {
	Sum                      Summary // without its counts by reason
	Skipped, LeftOut, Summed []blockCount
}

// A blockCount is a SkipCount whose first line is counted in the block
// that begins at byte Start, the header being line 1 (the file's lines,
// in the first block).
type blockCount struct {
	Reason string
	Rows   int
	Start  int64
	Line   int
}

func blockCounts(b block, in []tradeflow.SkipCount) []blockCount {
	out := make([]blockCount, 0, len(in))
	for _, sk := range in {
		out = append(out, blockCount{sk.Reason, sk.Rows, b.Start, sk.First})
	}
	slices.SortStableFunc(out, func(a, b blockCount) int { return strings.Compare(a.Reason, b.Reason) })
	return out
}

// Read reads every file that glob matches with the library's reader,
// tradeflow.Read, through the schema opts name, and returns the figures of
// every series in unit U's dimension; series of other dimensions are
// left out (read them with another U). A glob that matches no file fails
// the pipeline.
//
// Each file is split into blocks of opts.BlockSize bytes, read in parallel
// on the workers; a block owns the records that begin in it, and is read
// with the file's header before it, so that every block knows the columns.
// A gzip file (recognised by its first bytes, whatever its name) is one
// block, as is a JSON table, a file whose schema adds parts up into
// totals, and every file read with opts.SumDuplicates. Without a schema,
// a JSON table's format is recognised from its first array, as tradeflow.ReadAny recognises it. Every row error of tradeflow.Read is a dead letter naming the file
// and its line in the file (not in the block), the column and the value;
// nothing fails the pipeline but a file that cannot be opened or a block
// that cannot be split (see ReadOptions.BlockSize). Read panics if
// opts.Schema names no schema.
//
// Two figures of a series in one block are checked by the reader; those in
// different blocks, by GroupSeries.
func Read[U series.Unit](s beam.Scope, glob string, opts ReadOptions) Files {
	if opts.Schema != "" {
		if _, err := lookupSchema(opts.Schema); err != nil {
			panic(err)
		}
	}
	s = s.Scope("tfbeam.Read")
	files := fileio.MatchFiles(s, glob, fileio.MatchEmptyDisallow())
	blocks := beam.Reshuffle(s, beam.ParDo(s, &splitFn{BlockSize: opts.BlockSize, Schema: opts.Schema, MaxLine: opts.MaxLine, Sum: opts.SumDuplicates}, files))
	figures, sums, raw := beam.ParDo3(s, &readFn[U]{Options: opts}, blocks)
	return Files{
		Figures:   figures,
		Summaries: beam.ParDo(s, &firstLinesFn{}, beam.CombinePerKey(s, &summaryFn{}, sums)),
		Dead:      numberLines(s, raw, []ReadOptions{opts}),
		opts:      opts,
	}
}

// A block is a part of a file: the records that begin in [Start, End).
// A whole file is [0, Size).
type block struct {
	Path       string
	Size       int64
	Start, End int64
	Gzip       bool
}

func (b block) whole() bool { return b.Start == 0 && b.End >= b.Size }

// splitFn splits a file into blocks.
type splitFn struct {
	BlockSize int64
	Schema    string // ReadOptions.Schema
	MaxLine   int    // ReadOptions.MaxLine
	Sum       bool   // ReadOptions.SumDuplicates: every file is read whole
}

func (fn *splitFn) ProcessElement(ctx context.Context, f fileio.FileMetadata, emit func(block)) error {
	gz, err := isGzip(ctx, f.Path)
	if err != nil {
		return err
	}
	size := fn.BlockSize
	if size == 0 {
		size = DefaultBlockSize
	}
	whole := gz || size < 0 || f.Size <= size || fn.Sum
	if !whole {
		if whole, err = fn.wholeFile(ctx, f.Path); err != nil {
			return err
		}
	}
	if whole {
		emit(block{Path: f.Path, Size: f.Size, End: f.Size, Gzip: gz})
		return nil
	}
	for start := int64(0); start < f.Size; start += size {
		emit(block{Path: f.Path, Size: f.Size, Start: start, End: min(start+size, f.Size)})
	}
	return nil
}

// wholeFile reports whether the file must be read as one block: a JSON
// table, which cannot be entered in the middle, or a file whose schema
// adds the parts of a total up (a tradeflow.BreakdownField with no Total
// codes, such as Comext's statistical procedures), since the parts of one
// total may lie anywhere in the file and only a read of the whole file
// adds them all up. A file whose header is of no format is split: its
// blocks report the header.
func (fn *splitFn) wholeFile(ctx context.Context, path string) (bool, error) {
	maxLine := fn.MaxLine
	if maxLine <= 0 {
		maxLine = tradeflow.DefaultMaxLine
	}
	head, headErr := firstLine(ctx, path, maxLine)
	if headErr == nil && sniff.JSONTable(head) {
		return true, nil
	}
	var schema tradeflow.Schema
	if fn.Schema != "" {
		s, err := lookupSchema(fn.Schema)
		if err != nil {
			return false, err
		}
		schema = s()
	} else {
		if headErr != nil {
			return false, nil // the blocks report it
		}
		f, ok := tradeflow.Detect(bytes.TrimRight(head, "\r\n"))
		if !ok {
			return false, nil
		}
		schema = f.Schema()
	}
	for _, bd := range schema.Breakdowns {
		if bd.Total == nil && bd.Name != "" {
			return true, nil
		}
	}
	return false, nil
}

// isGzip reports whether the file begins as a gzip stream does.
func isGzip(ctx context.Context, path string) (bool, error) {
	rc, err := open(ctx, path, 0)
	if err != nil {
		return false, err
	}
	defer rc.Close()
	var magic [2]byte
	n, err := io.ReadFull(rc, magic[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, fmt.Errorf("tfbeam: %s: %w", path, err)
	}
	return n == 2 && magic == [2]byte{0x1f, 0x8b}, nil
}

// open opens path at byte offset off: by seeking where the file system can,
// otherwise by reading up to it (a file system that streams only).
func open(ctx context.Context, path string, off int64) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	if off == 0 {
		return rc, nil
	}
	if sk, ok := rc.(io.Seeker); ok {
		if _, err := sk.Seek(off, io.SeekStart); err != nil {
			rc.Close()
			return nil, err
		}
		return rc, nil
	}
	if _, err := io.CopyN(io.Discard, rc, off); err != nil {
		rc.Close()
		return nil, fmt.Errorf("tfbeam: %s: skipping to byte %d: %w", path, off, err)
	}
	return rc, nil
}

// readFn reads blocks with the library's reader.
type readFn[U series.Unit] struct {
	Options ReadOptions
}

func (fn *readFn[U]) ProcessElement(ctx context.Context, b block,
	figures func(tradeflow.Key, Figures[U]), sums func(string, blockSummary), dead func(rawDead)) error {
	r, err := openBlock(ctx, b, fn.Options)
	if err != nil {
		return err
	}
	defer r.Close()
	sum := Summary{File: b.Path, Blocks: 1}
	if r.empty() {
		sums(b.Path, blockSummary{Sum: sum}) // a record from the block before covers it all
		return nil
	}
	schema, err := r.schema(fn.Options)
	if err != nil {
		if b.Start == 0 { // one dead letter a file, from its first block
			dead(rawDead{At: b, Line: 1, Reason: err.Error()})
		}
		sums(b.Path, blockSummary{Sum: sum})
		return nil
	}
	ds, err := tradeflow.Read(ctx, r, b.Path, schema, fn.readOptions()...)
	var list *tradeflow.ErrorList
	overlaps := 0
	switch {
	case err == nil:
	case errors.As(err, &list):
		for _, e := range list.Errors {
			if isOverlap(e) {
				overlaps++ // GroupSeries reports it, knowing every block
				continue
			}
			dead(deadOf(b, e))
		}
		if more := list.Total - len(list.Errors); more > 0 {
			dead(rawDead{At: b, Reason: fmt.Sprintf(
				"%d more bad rows after the %d listed, between bytes %d and %d (the reader lists %d a block)",
				more, len(list.Errors), r.start, r.pos, tradeflow.MaxErrors)})
		}
	default:
		var rowErr *tradeflow.RowError
		var headErr *tradeflow.HeaderError
		if ctx.Err() != nil || !(errors.As(err, &headErr) || errors.As(err, &rowErr) && rowErr.Line == 1) {
			return err // the runner retries the bundle
		}
		// A header the schema cannot read: every block of the file
		// fails alike; the first reports it.
		if b.Start == 0 {
			dead(rawDead{At: b, Line: 1, Reason: reasonOf(err)})
		}
		sums(b.Path, blockSummary{Sum: sum})
		return nil
	}
	sm := ds.Summary()
	if !b.whole() {
		if err := r.checkLines(sm, list); err != nil {
			return err
		}
	}
	sum.Schema, sum.Bytes, sum.Rows, sum.Blank, sum.Figures, sum.Bad = sm.Schema, r.data, sm.Rows, sm.Blank, sm.Figures, sm.Bad
	if list != nil {
		// Every row error is a dead letter, and counts as a bad row: the
		// reader's Summary.Bad leaves out the rows its check after
		// parsing finds (a duplicate of an earlier row), which are in
		// its error list all the same. An overlap is left to
		// GroupSeries, and not counted.
		sum.Bad = list.Total - overlaps
	}
	if b.whole() {
		sum.Bytes = sm.Bytes // after decompression
	}
	sums(b.Path, blockSummary{Sum: sum, Skipped: blockCounts(b, sm.Skipped), LeftOut: blockCounts(b, sm.LeftOut), Summed: blockCounts(b, sm.Summed)})
	emitFigures(ds, b, !schema.Vintage.IsZero() || fn.Options.Vintage != "", figures)
	return nil
}

func (fn *readFn[U]) readOptions() []tradeflow.ReadOption {
	o := fn.Options
	opts := []tradeflow.ReadOption{tradeflow.CollectErrors()}
	if o.Reporter != "" {
		opts = append(opts, tradeflow.WithReporter(o.Reporter))
	}
	if o.Vintage != "" {
		opts = append(opts, tradeflow.WithVintage(o.Vintage))
	}
	if o.Source != "" {
		opts = append(opts, tradeflow.WithSource(o.Source))
	}
	if o.SumDuplicates {
		opts = append(opts, tradeflow.SumDuplicates())
	}
	if o.MaxLine > 0 {
		opts = append(opts, tradeflow.MaxLine(o.MaxLine))
	}
	if o.Workers > 0 {
		opts = append(opts, tradeflow.Workers(o.Workers))
	}
	return opts
}

// emitFigures emits the figures of every series of ds in U's dimension,
// with their vintages if the file may have them.
func emitFigures[U series.Unit](ds *tradeflow.Dataset, b block, vintages bool, emit func(tradeflow.Key, Figures[U])) {
	one := func(k tradeflow.Key, s series.Series[U]) {
		f := Figures[U]{File: b.Path, Start: b.Start, End: b.End, Series: s, at: b}
		if vintages {
			var u U
			for p := range s.All() {
				fig, _ := ds.Lookup(k, p)
				f.Vintages = append(f.Vintages, fig.Vintage)
				// The figures of earlier vintages, which GroupSeries
				// checks against those of other blocks as the reader
				// checks them within one.
				for _, o := range ds.Vintages(k, p) {
					if o.Unit.Dimension() == u.Dimension() && o.Vintage.Compare(fig.Vintage) < 0 {
						f.older = append(f.older, figure{p: p, v: o.Normalized().Shift(-int32(u.Exponent())), vintage: o.Vintage})
					}
				}
			}
		}
		emit(k, f)
	}
	all, err := tradeflow.All[U](ds, nil)
	if err == nil {
		for k, s := range all {
			one(k, s)
		}
		return
	}
	// A series has figures that cannot be used (two different figures for
	// one period, or a combined period over separate months): the reader
	// has made dead letters of their rows. The series cannot be built, in
	// this block or with the others: GroupSeries is told so, and given
	// the block's monthly figures of it, every vintage, to check against
	// those of other blocks.
	var unbuilt map[tradeflow.Key]*Figures[U]
	for _, k := range ds.Keys() {
		s, err := tradeflow.Get[U](ds, k)
		switch {
		case errors.Is(err, tradeflow.ErrUnit), errors.Is(err, tradeflow.ErrNoSeries):
			// a series of another dimension
		case err != nil:
			if unbuilt == nil {
				unbuilt = map[tradeflow.Key]*Figures[U]{}
			}
			unbuilt[k] = &Figures[U]{File: b.Path, Start: b.Start, End: b.End, at: b, Err: conflicting}
		default:
			one(k, s)
		}
	}
	if unbuilt == nil {
		return
	}
	var u U
	for f := range ds.Figures() {
		if x := unbuilt[f.Key]; x != nil && f.Unit.Dimension() == u.Dimension() && monthly(f.Period) {
			x.older = append(x.older, figure{p: f.Period, v: f.Normalized().Shift(-int32(u.Exponent())), vintage: f.Vintage})
		}
	}
	for k, f := range unbuilt {
		emit(k, *f)
	}
}

// monthly reports whether a period is one tradeflow.Get puts in a
// series: a month or a combined release, not a year to date.
func monthly(p series.Period) bool {
	cumulative := p.First.Month() == 1 && p.Len() >= 2 && p.First.Year() == p.Last.Year()
	return !cumulative || p.Len() == 2
}

// conflicting is why a series is not built, whether its conflicting
// figures lie in one block or in several.
const conflicting = "two of its figures cover the same month"

// reasonOf returns what is wrong, without the file and line a
// *tradeflow.RowError begins with (the dead letter has them).
func reasonOf(err error) string {
	var he *tradeflow.HeaderError
	if errors.As(err, &he) {
		return strings.TrimPrefix(he.Error(), he.File+":1: ")
	}
	var e *tradeflow.RowError
	if !errors.As(err, &e) {
		return err.Error()
	}
	var b bytes.Buffer
	if e.Name != "" {
		fmt.Fprintf(&b, "column %s: ", e.Name)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, "value %q: ", e.Value)
	}
	fmt.Fprint(&b, e.Err)
	return b.String()
}

// overlapReason ends the reader's error for a combined figure (January–
// February) beside a month it covers.
var overlapReason = ": " + readerr.ErrOverlap.Error()

// isOverlap reports whether e is the reader's error for a combined figure
// beside a month it covers. Read leaves those to GroupSeries: which of
// several copies of a figure the library names depends on the figures of
// every block, and a block's reader, seeing only its own, may name
// another.
func isOverlap(e *tradeflow.RowError) bool { return errors.Is(e, readerr.ErrOverlap) }

// deadOf returns the dead letter of a row error in block b.
func deadOf(b block, e *tradeflow.RowError) rawDead {
	d := rawDead{At: b, Line: e.Line, EndLine: e.EndLine, Column: e.Column, Name: e.Name, Value: e.Value, Reason: reasonOf(e)}
	// The reader's duplicate errors name the other line in their text.
	d.Relative = b.Start > 0 && errors.Is(e, tradeflow.ErrDuplicate)
	return d
}

// A blockReader gives the reader a block: the file's header (for a block
// that does not begin the file), then the records that begin in the block.
type blockReader struct {
	io.Reader
	rc    io.ReadCloser
	path  string
	gzip  bool
	head  []byte // the file's first line, for a block that does not begin it
	start int64  // the block's first record (0 for the first block: the header)
	pos   int64  // the byte after the last one read
	end   int64  // the block's End: its records begin before it
	limit bool   // stop at the first newline at or after byte end−1
	done  bool   // the block's last record has been read
	lines int    // newlines read, the header's included
	last  byte   // the last byte read
	data  int64  // bytes of the file read (not the header given again)
}

// openBlock opens the records of b.
func openBlock(ctx context.Context, b block, o ReadOptions) (*blockReader, error) {
	maxLine := o.MaxLine
	if maxLine <= 0 {
		maxLine = tradeflow.DefaultMaxLine
	}
	r := &blockReader{path: b.Path, gzip: b.Gzip, end: b.End, limit: !b.whole()}
	if b.Start == 0 {
		rc, err := open(ctx, b.Path, 0)
		if err != nil {
			return nil, err
		}
		r.rc, r.Reader = rc, rc
		if !b.Gzip { // the library's reader inflates a gzip file itself
			r.Reader = &countingReader{r: rc, br: r}
		}
		return r, nil
	}
	var err error
	if r.head, err = firstLine(ctx, b.Path, maxLine); err != nil {
		return nil, err
	}
	// The record that byte Start−1 belongs to began before the block: skip
	// to the byte after its newline.
	rc, err := open(ctx, b.Path, b.Start-1)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(rc, 1<<16)
	skipped, err := skipLine(br)
	if err != nil && err != io.EOF {
		rc.Close()
		return nil, fmt.Errorf("tfbeam: %s: %w", b.Path, err)
	}
	r.rc = rc
	r.start = b.Start - 1 + skipped
	r.pos = r.start
	if err == io.EOF || r.start >= b.End {
		r.start = max(r.start, b.End) // no record begins in the block
		r.Reader = bytes.NewReader(nil)
		return r, nil
	}
	r.lines = 1
	r.Reader = io.MultiReader(bytes.NewReader(r.head), &countingReader{r: br, br: r})
	return r, nil
}

func (r *blockReader) Close() error { return r.rc.Close() }

// empty reports whether no record begins in the block.
func (r *blockReader) empty() bool { return r.start > 0 && r.start >= r.end }

// schema returns the schema the block is read with: the one opts name, or
// the one of the format its header shows.
func (r *blockReader) schema(o ReadOptions) (tradeflow.Schema, error) {
	if o.Schema != "" {
		s, err := lookupSchema(o.Schema)
		if err != nil {
			return tradeflow.Schema{}, err
		}
		return s(), nil
	}
	head := r.head
	if head == nil { // the first block: look at its first line through a buffer
		br := bufio.NewReaderSize(r.Reader, 1<<16)
		r.Reader = br
		src := br
		if r.gzip {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return tradeflow.Schema{}, fmt.Errorf("gzip: %w", err)
			}
			src = bufio.NewReaderSize(zr, 1<<16)
			r.Reader = src
		}
		line, err := src.Peek(1 << 16)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return tradeflow.Schema{}, err
		}
		if sniff.JSONTable(line) {
			// The header is the table's first array (the US Census
			// Bureau's API), which the reader reads as a CSV line.
			head = jsonHeader(line)
		} else {
			if i := bytes.IndexByte(line, '\n'); i >= 0 {
				line = line[:i]
			}
			head = line
		}
	}
	f, ok := tradeflow.Detect(bytes.TrimRight(head, "\r\n"))
	if !ok {
		var names []string
		for _, f := range tradeflow.Formats() {
			names = append(names, f.Name)
		}
		return tradeflow.Schema{}, fmt.Errorf("a header of no format the library reads (%s): %w", strings.Join(names, ", "), tradeflow.ErrColumn)
	}
	return f.Schema(), nil
}

// jsonHeader returns the first array of a JSON table as a CSV line, or
// nil if it cannot be read (the reader then says why).
func jsonHeader(b []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	var names []string
	if _, err := dec.Token(); err != nil {
		return nil
	}
	if err := dec.Decode(&names); err != nil {
		return nil
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	if w.Write(names) != nil {
		return nil
	}
	w.Flush()
	return out.Bytes()
}

// checkLines fails if a good record of the block ran over several lines
// (a newline in quotes): a block boundary may then have cut a record, and
// the rows after it would be read wrong.
func (r *blockReader) checkLines(sm tradeflow.Summary, list *tradeflow.ErrorList) error {
	lines := r.lines
	if r.last != '\n' && r.pos > r.start {
		lines++ // the last record, without a newline
	}
	want := 1 + sm.Rows + sm.Blank // the header, then one line a row
	if list != nil {
		for _, e := range list.Errors {
			if e.EndLine > e.Line {
				want += e.EndLine - e.Line
			}
		}
	}
	if lines > want {
		return fmt.Errorf("tfbeam: %s: a record between bytes %d and %d runs over several lines (a newline in quotes): "+
			"read the file whole (ReadOptions.BlockSize < 0)", r.path, r.start, r.pos)
	}
	return nil
}

// A countingReader reads a block's records, counting newlines: up to the
// first newline at or after byte End−1 if the block is limited, else to
// the end of the file.
type countingReader struct {
	r  io.Reader
	br *blockReader
}

func (c *countingReader) Read(p []byte) (int, error) {
	b := c.br
	if b.done {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	if b.limit {
		// A newline at or after End−1 ends the block's last record.
		from := max(0, b.end-1-b.pos)
		if from < int64(n) {
			if i := bytes.IndexByte(p[from:n], '\n'); i >= 0 {
				n = int(from) + i + 1
				b.done, err = true, io.EOF
			}
		}
	}
	b.lines += bytes.Count(p[:n], []byte{'\n'})
	if n > 0 {
		b.last = p[n-1]
	}
	b.pos += int64(n)
	b.data += int64(n)
	return n, err
}

// firstLine returns the first line of a file, with its line end: a
// newline, a CR and a newline, or a CR alone (a file whose lines end in
// CR, as the library's reader reads them).
func firstLine(ctx context.Context, path string, maxLine int) ([]byte, error) {
	rc, err := open(ctx, path, 0)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<16)
	var line []byte
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return append(line, '\n'), nil
		}
		if err != nil {
			return nil, err
		}
		line = append(line, c)
		if len(line) > maxLine {
			return nil, fmt.Errorf("tfbeam: %s: the header is longer than %d bytes", path, maxLine)
		}
		switch c {
		case '\n':
			return line, nil
		case '\r':
			next, err := br.Peek(1)
			if err != nil && err != io.EOF {
				return nil, err
			}
			if len(next) == 1 && next[0] == '\n' {
				br.ReadByte()
				return append(line, '\n'), nil
			}
			return line, nil // a CR alone ends the line
		}
	}
}

// skipLine reads up to and including the next newline, and returns how many
// bytes it read.
func skipLine(br *bufio.Reader) (int64, error) {
	var n int64
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if err != bufio.ErrBufferFull {
			return n, err
		}
	}
}

// summaryFn adds up the summaries of a file's blocks.
type summaryFn struct{}

func (summaryFn) MergeAccumulators(a, b blockSummary) blockSummary {
	x, y := &a.Sum, b.Sum
	if x.File == "" {
		x.File = y.File
	}
	if x.Schema == "" {
		x.Schema = y.Schema
	}
	x.Blocks += y.Blocks
	x.Bytes += y.Bytes
	x.Rows += y.Rows
	x.Blank += y.Blank
	x.Figures += y.Figures
	x.Bad += y.Bad
	a.Skipped = mergeCounts(a.Skipped, b.Skipped)
	a.LeftOut = mergeCounts(a.LeftOut, b.LeftOut)
	a.Summed = mergeCounts(a.Summed, b.Summed)
	return a
}

// mergeCounts adds the counts of b, in the order of their reasons, to
// those of a: the rows of a reason add up, and its first line is the one
// nearest the file's start, that of the earliest block that has one.
func mergeCounts(a, b []blockCount) []blockCount {
	for _, c := range b {
		i := sort.Search(len(a), func(i int) bool { return a[i].Reason >= c.Reason })
		if i < len(a) && a[i].Reason == c.Reason {
			if c.Start < a[i].Start || c.Start == a[i].Start && c.Line < a[i].Line {
				a[i].Start, a[i].Line = c.Start, c.Line
			}
			a[i].Rows += c.Rows
			continue
		}
		a = slices.Insert(a, i, c)
	}
	return a
}

// firstLinesFn makes the Summary of a file of its blocks' sum: the first
// line of each count is counted from the file's start, by reading the
// file up to the block it is in when that is not the first.
type firstLinesFn struct{}

func (fn *firstLinesFn) ProcessElement(ctx context.Context, path string, b blockSummary) (Summary, error) {
	// The line each block's first record is on, the blocks in the order
	// of their starts, the scanner reading forward.
	firsts := map[int64]int{0: 2} // the first block's line 2 is the file's
	var starts []int64
	for _, l := range [][]blockCount{b.Skipped, b.LeftOut, b.Summed} {
		for _, c := range l {
			if c.Start > 0 {
				starts = append(starts, c.Start)
			}
		}
	}
	if len(starts) > 0 {
		var err error
		if firsts, err = firstLines(ctx, path, starts); err != nil {
			return Summary{}, err
		}
		firsts[0] = 2
	}
	counts := func(in []blockCount) []SkipCount {
		var out []SkipCount
		for _, c := range in {
			line := c.Line
			if line > 0 {
				line += firsts[c.Start] - 2 // the block's line 2 is its first record
			}
			out = append(out, SkipCount{Reason: c.Reason, Rows: c.Rows, First: line})
		}
		return out
	}
	out := b.Sum
	out.Skipped, out.LeftOut, out.Summed = counts(b.Skipped), counts(b.LeftOut), counts(b.Summed)
	return out, nil
}
