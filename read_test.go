package tradeflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// detail is a schema for hand-made detail files: a reporter given once,
// values in USD.
func detail() tradeflow.Schema {
	return tradeflow.Schema{
		Name:      "detail",
		Period:    tradeflow.Column("period"),
		Reporter:  tradeflow.Const("CN"),
		Partner:   tradeflow.Column("partner"),
		Flow:      tradeflow.Column("flow"),
		Commodity: tradeflow.Column("hs"),
		Value:     tradeflow.Column("value"),
		Unit:      tradeflow.Const("USD"),
		Source:    tradeflow.Const("test"),
	}
}

func read(t *testing.T, file string, s tradeflow.Schema, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
	t.Helper()
	return tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", s, opts...)
}

// figures lists a dataset as text, one figure a line, in the dataset's
// order: what two reads of the same data must agree on.
func figures(ds *tradeflow.Dataset) string {
	var b strings.Builder
	for f := range ds.Figures() {
		fmt.Fprintf(&b, "%v %v %s %v %v %q %q %d\n", f.Key, f.Period, f.Printed(), f.Unit, f.Vintage, f.Source, f.Note, f.Line)
	}
	return b.String()
}

func TestReadTypedKeys(t *testing.T) {
	// One series written five ways: partner as alpha-2, alpha-3 and
	// Comtrade number; the HS code with and without its dot.
	file := "period,partner,flow,hs,value\n" +
		"2025-09,US,X,120190,1\n" +
		"2025-10,USA,X,1201.90,2\n" +
		"2025-11,842,X,1201 90,3\n" +
		"2025-11,us,M,1201,4\n"
	ds, err := read(t, file, detail())
	require.NoError(t, err)
	keys := ds.Keys()
	require.Len(t, keys, 2)
	assert.Equal(t, "CHN X USA 1201.90 value", keys[0].String())
	assert.Equal(t, "CHN M USA 1201 value", keys[1].String(), "keys are ordered by flow, then the rest")
	s, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 120190 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2025-09: 1, 2025-10: 2, 2025-11: 3] USD", s.String())
	// The canonical form reads back.
	k, err := tradeflow.ParseKey(keys[0].String())
	require.NoError(t, err)
	assert.Equal(t, keys[0], k)
}

func TestReadHeaderRules(t *testing.T) {
	s := detail()
	s.Partner = tradeflow.Column("partner", "partnerCode")
	s.Value = tradeflow.Column("value", "value_usd")

	// Case and aliases.
	ds, err := read(t, "PERIOD,PartnerCode,Flow,HS,Value_USD\n2025-11,US,X,1201,5\n", s)
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())

	// Every missing column at once.
	_, err = read(t, "period,flow\n2025-11,X\n", s)
	var he *tradeflow.HeaderError
	require.ErrorAs(t, err, &he)
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
	assert.Equal(t, []string{"partner (or partnerCode)", "hs", "value (or value_usd)"}, he.Missing)

	// A column named twice is an error, not the last one silently winning.
	_, err = read(t, "period,partner,flow,hs,value,value\n2025-11,US,X,1201,5,6\n", s)
	require.ErrorAs(t, err, &he)
	assert.Equal(t, "f.csv:1: detail header: columns named twice: value (columns 5 and 6)", err.Error())
	// So is a field two aliases fill.
	_, err = read(t, "period,partner,partnerCode,flow,hs,value\n2025-11,US,842,X,1201,5\n", s)
	require.ErrorAs(t, err, &he)
	assert.Equal(t, []string{"partner (columns 2 and 3)"}, he.Ambiguous)

	// A strict schema refuses columns it does not know; others ignore them.
	_, err = read(t, "period,partner,flow,hs,value,qty_kg\n2025-11,US,X,1201,5,10\n", s)
	require.NoError(t, err)
	s.Strict = true
	_, err = read(t, "period,partner,flow,hs,value,qty_kg\n2025-11,US,X,1201,5,10\n", s)
	require.ErrorAs(t, err, &he)
	assert.Equal(t, []string{"qty_kg"}, he.Unknown)

	// The library's own format says what to pass for what a file lacks.
	_, err = tradeflow.Load(strings.NewReader("period,flow,partner,commodity,measure,value,unit\n"), "own.csv")
	require.ErrorAs(t, err, &he)
	assert.Equal(t, "own.csv:1: tradeflow CSV header: missing columns: reporter: the file has no reporter; pass tradeflow.WithReporter, "+
		"vintage: pass tradeflow.WithVintage for a file of one release, source: pass tradeflow.WithSource for a file of one source", err.Error())
	ds, err = tradeflow.Load(strings.NewReader("period,flow,partner,commodity,measure,value,unit\n2025-11,X,WLD,TOTAL,value,1,USD\n"), "own.csv",
		tradeflow.WithReporter("CN"), tradeflow.WithVintage("2025-12-08"), tradeflow.WithSource("GACC"))
	require.NoError(t, err)
	f, _ := ds.Lookup(tradeflow.MustParseKey("CN X WLD TOTAL value"), series.MonthPeriod(mp("2025-11")))
	assert.Equal(t, "GACC", f.Source)
	assert.Equal(t, "2025-12-08", f.Vintage.String())
}

func TestReadDelimitersAndNumbers(t *testing.T) {
	want := "[2025-11: 1234.5] USD"
	for _, tt := range []struct {
		name string
		file string
		edit func(*tradeflow.Schema)
	}{
		{"comma", "period,partner,flow,hs,value\n2025-11,US,X,1201,1234.5\n", nil},
		{"tab", "period\tpartner\tflow\ths\tvalue\n2025-11\tUS\tX\t1201\t1234.5\n", nil},
		{"semicolon and decimal comma", "period;partner;flow;hs;value\n2025-11;US;X;1201;1234,5\n", func(s *tradeflow.Schema) { s.Point = ',' }},
		{"thousands", "period,partner,flow,hs,value\n2025-11,US,X,1201,\"1,234.5\"\n", func(s *tradeflow.Schema) { s.Thousands = ',' }},
		{"European", "period;partner;flow;hs;value\n2025-11;US;X;1201;1.234,5\n", func(s *tradeflow.Schema) { s.Point, s.Thousands = ',', '.' }},
		{"padded", "period,partner,flow,hs,value\n 2025-11 , US ,X,1201, 1234.5\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := detail()
			if tt.edit != nil {
				tt.edit(&s)
			}
			ds, err := read(t, tt.file, s)
			require.NoError(t, err)
			x, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
			require.NoError(t, err)
			assert.Equal(t, want, x.String())
		})
	}
	// Without Thousands, a digit group is an error, not a guess.
	_, err := read(t, "period,partner,flow,hs,value\n2025-11,US,X,1201,\"1,234.5\"\n", detail())
	assert.ErrorContains(t, err, `f.csv:2:5: column value: value "1,234.5": not a plain decimal number`)
	assert.ErrorIs(t, err, tradeflow.ErrValue)
}

func TestReadMonthLayouts(t *testing.T) {
	for _, p := range []string{"2025-11", "202511", "2025M11", "2025m11", "2025/11", "11/2025", "Nov 2025", "November 2025", "nov-2025", "2025/11 "} {
		ds, err := read(t, "period,partner,flow,hs,value\n"+p+",US,X,1201,1\n", detail())
		require.NoError(t, err, p)
		f, ok := ds.Lookup(tradeflow.MustParseKey("CN X US 1201 value"), series.MonthPeriod(mp("2025-11")))
		assert.True(t, ok, "%q is November 2025", p)
		assert.Equal(t, 1, f.Period.Len())
	}
	for _, tt := range []struct{ in, want string }{
		{"2025", "2025-01/2025-12"},
		{"2025-01/2025-11", "2025-01/2025-11"},
		{"202501/202502", "2025-01/2025-02"},
	} {
		ds, err := read(t, "period,partner,flow,hs,value\n"+tt.in+",US,X,1201,1\n", detail())
		require.NoError(t, err, tt.in)
		var got string
		for f := range ds.Figures() {
			got = f.Period.String()
		}
		assert.Equal(t, tt.want, got, tt.in)
	}
	for _, bad := range []string{"2025-13", "13/2025", "Nob 2025", "0000-01", "2025-11/2025-01", "25-11", "2025-1"} {
		_, err := read(t, "period,partner,flow,hs,value\n"+bad+",US,X,1201,1\n", detail())
		require.Error(t, err, bad)
		assert.True(t, errors.Is(err, series.ErrMonth) || errors.Is(err, series.ErrPeriod), "%q: %v", bad, err)
		assert.Contains(t, err.Error(), "f.csv:2:1: column period")
	}
}

// A file that writes the year and the month in columns of their own.
func TestReadYearAndMonthColumns(t *testing.T) {
	s := detail()
	s.Period, s.Month = tradeflow.Column("year"), tradeflow.Column("month")
	ds, err := read(t, "year,month,partner,flow,hs,value\n2025,1,US,X,1201,1\n2025,02,US,X,1201,2\n2025,Mar,US,X,1201,3\n2025,december,US,X,1201,12\n", s)
	require.NoError(t, err)
	x, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2025-01: 1, 2025-02: 2, 2025-03: 3, 2025-12: 12] USD", x.String())

	// A Period that is a month must be the Month's: a cross-check, as
	// when an answer gives both.
	s.Period = tradeflow.Column("time")
	_, err = read(t, "time,month,partner,flow,hs,value\n2025-03,3,US,X,1201,1\n", s)
	require.NoError(t, err)
	_, err = read(t, "time,month,partner,flow,hs,value\n2025-03,3,US,X,1201,1\n2025-03,4,US,X,1201,1\n", s)
	require.ErrorIs(t, err, series.ErrPeriod)
	assert.Contains(t, err.Error(), `f.csv:3:2: column month: value "4": month 4, but time is 2025-03`)

	s.Period = tradeflow.Column("year")
	for _, tt := range []struct{ year, month, col string }{
		{"2025", "13", "2"}, {"2025", "0", "2"}, {"2025", "012", "2"}, {"2025", "Ma", "2"}, {"2025", "", "2"},
		{"2025-01/2025-03", "1", "1"}, // a span is no year
		{"10000", "1", "1"},
	} {
		_, err := read(t, "year,month,partner,flow,hs,value\n"+tt.year+","+tt.month+",US,X,1201,1\n", s)
		require.Error(t, err, tt)
		assert.Contains(t, err.Error(), "f.csv:2:"+tt.col+": column", tt)
		assert.True(t, errors.Is(err, series.ErrMonth) || errors.Is(err, series.ErrPeriod) || errors.Is(err, tradeflow.ErrMissing), "%v: %v", tt, err)
	}

	// Sept, as some offices write it; a constant year.
	s.Period = tradeflow.Const("2025")
	ds, err = read(t, "month,partner,flow,hs,value\nSept,US,X,1201,9\n", s)
	require.NoError(t, err)
	x, err = tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2025-09: 9] USD", x.String())
	s.Period = tradeflow.Const("2025-03")
	_, err = read(t, "month,partner,flow,hs,value\n4,US,X,1201,9\n", s)
	assert.ErrorContains(t, err, `f.csv:2:1: column month: value "4": month 4, but the schema's period is 2025-03`)

	// A wide layout of months has no Month.
	w := s
	w.Period, w.Value, w.Wide = tradeflow.Field{}, tradeflow.Field{}, tradeflow.WideMonths
	_, err = read(t, "month,partner,flow,hs,2025-01\n1,US,X,1201,1\n", w)
	assert.ErrorContains(t, err, "a wide layout of months has its months in the header; Month must be zero")

	// Month is of Period's year: without a Period it is the schema's
	// mistake, before any row.
	s.Period = tradeflow.Field{}
	_, err = read(t, "month,partner,flow,hs,value\n1,US,X,1201,1\n", s)
	require.ErrorContains(t, err, "Period must be given")
}

// An optional value's empty cell is no figure, and counted.
func TestReadOptionalValueCounted(t *testing.T) {
	s := detail()
	s.Value = s.Value.Optional()
	ds, err := read(t, "period,partner,flow,hs,value\n2025-10,US,X,1201,1\n2025-11,US,X,1201,\n2025-12,US,X,1201,\n", s)
	require.NoError(t, err)
	sum := ds.Summary()
	assert.Equal(t, 1, sum.Figures)
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "value: empty (no value)", Rows: 2, First: 3}}, sum.LeftOut)
}

func TestReadWide(t *testing.T) {
	s := detail()
	s.Period, s.Value = tradeflow.Field{}, tradeflow.Field{}
	s.Wide = tradeflow.WideMonths
	ds, err := read(t, "partner,flow,hs,2025-09,2025-10,Nov 2025\nUS,X,1201,1,,3\nJP,X,1201,,,9\n", s)
	require.NoError(t, err)
	x, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2025-09: 1, 2025-11: 3] USD", x.String(), "an empty cell is no figure, not a zero")
	assert.Equal(t, 3, ds.Len())

	s = detail()
	s.Partner, s.Value = tradeflow.Field{}, tradeflow.Field{}
	s.Wide = tradeflow.WidePartners
	ds, err = read(t, "period,flow,hs,US,JPN,410\n2025-11,X,1201,5,6,\n", s)
	require.NoError(t, err)
	var got []string
	for _, k := range ds.Keys() {
		got = append(got, k.Partner.String())
	}
	assert.Equal(t, []string{"JPN", "USA"}, got)
}

func TestReadGzipAndBlocks(t *testing.T) {
	// A file with quoted fields holding delimiters, doubled quotes and
	// newlines, blank lines and CRLF, read in blocks of every small size
	// and gzipped, gives the same dataset each time.
	var b strings.Builder
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\r\n")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		note := ""
		switch rng.IntN(4) {
		case 0:
			note = `"a note, with a comma"`
		case 1:
			note = `"a ""quoted"" word"`
		case 2:
			note = "\"two\nlines\""
		}
		fmt.Fprintf(&b, "CN,%04d-%02d,X,%s,TOTAL,value,%d.%d,USD_M,2025-12-08,src %d,%s\r\n", 2000+i/12, 1+i%12,
			[]string{"US", "JP", "DE"}[i%3], rng.IntN(1e6), rng.IntN(10), rng.IntN(3), note)
		if rng.IntN(20) == 0 {
			b.WriteString("\r\n")
		}
	}
	file := b.String()
	base, err := tradeflow.Load(strings.NewReader(file), "f.csv")
	require.NoError(t, err)
	want := figures(base)
	require.Equal(t, 300, base.Len())
	assert.Contains(t, want, `"two\nlines"`, "a newline inside quotes is kept")

	for _, size := range []int{64, 65, 100, 257, 1000} {
		for _, workers := range []int{1, 3} {
			ds, err := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", tradeflow.CSV(),
				tradeflow.BlockSize(size), tradeflow.Workers(workers))
			require.NoError(t, err, "block size %d", size)
			assert.Equal(t, want, figures(ds), "block size %d, %d workers", size, workers)
		}
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(file))
	zw.Close()
	ds, err := tradeflow.Read(context.Background(), &z, "f.csv.gz", tradeflow.CSV(), tradeflow.BlockSize(100))
	require.NoError(t, err)
	assert.Equal(t, strings.ReplaceAll(want, " f.csv", " f.csv.gz"), figures(ds))
	assert.Equal(t, int64(len(file))-int64(len("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\r\n")), ds.Summary().Bytes)
}

func TestReadSummary(t *testing.T) {
	s := detail()
	s.Skip = []tradeflow.Skip{{Column: tradeflow.Column("mot"), Keep: []string{"0"}, Reason: "a breakdown by mode of transport"}}
	file := "period,partner,flow,hs,value,mot\n" +
		"2025-11,US,X,1201,5,0\n" +
		"\n" +
		"2025-11,US,X,1201,3,1\n" +
		"2025-11,US,X,1201,2,2\n" +
		"2025-11,XX,X,1201,2,0\n" +
		"2025-11,JP,X,1201,2,0\n"
	ds, err := read(t, file, s, tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	assert.Equal(t, 1, el.Total)
	sum := ds.Summary()
	assert.Equal(t, tradeflow.Summary{File: "f.csv", Schema: "detail", Bytes: sum.Bytes, Rows: 5, Blank: 1, Figures: 2, Bad: 1,
		Skipped: []tradeflow.SkipCount{{Reason: "a breakdown by mode of transport", Rows: 2, First: 4}}}, sum)
	assert.Equal(t, sum.Rows, sum.Figures+sum.Bad+sum.Skipped[0].Rows, "every row is accounted for")
}

func TestReadErrorList(t *testing.T) {
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	for range 5000 {
		b.WriteString("2025-11,US,X,1201,NaN\n")
	}
	ds, err := read(t, b.String(), detail(), tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	assert.Len(t, el.Errors, tradeflow.MaxErrors, "the first errors are listed")
	assert.Equal(t, 5000, el.Total, "all are counted")
	assert.Equal(t, 2, el.Errors[0].Line)
	assert.Equal(t, 0, ds.Len())
	assert.Contains(t, err.Error(), "… and 4990 more")
	// errors.Is reaches through the list.
	assert.ErrorIs(t, err, tradeflow.ErrValue)
}

// Rows found bad after the file is read (a duplicate) are bad rows in
// the summary, and listed in line order before later rows' errors even
// past MaxErrors.
func TestReadDuplicatesAreBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	b.WriteString("2025-11,US,X,1201,5\n2025-11,US,X,1201,5\n") // lines 2 and 3: a duplicate
	for range tradeflow.MaxErrors + 10 {
		b.WriteString("2025-11,US,X,1201,NaN\n")
	}
	ds, err := read(t, b.String(), detail(), tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	assert.Equal(t, tradeflow.MaxErrors+11, el.Total)
	require.Len(t, el.Errors, tradeflow.MaxErrors)
	assert.Equal(t, 3, el.Errors[0].Line, "the duplicate first, by its line")
	assert.ErrorIs(t, el.Errors[0], tradeflow.ErrDuplicate)
	sum := ds.Summary()
	assert.Equal(t, 1, sum.Figures)
	assert.Equal(t, tradeflow.MaxErrors+11, sum.Bad)
	assert.Equal(t, sum.Rows, sum.Figures+sum.Bad, "every row is accounted for")
}

// A row of a value and a quantity repeated is one bad row, not one for
// each of its figures, and one row added into another with
// SumDuplicates: the summary's rows add up.
func TestReadDuplicateRowsOfSeveralFigures(t *testing.T) {
	file := "t,i,j,k,v,q\n2023,156,842,854231,4,1\n2023,156,842,854231,4,1\n2023,156,842,854231,4,1\n2023,156,842,030617,2,3\n"
	baci := func(opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports), opts...)
	}
	ds, err := baci(tradeflow.CollectErrors())
	var el *tradeflow.ErrorList
	require.ErrorAs(t, err, &el)
	assert.Equal(t, 4, el.Total, "the value and the quantity of lines 3 and 4")
	sum := ds.Summary()
	assert.Equal(t, 4, sum.Figures)
	assert.Equal(t, 2, sum.Bad, "lines 3 and 4")
	assert.Equal(t, 4, sum.Rows)

	ds, err = baci(tradeflow.SumDuplicates())
	require.NoError(t, err)
	sum = ds.Summary()
	require.Len(t, sum.Summed, 1)
	assert.Equal(t, 2, sum.Summed[0].Rows, "lines 2 and 3, added into line 4")
	assert.Equal(t, 2, sum.Summed[0].First)
	f, ok := ds.Lookup(tradeflow.MustParseKey("CHN X USA 854231 quantity"), series.Period{First: mp("2023-01"), Last: mp("2023-12")})
	require.True(t, ok)
	assert.Equal(t, "3", f.Value.String())
}

// SumDuplicates adds the values of rows with the same key, period and
// vintage; a quantity that only some of them have is no total, and is
// left out (missing is not zero), as a total of parts' quantity is.
func TestSumDuplicatesPartialQuantity(t *testing.T) {
	file := "t,i,j,k,v,q\n2023,156,842,854231,4,1\n2023,156,842,854231,2,NA\n2023,156,842,030617,1,2\n2023,156,842,030617,3,5\n"
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports), tradeflow.SumDuplicates())
	require.NoError(t, err)
	year := series.Period{First: mp("2023-01"), Last: mp("2023-12")}
	f, ok := ds.Lookup(tradeflow.MustParseKey("CHN X USA 854231 value"), year)
	require.True(t, ok)
	assert.Equal(t, "6", f.Value.String())
	_, ok = ds.Lookup(tradeflow.MustParseKey("CHN X USA 854231 quantity"), year)
	assert.False(t, ok, "line 3 has no quantity: 1 is not the total's")
	f, ok = ds.Lookup(tradeflow.MustParseKey("CHN X USA 030617 quantity"), year)
	require.True(t, ok, "both rows have theirs")
	assert.Equal(t, "7", f.Value.String())
	sum := ds.Summary()
	assert.Equal(t, 3, sum.Figures)
	assert.Equal(t, []tradeflow.SkipCount{
		{Reason: "q: empty or NA (no quantity)", Rows: 1, First: 3},
		{Reason: "a figure of rows added up (SumDuplicates) that not every row has: the sum of the others is not the total", Rows: 1, First: 2},
	}, sum.LeftOut)
}

// The same for a value a schema lets be empty: of two rows added up, one
// without a value gives no value total (the other's 4 is not the sum),
// while both rows' quantities add up.
func TestSumDuplicatesPartialValue(t *testing.T) {
	s := detail()
	s.Value = tradeflow.Column("value").Optional()
	s.Quantities = []tradeflow.QuantityField{{Value: tradeflow.Column("kg"), Unit: tradeflow.Const("KG")}}
	file := "period,partner,flow,hs,value,kg\n2025-10,US,X,1201,4,1\n2025-10,US,X,1201,,2\n"
	ds, err := read(t, file, s, tradeflow.SumDuplicates())
	require.NoError(t, err)
	oct := series.Period{First: mp("2025-10"), Last: mp("2025-10")}
	_, ok := ds.Lookup(tradeflow.MustParseKey("CN X US 1201 value"), oct)
	assert.False(t, ok, "line 3 has no value: 4 is not the total's")
	f, ok := ds.Lookup(tradeflow.MustParseKey("CN X US 1201 quantity"), oct)
	require.True(t, ok, "both rows have theirs")
	assert.Equal(t, "3", f.Value.String())
	assert.Equal(t, []tradeflow.SkipCount{
		{Reason: "value: empty (no value)", Rows: 1, First: 3},
		{Reason: "a figure of rows added up (SumDuplicates) that not every row has: the sum of the others is not the total", Rows: 1, First: 2},
	}, ds.Summary().LeftOut)
}

func TestReadUnterminatedQuote(t *testing.T) {
	file := "period,partner,flow,hs,value\n" +
		"2025-09,US,X,1201,1\n" +
		"2025-10,\"US,X,1201,2\n" +
		"2025-11,US,X,1201,3\n" +
		"2025-12,US,X,1201,4\n"
	_, err := read(t, file, detail())
	require.Error(t, err)
	assert.Equal(t, "f.csv:3: unterminated quote: 3 lines are lost: malformed row (the record runs over lines 3–5)", err.Error())
	ds, err := read(t, file, detail(), tradeflow.CollectErrors())
	require.Error(t, err)
	assert.Equal(t, 1, ds.Len(), "the row before is kept")

	// A closing quote far later: the lines between are reported too.
	file = "period,partner,flow,hs,value\n" +
		"2025-10,\"US,X,1201,2\n" +
		"2025-11,US,X,1201,3\n" +
		"2025-12,US\",X,1201,4\n" +
		"2026-01,US,X,1201,5\n"
	ds, err = read(t, file, detail(), tradeflow.CollectErrors())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "f.csv:2:2: column partner: ")
	assert.Contains(t, err.Error(), "(the record runs over lines 2–4)")
	assert.Equal(t, 1, ds.Len(), "the row after the damage is read")
}

// endless is a reader of one line that never ends.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n == 0 {
		e.n += int64(copy(p, "period,partner,flow,hs,value\n2025-11,US,X,1201,"))
		return int(e.n), nil
	}
	for i := range p {
		p[i] = '7'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadLimits(t *testing.T) {
	// A line longer than the limit is an error naming it, found without
	// reading much more than the limit.
	r := &endless{}
	start := time.Now()
	_, err := tradeflow.Read(context.Background(), r, "f.csv", detail())
	require.Error(t, err)
	assert.ErrorIs(t, err, tradeflow.ErrLimit)
	assert.Equal(t, "f.csv:2: a record longer than 1048576 bytes (an unterminated quote, or not a text file): over a limit", err.Error())
	assert.Less(t, r.n, int64(16<<20), "read %d bytes", r.n)
	t.Logf("refused after %d bytes in %v", r.n, time.Since(start))

	_, err = tradeflow.Read(context.Background(), strings.NewReader("period,partner,flow,hs,value\n2025-11,US,X,1201,"+strings.Repeat("7", 200)+"\n"),
		"f.csv", detail(), tradeflow.MaxLine(100))
	assert.ErrorIs(t, err, tradeflow.ErrLimit)
}

func TestReadCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "%04d-%02d,US,X,1201,%d\n", 1000+i/12, 1+i%12, i)
	}
	calls := 0
	var last tradeflow.Progress
	_, err := tradeflow.Read(ctx, strings.NewReader(b.String()), "f.csv", detail(), tradeflow.BlockSize(4096),
		tradeflow.OnProgress(func(p tradeflow.Progress) {
			calls++
			if p.Rows < last.Rows || p.Bytes < last.Bytes {
				t.Errorf("progress went back: %+v after %+v", p, last)
			}
			last = p
			if calls == 3 {
				cancel()
			}
		}))
	assert.ErrorIs(t, err, context.Canceled)
	assert.GreaterOrEqual(t, calls, 3)

	// Uncancelled, the progress ends at every row.
	last = tradeflow.Progress{}
	ds, err := tradeflow.Read(context.Background(), strings.NewReader(b.String()), "f.csv", detail(), tradeflow.BlockSize(4096),
		tradeflow.OnProgress(func(p tradeflow.Progress) { last = p }))
	require.NoError(t, err)
	assert.Equal(t, int64(20000), last.Rows)
	assert.Equal(t, 20000, ds.Len())
}

func TestReadDuplicates(t *testing.T) {
	s := detail()
	// A conflicting duplicate: both rows stay, neither value is used.
	file := "period,partner,flow,hs,value\n2025-10,US,X,1201,1\n2025-11,US,X,1201,5\n2025-11,US,X,1201,9999.9\n"
	ds, err := read(t, file, s, tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	_, err = tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.Equal(t, "tradeflow: f.csv:3 and f.csv:4: CHN X USA 1201 value 2025-11: two different figures for one vintage: duplicate observation", err.Error())
	_, err = tradeflow.All[series.USD](ds, nil)
	assert.ErrorIs(t, err, tradeflow.ErrDuplicate, "bulk access refuses it too, before yielding anything")
	assert.Equal(t, 3, ds.Summary().Figures)
	assert.Equal(t, 2, ds.Summary().Marked, "both kept, marked")
	_, ok := ds.Lookup(tradeflow.MustParseKey("CN X US 1201 value"), series.MonthPeriod(mp("2025-11")))
	assert.False(t, ok, "Lookup uses neither")
	f, ok := ds.Lookup(tradeflow.MustParseKey("CN X US 1201 value"), series.MonthPeriod(mp("2025-10")))
	require.True(t, ok, "the month beside it is a figure")
	assert.Equal(t, "1", f.Value.String())

	// Between vintages: two figures of one vintage are no revision, and
	// the vintages around them revise each other.
	own := header + "2025-11,X,WLD,TOTAL,value,1,USD_100M,2025-12-08,test,\n" +
		"2025-11,X,WLD,TOTAL,value,2,USD_100M,2026-01-08,test,\n" +
		"2025-11,X,WLD,TOTAL,value,3,USD_100M,2026-01-08,test,\n" +
		"2025-11,X,WLD,TOTAL,value,4,USD_100M,2026-02-08,test,\n"
	ds, err = tradeflow.Load(strings.NewReader(own), "v.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	revs := ds.Revisions()
	require.Len(t, revs, 1, "%v", revs)
	assert.Equal(t, "2025-12-08", revs[0].From.Vintage.String())
	assert.Equal(t, "2026-02-08", revs[0].To.Vintage.String())
	f, ok = ds.Lookup(tradeflow.MustParseKey("CN X WLD TOTAL value"), series.MonthPeriod(mp("2025-11")))
	require.True(t, ok, "the latest vintage is one figure")
	assert.Equal(t, "4", f.Value.String())

	// An exact duplicate: an error, and one figure kept.
	ds, err = read(t, "period,partner,flow,hs,value\n2025-11,US,X,1201,5\n2025-11,US,X,1201,5.0\n", s, tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.Equal(t, 1, ds.Len())
	assert.Equal(t, 1, ds.Summary().Bad)
	assert.Equal(t, 0, ds.Summary().Marked)

	// A combined January-February figure beside a separate February: the
	// later one is marked.
	ds, err = read(t, "period,partner,flow,hs,value\n2025-01/2025-02,US,X,1201,5\n2025-02,US,X,1201,3\n", s, tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.Equal(t, 2, ds.Len())
	assert.Equal(t, 1, ds.Summary().Marked)

	// Summed when asked, across printed units.
	s.Unit = tradeflow.Column("unit")
	ds, err = read(t, "period,partner,flow,hs,value,unit\n2025-11,US,X,1201,5,USD_M\n2025-11,US,X,1201,250000,USD\n", s, tradeflow.SumDuplicates())
	require.NoError(t, err)
	x, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CN X US 1201 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2025-11: 5250000] USD", x.String())
}

func TestAddFollowsTheReadRules(t *testing.T) {
	ds := tradeflow.NewDataset("code")
	k := tradeflow.MustParseKey("CN X WLD TOTAL value")
	v, _ := tradeflow.ParseVintage("2025-12-08")
	f := tradeflow.Figure{Key: k, Period: series.MonthPeriod(mp("2025-11")), Value: dec("3303.5"), Unit: tradeflow.MustParseUnitCode("USD_100M"), Vintage: v, Source: "GACC"}
	require.NoError(t, ds.Add(f))
	assert.ErrorIs(t, ds.Add(f), tradeflow.ErrDuplicate, "the same figure twice")
	g := f
	g.Value = dec("1")
	assert.ErrorIs(t, ds.Add(g), tradeflow.ErrDuplicate, "another value for the same period and vintage")
	g.Vintage, _ = tradeflow.ParseVintage("2026-01-13")
	require.NoError(t, ds.Add(g), "a later vintage is a revision")
	combined := f
	combined.Period = series.Period{First: mp("2025-10"), Last: mp("2025-11")}
	assert.ErrorIs(t, ds.Add(combined), tradeflow.ErrDuplicate, "months that overlap")
	neg := f
	neg.Period, neg.Value = series.MonthPeriod(mp("2025-09")), dec("-1")
	assert.ErrorIs(t, ds.Add(neg), tradeflow.ErrLevel)
	rate := f
	rate.Key.Measure = tradeflow.YoYPct
	assert.ErrorIs(t, ds.Add(rate), tradeflow.ErrUnit)
	huge := f
	huge.Period, huge.Value = series.MonthPeriod(mp("2025-08")), dec("1e-50")
	assert.ErrorIs(t, ds.Add(huge), tradeflow.ErrLimit)
	// Reads between adds see every figure added so far.
	x, err := tradeflow.Get[series.USD100M](ds, k)
	require.NoError(t, err)
	assert.Equal(t, "[2025-11: 1] USD 100 mn", x.String(), "the latest vintage")
	assert.Error(t, ds.Add(tradeflow.Figure{Key: k, Period: series.MonthPeriod(mp("2025-12")), Value: dec("3")}), "a figure needs its unit")
	// Every figure keeps its release date and its source, as a file's
	// must: what Write writes then reads back.
	usd := tradeflow.MustParseUnitCode("USD_M")
	vin, _ := tradeflow.ParseVintage("2026-01-14")
	assert.ErrorIs(t, ds.Add(tradeflow.Figure{Key: k, Period: series.MonthPeriod(mp("2025-12")), Value: dec("3"), Unit: usd, Source: "s"}), tradeflow.ErrMissing)
	assert.ErrorIs(t, ds.Add(tradeflow.Figure{Key: k, Period: series.MonthPeriod(mp("2025-12")), Value: dec("3"), Unit: usd, Vintage: vin}), tradeflow.ErrMissing)
}

func TestComtradeErrorsAreDeterministic(t *testing.T) {
	head := "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,partner2Code,motCode,customsCode\n"
	row := "202513,9999,9999,DX,77,x,0,0,C00\n" // every field bad
	first := ""
	for range 20 {
		_, err := loadComtrade(strings.NewReader(head+row), "c.csv", mustVintage(t, "2026-01-20"))
		require.Error(t, err)
		if first == "" {
			first = err.Error()
		}
		assert.Equal(t, first, err.Error())
	}
	assert.Contains(t, first, "c.csv:2:1: column period", "the first column in the schema's order")
}

func TestAll(t *testing.T) {
	file := "period,partner,flow,hs,value\n" +
		"2025-10,US,X,1201,1\n2025-10,JP,X,1201,2\n2025-10,US,M,2601,3\n" +
		"2025-11,US,X,1201,4\n2025-11,JP,X,1201,5\n"
	ds, err := read(t, file, detail())
	require.NoError(t, err)
	seq, err := tradeflow.All[series.USD](ds, func(k tradeflow.Key) bool { return k.Flow == tradeflow.Exports })
	require.NoError(t, err)
	var got []string
	for k, s := range seq {
		got = append(got, k.Partner.String()+" "+s.String())
	}
	assert.Equal(t, []string{"JPN [2025-10: 2, 2025-11: 5] USD", "USA [2025-10: 1, 2025-11: 4] USD"}, got)
	tonnes, err := tradeflow.All[series.Tonnes](ds, nil)
	require.NoError(t, err)
	for range tonnes {
		t.Fatal("no series is in tonnes")
	}
}

func TestReportSaysWhyACellIsMissing(t *testing.T) {
	const own = "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2025-10,X,WLD,TOTAL,value,3053.5,USD_100M,2025-11-07,GACC,\n" +
		"2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n" +
		"2025-11,X,WLD,TOTAL,value,9999.9,USD_100M,2025-12-08,elsewhere,\n" +
		"2025-11,M,WLD,TOTAL,value,2186.7,USD_100M,2025-12-08,GACC,\n"
	ds, err := tradeflow.Load(strings.NewReader(own), "r.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), mp("2025-11"))
	require.NoError(t, err)
	x := r.Headline[0]
	assert.False(t, x.Value.Has(), "neither 3303.5 nor 9999.9 is shown")
	assert.Contains(t, x.Value.Error, "r.csv:3 and r.csv:4")
	assert.Contains(t, x.YoY.Error, "two different figures for one vintage")
	var out strings.Builder
	require.NoError(t, r.WriteText(&out))
	assert.Contains(t, out.String(), "exports value: cannot be shown: tradeflow: r.csv:3 and r.csv:4")
	assert.Contains(t, out.String(), "-!")
}

func TestTextForms(t *testing.T) {
	v, err := tradeflow.ParseVintage("2025-12-08")
	require.NoError(t, err)
	m, err := tradeflow.ParseVintage("2023-02")
	require.NoError(t, err)
	assert.True(t, m.Before(v))
	assert.Equal(t, time.Date(2023, 2, 28, 0, 0, 0, 0, time.UTC), m.Date(), "a month-only vintage is its month's last day")
	d, _ := tradeflow.ParseVintage("2023-02-28")
	assert.Equal(t, -1, m.Compare(d), "at the same day, the dated vintage comes after")
	for _, s := range []string{"0001-01-01", "9999-12-31", "2024-02-29", "2000-02", "9999-12"} {
		v, err := tradeflow.ParseVintage(s)
		require.NoError(t, err, s)
		assert.Equal(t, s, v.String())
	}
	for _, s := range []string{"2023-02-29", "2025-13-01", "0000-01-01", "2025-1-1", ""} {
		_, err := tradeflow.ParseVintage(s)
		assert.ErrorIs(t, err, tradeflow.ErrVintage, s)
	}
	// Every day from 1900 to 2100 reads back and orders as time does.
	prev := tradeflow.Vintage{}
	for day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() < 2100; day = day.AddDate(0, 0, 1) {
		v := tradeflow.VintageOf(day)
		require.Equal(t, day, v.Date())
		require.True(t, prev.Before(v))
		prev = v
	}
}

func TestJSONForms(t *testing.T) {
	type all struct {
		Key       tradeflow.Key
		Flow      tradeflow.Flow
		Measure   tradeflow.Measure
		Vintage   tradeflow.Vintage
		Unit      tradeflow.UnitCode
		Commodity tradeflow.Commodity
	}
	v, _ := tradeflow.ParseVintage("2023-02")
	in := all{tradeflow.MustParseKey("CN M US 1201.90 quantity"), tradeflow.ReExports, tradeflow.YoYPctCNY, v,
		tradeflow.MustParseUnitCode("CNY_TN"), tradeflow.MustParseCommodity("RARE_EARTHS")}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"Key":"CHN M USA 1201.90 quantity","Flow":"RX","Measure":"yoy_pct_cny","Vintage":"2023-02","Unit":"CNY_TN","Commodity":"RARE_EARTHS"}`, string(b))
	var out all
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)
	var f tradeflow.Flow
	assert.ErrorIs(t, json.Unmarshal([]byte(`"Z"`), &f), tradeflow.ErrFlow)
	_, err = json.Marshal(tradeflow.Flow(99))
	assert.Error(t, err, "a flow that does not exist cannot be written")
	other, err := tradeflow.OtherCode("S4", "001.1")
	require.NoError(t, err)
	assert.Equal(t, "S4:001.1", other.String())
	back, err := tradeflow.ParseCommodity(other.String())
	require.NoError(t, err)
	assert.Equal(t, other, back)
	_, isHS := back.Code()
	assert.False(t, isHS, "a SITC code is never taken for an HS code")
}

func TestReadAny(t *testing.T) {
	own := "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n"
	ct := "freqCode,period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt\nM,202511,156,842,X,TOTAL,33789100000,\n"
	for _, tt := range []struct{ name, file, format string }{
		{"own", own, "tradeflow CSV"},
		{"comtrade", ct, "UN Comtrade"},
	} {
		f, ok := tradeflow.Detect([]byte(strings.SplitN(tt.file, "\n", 2)[0]))
		require.True(t, ok, tt.name)
		assert.Equal(t, tt.format, f.Name)
		for _, gz := range []bool{false, true} {
			var in io.Reader = strings.NewReader(tt.file)
			if gz {
				var z bytes.Buffer
				zw := gzip.NewWriter(&z)
				zw.Write([]byte(tt.file))
				zw.Close()
				in = &z
			}
			ds, err := tradeflow.ReadAny(context.Background(), in, "x", tradeflow.WithReporter("CN"), tradeflow.WithVintage("2025-12-08"))
			require.NoError(t, err, "%s gzip %v", tt.name, gz)
			assert.Equal(t, 1, ds.Len())
			assert.Equal(t, tt.format, ds.Summary().Schema)
		}
	}
	_, err := tradeflow.ReadAny(context.Background(), strings.NewReader("a,b\n1,2\n"), "x")
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
	assert.ErrorContains(t, err, "x:1: a header of no format the library reads (tradeflow CSV, UN Comtrade, UN Comtrade bulk, ")

	// What else the error says: what the file is, when it is no table
	// (what a failed download leaves), or the format it comes nearest.
	for _, tt := range []struct{ file, want string }{
		{"a,b\n1,2\n", `the first line is "a,b"`},
		{"freqCode,period,reporterCode,partnerCode,flowCode,cmdCode,netWgt\nM,202511,156,842,X,TOTAL,\n",
			"the nearest is UN Comtrade, which also has the columns primaryValue"},
		{"\ufeff<!DOCTYPE html>\n<html><body>429 Too Many Requests</body></html>\n",
			`the file is a web page (HTML or XML), not a table: perhaps an error or sign-in page saved in place of the download (it begins "<!DOCTYPE html>")`},
		{`{"statusCode": 429, "message": "Rate limit is exceeded."}` + "\n",
			`the file is a JSON object, not a table (it begins "{\"statusCode\": 429, \"message\": \"Rate limit is exceeded.\"}"): perhaps an API's error in place of the data; ` +
				"the library reads JSON tables (arrays of arrays, as the US Census Bureau's API answers), and UN Comtrade's API as CSV"},
	} {
		_, err := tradeflow.ReadAny(context.Background(), strings.NewReader(tt.file), "x")
		require.ErrorIs(t, err, tradeflow.ErrColumn)
		assert.True(t, strings.HasSuffix(err.Error(), "US Census imports): "+tt.want+": bad header"), "%v", err)
	}
}

// A schema's constants are parsed once, before any row: a bad one is
// refused with its value, the commodity's as the others'.
func TestReadBadConstants(t *testing.T) {
	file := "period,partner,flow,value\n2025-11,US,X,5\n2025-12,US,X,6\n"
	s := detail()
	s.Commodity = tradeflow.Const("12x")
	_, err := read(t, file, s, tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrCommodity)
	var el *tradeflow.ErrorList
	assert.False(t, errors.As(err, &el), "one error, not one a row: %v", err)
	assert.Contains(t, err.Error(), `f.csv: detail: commodity "12x": `)

	s.Commodity = tradeflow.Const("1201")
	ds, err := read(t, file, s)
	require.NoError(t, err)
	assert.Equal(t, 2, ds.Len())

	// Under another classification a code is that classification's.
	s.Commodity, s.Classification = tradeflow.Const("0011"), tradeflow.Const("S4")
	ds, err = read(t, file, s, tradeflow.KeepOtherCodes())
	require.NoError(t, err)
	assert.Equal(t, "CHN X USA S4:0011 value", ds.Keys()[0].String())

	s.Flow = tradeflow.Const("sideways")
	_, err = read(t, "period,partner,value\n2025-11,US,5\n", s)
	assert.ErrorIs(t, err, tradeflow.ErrFlow)
	assert.Contains(t, err.Error(), `flow "sideways"`)
}

// A gzip file that cannot be read to its end (a download cut short) is an
// error at a line of the file: at line 1 if not even its gzip header is
// whole, else at its first line not read whole (see TestReadGzipCut).
func TestReadGzipCutShort(t *testing.T) {
	_, err := read(t, "\x1f\x8b0", detail())
	var re *tradeflow.RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 1, re.Line)
	assert.Contains(t, err.Error(), "f.csv:1: gzip:")

	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	partners := []string{"US", "JP", "DE", "FR", "KR", "VN", "IN", "BR", "GB", "IT"}
	hs := []string{"1201", "0101", "0102", "0201", "0202", "0301", "0302", "0401", "0402", "0403"}
	for i := range 200_000 {
		m := series.MustMonth(1900, 1).AddMonths(i / 100)
		fmt.Fprintf(&b, "%v,%s,X,%s,%d\n", m, partners[i%10], hs[i/10%10], i)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	_, _ = zw.Write([]byte(b.String()))
	require.NoError(t, zw.Close())
	cut := z.Bytes()[:z.Len()*3/4]
	_, err = tradeflow.Read(context.Background(), bytes.NewReader(cut), "cut.csv.gz", detail(), tradeflow.BlockSize(1<<16), tradeflow.Workers(2))
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Greater(t, re.Line, 1, "past the rows read")
	assert.Less(t, re.Line, 200_002)
	assert.Contains(t, err.Error(), fmt.Sprintf("cut.csv.gz:%d: ", re.Line))
}

// TestReadManyKeys reads a file of more new keys than a page of the key
// table holds, many times over, on workers that fill pages of their own and
// grow the table side by side, and checks the dataset against the general
// path's: every key its series, every row its key.
func TestReadManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	partners := []string{"US", "JP", "DE", "FR", "GB"}
	for m := 1; m <= 3; m++ {
		for p, name := range partners {
			if p == 0 {
				name = []string{"US", "USA", "842"}[m-1] // three texts of one partner
			}
			for _, flow := range []string{"X", "M"} {
				for h := range 2500 { // headings 0101 to 2600 and on: not all HS, so read as HS codes of the file
					fmt.Fprintf(&b, "2024-%02d,%s,%s,%02d%02d,%d\n", m, name, flow, 1+h/100, 1+h%100, m+p+h)
				}
			}
		}
	}
	file := b.String()
	s := detail()
	s.Classification = tradeflow.Const("PANEL")
	checked := s
	checked.Check = func(*tradeflow.Figure) (string, error) { return "", nil } // not a simple schema
	ref, err := read(t, file, checked, tradeflow.Unlisted())
	require.NoError(t, err)
	want := figures(ref)
	require.Equal(t, 3*5*2*2500, ref.Len())
	require.Len(t, ref.Keys(), 5*2*2500, "three texts of a partner are one series")
	for _, size := range []int{4096, 1 << 16} {
		for _, workers := range []int{2, 4} {
			ds, err := read(t, file, s, tradeflow.BlockSize(size), tradeflow.Workers(workers), tradeflow.Unlisted())
			require.NoError(t, err)
			assert.Equal(t, want, figures(ds), "block size %d, %d workers", size, workers)
			assert.Equal(t, ref.Keys(), ds.Keys())
		}
	}
}

// TestReadNewKeyRows checks rows of new key texts, which the fast path
// reads itself when they are good and leaves to the general one when not,
// against a read through the general path only (a schema with a check):
// the same figures, with their editions, and the same errors, bad rows
// among good ones, in blocks of two sizes, on one worker and on many.
func TestReadNewKeyRows(t *testing.T) {
	bad := []string{
		"%s,Q!,X,0101%02d,1",     // no partner
		"%s,US,X,01A1%02d,1",     // no commodity
		"%s,,X,0101%02d,1",       // an empty partner
		"%s,US,Z,0101%02d,1",     // no flow
		"%s,US,X,0101%02d,-1",    // a negative level
		"%s,US,X,0101%02d,1.2.3", // no value
		"%s,US,X,0101%02d,",      // an empty value
		"%s,US,X,0101%02d",       // a field short
		"%s,US,X,\"0101%02d\",7", // quoted
		"%s,US , X ,0101%02d,7",  // padded
		"%s,US,X,0101%02d,7\r",   // CRLF
		"",                       // blank
	}
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	for m := 1; m <= 3; m++ {
		per := fmt.Sprintf("2024-%02d", m)
		for i := range 3000 {
			if i%7 == 3 {
				row := bad[(i/7+m)%len(bad)]
				if row != "" {
					row = fmt.Sprintf(row, per, i%100)
				}
				b.WriteString(row + "\n")
				continue
			}
			fmt.Fprintf(&b, "%s,%s,%s,%02d%02d%02d,%d.%d\n", per, []string{"US", "JP", "DE"}[i%3], []string{"X", "M"}[i/3%2], 1+i/600, 1+i/6%100, m%2, i, m)
		}
	}
	file := b.String()
	for _, class := range []string{"", "H5", "PANEL"} {
		s := detail()
		if class != "" {
			s.Classification = tradeflow.Const(class)
		}
		checked := s
		checked.Check = func(*tradeflow.Figure) (string, error) { return "", nil } // not a simple schema
		show := func(ds *tradeflow.Dataset, err error) string {
			var b strings.Builder
			for f := range ds.Figures() {
				fmt.Fprintf(&b, "%v %v %s %v %d\n", f.Key, f.Period, f.Printed(), f.Edition, f.Line)
			}
			var list *tradeflow.ErrorList
			require.ErrorAs(t, err, &list)
			for _, e := range list.Errors {
				fmt.Fprintf(&b, "%v\n", e)
			}
			return b.String() + fmt.Sprint(list.Total, ds.Summary())
		}
		ref, err := read(t, file, checked, tradeflow.CollectErrors(), tradeflow.Unlisted())
		want := show(ref, err)
		for _, size := range []int{4096, 1 << 16} {
			for _, workers := range []int{1, 2, 4} {
				ds, err := read(t, file, s, tradeflow.BlockSize(size), tradeflow.Workers(workers), tradeflow.CollectErrors(), tradeflow.Unlisted())
				assert.Equal(t, want, show(ds, err), "classification %q, block size %d, %d workers", class, size, workers)
			}
		}
	}
}

// TestReadDeferredQuantities checks a read whose figures get their series
// once the file is read (a schema with quantities and no check) against
// the same read with a check, which finds each figure's series as it
// goes: keys enough for many pages of key entries, each row's quantities
// with entries of their own, a row without its value (its quantities have
// no key text's entry to be remembered by), a quantity whose unit changes
// from month to month (two series of one key), in blocks of two sizes, on
// one worker and on many.
func TestReadDeferredQuantities(t *testing.T) {
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value,kg,qty,qunit\n")
	for m := 1; m <= 3; m++ {
		for p, name := range []string{"US", "JP", "DE", "FR", "GB"} {
			if p == 0 {
				name = []string{"US", "USA", "842"}[m-1] // three texts of one partner
			}
			for _, flow := range []string{"X", "M"} {
				for h := range 2500 {
					value, unit := strconv.Itoa(m+p+h), "ITEMS"
					if h%997 == 0 {
						value = "" // no value: only quantities
					}
					if h%13 == 0 && m == 2 {
						unit = "PAIRS" // another dimension this month
					}
					fmt.Fprintf(&b, "2024-%02d,%s,%s,%02d%02d,%s,%d,%d,%s\n", m, name, flow, 1+h/100, 1+h%100, value, 10*m+h, m*h, unit)
				}
			}
		}
	}
	file := b.String()
	s := detail()
	s.Classification = tradeflow.Const("PANEL")
	s.Value = tradeflow.Column("value").Optional()
	s.Quantities = []tradeflow.QuantityField{
		{Value: tradeflow.Column("kg"), Unit: tradeflow.Const("KG")},
		{Measure: tradeflow.SupplementaryQuantity, Value: tradeflow.Column("qty"), Unit: tradeflow.Column("qunit")},
	}
	checked := s
	checked.Check = func(*tradeflow.Figure) (string, error) { return "", nil } // series found as the rows are read
	ref, err := read(t, file, checked, tradeflow.Unlisted(), tradeflow.Workers(1))
	require.NoError(t, err)
	want := figures(ref)
	empty := 3 * 5 * 2 * 3 // rows without a value: h = 0, 997, 1994
	require.Equal(t, 3*5*2*2500*3-empty, ref.Len())
	for _, size := range []int{4096, 1 << 16} {
		for _, workers := range []int{1, 2, 4} {
			ds, err := read(t, file, s, tradeflow.BlockSize(size), tradeflow.Workers(workers), tradeflow.Unlisted())
			require.NoError(t, err)
			assert.Equal(t, want, figures(ds), "block size %d, %d workers", size, workers)
			assert.Equal(t, ref.Keys(), ds.Keys())
		}
	}
	// A value, a weight and a count a code, but for the codes without a
	// value in any month; the count of code 0101 is in items and pairs.
	require.Len(t, ref.Keys(), 3*5*2*2500-5*2*3)
	units := map[string]bool{}
	for f := range ref.Figures() {
		if f.Key.String() == "CHN X JPN PANEL:0101 supplementary_quantity" {
			units[f.Unit.String()] = true
		}
	}
	assert.Len(t, units, 2, "units of one key: %v", units)
}

// TestReadKeyTexts checks the reader's way with key texts on the fast path
// (a simple schema) against the general path (a schema with a check): a
// key text met again in the same block, and texts that name one series
// ("US", "USA" and "842"), give the same dataset in blocks of every size,
// on one worker or many.
func TestReadKeyTexts(t *testing.T) {
	var b strings.Builder
	b.WriteString("period,partner,flow,hs,value\n")
	names := [][]string{{"US", "USA", "842"}, {"JP", "JPN", "392"}, {"DE", "DEU", "276"}}
	for m := 1; m <= 9; m++ {
		for _, p := range names {
			for _, flow := range []string{"X", "M"} {
				for ch := 1; ch <= 40; ch++ { // heading 01 of chapters 01 to 40
					fmt.Fprintf(&b, "2024-%02d,%s,%s,%02d01,%d.%02d\n", m, p[m%3], flow, ch, m*ch, ch)
				}
			}
		}
	}
	file := b.String()
	checked := detail()
	checked.Check = func(*tradeflow.Figure) (string, error) { return "", nil } // not a simple schema
	ref, err := read(t, file, checked)
	require.NoError(t, err)
	want := figures(ref)
	require.Equal(t, 9*3*2*40, ref.Len())
	require.Len(t, ref.Keys(), 3*2*40, "three texts of a partner are one series")
	for _, size := range []int{64, 1000, 1 << 20} {
		for _, workers := range []int{1, 2, 5} {
			ds, err := read(t, file, detail(), tradeflow.BlockSize(size), tradeflow.Workers(workers))
			require.NoError(t, err)
			assert.Equal(t, want, figures(ds), "block size %d, %d workers", size, workers)
			assert.Equal(t, ref.Keys(), ds.Keys())
		}
	}
}

// A last line with no line end is read, and the summary says so: a
// download cut short inside its last line ends so, its last value perhaps
// short of digits.
func TestReadNoFinalNewline(t *testing.T) {
	const head = "period,partner,flow,hs,value\n2025-11,US,X,1201,5\n"
	for _, tt := range []struct {
		what, file string
		open       bool
	}{
		{"a newline", head + "2025-12,US,X,1201,60\n", false},
		{"CRLF", strings.ReplaceAll(head, "\n", "\r\n") + "2025-12,US,X,1201,60\r\n", false},
		{"none", head + "2025-12,US,X,1201,6", true},
		{"none, lines of CR alone", strings.ReplaceAll(head, "\n", "\r") + "2025-12,US,X,1201,6", true},
		{"spaces after the last newline", head + "2025-12,US,X,1201,60\n  ", false},
		{"a header alone", "period,partner,flow,hs,value", false},
	} {
		for _, bs := range []int{16, 1 << 20} {
			ds, err := read(t, tt.file, detail(), tradeflow.BlockSize(bs))
			require.NoError(t, err, tt.what)
			assert.Equal(t, tt.open, ds.Summary().NoFinalNewline, "%s, blocks of %d", tt.what, bs)
		}
	}
}

// endlessRows is a file of endless rows, a row a Read (as a slow network
// delivers a file), that cancels its read at the cancelAt'th Read and
// counts the Reads after it.
type endlessRows struct {
	reads, after, cancelAt int
	cancel                 func()
}

func (r *endlessRows) Read(b []byte) (int, error) {
	r.reads++
	if r.reads == 1 {
		return copy(b, "period,partner,flow,hs,value\n"), nil
	}
	if r.reads > r.cancelAt {
		r.after++
	}
	if r.reads == r.cancelAt {
		r.cancel()
	}
	i := r.reads
	return copy(b, fmt.Sprintf("%04d-%02d,US,X,1201,%d\n", 1000+(i/12)%8000, 1+i%12, i)), nil
}

// A cancelled read stops between two reads of the file, not once it has
// filled a block of megabytes (which, a row a Read, took seconds), and
// leaves no goroutine behind.
func TestReadCancelStopsBetweenReads(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, at := range []int{2, 3, 50, 5000} {
		ctx, cancel := context.WithCancel(context.Background())
		r := &endlessRows{cancelAt: at, cancel: cancel}
		_, err := tradeflow.Read(ctx, r, "f.csv", detail(), tradeflow.Workers(2))
		require.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, context.Canceled, err, "the context's error itself")
		assert.LessOrEqual(t, r.after, 1, "Reads after the cancellation at %d", at)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines left")
}
