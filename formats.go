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
	"strings"

	"github.com/tradeflow-go/tradeflow/internal/sniff"
)

// A Format is a kind of file the library reads: its schema, and the
// columns that tell its header from others'.
type Format struct {
	Name string
	// Schema returns the format's schema.
	Schema func() Schema
	// Marks are header names (in any case) that a file of the format has,
	// all of them; the format with the most marks a header has is the
	// file's.
	Marks []string
}

// Formats returns the formats [ReadAny] recognises, in the order it tries
// them: the library's own CSV, UN Comtrade's (its data API's CSV, its bulk
// files, its legacy CSV by human or machine headers), CEPII's BACI (as
// exports: see [BACI]), Eurostat's Comext and the US Census Bureau's API.
func Formats() []Format {
	return []Format{
		{Name: "tradeflow CSV", Schema: CSV, Marks: []string{"period", "flow", "partner", "commodity", "measure", "value", "unit"}},
		{Name: "UN Comtrade", Schema: Comtrade, Marks: []string{"period", "reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue"}},
		{Name: "UN Comtrade bulk", Schema: ComtradeBulk, Marks: []string{"datasetCode", "period", "reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue"}},
		{Name: "UN Comtrade legacy", Schema: ComtradeLegacy, Marks: []string{"Period", "Reporter Code", "Partner Code", "Trade Flow Code", "Commodity Code", "Trade Value (US$)"}},
		{Name: "UN Comtrade legacy (machine names)", Schema: ComtradeLegacy, Marks: []string{"period", "rtCode", "ptCode", "rgCode", "cmdCode", "TradeValue"}},
		{Name: "CEPII BACI", Schema: func() Schema { return BACI(Exports) }, Marks: []string{"t", "i", "j", "k", "v", "q"}},
		{Name: "Eurostat Comext", Schema: Comext, Marks: []string{"REPORTER", "PARTNER", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE", "PERIOD", "VALUE_EUR"}},
		{Name: "US Census exports", Schema: CensusExports, Marks: []string{"CTY_CODE", "E_COMMODITY", "ALL_VAL_MO"}},
		{Name: "US Census imports", Schema: CensusImports, Marks: []string{"CTY_CODE", "I_COMMODITY", "GEN_VAL_MO"}},
	}
}

// Detect returns the format whose marks a header line has, the one with
// the most marks if several match; of those, one whose schema splits the
// line at the delimiter it uses comes first (a bulk file of UN Comtrade's,
// tab-separated, saved again with commas is read as the API's CSV, which
// has its columns).
func Detect(header []byte) (Format, bool) {
	have := headerNames(header)
	delim := detectDelimiter(bytes.TrimPrefix(header, []byte("\ufeff")))
	fits := func(f Format) bool {
		d := f.Schema().Delimiter
		return d == 0 || d == delim
	}
	var best Format
	found, bestFits := false, false
	for _, f := range Formats() {
		all := true
		for _, m := range f.Marks {
			all = all && have[strings.ToLower(m)]
		}
		if !all {
			continue
		}
		ok := fits(f)
		if !found || ok && !bestFits || ok == bestFits && len(f.Marks) > len(best.Marks) {
			best, found, bestFits = f, true, ok
		}
	}
	return best, found
}

// headerNames returns the names of a header line's columns, trimmed and
// in lower case, as formats' marks are matched.
func headerNames(header []byte) map[string]bool {
	header = bytes.TrimPrefix(header, []byte("\ufeff"))
	var rec record
	splitRecord(bytes.Clone(header), 0, detectDelimiter(header), &rec)
	have := map[string]bool{}
	for i := range rec.n() {
		have[strings.ToLower(strings.TrimSpace(string(rec.field(i))))] = true
	}
	return have
}

// ReadAny reads a file of any format in [Formats], recognised by its
// header (see [Detect]); gzip is recognised too. A header no format
// matches is an error that lists the formats and says the nearest and
// the columns it lacks, or what the file is if it is no table (a web page
// or a JSON object, what a failed download leaves); an empty file, a blank
// first line or a file that is not UTF-8 text (UTF-16, say) is an error
// that says so.
func ReadAny(ctx context.Context, r io.Reader, name string, opts ...ReadOption) (*Dataset, error) {
	head, rest, err := peekHeader(r)
	if err != nil {
		return nil, atLine(name, 1, err)
	}
	// A file that is not text, or has no header, is said to be so (as
	// Read says it), not taken for a header of no format.
	if err := notUTF8(head); err != nil {
		return nil, &RowError{File: name, Line: 1, Err: err}
	}
	arrays := sniff.JSONTable(head)
	if arrays {
		// The header is the table's first array, read as CSV. Read is
		// given the table itself, which it reads as CSV too: that way it
		// knows each array for a line, and keeps its bad arrays as bad
		// rows.
		raw := &recorder{r: rest}
		if head, _, err = peekHeader(newJSONTable(decompressed(raw), name)); err != nil {
			var re *RowError
			if errors.As(err, &re) {
				return nil, err
			}
			return nil, &RowError{File: name, Line: 1, Err: err}
		}
		rest = io.MultiReader(bytes.NewReader(raw.buf), rest)
	}
	line := bytes.TrimPrefix(head, []byte("\ufeff"))
	if i := bareCR(line); i >= 0 && !arrays {
		// Lines that end in a carriage return alone: the header is the
		// first (Read reads the file so).
		head, line = line[:i], line[:i]
	}
	if err := headerless(line, len(line) == 0, arrays); err != nil {
		return nil, &RowError{File: name, Line: 1, Err: err}
	}
	f, ok := Detect(head)
	if !ok {
		return nil, &RowError{File: name, Line: 1, Err: unknownHeader(line)}
	}
	return Read(ctx, rest, name, f.Schema(), opts...)
}

// unknownHeader says why line, a file's first line, is the header of no
// format: what the file is if it is no table at all (an HTML page, a JSON
// object: what an API or a web site answers in place of the file when a
// download fails), else which format it comes closest to and the marks it
// lacks, else its first line. It wraps ErrColumn.
func unknownHeader(line []byte) error {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	known := fmt.Sprintf("a header of no format the library reads (%s)", strings.Join(names, ", "))
	text := bytes.TrimSpace(bytes.TrimRight(line, "\r\n"))
	lower := bytes.ToLower(text)
	switch {
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) || bytes.HasPrefix(lower, []byte("<?xml")):
		return fmt.Errorf("%s: the file is a web page (HTML or XML), not a table: perhaps an error or sign-in page saved in place of the download (it begins %q): %w",
			known, clip(text), ErrColumn)
	case bytes.HasPrefix(text, []byte("{")):
		return fmt.Errorf("%s: the file is a JSON object, not a table (it begins %q): perhaps an API's error in place of the data; "+
			"the library reads JSON tables (arrays of arrays, as the US Census Bureau's API answers), and UN Comtrade's API as CSV: %w", known, clip(text), ErrColumn)
	}
	have := headerNames(text)
	var (
		best    Format
		lacking []string
		most    int
	)
	for _, f := range Formats() {
		var lack []string
		for _, m := range f.Marks {
			if !have[strings.ToLower(m)] {
				lack = append(lack, m)
			}
		}
		// Half the marks at least, and two: "period" alone says little.
		if n := len(f.Marks) - len(lack); n >= 2 && 2*n >= len(f.Marks) && n > most {
			best, lacking, most = f, lack, n
		}
	}
	if most > 0 {
		return fmt.Errorf("%s: the nearest is %s, which also has the columns %s: %w", known, best.Name, strings.Join(lacking, ", "), ErrColumn)
	}
	return fmt.Errorf("%s: the first line is %q: %w", known, clip(text), ErrColumn)
}

// ReadAnyFile is [ReadAny] on the named file.
func ReadAnyFile(ctx context.Context, path string, opts ...ReadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAny(ctx, f, filepath.Base(path), opts...)
}

// peekHeader returns the first line of r (decompressed, for gzip) and a
// reader of all of r, that line included, as r gave it.
func peekHeader(r io.Reader) ([]byte, io.Reader, error) {
	rec := &recorder{r: r}
	br := bufio.NewReaderSize(rec, 64<<10)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		src = zr
	}
	lr := bufio.NewReaderSize(io.LimitReader(src, DefaultMaxLine), 64<<10)
	head, err := lr.ReadSlice('\n')
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		_, gz := src.(*gzip.Reader)
		return nil, nil, readFailed(err, gz) // as Read says it
	}
	head = bytes.Clone(head)
	return head, io.MultiReader(bytes.NewReader(rec.buf), r), nil
}

// decompressed returns r, gunzipped if it is gzip.
func decompressed(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		if zr, err := gzip.NewReader(br); err == nil {
			return zr
		}
	}
	return br
}

// A recorder keeps what it reads.
type recorder struct {
	r   io.Reader
	buf []byte
}

func (rc *recorder) Read(p []byte) (int, error) {
	n, err := rc.r.Read(p)
	rc.buf = append(rc.buf, p[:n]...)
	return n, err
}
