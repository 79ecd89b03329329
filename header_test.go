package tradeflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
)

// A file read at the wrong delimiter is one column: the error says so,
// instead of listing every column as missing with hints that do not
// apply.
func TestReadWrongDelimiter(t *testing.T) {
	ctx := context.Background()
	const api = "testdata/comtrade/comtrade_plus_api.csv"
	_, err := tradeflow.ReadFile(ctx, api, tradeflow.ComtradeBulk(), tradeflow.WithVintage("2025-06-30"))
	var he *tradeflow.HeaderError
	require.ErrorAs(t, err, &he)
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
	assert.Equal(t, "comtrade_plus_api.csv", he.File)
	assert.Equal(t, byte(','), he.Delimiter)
	assert.Empty(t, he.Missing, "no column is known, so none is listed as missing")
	assert.Equal(t, "comtrade_plus_api.csv:1: UN Comtrade bulk header: split at tabs, it is one column, yet it holds 46 commas: "+
		"the file looks comma-separated, and this schema reads tab-separated files", err.Error())

	comma, err := os.ReadFile(api)
	require.NoError(t, err)
	head, _, _ := bytes.Cut(comma, []byte("\n"))
	semi := strings.ReplaceAll(string(head), ",", ";") + "\n"
	_, err = tradeflow.Read(ctx, strings.NewReader(semi), "semi.csv", tradeflow.ComtradeBulk(), tradeflow.WithVintage("2025-06-30"))
	require.ErrorAs(t, err, &he)
	assert.Equal(t, byte(';'), he.Delimiter)
	assert.ErrorContains(t, err, "semi.csv:1: UN Comtrade bulk header: split at tabs, it is one column, yet it holds 46 semicolons: the file looks semicolon-separated")

	// The other way round: a comma schema given a tab-separated file.
	own := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\nCN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n"
	tabs := strings.ReplaceAll(own, ",", "\t")
	_, err = tradeflow.Load(strings.NewReader(tabs), "own.tsv")
	require.ErrorAs(t, err, &he)
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
	assert.Equal(t, byte('\t'), he.Delimiter)
	assert.Empty(t, he.Unknown, "a strict schema does not list the whole line as a column it does not know")
	assert.Equal(t, "own.tsv:1: tradeflow CSV header: split at commas, it is one column, yet it holds 10 tabs: "+
		"the file looks tab-separated, and this schema reads comma-separated files", err.Error())
	ds, err := tradeflow.Load(strings.NewReader(own), "own.csv")
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())

	// A schema that detects its delimiter reads each kind.
	s := detail()
	for _, d := range []string{",", "\t", ";"} {
		file := strings.ReplaceAll("period,partner,flow,hs,value\n2025-11,US,X,1201,5\n", ",", d)
		ds, err := read(t, file, s)
		require.NoError(t, err, "%q", d)
		assert.Equal(t, 1, ds.Len())
	}

	// A header that is one column at the schema's delimiter and holds a
	// comma or two is not taken for a comma-separated one by itself: it
	// keeps its missing columns if the schema needs more, and reads if it
	// does not.
	s.Delimiter = '\t'
	_, err = read(t, "value (USD, fob)\n5\n", s)
	require.ErrorAs(t, err, &he)
	assert.Zero(t, he.Delimiter)
	assert.Equal(t, []string{"period", "partner", "flow", "hs", "value"}, he.Missing)
	one := tradeflow.Schema{Name: "one", Period: tradeflow.Const("2025-11"), Reporter: tradeflow.Const("CN"), Partner: tradeflow.Const("US"),
		Flow: tradeflow.Const("X"), Commodity: tradeflow.Const("1201"), Value: tradeflow.Column("value (USD, thousands, fob)"),
		Unit: tradeflow.Const("USD"), Source: tradeflow.Const("test"), Delimiter: '\t'}
	ds, err = read(t, "value (USD, thousands, fob)\n5\n", one)
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())
	// Columns found at the schema's delimiter keep their own error.
	_, err = read(t, "period\tpartner,flow,hs,value\n", s)
	require.ErrorAs(t, err, &he)
	assert.Zero(t, he.Delimiter)
	assert.Equal(t, []string{"partner", "flow", "hs", "value"}, he.Missing)
}

// The fixtures read through the schema of their format as they do
// through ReadAny: the check of the delimiter does not refuse them.
func TestReadFixturesBySchema(t *testing.T) {
	for _, tt := range []struct {
		file   string
		schema tradeflow.Schema
	}{
		{"comtrade/C_A_156_202301_H6_O.txt.gz", tradeflow.ComtradeBulk()},
		{"comtrade/C_M_156_202303_H6_O.txt.gz", tradeflow.ComtradeBulk()},
		{"comtrade/comtrade_plus_api.csv", tradeflow.Comtrade()},
	} {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			ds, err := tradeflow.ReadFile(context.Background(), path, tt.schema, tradeflow.CollectErrors(), tradeflow.WithVintage("2025-06-30"))
			require.NotNil(t, ds, "%v", err)
			assert.Positive(t, ds.Len())
			want, err2 := os.ReadFile(path + ".golden")
			require.NoError(t, err2)
			assert.Equal(t, string(want), describe(ds, err))
		})
	}
}

// An empty file, or one whose first line is blank, has no header: Read
// and ReadAny say so, plain or gzipped.
func TestReadNoHeader(t *testing.T) {
	gz := func(s string) string {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.String()
	}
	for _, tt := range []struct{ name, file, want string }{
		{"empty", "", "no header: the file is empty"},
		{"a byte-order mark", "\ufeff", "no header: the file is empty"},
		{"empty gzip", gz(""), "no header: the file is empty"},
		{"blank lines", "\n\n\n", "no header: the file's first line is blank"},
		{"CRLF", "\r\n\r\n", "no header: the file's first line is blank"},
		{"spaces", "  \n \t\n", "no header: the file's first line is blank"},
		{"spaces without a newline", "   ", "no header: the file's first line is blank"},
		{"blank lines gzipped", gz("\n\n"), "no header: the file's first line is blank"},
		{"header after a blank line", "\nperiod,flow,partner,commodity,measure,value,unit,vintage,source\n", "no header: the file's first line is blank"},
		{"an empty JSON table", `[[""],["2025-11"]]`, "no header: the JSON table's first array is blank"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errAny := tradeflow.ReadAny(context.Background(), strings.NewReader(tt.file), "e.csv")
			_, errRead := tradeflow.Read(context.Background(), strings.NewReader(tt.file), "e.csv", tradeflow.CSV())
			for _, err := range []error{errAny, errRead} {
				var re *tradeflow.RowError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, "e.csv", re.File)
				assert.Equal(t, 1, re.Line)
				assert.ErrorIs(t, err, tradeflow.ErrColumn)
				assert.Equal(t, "e.csv:1: "+tt.want+": bad header", err.Error())
			}
		})
	}
	path := filepath.Join(t.TempDir(), "empty.csv")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	_, err := tradeflow.ReadAnyFile(context.Background(), path)
	assert.EqualError(t, err, "empty.csv:1: no header: the file is empty: bad header")
}

// encode16 writes s in UTF-16, big- or little-endian, with a byte-order
// mark or without.
func encode16(s string, big, mark bool) []byte {
	var b []byte
	if mark {
		s = "\ufeff" + s
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// A file that is not UTF-8 text is said to be so, with how to convert it,
// by Read whatever its schema and by ReadAny.
func TestReadNotUTF8(t *testing.T) {
	own := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\r\nCN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\r\n"
	ds, err := tradeflow.Load(strings.NewReader(own), "own.csv")
	require.NoError(t, err, "the same text in UTF-8 reads")
	assert.Equal(t, 1, ds.Len())
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(encode16(own, false, true))
	zw.Close()
	var once, twice bytes.Buffer // own gzipped, and that gzipped again
	zw = gzip.NewWriter(&once)
	zw.Write([]byte(own))
	zw.Close()
	zw = gzip.NewWriter(&twice)
	zw.Write(once.Bytes())
	zw.Close()
	for _, tt := range []struct {
		name string
		file []byte
		want string
	}{
		{"UTF-16LE with its mark", encode16(own, false, true),
			"the file is UTF-16 (its byte-order mark is FF FE); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16 -t UTF-8"},
		{"UTF-16BE with its mark", encode16(own, true, true),
			"the file is UTF-16 (its byte-order mark is FE FF); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16 -t UTF-8"},
		{"UTF-16LE gzipped", gz.Bytes(),
			"the file is UTF-16 (its byte-order mark is FF FE); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16 -t UTF-8"},
		{"UTF-16LE without a mark", encode16(own, false, false),
			"the file looks UTF-16LE (NUL bytes between the letters of its first line); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16LE -t UTF-8"},
		{"UTF-16BE without a mark", encode16(own, true, false),
			"the file looks UTF-16BE (NUL bytes between the letters of its first line); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16BE -t UTF-8"},
		{"UTF-32LE with its mark", append([]byte{0xff, 0xfe, 0, 0}, "r\x00\x00\x00"...),
			"the file is UTF-32 (its byte-order mark is FF FE 00 00); the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-32 -t UTF-8"},
		{"a ZIP archive", append([]byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), own...),
			"the file is a ZIP archive (or an Excel workbook, .xlsx, which is one), not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first"},
		{"a 7-Zip archive", append([]byte("7z\xbc\xaf\x27\x1c\x00\x04"), own...),
			"the file is a 7-Zip archive, not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first"},
		{"a tar archive", append(append(append([]byte("own.csv"), make([]byte, 250)...), "ustar\x0000"...), own...),
			"the file is a tar archive, not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first"},
		{"gzipped twice", twice.Bytes(),
			"the file is gzip-compressed twice (a gzip file inside one), not text: the library reads text files (CSV, tab-separated, JSON tables), plain or gzip-compressed: unpack it first"},
		{"a NUL byte", []byte("reporter,per\x00iod,flow\n"),
			"the first line holds NUL bytes (the first is byte 13): the file is not UTF-8 text, perhaps UTF-16 or UTF-32; the library reads UTF-8: convert the file first, e.g. with iconv -f UTF-16 -t UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, errAny := tradeflow.ReadAny(context.Background(), bytes.NewReader(tt.file), "u.csv")
			_, errLoad := tradeflow.Load(bytes.NewReader(tt.file), "u.csv")
			// In blocks smaller than the header, the first is enough.
			_, errComtrade := tradeflow.Read(context.Background(), bytes.NewReader(tt.file), "u.csv", tradeflow.Comtrade(), tradeflow.BlockSize(64))
			errs := []error{errAny, errLoad, errComtrade}
			if tt.name == "a tar archive" {
				errs = errs[:2] // its mark is at byte 257, past a first block of 64
			}
			for _, err := range errs {
				var re *tradeflow.RowError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, "u.csv", re.File)
				assert.Equal(t, 1, re.Line)
				assert.ErrorIs(t, err, tradeflow.ErrMalformed)
				assert.False(t, errors.Is(err, tradeflow.ErrColumn), "not a header's columns: no other schema reads it")
				assert.Equal(t, "u.csv:1: "+tt.want+": malformed row", err.Error())
			}
		})
	}
	// A NUL after the first line is a row's problem, not the file's.
	_, err = tradeflow.Load(strings.NewReader(own+"CN,2025-12,X,WLD,TOTAL,value,1\x00,USD_100M,2025-12-08,GACC,\n"), "own.csv")
	var re *tradeflow.RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 3, re.Line)
}

// A file whose lines end in a carriage return alone (old Macintosh
// programs, Excel's "CSV (Macintosh)") reads as the same file with
// newlines, line numbers and all, in small blocks and gzipped too; it was
// read as one header holding the whole file and no rows.
func TestReadCRLineEnds(t *testing.T) {
	ctx := context.Background()
	for _, file := range []string{
		"comtrade-cn-2025-11.csv",
		"comtrade/comtrade_plus_api.csv", // quoted fields, some with commas
		"comtrade/comtrade_legacy_bulk.csv",
		"comext/full_v2_202402.dat",
		"baci/BACI_HS22_Y2023_V202501.csv",
	} {
		t.Run(file, func(t *testing.T) {
			lf, err := os.ReadFile(filepath.Join("testdata", file))
			require.NoError(t, err)
			require.NotContains(t, string(lf), "\r", "a file of newlines alone")
			name := filepath.Base(file)
			opts := []tradeflow.ReadOption{tradeflow.CollectErrors(), tradeflow.WithVintage("2025-06-30")}
			if strings.HasPrefix(name, "BACI") {
				opts = opts[:1] // BACI's name gives its release
			}
			want, err := tradeflow.ReadAny(ctx, bytes.NewReader(lf), name, opts...)
			require.NotNil(t, want, "%v", err) // some fixtures hold bad rows on purpose
			require.Positive(t, want.Len())
			wantText := describe(want, err)
			cr := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r"))
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(cr)
			zw.Close()
			for _, in := range []struct {
				what string
				file []byte
				opts []tradeflow.ReadOption
			}{
				{"plain", cr, opts},
				{"in blocks of 64 bytes", cr, append(opts, tradeflow.BlockSize(64))},
				{"gzipped", gz.Bytes(), opts},
			} {
				got, err := tradeflow.ReadAny(ctx, bytes.NewReader(in.file), name, in.opts...)
				require.NotNil(t, got, "%s: %v", in.what, err)
				assert.Equal(t, wantText, describe(got, err), in.what)
			}
		})
	}
	// A bad row is named by its line, as an editor counts them.
	own := "period,flow,partner,commodity,measure,value,unit,vintage,source,note\r" +
		"2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\r" +
		"2025-12,X,WLD,TOTAL,value,33o3.5,USD_100M,2026-01-14,GACC,\r"
	_, err := tradeflow.Load(strings.NewReader(own), "mac.csv", tradeflow.WithReporter("CN"))
	var re *tradeflow.RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "mac.csv", re.File)
	assert.Equal(t, 3, re.Line)
	assert.Equal(t, "33o3.5", re.Value)
}
