package tradeflow

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/tradeflow-go/tradeflow/internal/sniff"
)

// A ReadOption changes how [Read] reads a file.
type ReadOption func(*readConfig)

type readConfig struct {
	collect        bool
	sum            bool
	keepBreakdowns bool
	unlisted       bool
	keepOther      bool
	progress       func(Progress)
	workers        int
	maxLine        int
	block          int
	reporter       string
	vintage        string
	source         string
	arrays         bool // the records are a JSON table's arrays, a line each
}

// CollectErrors makes a read go through the whole file, keep every good
// row, and return the bad ones at once as an [*ErrorList] beside the
// dataset. Without it, a read stops at the first bad row. If the file is
// cut short, the rows before the line where it ends are kept, and the
// list ends with why (see [Read]).
func CollectErrors() ReadOption { return func(c *readConfig) { c.collect = true } }

// SumDuplicates makes two figures with the same key, period and vintage
// add up (as a detail file that splits one line in two may need), instead
// of being an error. A figure that only some of the rows added up have
// (a quantity, or a value a schema lets be empty) is left out, and
// counted in [Summary.LeftOut]: the sum of the others is not the total,
// as for a total's parts (see [Summary.Summed]).
func SumDuplicates() ReadOption { return func(c *readConfig) { c.sum = true } }

// KeepBreakdowns makes a read keep every row of a file that breaks its
// totals down (see [Schema.Breakdowns]): each part under a key of its
// own, whose [Key.Breakdown] names it, beside the total. Without it a read
// keeps totals only.
func KeepBreakdowns() ReadOption { return func(c *readConfig) { c.keepBreakdowns = true } }

// KeepOtherCodes makes a read keep the rows that a schema refuses for not
// being goods coded in the Harmonized System ([Schema.HSOnly],
// [Schema.Services]): a SITC row, a services row. Each is kept under its
// own classification ([OtherCode]), never as HS.
func KeepOtherCodes() ReadOption { return func(c *readConfig) { c.keepOther = true } }

// WithReporter gives the reporter (a partner code, such as "CN") of a file
// that has no reporter column, for a schema whose reporter is a column. A
// reporter column, if the file has one, wins. For a schema that fixes its
// reporter (the Census Bureau's is the United States), another reporter
// is an error ([HeaderError.Conflicts]), not ignored; so is another
// source than a schema's own for [WithSource].
func WithReporter(code string) ReadOption { return func(c *readConfig) { c.reporter = code } }

// WithVintage gives the release date of every figure of a file that has no
// vintage column, such as "2025-12-08".
func WithVintage(v string) ReadOption { return func(c *readConfig) { c.vintage = v } }

// WithSource names the source of every figure of a file that has no
// source column.
func WithSource(s string) ReadOption { return func(c *readConfig) { c.source = s } }

// Unlisted accepts partner and reporter letter codes that package partner
// does not list, whatever the schema says (see [Schema.Unlisted]): for
// reading back a file that [Write] wrote from a dataset holding such
// codes (Eurostat's QY, synthetic data).
func Unlisted() ReadOption { return func(c *readConfig) { c.unlisted = true } }

// Workers sets how many goroutines parse the file (default: one a core).
func Workers(n int) ReadOption { return func(c *readConfig) { c.workers = n } }

// MaxLine sets the longest record a file may have, in bytes (default
// [DefaultMaxLine]). A longer one is an error naming its line, found
// without holding more than MaxLine bytes of it in memory; with
// [CollectErrors] the read goes on after it.
func MaxLine(n int) ReadOption { return func(c *readConfig) { c.maxLine = n } }

// OnProgress has a long read call fn after each block of the file (a few
// megabytes) with what has been read so far, from the goroutine that
// called Read.
func OnProgress(fn func(Progress)) ReadOption { return func(c *readConfig) { c.progress = fn } }

// blockSize sets the size of the blocks parsed in parallel (for tests).
func blockSize(n int) ReadOption { return func(c *readConfig) { c.block = n } }

// DefaultMaxLine is the longest record a file may have unless [MaxLine]
// says otherwise: 1 MiB.
const DefaultMaxLine = 1 << 20

// Progress is how far a read has got.
type Progress struct {
	Rows  int64 // data rows read
	Bytes int64 // bytes read from the file (compressed bytes, for gzip)
}

// A Summary says what a read saw: every data row is a figure (or several),
// a bad row, a row skipped on purpose, or a row summed into another, and
// the counts add up. Conflicting figures (two values for one key, period
// and vintage) stay, marked, and are listed among the errors.
type Summary struct {
	File    string
	Schema  string
	Bytes   int64 // bytes of data, after decompression
	Rows    int   // data rows, not counting the header and blank lines
	Blank   int   // blank lines
	Figures int   // figures kept
	// Marked counts the figures among them that are kept but that no
	// series is made from, each reported (see [CollectErrors]): both of
	// two different figures for one period and vintage, and a combined
	// figure beside separate months of one series.
	Marked  int
	Bad     int // rows with errors (see CollectErrors)
	Skipped []SkipCount
	// LeftOut counts the figures a row read could have given and did
	// not, by reason: a quantity the row leaves empty, or writes as
	// missing (UN Comtrade's estimated zero weights).
	LeftOut []SkipCount
	// Summed counts the rows whose figures were added into totals that
	// the file does not give (see [BreakdownField.Total]), by breakdown;
	// a total's quantity is left out if one of its parts has none. With
	// [SumDuplicates] it also counts the rows added into another row of
	// the same key, period and vintage.
	Summed []SkipCount
	// NoFinalNewline says that the file's last line has no line end. Many
	// a file written by hand ends so, and so does a download cut short
	// inside its last line, whose last value may then have lost digits:
	// the line is read, and this says to look.
	NoFinalNewline bool
}

// A SkipCount is the number of rows skipped, figures left out or rows
// summed for one reason.
type SkipCount struct {
	Reason string
	Rows   int
	First  int // the line of the first
}

// ReadFile is [Read] on the named file; errors name the file by its base
// name.
func ReadFile(ctx context.Context, path string, s Schema, opts ...ReadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(ctx, f, filepath.Base(path), s, opts...)
}

// Read reads the figures of a file through schema s. name is the file's
// name for errors and figures' provenance.
//
// The file may be gzip-compressed (it is recognised by its first bytes).
// A JSON array of arrays of strings whose first array is the header (as
// the US Census Bureau's API answers) is read as CSV would be, line n
// being its nth array; a column whose name an earlier one has is checked
// to repeat it and left out.
// It is read in blocks of a few megabytes, parsed on every core, so memory
// stays proportional to the figures kept, not to the file: a figure costs
// a few bytes in the dataset's columns. Records are delimited text (RFC
// 4180: a field may be quoted, a quoted field may hold the delimiter, a
// newline and doubled quotes), with a header line; a byte-order mark,
// CRLF line ends and lines that end in a carriage return alone (old
// Macintosh programs') are accepted; blank lines are counted and skipped.
// A file that is not text (UTF-16, a ZIP or 7-Zip archive, an Excel
// workbook) is an error that says what it is.
//
// Months may be written 2025-11, 202511, 2025M11, 2025/11, 11/2025, Nov
// 2025 or November 2025; a span as 2025-01/2025-11 (a year to date, or a
// combined January–February release); a year as 2025 (January to
// December). A file that writes the year and the month in columns of
// their own is read with [Schema.Month].
//
// Every bad row is an error naming the file, line, column and value:
// nothing is skipped, filled or rounded except as the schema's Skip rules
// say, and those rows are counted in the dataset's [Summary]. Two figures
// for the same series, period and vintage are an error (see
// [SumDuplicates]): if they differ, the series cannot be built until one
// goes, since neither may be used silently. So are two figures that cover
// the same month of a series (a combined January–February figure and a
// separate February one). By default Read stops at the first error; with
// [CollectErrors] it returns the dataset of the good rows and an
// [*ErrorList]. A value has at most [series.MaxDigits] digits before and
// after the point, and a record at most [DefaultMaxLine] bytes.
//
// A record longer than the limit is an error wrapping [ErrLimit], found
// without holding more than the limit of it in memory. With
// [CollectErrors] it is one bad record however long it runs: the read
// goes on after it, and its error gives the lines it ran over (a quote
// left open makes most such records; one left open to the end of the
// file loses the lines after it, as in a short file).
//
// A read that cannot go on to the end of the file (a gzip stream cut
// short, a failing disk) ends in an error at the first line not read
// whole, wrapping the cause (io.ErrUnexpectedEOF for a stream cut short).
// The records before that line are read, and the one it starts is not.
// With [CollectErrors], for a file cut short, once the header is read,
// Read returns their dataset and the list, the error last in it even if
// the list is full; any other failure of the reader returns only the
// error, as a read without CollectErrors does, since a second try may
// read the whole file.
//
// ctx cancels the read; its error is returned. The read stops between two
// calls of r's Read, so a slow stream is not read on to fill a block; a
// Read that blocks is waited for.
func Read(ctx context.Context, r io.Reader, name string, s Schema, opts ...ReadOption) (*Dataset, error) {
	cfg := readConfig{workers: runtime.GOMAXPROCS(0), maxLine: DefaultMaxLine, block: 4 << 20}
	for _, o := range opts {
		o(&cfg)
	}
	cfg.workers = max(cfg.workers, 1)
	cfg.block = max(cfg.block, 64)
	cfg.maxLine = max(cfg.maxLine, 64)

	counted := &countingReader{r: r}
	br := bufio.NewReaderSize(counted, 64<<10)
	var src io.Reader = br
	gz := false
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, &RowError{File: name, Line: 1, Err: fmt.Errorf("gzip: %w", err)}
		}
		src, gz = zr, true
	}
	// A JSON table is read as CSV.
	start := make([]byte, 512)
	n := 0
	var err error
	for n < len(start) && err == nil && ctx.Err() == nil { // a cancelled read reads no further
		var k int
		k, err = src.Read(start[n:])
		n += k
	}
	rest := src
	if err != nil {
		// The end of the file, or an error the splitter reports after
		// the records read before it (io.ReadFull would make a gzip
		// stream cut short look like a short file).
		rest = errReader{err}
	}
	src = io.MultiReader(bytes.NewReader(start[:n]), rest)
	var jt *jsonTable
	var jsonIn *countingReader // a JSON table's bytes, which Summary.Bytes counts, not the CSV made of them
	if sniff.JSONTable(start[:n]) {
		jsonIn = &countingReader{r: src}
		jt = newJSONTable(jsonIn, name)
		jt.collect, cfg.arrays = cfg.collect, true
		src = jt
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	sp := newSplitter(src, name, cfg)
	sp.gzip, sp.ctx = gz, ctx
	head, err := sp.header()
	if err != nil {
		return nil, atLine(name, 1, err)
	}
	p, err := newPlan(name, s, head, cfg)
	if err != nil {
		return nil, err
	}
	sp.delim = p.delim

	ds := NewDataset(name)
	ds.summary = Summary{File: name, Schema: s.Name}
	p.prepare(ds)

	blocks := make(chan *block, cfg.workers)
	results := newResults(cfg.workers)
	var splitErr error
	splitDone := make(chan struct{})
	go func() {
		defer close(splitDone)
		splitErr = sp.run(ctx, blocks)
		close(blocks)
	}()
	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(p, ds)
			for b := range blocks {
				res := w.parse(b, results.get())
				sp.release(b)
				select {
				case results.c <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results.c)
	}()

	errs := &ErrorList{}
	pending := map[int]*result{}
	// Workers count lines from their block's start; the blocks are merged
	// in order, so each block's first line is known here.
	line := sp.line
	next := 0
	var rows int64
	skips := make([]SkipCount, len(p.skips))
	for i, sk := range p.skips {
		skips[i].Reason = sk.reason
	}
	left := make([]SkipCount, len(p.leftOut))
	for i, r := range p.leftOut {
		left[i].Reason = r
	}
	var failed error
	var badParts []badPart
	for res := range results.c {
		if failed != nil {
			continue // drain
		}
		pending[res.seq] = res
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			res.rebase(line)
			line += res.lines
			badParts = append(badParts, res.badParts...)
			ds.rows.appendCols(&res.cols, res.bigs)
			rows += int64(res.rows)
			ds.summary.Rows += res.rows
			ds.summary.Blank += res.blank
			ds.summary.Bytes += int64(res.bytes)
			for i, n := range res.skipped {
				if n > 0 && skips[i].Rows == 0 {
					skips[i].First = res.skipFirst[i]
				}
				skips[i].Rows += n
			}
			for i, n := range res.left {
				if n > 0 && left[i].Rows == 0 {
					left[i].First = res.leftFirst[i]
				}
				left[i].Rows += n
			}
			for _, e := range res.errs {
				ds.summary.Bad++
				errs.add(e)
			}
			if len(res.errs) > 0 && !cfg.collect {
				failed = res.errs[0]
				cancel()
				break
			}
			results.free(res)
			if cfg.progress != nil {
				cfg.progress(Progress{Rows: rows, Bytes: counted.n.Load()})
			}
		}
	}

	// Workers leave early on cancellation, so the splitter may still be
	// on its way out: wait for it.
	<-splitDone
	if failed != nil {
		return nil, failed
	}
	ds.summary.NoFinalNewline = sp.open
	ds.summary.Bytes += sp.skipped
	if jsonIn != nil {
		ds.summary.Bytes = jsonIn.n.Load()
	}
	// A file that cannot be read on (a gzip stream cut short, a failing
	// disk) fails at the first line not read whole: the splitter sent
	// every whole record before it, and all are merged, so that is where
	// the merged blocks end.
	var stop *RowError
	var long *longRecord
	if errors.As(splitErr, &long) {
		long.err.Line = line // without CollectErrors: the read stops there
		splitErr = long.err
	}
	if splitErr != nil {
		err := atLine(name, line, splitErr)
		// A file cut short is what the file holds, and collected; a
		// reader that fails otherwise (a disk, a network) may not fail
		// again, and fails the read whole, so that its caller can try
		// again rather than take part of the file for all of it.
		ofFile := errors.Is(splitErr, io.ErrUnexpectedEOF)
		if !cfg.collect || !ofFile || !errors.As(err, &stop) {
			return nil, err // or the read was cancelled
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if jt != nil {
		jt.merge(&ds.summary, errs)
	}
	for _, sk := range skips {
		if sk.Rows > 0 {
			ds.summary.Skipped = append(ds.summary.Skipped, sk)
		}
	}
	for _, sk := range left {
		if sk.Rows > 0 {
			ds.summary.LeftOut = append(ds.summary.LeftOut, sk)
		}
	}
	if p.deferred() {
		ds.entrySeries(p.keys)
	}
	bad, dropped, marked, summed := ds.check(cfg.sum)
	if len(bad) > 0 {
		if !cfg.collect {
			return nil, bad[0]
		}
		// Errors found only now (duplicates, conflicts, overlaps) may be
		// of rows before those already listed. A duplicate is dropped: a
		// bad row; conflicting and overlapping figures stay, marked.
		ds.summary.Bad += dropped
		ds.summary.Marked = marked
		errs.merge(bad)
	}
	if summed.Rows > 0 {
		ds.summary.Summed = append(ds.summary.Summed, summed)
	}
	if p.summed {
		ds.sumParts(p, badParts)
	}
	ds.summary.Figures = ds.Len()
	ds.rows.dropKeys(ds.index())
	if stop != nil {
		errs.stop(stop) // after the merges, which keep only the first errors
	}
	if errs.Total > 0 {
		return ds, errs
	}
	return ds, nil
}

// atLine makes err, from reading name, an error at a line of the file,
// unless it is one already or the read was cancelled. For a readError,
// line is the first line not read whole.
func atLine(name string, line int, err error) error {
	var re *RowError
	if errors.As(err, &re) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var rd *readError
	if errors.As(err, &rd) {
		rd.read = line - 1
	}
	return &RowError{File: name, Line: line, Err: err}
}

// An errReader gives err for every read.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// results carries the workers' results to the reader, and their storage
// back for the next blocks.
type results struct {
	c    chan *result
	pool chan *result
}

func newResults(workers int) *results {
	return &results{c: make(chan *result, workers), pool: make(chan *result, 2*workers+2)}
}

func (rs *results) get() *result {
	select {
	case r := <-rs.pool:
		return r
	default:
		return &result{}
	}
}

func (rs *results) free(r *result) {
	select {
	case rs.pool <- r:
	default:
	}
}
