package tradeflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
)

// cutFile is a file of the library's CSV with 1,500 data lines, long
// enough to take several blocks.
func cutFile() []byte {
	var b bytes.Buffer
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,source,note\n")
	partners := []string{"US", "JP", "DE", "FR", "KR"}
	for i := range 1500 {
		fmt.Fprintf(&b, "CN,%04d-%02d,X,%s,TOTAL,value,%d.%d,USD_M,GACC,row %d of a file long enough to be read in several blocks\n",
			1900+i/60, 1+i/5%12, partners[i%5], i*37%100000, i%10, i)
	}
	return b.Bytes()
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return z.Bytes()
}

// wholeLines is what a truncated gzip file gives, decompressed here
// rather than by the reader: the text up to its last newline (no field of
// cutFile's is quoted, so every newline ends a record), and its lines.
func wholeLines(t *testing.T, cut []byte) ([]byte, int) {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(cut))
	require.NoError(t, err)
	data, err := io.ReadAll(zr)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	whole := data[:bytes.LastIndexByte(data, '\n')+1]
	return whole, bytes.Count(whole, []byte("\n"))
}

// A gzip file cut short is an error at its first line not read whole,
// naming the file once; with CollectErrors the rows of the lines before
// it are read, exactly those, whatever the workers and blocks.
func TestReadGzipCut(t *testing.T) {
	file := cutFile()
	z := gzipBytes(t, file)
	dir := t.TempDir()
	ctx := context.Background()
	vintage := tradeflow.WithVintage("2025-06-30")
	cuts := map[string]int{"30%": len(z) * 30 / 100, "90%": len(z) * 90 / 100, "99%": len(z) * 99 / 100, "trailer": len(z) - 8}
	for name, at := range cuts {
		cut := z[:at]
		path := filepath.Join(dir, "mc_"+strings.TrimSuffix(name, "%")+".csv.gz")
		require.NoError(t, os.WriteFile(path, cut, 0o644))
		base := filepath.Base(path)
		whole, lines := wholeLines(t, cut)
		if name == "trailer" {
			require.Equal(t, file, whole, "only the trailer is cut")
		}
		require.Greater(t, lines, 1, name)
		want := fmt.Sprintf("%s:%d: the gzip stream ends early: the file is cut short (its lines up to %d were read)", base, lines+1, lines)
		// The rows read are those of the whole lines, read as a file.
		ref, err := tradeflow.Read(ctx, bytes.NewReader(whole), base, tradeflow.CSV(), vintage)
		require.NoError(t, err)
		require.Equal(t, lines-1, ref.Len())
		wantFigures := figures(ref)

		for _, workers := range []int{1, 2} {
			for _, size := range []int{0, 1000} {
				opts := []tradeflow.ReadOption{vintage, tradeflow.Workers(workers)}
				if size > 0 {
					opts = append(opts, tradeflow.BlockSize(size))
				}
				what := fmt.Sprintf("cut at %s, %d workers, block size %d", name, workers, size)

				ds, err := tradeflow.ReadFile(ctx, path, tradeflow.CSV(), opts...)
				assert.Nil(t, ds, what)
				var re *tradeflow.RowError
				require.ErrorAs(t, err, &re, what)
				assert.Equal(t, lines+1, re.Line, what)
				assert.EqualError(t, err, want, what)
				assert.Equal(t, 1, strings.Count(err.Error(), base), what)
				assert.ErrorIs(t, err, io.ErrUnexpectedEOF, what)

				_, err = tradeflow.ReadAnyFile(ctx, path, opts...)
				assert.EqualError(t, err, want, "ReadAnyFile: "+what)
				assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "ReadAnyFile: "+what)

				for _, viaAny := range []bool{false, true} {
					copts := append(opts, tradeflow.CollectErrors())
					if viaAny {
						ds, err = tradeflow.ReadAnyFile(ctx, path, copts...)
					} else {
						ds, err = tradeflow.ReadFile(ctx, path, tradeflow.CSV(), copts...)
					}
					what := fmt.Sprintf("%s, CollectErrors, ReadAny %v", what, viaAny)
					var el *tradeflow.ErrorList
					require.ErrorAs(t, err, &el, what)
					require.Equal(t, 1, el.Total, what)
					assert.EqualError(t, el.Errors[0], want, what)
					assert.ErrorIs(t, err, io.ErrUnexpectedEOF, what)
					require.NotNil(t, ds, what)
					assert.Equal(t, lines-1, ds.Len(), what)
					assert.Equal(t, lines-1, ds.Summary().Rows, what)
					assert.Zero(t, ds.Summary().Bad, what)
					assert.Equal(t, wantFigures, figures(ds), what)
				}
			}
		}
	}
}

// A gzip file cut before its header's line end, or right after it, is an
// error at line 1 or 2; the former has no dataset even with CollectErrors
// (no header, no schema's columns), the latter an empty one.
func TestReadGzipCutHeader(t *testing.T) {
	z := gzipBytes(t, cutFile())
	ctx := context.Background()
	found := map[int]bool{}
	for at := 11; at < 200 && len(found) < 2; at++ {
		cut := z[:at]
		zr, err := gzip.NewReader(bytes.NewReader(cut))
		require.NoError(t, err)
		data, _ := io.ReadAll(zr)
		lines := bytes.Count(data, []byte("\n"))
		if lines > 1 || found[lines] {
			continue
		}
		found[lines] = true
		want := "h.csv.gz:1: the gzip stream ends early: the file is cut short (no line of it was read whole)"
		if lines == 1 {
			want = "h.csv.gz:2: the gzip stream ends early: the file is cut short (only its first line was read)"
		}
		for _, collect := range []bool{false, true} {
			opts := []tradeflow.ReadOption{tradeflow.WithVintage("2025-06-30"), tradeflow.BlockSize(100)}
			if collect {
				opts = append(opts, tradeflow.CollectErrors())
			}
			ds, err := tradeflow.Read(ctx, bytes.NewReader(cut), "h.csv.gz", tradeflow.CSV(), opts...)
			assert.EqualError(t, err, want, "cut at %d", at)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			if lines == 1 && collect {
				var el *tradeflow.ErrorList
				assert.ErrorAs(t, err, &el)
				require.NotNil(t, ds)
				assert.Zero(t, ds.Len())
			} else {
				assert.Nil(t, ds)
			}
			_, err = tradeflow.ReadAny(ctx, bytes.NewReader(cut), "h.csv.gz", opts...)
			assert.EqualError(t, err, want, "ReadAny, cut at %d", at)
		}
	}
	assert.Len(t, found, 2, "cuts in the header and right after it")
}

var errDisk = errors.New("disk on fire")

// A failReader gives r, then err once, then io.EOF.
type failReader struct {
	r    io.Reader
	err  error
	done bool
}

func (f *failReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		if !f.done {
			f.done = true
			return n, f.err
		}
	}
	return n, err
}

// A reader that fails mid-file keeps its error as the cause; the lines
// before are read, and the one it cut is not, even if the reader would go
// on to say the file ends (a failure in the first bytes used to be taken
// for the end of a short file, and the cut line for a whole one).
func TestReadFailingReader(t *testing.T) {
	head := "period,partner,flow,hs,value\n"
	rows := ""
	for i := range 300 {
		rows += fmt.Sprintf("%04d-%02d,US,X,1201,%d\n", 2000+i/12, 1+i%12, 100+i)
	}
	for _, tt := range []struct {
		err  error
		msg  string
		size int // bytes of rows before the failure
	}{
		{errDisk, "the file cannot be read to its end: disk on fire", 5000},
		{errDisk, "the file cannot be read to its end: disk on fire", 64}, // in the first 512 bytes, in a value
		{io.ErrUnexpectedEOF, "the file ends early: it is cut short", 64},
		{io.ErrUnexpectedEOF, "the file ends early: it is cut short", 5000},
	} {
		given := rows[:tt.size]
		require.NotEqual(t, byte('\n'), given[len(given)-1], "a line cut")
		lines := 1 + strings.Count(given, "\n")
		want := fmt.Sprintf("f.csv:%d: %s (its lines up to %d were read)", lines+1, tt.msg, lines)
		for _, collect := range []bool{false, true} {
			opts := []tradeflow.ReadOption{tradeflow.BlockSize(1000), tradeflow.Workers(2)}
			if collect {
				opts = append(opts, tradeflow.CollectErrors())
			}
			r := &failReader{r: strings.NewReader(head + given), err: tt.err}
			ds, err := tradeflow.Read(context.Background(), r, "f.csv", detail(), opts...)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.err)
			if !collect || tt.err == errDisk {
				// A reader that fails, not a file cut short, fails the
				// read whole: a second try may read it all.
				assert.Nil(t, ds)
				assert.EqualError(t, err, want)
				continue
			}
			var el *tradeflow.ErrorList
			require.ErrorAs(t, err, &el)
			require.Equal(t, 1, el.Total)
			assert.EqualError(t, el.Errors[0], want)
			require.NotNil(t, ds)
			assert.Equal(t, lines-1, ds.Len(), "cut at %d", tt.size)
		}
	}
}

// A cut inside a quoted field that holds a newline is a cut in the
// record's first line: the lines it runs over are not read.
func TestReadCutInQuotes(t *testing.T) {
	head := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	file := head + "CN,2025-10,X,US,TOTAL,value,1,USD_M,2025-12-08,GACC,\n" +
		"CN,2025-11,X,US,TOTAL,value,2,USD_M,2025-12-08,GACC,\"two\nlines\"\n"
	cut := file[:strings.Index(file, "two\nli")+len("two\nli")]
	for _, collect := range []bool{false, true} {
		opts := []tradeflow.ReadOption{tradeflow.BlockSize(64)}
		if collect {
			opts = append(opts, tradeflow.CollectErrors())
		}
		r := &failReader{r: strings.NewReader(cut), err: io.ErrUnexpectedEOF}
		ds, err := tradeflow.Read(context.Background(), r, "f.csv", tradeflow.CSV(), opts...)
		var re *tradeflow.RowError
		require.ErrorAs(t, err, &re)
		assert.Equal(t, 3, re.Line)
		assert.EqualError(t, re, "f.csv:3: the file ends early: it is cut short (its lines up to 2 were read)")
		if collect {
			require.NotNil(t, ds)
			assert.Equal(t, 1, ds.Len())
		}
	}
}

// With CollectErrors, the error that stops a read is listed even when
// the list is full of bad rows.
func TestReadCutAfterManyErrors(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("period,partner,flow,hs,value\n")
	for range tradeflow.MaxErrors + 200 {
		b.WriteString("2025-13,US,X,1201,5\n")
	}
	b.WriteString("2025-11,US,X,1201,5\n2025-12,US,X,1201,6\n")
	z := gzipBytes(t, b.Bytes())
	cut := z[:len(z)-8]
	lines := strings.Count(b.String(), "\n")
	ds, err := tradeflow.Read(context.Background(), bytes.NewReader(cut), "f.csv.gz", detail(), tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	assert.Equal(t, tradeflow.MaxErrors+201, el.Total)
	require.Len(t, el.Errors, tradeflow.MaxErrors)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.EqualError(t, el.Errors[len(el.Errors)-1], fmt.Sprintf("f.csv.gz:%d: the gzip stream ends early: the file is cut short (its lines up to %d were read)", lines+1, lines))
	assert.Equal(t, tradeflow.MaxErrors, el.Errors[len(el.Errors)-2].Line, "the first bad rows before it, the 999th on line 1000")
	require.NotNil(t, ds)
	assert.Equal(t, 2, ds.Len())
}

// A record longer than the limit is one bad record, wherever the blocks
// fall and however long it runs (within a block, a worker finds it; past
// a block, the splitter reads through it): without CollectErrors the read
// stops at it, and with it the rows after it are read, at their lines.
func TestReadLongRecordCollect(t *testing.T) {
	const head = "period,partner,flow,hs,value\n2025-11,US,X,1201,5\n2025-12,US,X,1201,6\n"
	const after = "2025-09,US,X,1201,8\n2025-08,US,X,1201,9\n"
	long := strings.Repeat("7", 300)
	cases := []struct {
		name    string
		record  string // line 4 on, with its line end
		after   bool   // rows follow it
		endLine int    // the record's last line
		err     error
	}{
		{"plain", "2025-10,US,X,1201," + long + "\n", true, 4, tradeflow.ErrLimit},
		{"crlf", "2025-10,US,X,1201," + long + "\r\n", true, 4, tradeflow.ErrLimit},
		{"quoted lines", "2025-10,US,X,1201,\"7\n" + long + "\n\"\"7\"\n", true, 6, tradeflow.ErrLimit},
		{"last, no newline", "2025-10,US,X,1201," + long, false, 4, tradeflow.ErrLimit},
		// A quote left open runs to the end of the file, as in a file
		// shorter than the limit: the lines it took are lost.
		{"open quote", "2025-10,US,X,1201,\"7\n" + long + "\n" + after, false, 7, tradeflow.ErrMalformed},
	}
	for _, c := range cases {
		file := head + c.record
		if c.after {
			file += after
		}
		for _, block := range []int{64, 128, 512, 4096} {
			for _, workers := range []int{1, 2} {
				name := fmt.Sprintf("%s/block %d/%d workers", c.name, block, workers)
				opts := []tradeflow.ReadOption{tradeflow.MaxLine(100), tradeflow.BlockSize(block), tradeflow.Workers(workers)}
				ds, err := read(t, file, detail(), opts...)
				assert.Nil(t, ds, name)
				var re *tradeflow.RowError
				if assert.ErrorAs(t, err, &re, name) {
					assert.Equal(t, 4, re.Line, name)
				}

				ds, err = read(t, file, detail(), append(opts, tradeflow.CollectErrors())...)
				var el *tradeflow.ErrorList
				require.ErrorAs(t, err, &el, name)
				require.Equal(t, 1, el.Total, name)
				e := el.Errors[0]
				assert.ErrorIs(t, e, c.err, name)
				assert.Equal(t, 4, e.Line, name)
				if c.endLine > 4 {
					assert.Equal(t, c.endLine, e.EndLine, name)
				} else {
					assert.Zero(t, e.EndLine, name)
				}
				require.NotNil(t, ds, name)
				sum := ds.Summary()
				assert.Equal(t, 1, sum.Bad, name)
				assert.Equal(t, int64(len(file)-len("period,partner,flow,hs,value\n")), sum.Bytes, name)
				assert.Equal(t, !strings.HasSuffix(file, "\n") || c.err == tradeflow.ErrMalformed, sum.NoFinalNewline, name)
				var lines []int
				for f := range ds.Figures() {
					lines = append(lines, f.Line)
				}
				slices.Sort(lines)
				want := []int{2, 3}
				if c.after {
					n := strings.Count(file, "\n")
					want = append(want, n-1, n)
				}
				assert.Equal(t, want, lines, name)
				assert.Equal(t, len(want)+1, sum.Rows, name, "the good rows and the long one")
			}
		}
	}
}

// A JSON table cut short stops at the array it cuts, which its error
// names; with CollectErrors the arrays before it are kept.
func TestReadJSONTableCut(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","time"]`)
	for i := range 200 {
		fmt.Fprintf(&b, ",\n[\"1220\",\"CANADA\",\"%d\",\"1201\",\"%04d-%02d\"]", 100+i, 2000+i/12, 1+i%12)
	}
	b.WriteString("]\n")
	z := gzipBytes(t, []byte(b.String()))
	cut := z[:len(z)*3/4]
	_, lines := wholeLines(t, cut) // an array a line: the last whole one ends it
	ctx := context.Background()
	opts := []tradeflow.ReadOption{tradeflow.WithVintage("2025-06-30"), tradeflow.BlockSize(256), tradeflow.Workers(2)}
	ds, err := tradeflow.Read(ctx, bytes.NewReader(cut), "census.json.gz", tradeflow.CensusExports(), opts...)
	assert.Nil(t, ds)
	var re *tradeflow.RowError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, tradeflow.ErrMalformed)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, lines+1, re.Line, "the array cut")

	ds, err = tradeflow.ReadAny(ctx, bytes.NewReader(cut), "census.json.gz", append(opts, tradeflow.CollectErrors())...)
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	require.Equal(t, 1, el.Total)
	assert.Equal(t, re.Error(), el.Errors[0].Error())
	require.NotNil(t, ds)
	assert.Equal(t, lines-1, ds.Len())
}

// A long last record of any length ends the file cleanly, wherever the
// file's end falls in the splitter's storage (at its very end too).
func TestReadLongLastRecordAnyLength(t *testing.T) {
	const head = "period,partner,flow,hs,value\n2025-11,US,X,1201,5\n"
	for n := 90; n < 1300; n++ {
		for _, form := range []struct{ open, end string }{{"", ""}, {"", "\n"}, {"\"", ""}, {"\"", "\n"}} {
			file := head + "2025-10,US,X,1201," + form.open + strings.Repeat("7", n) + form.end
			ds, err := read(t, file, detail(), tradeflow.MaxLine(100), tradeflow.BlockSize(64), tradeflow.Workers(1), tradeflow.CollectErrors())
			var el *tradeflow.ErrorList
			if !errors.As(err, &el) || el.Total != 1 || ds == nil || ds.Len() != 1 {
				t.Fatalf("%d bytes, %q…%q: %v", n, form.open, form.end, err)
			}
		}
	}
}
