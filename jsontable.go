package tradeflow

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// A JSON table is a JSON array of arrays of strings, the first array the
// header, as the US Census Bureau's data API answers:
//
//	[["CTY_CODE","CTY_NAME","ALL_VAL_MO","time"],
//	["1220","CANADA","98765432","2024-03"]]
//
// [Read] reads one as if it were CSV. The API echoes the variables a query
// filters on as columns at the end, so a variable both asked for and
// filtered on comes twice: a column whose name an earlier column has is
// left out, after checking, row by row, that it holds the same value (a
// row where it does not is a bad row, its error naming both columns).
// Each array must have as many values as the header has names, repeated
// ones included: one with more or fewer, an empty array too, is a bad row.
// Numbers and nulls are read as their text and as empty cells. Each array
// is one line, even if its strings hold newlines, which are kept.

// jsonTable converts a JSON table to CSV as it is read.
type jsonTable struct {
	name string
	dec  *json.Decoder
	buf  bytes.Buffer
	cw   *csv.Writer
	keep []int // the columns written
	same []int // for each column left out, the earlier column it repeats; -1 for those kept
	head []string
	row  int // the array being read, 1 for the header
	err  error
	done bool
	// collect keeps a bad row's error (see CollectErrors) and writes a
	// blank line in its place, so that the reader counts the lines on;
	// without it the first bad row ends the table.
	collect bool
	bad     ErrorList
}

func newJSONTable(r io.Reader, name string) *jsonTable {
	br := bufio.NewReaderSize(r, 64<<10)
	// The decoder takes a byte-order mark for a bad character.
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	t := &jsonTable{name: name, dec: json.NewDecoder(br)}
	t.dec.UseNumber()
	t.cw = csv.NewWriter(&t.buf)
	if err := t.expect(json.Delim('[')); err != nil {
		t.err = err
	}
	return t
}

func (t *jsonTable) expect(want json.Delim) error {
	tok, err := t.dec.Token()
	if err != nil {
		return t.fail(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return t.fail(fmt.Errorf("want %v, found %v", want, tok))
	}
	return nil
}

func (t *jsonTable) fail(err error) error {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	// Arrays are counted as lines (the header is line 1), the opening
	// bracket with the header.
	return &RowError{File: t.name, Line: max(t.row, 1), Err: fmt.Errorf("a JSON table (an array of arrays of strings): array %d: %w: %w", t.row, err, ErrMalformed)}
}

// next reads one inner array, or reports that the table ended.
func (t *jsonTable) next() ([]string, bool, error) {
	if !t.dec.More() {
		if _, err := t.dec.Token(); err != nil { // the closing bracket
			return nil, false, t.fail(err)
		}
		return nil, false, nil
	}
	t.row++
	if err := t.expect(json.Delim('[')); err != nil {
		return nil, false, err
	}
	var rec []string
	for t.dec.More() {
		tok, err := t.dec.Token()
		if err != nil {
			return nil, false, t.fail(err)
		}
		switch v := tok.(type) {
		case string:
			rec = append(rec, v)
		case json.Number:
			rec = append(rec, v.String())
		case nil:
			rec = append(rec, "")
		case bool:
			rec = append(rec, fmt.Sprint(v))
		default:
			return nil, false, t.fail(fmt.Errorf("value %d is not a string, a number or null", len(rec)+1))
		}
	}
	if _, err := t.dec.Token(); err != nil {
		return nil, false, t.fail(err)
	}
	return rec, true, nil
}

func (t *jsonTable) Read(p []byte) (int, error) {
	for t.buf.Len() == 0 {
		if t.err != nil {
			return 0, t.err
		}
		if t.done {
			return 0, io.EOF
		}
		rec, ok, err := t.next()
		switch {
		case err != nil:
			t.err = err
			continue
		case !ok:
			t.done = true
			if _, err := t.dec.Token(); err != io.EOF {
				t.err = t.fail(fmt.Errorf("text after the table"))
			}
			continue
		}
		if t.row == 1 {
			t.header(rec)
		} else if err := t.check(rec); err != nil {
			if !t.collect {
				t.err = err
				continue
			}
			t.bad.add(err)
			t.buf.WriteByte('\n')
			continue
		}
		out := make([]string, len(t.keep))
		for i, c := range t.keep {
			out[i] = rec[c]
		}
		t.cw.Write(out)
		t.cw.Flush()
	}
	return t.buf.Read(p)
}

// merge adds the rows the table found bad to a read's summary and
// errors: each was a blank line to the reader.
func (t *jsonTable) merge(sum *Summary, errs *ErrorList) {
	sum.Blank -= t.bad.Total
	sum.Rows += t.bad.Total
	sum.Bad += t.bad.Total
	errs.merge(t.bad.Errors) // in line order among the others, and capped
	errs.Total += t.bad.Total - len(t.bad.Errors)
}

// header keeps the first column of each name.
func (t *jsonTable) header(rec []string) {
	t.head = rec
	first := map[string]int{}
	t.same = make([]int, len(rec))
	for i, h := range rec {
		k := strings.ToLower(strings.TrimSpace(h))
		if j, dup := first[k]; dup {
			t.same[i] = j
			continue
		}
		first[k] = i
		t.same[i] = -1
		t.keep = append(t.keep, i)
	}
}

// check refuses a row whose repeated column differs from the first, and
// a row of more or fewer values than the header has names: the row is
// counted against the table's header, not against the columns written
// (one of a row that lacks a value, written without the repeated
// columns, could otherwise have the count of those, and be read with
// its values in the wrong columns), and an empty array is no blank line.
func (t *jsonTable) check(rec []string) *RowError {
	if len(rec) != len(t.head) {
		var line bytes.Buffer
		cw := csv.NewWriter(&line)
		cw.Write(rec)
		cw.Flush()
		return &RowError{File: t.name, Line: t.row,
			Err: fmt.Errorf("%d fields, the header has %d (the line: %q): %w", len(rec), len(t.head), clip(bytes.TrimRight(line.Bytes(), "\n")), ErrMalformed)}
	}
	for i, j := range t.same {
		if j >= 0 && rec[i] != rec[j] {
			return &RowError{File: t.name, Line: t.row, Column: i + 1, Name: t.head[i], Value: clip([]byte(rec[i])),
				Err: fmt.Errorf("column %d, also named %s, holds %q: %w", j+1, t.head[j], rec[j], ErrMalformed)}
		}
	}
	return nil
}
