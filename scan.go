package tradeflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// A block is a run of whole records of a file, parsed by one worker.
type block struct {
	seq int
	buf []byte // the records; buf's storage goes back to the splitter after parsing
	own []byte // the storage buf lies in
	// long is a record longer than the limit, which the splitter read
	// through (the block has no buf), running over lines lines of the file.
	long  *RowError
	lines int
}

// A splitter cuts a file into blocks that end at record boundaries. It
// follows quotes, so a newline inside a quoted field does not end a
// record; when a block holds no quote at all, the cut is simply after the
// last newline.
type splitter struct {
	r       io.Reader
	name    string
	delim   byte
	size    int
	maxLine int
	free    chan []byte
	carry   []byte // the start of a record the last block could not hold
	line    int    // the line the first block starts on
	arrays  bool   // a record is a line, whatever newlines its fields hold
	seq     int
	eof     bool
	first   []byte // what header() read past the header, for the first block
	grow    int    // the size of the last block's storage
	err     error  // the reader's, which ends the file early
	gzip    bool   // the file is gzip-compressed
	// cr says that the file's lines end in a carriage return alone (as
	// old Macintosh programs write them, Excel's "CSV (Macintosh)"
	// among them): each is read as a newline.
	cr bool
	// open says that the last record has no newline after it.
	open bool
	// collect says that a long record is one bad record, not the end of
	// the read (CollectErrors). skipped counts the bytes of such records,
	// which no block holds; spare is the storage the last was read
	// through, for the next block.
	collect bool
	skipped int64
	spare   []byte
	// ctx is the read's: fill stops at its cancellation between two reads
	// of r, as a read error does, rather than fill a block first.
	ctx context.Context
}

func newSplitter(r io.Reader, name string, cfg readConfig) *splitter {
	sp := &splitter{r: r, name: name, size: cfg.block, maxLine: cfg.maxLine, line: 1, arrays: cfg.arrays, collect: cfg.collect, free: make(chan []byte, cfg.workers+2)}
	for range cfg.workers + 2 {
		sp.free <- nil
	}
	return sp
}

// release gives a block's storage back.
func (sp *splitter) release(b *block) {
	if b.own != nil {
		sp.free <- b.own[:0]
	}
}

// fill reads into buf (after its first n bytes) until it is full, the
// file ends or the read is cancelled. A read error (or the cancellation)
// is kept in sp.err, not returned: what was read before it holds records
// that are still to be parsed.
func (sp *splitter) fill(buf []byte, n int) int {
	for n < len(buf) && !sp.eof && sp.err == nil {
		if sp.ctx != nil && sp.ctx.Err() != nil {
			sp.err = sp.ctx.Err()
			break
		}
		k, err := sp.r.Read(buf[n:])
		if sp.cr {
			crToLF(buf[n : n+k])
		}
		n += k
		if err == io.EOF {
			sp.eof = true
		} else if err != nil {
			sp.err = err
		}
	}
	return n
}

// header returns the first record of the file, without a byte-order mark
// or its line end. What follows it is kept for the first block.
func (sp *splitter) header() ([]byte, error) {
	buf := make([]byte, min(sp.size, 64<<10))
	n := 0
	for {
		n = sp.fill(buf, n)
		if !sp.arrays { // a JSON table's text is its decoder's, not the file's
			if err := notUTF8(buf[:min(n, sp.maxLine)]); err != nil { // within the header's limit, as the buffer holds it at any size
				return nil, &RowError{File: sp.name, Line: 1, Err: err}
			}
		}
		b := bytes.TrimPrefix(buf[:n], []byte("\ufeff"))
		if !sp.arrays && !sp.cr && bareCR(b) >= 0 {
			sp.cr = true
			crToLF(b)
		}
		// The delimiter is not known yet; quotes are followed without it
		// (a quote opens a field only at the start of the line or after a
		// comma, tab or semicolon).
		end := recordEnd(b, 0)
		if end <= 0 && sp.err != nil {
			return nil, readFailed(sp.err, sp.gzip) // the header is not whole
		}
		if end > 0 || sp.eof {
			if end <= 0 {
				end = len(b)
			}
			if end > sp.maxLine {
				// As a longer header the buffer cannot hold is: the
				// limit is the header's, not the buffer's.
				return nil, &RowError{File: sp.name, Line: 1, Err: fmt.Errorf("the header is longer than %d bytes: %w", sp.maxLine, ErrLimit)}
			}
			head := bytes.TrimRight(b[:end], "\r\n")
			sp.first = append([]byte(nil), b[end:]...)
			sp.line = 2
			if !sp.arrays {
				sp.line += bytes.Count(head, []byte("\n"))
			}
			if err := headerless(head, len(b) == 0, sp.arrays); err != nil {
				return nil, &RowError{File: sp.name, Line: 1, Err: err}
			}
			return head, nil
		}
		if n == len(buf) {
			if len(buf) > sp.maxLine {
				return nil, &RowError{File: sp.name, Line: 1, Err: fmt.Errorf("the header is longer than %d bytes: %w", sp.maxLine, ErrLimit)}
			}
			buf = append(buf, make([]byte, len(buf))...)
		}
	}
}

// bareCR returns the index of the first carriage return in the first line
// of b that no newline follows, outside quotes, or -1: a file whose lines
// end in a carriage return alone has one there, and no other file has (a
// header of one line holding the whole file, otherwise, its rows read as
// none).
func bareCR(b []byte) int {
	fieldStart := true
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' && fieldStart:
			j := quoteEnd(b, i+1)
			if j < 0 {
				return -1
			}
			i = j
			fieldStart = false
		case c == '\n':
			return -1
		case c == '\r':
			if i+1 < len(b) && b[i+1] != '\n' {
				return i
			}
			fieldStart = false
		case c == ',' || c == '\t' || c == ';':
			fieldStart = true
		default:
			fieldStart = false
		}
	}
	return -1
}

// crToLF turns every carriage return of b into a newline.
func crToLF(b []byte) {
	for i := bytes.IndexByte(b, '\r'); i >= 0; i = bytes.IndexByte(b, '\r') {
		b[i] = '\n'
		b = b[i+1:]
	}
}

// headerless returns why head, the first line of a file without a UTF-8
// byte-order mark, is no header, or nil if it has text. empty says the
// file has no bytes; arrays that it is a JSON table.
func headerless(head []byte, empty, arrays bool) error {
	switch {
	case len(bytes.TrimSpace(head)) > 0:
		return nil
	case arrays:
		return fmt.Errorf("no header: the JSON table's first array is blank: %w", ErrColumn)
	case empty:
		return fmt.Errorf("no header: the file is empty: %w", ErrColumn)
	}
	return fmt.Errorf("no header: the file's first line is blank: %w", ErrColumn)
}

// The byte-order marks of the encodings a file may be in instead of
// UTF-8, UTF-32's first: its little-endian mark starts with UTF-16's.
var foreignBOMs = []struct {
	mark []byte
	name string
}{
	{[]byte{0xff, 0xfe, 0, 0}, "UTF-32"},
	{[]byte{0, 0, 0xfe, 0xff}, "UTF-32"},
	{[]byte{0xff, 0xfe}, "UTF-16"},
	{[]byte{0xfe, 0xff}, "UTF-16"},
}

// The first bytes of the archives and compressions statistics offices
// ship files in, other than gzip (which a read unpacks, once): a download
// saved as it came.
var archives = []struct{ mark, name string }{
	{"PK\x03\x04", "a ZIP archive (or an Excel workbook, .xlsx, which is one)"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\xfd7zXZ\x00", "xz-compressed"},
	{"\x28\xb5\x2f\xfd", "Zstandard-compressed"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls)"},
	// Seen only once a read has unpacked the file's own gzip.
	{"\x1f\x8b", "gzip-compressed twice (a gzip file inside one)"},
}

// notUTF8 reports a file that is not UTF-8 text, by its first bytes b: an
// archive (a ZIP, 7-Zip, RAR or tar file, xz or Zstandard), a UTF-16 or
// UTF-32 byte-order mark, or NUL bytes in the first line, which no header
// holds. Read as UTF-8, such a header is one column of
// gibberish, and its error would list every column as missing. It wraps
// [ErrMalformed], not ErrColumn: the file's bytes are wrong, not its
// columns, and no other schema reads it.
func notUTF8(b []byte) error {
	for _, a := range archives {
		if bytes.HasPrefix(b, []byte(a.mark)) {
			return fmt.Errorf("the file is %s, not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first: %w", a.name, ErrMalformed)
		}
	}
	if len(b) >= 262 && string(b[257:262]) == "ustar" {
		return fmt.Errorf("the file is a tar archive, not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first: %w", ErrMalformed)
	}
	const convert = "the library reads UTF-8: convert the file first, e.g. with iconv -f %s -t UTF-8: %w"
	for _, m := range foreignBOMs {
		if bytes.HasPrefix(b, m.mark) {
			return fmt.Errorf("the file is %s (its byte-order mark is % X); "+convert, m.name, m.mark, m.name, ErrMalformed)
		}
	}
	line := b
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		line = b[:i] // a line ends in a newline, or a carriage return alone
	}
	first := bytes.IndexByte(line, 0)
	if first < 0 {
		return nil
	}
	// UTF-16 without a mark: ASCII letters are a NUL and a byte, in one
	// order or the other; iconv then needs to be told which.
	var nuls [2]int
	for i, c := range line {
		if c == 0 {
			nuls[i%2]++
		}
	}
	for i, enc := range []string{"UTF-16BE", "UTF-16LE"} {
		if nuls[1-i] == 0 && 4*nuls[i] >= len(line) {
			return fmt.Errorf("the file looks %s (NUL bytes between the letters of its first line); "+convert, enc, enc, ErrMalformed)
		}
	}
	return fmt.Errorf("the first line holds NUL bytes (the first is byte %d): the file is not UTF-8 text, perhaps UTF-16 or UTF-32; "+convert,
		first+1, "UTF-16", ErrMalformed)
}

// run sends the file's blocks to out, in order.
func (sp *splitter) run(ctx context.Context, out chan<- *block) error {
	sp.carry = sp.first
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		own := sp.spare
		sp.spare = nil
		if own == nil {
			select {
			case own = <-sp.free:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		// Blocks start small and double up to the block size, so that a
		// small file costs little and a large one soon reads in full blocks.
		sp.grow = min(max(2*sp.grow, 64<<10), sp.size)
		size := max(sp.grow, 2*len(sp.carry))
		if cap(own) < size {
			own = make([]byte, size)
		}
		own = own[:cap(own)]
		n := copy(own, sp.carry)
		for {
			n = sp.fill(own, n)
			cut := lastRecordEnd(own[:n], sp.delim)
			if sp.eof && n > 0 && (cut < n) {
				// The last record, with no newline after it (spaces
				// alone are a blank line).
				sp.open = len(bytes.TrimSpace(own[max(cut, 0):n])) > 0
				cut = n
			}
			if cut > 0 {
				b := &block{seq: sp.seq, buf: own[:cut], own: own}
				sp.seq++
				sp.carry = append(sp.carry[:0:0], own[cut:n]...)
				select {
				case out <- b:
				case <-ctx.Done():
					return ctx.Err()
				}
				break
			}
			if sp.err != nil {
				// Every whole record read before the error has been
				// sent; a record the error cut short is not data.
				return readFailed(sp.err, sp.gzip)
			}
			if n == 0 && sp.eof {
				return nil
			}
			// No record ends in the buffer: grow it, up to the longest
			// record allowed.
			if n > sp.maxLine {
				if err := sp.skipLong(ctx, own, n, out); err != nil {
					return err
				}
				break
			}
			own = append(own, make([]byte, len(own))...)
		}
		if sp.err != nil {
			return readFailed(sp.err, sp.gzip)
		}
		if sp.eof && len(sp.carry) == 0 {
			return nil
		}
	}
}

// skipLong handles a record longer than the limit, whose first n bytes
// are in buf with no record end among them. Without CollectErrors the
// read stops at it, found without reading further. With CollectErrors it
// is one bad record, as a long record that a worker finds within a block
// is: the splitter reads on to its end, by the same rules of quotes,
// holding no more of it than buf, and sends its error as a block of its
// own; the records after it are read. A quote left open to the end of
// the file is reported as a worker reports it: the lines it took are lost.
func (sp *splitter) skipLong(ctx context.Context, buf []byte, n int, out chan<- *block) error {
	if !sp.collect {
		// The record's line is known once the blocks before it are
		// counted: the reader fills it in.
		return &longRecord{seq: sp.seq, err: &RowError{File: sp.name,
			Err: fmt.Errorf("a record longer than %d bytes (an unterminated quote, or not a text file): %w", sp.maxLine, ErrLimit)}}
	}
	sc := recordScan{prev: '\n'}
	size, nl := 0, 0
	chunk := buf[:n]
	eof := false
	var lastByte byte // of the record, once it ends with the file
	for {
		if len(chunk) > 0 {
			lastByte = chunk[len(chunk)-1]
		}
		if end := sc.scan(chunk, sp.delim); end >= 0 {
			size += end
			nl += bytes.Count(chunk[:end], []byte("\n"))
			sp.carry = append(sp.carry[:0], chunk[end:]...)
			break
		}
		size += len(chunk)
		nl += bytes.Count(chunk, []byte("\n"))
		if sp.err != nil {
			return readFailed(sp.err, sp.gzip)
		}
		if sp.eof {
			eof = true
			sp.carry = sp.carry[:0]
			sp.open = true // the long record is the last, and no newline ends it
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		chunk = buf[:sp.fill(buf, 0)]
	}
	sp.skipped += int64(size)
	// Lines from the record's first, 0: the worker's result is placed
	// in the file as a block's is.
	last := nl
	if !eof || lastByte == '\n' {
		last-- // the newline that ends it
	}
	lines := nl
	if sp.arrays {
		last, lines = 0, 1 // a JSON table's array is one line
	}
	e := &RowError{File: sp.name, EndLine: last,
		Err: fmt.Errorf("a record of %d bytes, longer than %d: %w", size, sp.maxLine, ErrLimit)}
	if eof && sc.quoted && !sc.pending { // a quote last in the file closes its field
		e.Err = fmt.Errorf("%w: %d lines are lost: %w", errQuote, last+1, ErrMalformed)
	}
	b := &block{seq: sp.seq, lines: lines, long: e}
	sp.seq++
	select {
	case out <- b:
	case <-ctx.Done():
		return ctx.Err()
	}
	sp.spare = buf
	return nil
}

// A recordScan follows a record through the chunks of a file, by
// lastRecordEnd's rules of quotes, for a record too long to hold whole.
type recordScan struct {
	quoted  bool // within a quoted field
	pending bool // the last chunk ended in a quote within a quoted field: a closing one, or the first of two
	prev    byte // the byte before the chunk
}

// scan returns the index after the newline in b that ends the record, or
// -1 if the record goes on past b.
func (sc *recordScan) scan(b []byte, delim byte) int {
	i := 0
	if sc.pending && len(b) > 0 {
		sc.pending = false
		if b[0] == '"' {
			i = 1 // two quotes: a quote within the field
		} else {
			sc.quoted = false
		}
	}
	for i < len(b) {
		if sc.quoted {
			j := bytes.IndexByte(b[i:], '"')
			if j < 0 {
				break
			}
			q := i + j
			switch {
			case q+1 == len(b):
				sc.pending = true
				i = len(b)
			case b[q+1] == '"':
				i = q + 2
			default:
				sc.quoted = false
				i = q + 1
			}
			continue
		}
		rest := b[i:]
		nl := bytes.IndexByte(rest, '\n')
		if nl >= 0 {
			rest = rest[:nl]
		}
		if j := bytes.IndexByte(rest, '"'); j >= 0 {
			q := i + j
			before := sc.prev
			if q > 0 {
				before = b[q-1]
			}
			// A quote opens a field only at its start; inside an
			// unquoted field it is text.
			sc.quoted = before == delim || before == '\n'
			i = q + 1
			continue
		}
		if nl >= 0 {
			return i + nl + 1
		}
		break
	}
	if len(b) > 0 {
		sc.prev = b[len(b)-1]
	}
	return -1
}

// A longRecord is a record longer than the limit, found by the splitter
// after the blocks before seq, which stops a read without CollectErrors.
type longRecord struct {
	seq int
	err *RowError
}

func (e *longRecord) Error() string { return e.err.Error() }

// A readError is a file that could not be read to its end: the reader
// failed after its lines up to read, each read whole.
type readError struct {
	err  error // the reader's
	gzip bool
	read int // filled in where the line is known (see atLine)
}

// readFailed returns err, from reading a file (gzip-compressed if gz), as
// a readError; an error that names its line already (a JSON table's)
// stays as it is.
func readFailed(err error, gz bool) error {
	var re *RowError
	if errors.As(err, &re) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &readError{err: err, gzip: gz}
}

func (e *readError) Error() string {
	var what string
	switch {
	case e.gzip && errors.Is(e.err, io.ErrUnexpectedEOF):
		what = "the gzip stream ends early: the file is cut short"
	case errors.Is(e.err, io.ErrUnexpectedEOF):
		what = "the file ends early: it is cut short"
	default:
		what = fmt.Sprintf("the file cannot be read to its end: %v", e.err)
	}
	switch e.read {
	case 0:
		return what + " (no line of it was read whole)"
	case 1:
		return what + " (only its first line was read)"
	}
	return fmt.Sprintf("%s (its lines up to %d were read)", what, e.read)
}

// Unwrap returns the reader's error, such as io.ErrUnexpectedEOF.
func (e *readError) Unwrap() error { return e.err }

// errQuote reports a quoted field that does not end before the file does.
var errQuote = errors.New("unterminated quote")

// recordEnd returns the index after the newline that ends the record
// starting at b[i], following quotes; 0 if no record ends within b.
func recordEnd(b []byte, i int) int {
	fieldStart := true
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"' && fieldStart:
			j := quoteEnd(b, i+1)
			if j < 0 {
				return 0
			}
			i = j
			fieldStart = false
		case c == '\n':
			return i + 1
		case c == ',' || c == '\t' || c == ';':
			fieldStart = true
		default:
			fieldStart = false
		}
	}
	return 0
}

// quoteEnd returns the index of the quote that closes the quoted field
// whose text starts at b[i], or -1 if b ends first (or ends on a quote
// that might be doubled).
func quoteEnd(b []byte, i int) int {
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return -1
		}
		i += j
		if i+1 == len(b) {
			return -1
		}
		if b[i+1] != '"' {
			return i
		}
		i += 2
	}
}

// lastRecordEnd returns the index after the last newline of b that ends a
// record (b starts at a record boundary), or 0 if none does.
func lastRecordEnd(b []byte, delim byte) int {
	last := 0
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			if k := bytes.LastIndexByte(b[i:], '\n'); k >= 0 {
				last = i + k + 1
			}
			return last
		}
		q := i + j
		if k := bytes.LastIndexByte(b[i:q], '\n'); k >= 0 {
			last = i + k + 1
		}
		if q > 0 && b[q-1] != delim && b[q-1] != '\n' {
			i = q + 1 // a quote inside an unquoted field is text
			continue
		}
		e := quoteEnd(b, q+1)
		if e < 0 {
			return last
		}
		i = e + 1
	}
}
