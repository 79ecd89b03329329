package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/tradeflow-go/tradeflow/series"
)

// This file reads the SPEC's CSV into a panel: one row of cents per series,
// one column per month. It is the program's own fast path for one known
// format, written with the standard library; the arithmetic on the values is
// left to the library (main.go).
//
// The input is read in blocks of whole lines. Blocks are parsed in parallel,
// one goroutine per core, into records (series key, month, cents); a single
// consumer then files the records of each block, in file order, into the
// panel. Memory stays bounded: only a few blocks are in flight at once.

// header is the first line the SPEC's files have.
const header = "period,reporter,partner,flow,hs,value_usd,qty_kg"

// blockSize is the size of the blocks of lines parsed in parallel; tests
// make it small to cut a small file into many blocks.
var blockSize = 4 << 20

// A key names one series, (flow, partner, hs), packed into an integer:
// bit 40 the flow (1 for M), bits 20–39 the partner code (up to three
// characters A–Z or 0–9, base 37), bits 0–19 the six-digit HS code. Keys
// sort by flow, then partner, then HS code.
type key uint64

const (
	hsBits      = 20
	partnerBits = 20
	flowShift   = hsBits + partnerBits
)

func (k key) flow() byte {
	if k>>flowShift&1 == 1 {
		return 'M'
	}
	return 'X'
}

// group returns the key of the flow–partner pair: k without its HS code.
func (k key) group() key { return k >> hsBits }

func (k key) partner() string {
	p := int(k >> hsBits & (1<<partnerBits - 1))
	var b [3]byte
	n := 0
	for p > 0 {
		b[n] = alnum[p%37]
		p /= 37
		n++
	}
	slices.Reverse(b[:n])
	return string(b[:n])
}

func (k key) hs() int { return int(k & (1<<hsBits - 1)) }

func (k key) String() string {
	return fmt.Sprintf("%c/%s/%06d", k.flow(), k.partner(), k.hs())
}

// alnum[d] is the character of base-37 digit d; digit 0 is unused.
const alnum = "_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// A record is one data row as parsed: its series, month (see monthIndex) and
// value in cents.
type record struct {
	key   key
	month int32
	cents int64
}

// epoch is month index 0; a record's month is epoch.AddMonths(month).
var epoch = series.MustMonth(1, 1)

// A panel holds the values of every series: one column a month, each
// holding a value (in cents) and a presence bit for every series. Series
// ids are given in order of first appearance. Columns, rather than a row a
// series, let the panel grow in both directions (new series, new months)
// without knowing the file's months in advance and without slack: ten
// million values take 80 MB.
type panel struct {
	rows      int
	keys      []key
	ids       map[key]int32
	first     int32    // the first and last month seen (month indices)
	last      int32    // (first > last while the panel is empty)
	cols      []column // cols[i] is month first+i
	guess     int32    // the id the next row most likely has
	firstLine int      // the line number of the next record filed
}

type column struct {
	vals []int64
	pres []uint64
}

func newPanel() *panel {
	return &panel{ids: make(map[key]int32), first: 1, firstLine: 2}
}

func (p *panel) newSeries(k key) int32 {
	id := int32(len(p.keys))
	p.keys = append(p.keys, k)
	p.ids[k] = id
	return id
}

// column returns the column of month m, adding columns up to it.
func (p *panel) column(m int32) *column {
	switch {
	case p.first > p.last:
		p.first, p.last = m, m
		p.cols = []column{{}}
	case m < p.first:
		p.cols = append(make([]column, p.first-m), p.cols...)
		p.first = m
	case m > p.last:
		p.cols = append(p.cols, make([]column, m-p.last)...)
		p.last = m
	}
	return &p.cols[m-p.first]
}

// value returns the value of series id in month m (a month index), and
// whether there is one.
func (p *panel) value(id, m int32) (int64, bool) {
	c := &p.cols[m-p.first]
	if int(id) >= len(c.vals) || c.pres[id/64]&(1<<(id%64)) == 0 {
		return 0, false
	}
	return c.vals[id], true
}

// file adds the records of one block, whose first record is on line
// p.firstLine of the input.
func (p *panel) file(recs []record) error {
	guess := p.guess
	var col *column
	month := int32(-1)
	for n, r := range recs {
		// Customs files list the same series in the same order every
		// month, so the next row is most often the series after the one
		// before: try that before the map.
		id := guess
		if int(id) >= len(p.keys) || p.keys[id] != r.key {
			var ok bool
			if id, ok = p.ids[r.key]; !ok {
				id = p.newSeries(r.key)
			}
		}
		guess = id + 1
		if r.month != month || col == nil {
			col, month = p.column(r.month), r.month
		}
		if int(id) >= len(col.vals) {
			// Grow to every series known so far, and some.
			n := max(int(id)+1, len(p.keys)+len(p.keys)/8, 1024)
			col.vals = append(col.vals, make([]int64, n-len(col.vals))...)
			col.pres = append(col.pres, make([]uint64, (n+63)/64-len(col.pres))...)
		}
		bit := uint64(1) << (id % 64)
		if col.pres[id/64]&bit != 0 {
			return fmt.Errorf("line %d: a second row for series %v in %v: the SPEC allows one a month",
				p.firstLine+n, r.key, epoch.AddMonths(int(r.month)))
		}
		col.pres[id/64] |= bit
		col.vals[id] = r.cents
	}
	p.guess = guess
	p.rows += len(recs)
	p.firstLine += len(recs)
	return nil
}

// A block is a run of whole lines and, once parsed, their records.
type block struct {
	data []byte
	recs []record
	err  *parseError
	done chan struct{}
}

// A parseError is a row that does not have the SPEC's form; row counts from
// 0 at the block's first line.
type parseError struct {
	row int
	msg string
}

// readPanel reads the SPEC's CSV from r into a panel, parsing blocks on
// workers goroutines (one a core if workers < 1).
func readPanel(r io.Reader, workers int) (*panel, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	pool := sync.Pool{New: func() any { return &block{data: make([]byte, 0, blockSize+4096)} }}
	todo := make(chan *block, workers)
	order := make(chan *block, 2*workers)
	quit := make(chan struct{})
	var readErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var pc periodCache
			for b := range todo {
				b.recs, b.err = parseBlock(b.data, b.recs[:0], &pc)
				close(b.done)
			}
		}()
	}
	// The reader cuts the input into blocks of whole lines and hands each to
	// the workers and, in order, to the consumer below.
	go func() {
		defer close(order)
		defer close(todo)
		readErr = cutBlocks(r, &pool, func(b *block) bool {
			b.done = make(chan struct{})
			select {
			case order <- b:
			case <-quit:
				return false
			}
			todo <- b
			return true
		})
	}()
	p := newPanel()
	var err error
	for b := range order {
		<-b.done
		if err == nil {
			if b.err != nil {
				err = fmt.Errorf("line %d: %s", p.firstLine+b.err.row, b.err.msg)
			} else {
				err = p.file(b.recs)
			}
			if err != nil {
				close(quit)
			}
		}
		pool.Put(b)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	return p, nil
}

// cutBlocks reads r, checks the header, and passes the lines after it to
// emit in blocks of whole lines, until emit returns false or r ends.
func cutBlocks(r io.Reader, pool *sync.Pool, emit func(*block) bool) error {
	var carry []byte
	sawHeader := false
	for {
		b := pool.Get().(*block)
		buf := append(b.data[:0], carry...)
		n, err := io.ReadFull(r, buf[len(buf):blockSize])
		buf = buf[:len(buf)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		if !sawHeader {
			i := bytes.IndexByte(buf, '\n')
			if i < 0 && !eof {
				return errors.New("line 1: no header line in the first block")
			}
			if i < 0 {
				i = len(buf)
			}
			if h := string(bytes.TrimSuffix(buf[:i], []byte("\r"))); h != header {
				if len(buf) == 0 {
					return errors.New("empty input: want the header " + header)
				}
				return fmt.Errorf("line 1: header %q: want %q", h, header)
			}
			buf = buf[min(i+1, len(buf)):]
			sawHeader = true
		}
		// Keep the part after the last newline for the next block.
		cut := len(buf)
		if !eof {
			cut = bytes.LastIndexByte(buf, '\n') + 1
			if cut == 0 {
				return errors.New("a line longer than the block size")
			}
		}
		carry = append(carry[:0], buf[cut:]...)
		b.data = buf[:cut]
		if len(b.data) > 0 {
			if !emit(b) {
				return nil
			}
		} else {
			pool.Put(b)
		}
		if eof {
			return nil
		}
	}
}

// periodCache remembers the last period parsed: files are sorted by month,
// so the text repeats row after row.
type periodCache struct {
	text  [16]byte
	n     int
	month int32
	// head is the first 8 bytes of the last row whose period has the form
	// YYYY-MM: the period and its comma, for parseFast. 0 if none yet.
	head uint64
}

func (pc *periodCache) parse(f []byte) (int32, string) {
	if len(f) == pc.n && string(f) == string(pc.text[:pc.n]) {
		return pc.month, ""
	}
	m, err := series.ParseMonth(string(f))
	if err != nil || m.IsZero() {
		return 0, fmt.Sprintf("period %q: want YYYY-MM", f)
	}
	pc.month = int32(m.MonthsSince(epoch))
	pc.n, pc.head = 0, 0
	if len(f) <= len(pc.text) {
		pc.n = copy(pc.text[:], f)
	}
	return pc.month, ""
}

// parseBlock appends the records of the lines in data to recs. Each line is
// tried with parseFast, which knows only the generator's exact form, and
// given to parseLine, which decides, when that fails.
func parseBlock(data []byte, recs []record, pc *periodCache) ([]record, *parseError) {
	row := 0
	for i := 0; i < len(data); row++ {
		if r, next, ok := parseFast(data, i, pc); ok {
			recs = append(recs, r)
			i = next
			continue
		}
		line := data[i:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		i += len(line) + 1
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		r, msg := parseLine(line, pc)
		if msg != "" {
			return recs, &parseError{row, msg}
		}
		if len(line) >= 8 && line[7] == ',' && pc.n == 7 {
			pc.head = binary.LittleEndian.Uint64(line)
		}
		recs = append(recs, r)
	}
	return recs, nil
}

// parseFast parses the line at data[i:] if it has exactly the form the
// SPEC's generator writes, with the period of the line parsed before:
//
//	2023-01,CN,AA,X,207814,48374.78,2435\n
//
// a two-letter partner, a value with two decimals and no sign, and a
// quantity of digits. It returns the record and the index after the line,
// or false for anything else, which parseLine then reads (and so every line
// parseFast takes, parseLine takes too, with the same record).
func parseFast(data []byte, i int, pc *periodCache) (record, int, bool) {
	var r record
	if pc.head == 0 || i+8 > len(data) || binary.LittleEndian.Uint64(data[i:]) != pc.head {
		return r, 0, false
	}
	r.month = pc.month
	i += 8
	for { // reporter
		if i >= len(data) || data[i] == '\n' {
			return r, 0, false
		}
		i++
		if data[i-1] == ',' {
			break
		}
	}
	// partner, flow and hs: "AA,X,207814,"
	if i+12 > len(data) {
		return r, 0, false
	}
	f := data[i : i+12]
	p0, p1 := f[0]-'A', f[1]-'A'
	if p0 >= 26 || p1 >= 26 || f[2] != ',' || f[4] != ',' || f[11] != ',' {
		return r, 0, false
	}
	var flow key
	switch f[3] {
	case 'X':
	case 'M':
		flow = 1
	default:
		return r, 0, false
	}
	var hs key
	for _, c := range f[5:11] {
		d := c - '0'
		if d > 9 {
			return r, 0, false
		}
		hs = hs*10 + key(d)
	}
	r.key = flow<<flowShift | ((key(p0)+1)*37+key(p1)+1)<<hsBits | hs
	i += 12
	// value: digits, a point, two digits, a comma.
	var v int64
	n := 0
	for ; i < len(data); i++ {
		d := data[i] - '0'
		if d > 9 {
			break
		}
		v = v*10 + int64(d)
		n++
	}
	if n == 0 || n > 16 || i+4 > len(data) || data[i] != '.' || data[i+3] != ',' {
		return r, 0, false
	}
	d1, d2 := data[i+1]-'0', data[i+2]-'0'
	if d1 > 9 || d2 > 9 {
		return r, 0, false
	}
	r.cents = v*100 + int64(d1)*10 + int64(d2)
	i += 4
	// quantity: digits to the end of the line.
	for ; i < len(data) && data[i] != '\n'; i++ {
		if data[i]-'0' > 9 {
			return r, 0, false
		}
	}
	return r, i + 1, true
}

// parseLine parses one data row:
//
//	period,reporter,partner,flow,hs,value_usd,qty_kg
//	2023-01,CN,AA,X,207814,48374.78,2435
//
// It returns a message saying what is wrong, or "".
func parseLine(line []byte, pc *periodCache) (record, string) {
	var r record
	var f []byte
	var ok bool
	// period
	if f, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	var msg string
	if r.month, msg = pc.parse(f); msg != "" {
		return r, msg
	}
	// reporter: one reporter a file; not part of the series key.
	if _, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	// partner: one to three characters A–Z, 0–9.
	if f, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	if len(f) < 1 || len(f) > 3 {
		return r, fmt.Sprintf("partner %q: want a code of one to three letters or digits", f)
	}
	var pk key
	for _, c := range f {
		var d key
		switch {
		case c >= 'A' && c <= 'Z':
			d = key(c-'A') + 1
		case c >= '0' && c <= '9':
			d = key(c-'0') + 27
		default:
			return r, fmt.Sprintf("partner %q: want a code of one to three letters or digits", f)
		}
		pk = pk*37 + d
	}
	// flow
	if f, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	var flow key
	switch {
	case len(f) == 1 && f[0] == 'X':
	case len(f) == 1 && f[0] == 'M':
		flow = 1
	default:
		return r, fmt.Sprintf("flow %q: want X or M", f)
	}
	// hs: six digits.
	if f, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	if len(f) != 6 {
		return r, fmt.Sprintf("hs %q: want six digits", f)
	}
	var hs key
	for _, c := range f {
		if c < '0' || c > '9' {
			return r, fmt.Sprintf("hs %q: want six digits", f)
		}
		hs = hs*10 + key(c-'0')
	}
	r.key = flow<<flowShift | pk<<hsBits | hs
	// value_usd
	if f, line, ok = cut(line); !ok {
		return r, "want 7 fields: " + header
	}
	if r.cents, ok = parseCents(f); !ok {
		return r, fmt.Sprintf("value_usd %q: want a number with at most two decimals", f)
	}
	// qty_kg: not used, but it must be the last field.
	if bytes.IndexByte(line, ',') >= 0 {
		return r, "want 7 fields: " + header
	}
	return r, ""
}

// cut returns the field before the first comma and the rest after it; ok is
// false if there is no comma.
func cut(line []byte) (field, rest []byte, ok bool) {
	for i, c := range line {
		if c == ',' {
			return line[:i], line[i+1:], true
		}
	}
	return line, nil, false
}

// parseCents parses a decimal number with at most two decimals, such as
// "48374.78", "-3.5" or "12", into cents. It refuses anything else:
// exponents, a sign other than a leading minus, a point with no digit after
// it, and values of 10^16 dollars or more, whose cents could overflow.
func parseCents(f []byte) (int64, bool) {
	neg := len(f) > 0 && f[0] == '-'
	if neg {
		f = f[1:]
	}
	var v int64
	digits, frac, point := 0, 0, false
	for _, c := range f {
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + int64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point:
			point = true
		default:
			return 0, false
		}
	}
	if digits == 0 || (point && frac == 0) || frac > 2 || digits-frac > 16 {
		return 0, false
	}
	for ; frac < 2; frac++ {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}
