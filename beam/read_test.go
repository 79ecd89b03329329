package tfbeam

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/beam/internal/panelfiles"
	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/series"
)

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, err := zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return b.Bytes()
}

// TestReadMatchesLibrary reads files split into blocks of a few hundred
// bytes, so that blocks begin and end in the middle of rows, and checks
// that the series are those the library reads from each file whole.
func TestReadMatchesLibrary(t *testing.T) {
	dir := t.TempDir()
	us := panelBytes(t, "US", "AA", "AB", "GG")
	de := panelBytes(t, "DE", "EY", "EJ")
	crlf := bytes.TrimSuffix(bytes.ReplaceAll(panelBytes(t, "JP", "AC"), []byte("\n"), []byte("\r\n")), []byte("\r\n"))
	paths := []string{
		writeFile(t, dir, "us.csv", us),
		writeFile(t, dir, "de.csv.gz", gz(t, de)),
		writeFile(t, dir, "jp.csv", crlf), // CRLF, no newline at the end
		writeFile(t, dir, "blank.csv", []byte(panelfiles.Header+"\n\n2023-01,FR,AA,X,010101,1.00,1\n\n\n2024-01,FR,AA,X,010101,2.00,1\n\n")),
	}
	var want []string
	for _, p := range paths {
		got, errs := libraryLines(t, p, panel.Schema())
		require.Empty(t, errs)
		want = append(want, got...)
	}
	require.Greater(t, len(want), 50, "a few dozen series, so that the blocks cut many")
	for _, size := range []int64{-1, 0, 333, 4096} {
		t.Run(fmt.Sprintf("blocks of %d bytes", size), func(t *testing.T) {
			checkRead(t, filepath.Join(dir, "*"), ReadOptions{Schema: panelSchema, BlockSize: size}, want, nil)
		})
	}
}

// TestSummaries checks that the counts of a file's blocks add up to what
// the library's reader counts in the whole file.
func TestSummaries(t *testing.T) {
	dir := t.TempDir()
	data := []byte(panelfiles.Header + "\n\n2023-01,FR,AA,X,010101,1.00,1\n\n" +
		"2023-02,FR,AA,X,010101,x,1\n2024-01,FR,AA,X,010101,2.00,1\n\n")
	path := writeFile(t, dir, "f.csv", data)
	ds, err := tradeflow.ReadFile(t.Context(), path, panel.Schema(), tradeflow.CollectErrors())
	require.Error(t, err)
	sm := ds.Summary()
	want := fmt.Sprintf("f.csv rows=%d blank=%d figures=%d bad=%d", sm.Rows, sm.Blank, sm.Figures, sm.Bad)
	assert.Equal(t, "f.csv rows=3 blank=3 figures=2 bad=1", want, "blank lines 2, 4 and 7; line 5 is bad")

	p, s := beam.NewPipelineWithRoot()
	files := Read[series.USD](s, path, ReadOptions{Schema: panelSchema, BlockSize: 20})
	passert.Equals(s, beam.ParDo(s, summaryLine, files.Summaries), want)
	ptest.RunAndValidate(t, p)
}

// badRows is a file with bad rows of every kind the reader finds, some in
// the first block and some in later ones, and a duplicate whose two rows
// are in one block that does not begin the file, so that both line
// numbers of its message are counted from the file's start.
var badRows = panelfiles.Header + "\n" +
	"2023-01,CN,AA,X,010101,100.00,1\n" +
	"2023-13,CN,AA,X,010101,1.00,1\n" + // line 3: no such month
	"2023-02,CN,A1,X,010101,1.00,1\n" + // line 4: no such partner
	"2023-02,CN,AA,E,010101,1.00,1\n" + // line 5: no such flow
	"2023-03,CN,AA,X,010101,-1.00,1\n" + // line 6: a negative level
	"2023-04,CN,AA,X,010101,1.00\n" + // line 7: too few fields
	"2024-01,CN,AA,X,010101,110.00,1\n" +
	"2023-01,CN,AB,M,020202,5.00,1\n" +
	"garbage\n" + // line 10
	"2024-01,CN,AB,M,020202,6.50,1\n" +
	"2023-05,CN,AB,M,020202,1e-50,1\n" + // line 12: over a limit
	"2023-06,CN,AB,M,020202,7.00,1\n" +
	"2023-06,CN,AB,M,020202,7.00,1\n" + // line 14: the same row again
	"2023-07,CN,AB,M,020202,,1\n" // line 15: no value

// TestDeadLetters checks that a file with bad rows gives the good rows'
// series and every bad row as a dead letter, with the line, column and
// reason the library gives when it reads the file whole, and the row as
// written: blocks or not.
func TestDeadLetters(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "bad.csv", []byte(badRows))
	wantSeries, errs := libraryLines(t, path, panel.Schema())
	require.Len(t, errs, 9) // lines 3 to 7, 10, 12, 14 and 15
	require.Len(t, wantSeries, 2)
	rows := lines(badRows)
	var want []string
	for _, e := range errs {
		want = append(want, deadLine(DeadLetter{File: path, Line: e.Line, Column: e.Column, Name: e.Name, Value: e.Value, Reason: reasonOf(e), Text: rows[e.Line-1]}))
	}
	// The duplicate's message names the first row, line 13. In one block,
	// the reader finds it; in two, GroupSeries.
	const dup = "bad.csv:14:0  \"\": duplicate observation: CHN M AB PANEL:020202 value 2023-06 is also on line 13 | 2023-06,CN,AB,M,020202,7.00,1"
	require.Contains(t, want, dup)
	at13, at14 := int64(strings.Index(badRows, "2023-06")), int64(strings.LastIndex(badRows, "2023-06"))
	for _, size := range []int64{-1, 40, 100, 321} {
		t.Run(fmt.Sprintf("blocks of %d bytes", size), func(t *testing.T) {
			want := slices.Clone(want)
			if size > 0 && at13/size != at14/size {
				i := slices.Index(want, dup)
				want[i] = strings.Replace(dup, "on line 13", "in "+path+":13", 1)
			}
			checkRead(t, path, ReadOptions{Schema: panelSchema, BlockSize: size}, wantSeries, want)
		})
	}
	t.Run("gzip", func(t *testing.T) {
		gzPath := writeFile(t, t.TempDir(), "bad.csv.gz", gz(t, []byte(badRows)))
		for i, w := range want {
			want[i] = strings.Replace(w, "bad.csv:", "bad.csv.gz:", 1)
		}
		checkRead(t, gzPath, ReadOptions{Schema: panelSchema, BlockSize: 40}, wantSeries, want)
	})
}

// TestBadHeader checks that a file whose header the schema cannot read is
// one dead letter, and the other files are read.
func TestBadHeader(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.csv", panelBytes(t, "US", "AA"))
	writeFile(t, dir, "bad.csv", []byte("period,partner,flow,hs,value\n"+strings.Repeat("2023-01,AA,X,010101,1\n", 50)))
	writeFile(t, dir, "empty.csv", nil)
	want, _ := libraryLines(t, good, panel.Schema())
	checkRead(t, filepath.Join(dir, "*.csv"), ReadOptions{Schema: panelSchema, BlockSize: 100}, want, []string{
		`bad.csv:1:0  "": trade panel header: missing columns: reporter: the file has no reporter; pass tradeflow.WithReporter, value_usd | period,partner,flow,hs,value`,
		`empty.csv:1:0  "": no header: the file is empty: bad header | `,
	})
}

// TestDuplicatesAcrossBlocks checks figures of one series and period in two
// blocks or files: the same figure twice is a duplicate (a dead letter for
// the second, naming the first), two different ones a conflict that leaves
// the series unbuilt, and two vintages are no fault (the latest is used).
func TestDuplicatesAcrossBlocks(t *testing.T) {
	const h = panelfiles.Header + "\n"
	t.Run("duplicate", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "a.csv", []byte(h+"2023-01,CN,AA,X,010101,1.00,1\n2023-02,CN,AA,X,010101,2.00,1\n"))
		writeFile(t, dir, "b.csv", []byte(h+"2023-03,CN,AA,X,010101,3.00,1\n2023-02,CN,AA,X,010101,2.00,1\n"))
		dir2 := filepath.Join(dir, "*")
		checkRead(t, dir2, ReadOptions{Schema: panelSchema},
			[]string{"CHN X AA PANEL:010101 value [2023-01: 1, 2023-02: 2, 2023-03: 3] USD"},
			[]string{fmt.Sprintf(`b.csv:3:0  "": duplicate observation: CHN X AA PANEL:010101 value 2023-02 is also in %s:3 | 2023-02,CN,AA,X,010101,2.00,1`, filepath.Join(dir, "a.csv"))})
	})
	t.Run("conflict in one file", func(t *testing.T) {
		dir := t.TempDir()
		path := writeFile(t, dir, "a.csv", []byte(h+"2023-01,CN,AA,X,010101,1.00,1\n2023-02,CN,AA,X,010101,2.00,1\n2023-03,CN,AB,X,010101,3.00,1\n2023-02,CN,AA,X,010101,2.50,1\n"))
		// Blocks of 60 bytes: lines 3 and 5 (bytes 79 and 139) are in
		// different blocks, so GroupSeries finds the conflict; read whole,
		// the library does. The letters are the same, but for how the
		// other line is named: one for the later figure, one for the series.
		for _, c := range []struct {
			size  int64
			other string
		}{{60, "in " + path + ":3"}, {-1, "on line 3"}} {
			checkRead(t, path, ReadOptions{Schema: panelSchema, BlockSize: c.size},
				[]string{"CHN X AB PANEL:010101 value [2023-03: 3] USD"},
				[]string{
					fmt.Sprintf(`a.csv:5:0  "": duplicate observation: CHN X AA PANEL:010101 value 2023-02 is 2.50 here and 2.00 %s; neither is used | 2023-02,CN,AA,X,010101,2.50,1`, c.other),
					`a.csv:0:0  "": series CHN X AA PANEL:010101 value not built: two of its figures cover the same month | `,
				})
		}
	})
	t.Run("sum", func(t *testing.T) {
		dir := t.TempDir()
		path := writeFile(t, dir, "a.csv", []byte(h+"2023-01,CN,AA,X,010101,1.00,1\n2023-02,CN,AA,X,010101,2.00,1\n2023-03,CN,AB,X,010101,3.00,1\n2023-02,CN,AA,X,010101,2.50,1\n"))
		checkRead(t, path, ReadOptions{Schema: panelSchema, BlockSize: 60, SumDuplicates: true},
			[]string{"CHN X AA PANEL:010101 value [2023-01: 1, 2023-02: 4.5] USD", "CHN X AB PANEL:010101 value [2023-03: 3] USD"}, nil)
	})
	t.Run("sum across files", func(t *testing.T) {
		// A file read with SumDuplicates is one block: GroupSeries adds up
		// the figures of different files.
		dir := t.TempDir()
		writeFile(t, dir, "a.csv", []byte(h+"2023-01,CN,AA,X,010101,1.00,1\n2023-02,CN,AA,X,010101,2.00,1\n"))
		writeFile(t, dir, "b.csv", []byte(h+"2023-03,CN,AB,X,010101,3.00,1\n2023-02,CN,AA,X,010101,2.50,1\n"))
		checkRead(t, filepath.Join(dir, "*"), ReadOptions{Schema: panelSchema, BlockSize: 60, SumDuplicates: true},
			[]string{"CHN X AA PANEL:010101 value [2023-01: 1, 2023-02: 4.5] USD", "CHN X AB PANEL:010101 value [2023-03: 3] USD"}, nil)
	})
	t.Run("vintages", func(t *testing.T) {
		dir := t.TempDir()
		const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
		writeFile(t, dir, "a.csv", []byte(csvh+"CN,2025-10,X,WLD,TOTAL,value,3000.1,USD_100M,2025-11-07,GACC,\nCN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n"))
		writeFile(t, dir, "b.csv", []byte(csvh+"CN,2025-10,X,WLD,TOTAL,value,3050.5,USD_100M,2026-01-13,GACC,revised\nCN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,\n"))
		checkRead(t, filepath.Join(dir, "*"), ReadOptions{},
			[]string{"CHN X WLD TOTAL value [2025-10: 305050000000, 2025-11: 330350000000] USD"},
			[]string{fmt.Sprintf(`b.csv:3:0  "": duplicate observation: CHN X WLD TOTAL value 2025-11 vintage 2025-12-08 is also in %s:3 | CN,2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,GACC,`, filepath.Join(dir, "a.csv"))})
	})
}

// TestQuotedNewline checks that a file whose records hold newlines in
// quotes is read right whole, and that splitting it into blocks fails the
// pipeline rather than read it wrong.
func TestQuotedNewline(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	var b strings.Builder
	b.WriteString(csvh)
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&b, "CN,2025-%02d,X,WLD,TOTAL,value,%d.5,USD_100M,2025-12-08,GACC,\"a note\nover two lines\"\n", m, 3000+m)
	}
	dir := t.TempDir()
	path := writeFile(t, dir, "notes.csv", []byte(b.String()))
	want, errs := libraryLines(t, path, tradeflow.CSV())
	require.Empty(t, errs)
	checkRead(t, path, ReadOptions{Schema: "tradeflow CSV", BlockSize: -1}, want, nil)

	p, s := beam.NewPipelineWithRoot()
	files := Read[series.USD](s, path, ReadOptions{Schema: "tradeflow CSV", BlockSize: 300})
	GroupSeries[series.USD](s, files)
	err := ptest.Run(p)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "runs over several lines (a newline in quotes): read the file whole")
}

// TestDetect checks that without a schema each file is read in the format
// its header shows, gzip too.
func TestDetect(t *testing.T) {
	dir := t.TempDir()
	lib := []byte("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"CN,2025-10,X,WLD,TOTAL,value,3000.1,USD_100M,2025-11-07,GACC,\nCN,2025-11,M,USA,TOTAL,value,303.5,USD_100M,2025-12-08,GACC,\n")
	comtrade := []byte("period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n202401,842,156,M,TOTAL,1000.5\n202402,842,156,M,TOTAL,2000\n")
	a := writeFile(t, dir, "lib.csv.gz", gz(t, lib))
	c := writeFile(t, dir, "comtrade.csv", comtrade)
	want, _ := libraryLines(t, a, tradeflow.CSV())
	more, _ := libraryLines(t, c, tradeflow.Comtrade(), tradeflow.WithVintage("2025-01"))
	checkRead(t, filepath.Join(dir, "*"), ReadOptions{Vintage: "2025-01", BlockSize: 60}, append(want, more...), nil)
}

func TestReadPanicsOnUnknownSchema(t *testing.T) {
	_, s := beam.NewPipelineWithRoot()
	defer func() {
		err, _ := recover().(error)
		require.Error(t, err)
		assert.Contains(t, err.Error(), `tfbeam: no schema "nope" in this binary (have [`)
		for _, f := range tradeflow.Formats() {
			assert.Contains(t, err.Error(), fmt.Sprintf("%q", f.Name), "the formats the library has")
		}
		assert.Contains(t, err.Error(), fmt.Sprintf("%q", panelSchema), "the schemas registered")
		assert.Contains(t, err.Error(), "register it with RegisterSchema in an init function")
	}()
	Read[series.USD](s, "*.csv", ReadOptions{Schema: "nope"})
}
