package tfbeam

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestDuplicatesOfSupersededVintages checks that two figures of one
// period and vintage in different blocks or files are a duplicate or a
// conflict even when a later vintage supersedes them, as the library
// finds them in one file: a dead letter for the second, and the series
// built from the latest vintage (a conflict in an earlier vintage does not
// touch it).
func TestDuplicatesOfSupersededVintages(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	const (
		first   = "CN,2025-10,X,WLD,TOTAL,value,3000.1,USD_100M,2025-11-07,GACC,"
		same    = "CN,2025-10,X,WLD,TOTAL,value,3000.1,USD_100M,2025-11-07,GACC,again"
		other   = "CN,2025-10,X,WLD,TOTAL,value,3001.1,USD_100M,2025-11-07,GACC,"
		revised = "CN,2025-10,X,WLD,TOTAL,value,3050.5,USD_100M,2026-01-13,GACC,revised"
	)
	want := []string{"CHN X WLD TOTAL value [2025-10: 305050000000] USD"}
	t.Run("two files", func(t *testing.T) {
		dir := t.TempDir()
		a := writeFile(t, dir, "a.csv", []byte(csvh+first+"\n"))
		writeFile(t, dir, "b.csv", []byte(csvh+same+"\n"+revised+"\n"))
		writeFile(t, dir, "c.csv", []byte(csvh+other+"\n"))
		checkRead(t, filepath.Join(dir, "*"), ReadOptions{}, want, []string{
			fmt.Sprintf(`b.csv:2:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is also in %s:2 | %s`, a, same),
			fmt.Sprintf(`c.csv:2:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 300110000000 here and 300010000000 in %s:2; neither is used | %s`, a, other),
		})
	})
	t.Run("one file in blocks", func(t *testing.T) {
		dir := t.TempDir()
		path := writeFile(t, dir, "a.csv", []byte(csvh+first+"\n"+revised+"\n"+other+"\n"))
		lib, errs := libraryLines(t, path, tradeflow.CSV())
		if fmt.Sprint(lib) != fmt.Sprint(want) || len(errs) != 1 || errs[0].Line != 4 {
			t.Fatalf("the library reads %v, %v", lib, errs)
		}
		// Blocks of 150 bytes: lines 2 and 3 (bytes 78 and 140) in the first,
		// line 4 (byte 209) in the second.
		checkRead(t, path, ReadOptions{BlockSize: 150}, want, []string{
			fmt.Sprintf(`a.csv:4:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 300110000000 here and 300010000000 in %s:2; neither is used | %s`, path, other),
		})
	})
}

// TestOverlapAcrossBlocks checks the letter of a combined figure and a
// month it covers in different blocks: it names the other figure's line
// as the library's read of the file whole does ("on line 2"), whatever
// their vintages.
func TestOverlapAcrossBlocks(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	const (
		combined = "CN,2025-01/2025-02,X,WLD,TOTAL,value,5718.14,USD_100M,2025-03-07,GACC,"
		month    = "CN,2025-02,X,WLD,TOTAL,value,3000.5,USD_100M,2025-04-07,GACC,"
	)
	dir := t.TempDir()
	path := writeFile(t, dir, "a.csv", []byte(csvh+combined+"\n"+month+"\n"))
	_, errs := libraryLines(t, path, tradeflow.CSV())
	if len(errs) != 1 || errs[0].Line != 3 || !strings.Contains(errs[0].Error(), "on line 2") {
		t.Fatalf("the library reports %v", errs)
	}
	// Blocks of 100 bytes: line 2 (byte 78) in the first, line 3 (byte
	// 146) in the second.
	checkRead(t, path, ReadOptions{BlockSize: 100}, nil, []string{
		fmt.Sprintf(`a.csv:3:0  "": duplicate observation: CHN X WLD TOTAL value: 2025-02 overlaps 2025-01/2025-02 on line 2: a combined figure and separate months for one series | %s`, month),
		`a.csv:0:0  "": series CHN X WLD TOTAL value not built: two of its figures cover the same month | `,
	})
}

// TestConflictsAcrossFiles checks the letters of three different figures
// of one period and vintage in three files: each names the figure before
// it, as the library's read of the three files' rows in one file does.
func TestConflictsAcrossFiles(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	dir := t.TempDir()
	var rows []string
	for i, name := range []string{"a.csv", "b.csv", "c.csv", "d.csv"} {
		v := []string{"3000.1", "3001.1", "3001.1", "3002.1"}[i]
		rows = append(rows, "CN,2025-10,X,WLD,TOTAL,value,"+v+",USD_100M,2025-11-07,GACC,")
		writeFile(t, dir, name, []byte(csvh+rows[i]+"\n"))
	}
	whole := writeFile(t, t.TempDir(), "all.csv", []byte(csvh+strings.Join(rows, "\n")+"\n"))
	_, errs := libraryLines(t, whole, tradeflow.CSV())
	var lib []string
	for _, e := range errs {
		lib = append(lib, e.Error())
	}
	want := []string{
		"all.csv:3: duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 3001.1 here and 3000.1 on line 2; neither is used",
		"all.csv:4: duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is also on line 3",
		"all.csv:5: duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 3002.1 here and 3001.1 on line 3; neither is used",
	}
	if strings.Join(lib, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the library reports\n%s", strings.Join(lib, "\n"))
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	checkRead(t, filepath.Join(dir, "*"), ReadOptions{}, nil, []string{
		fmt.Sprintf(`b.csv:2:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 300110000000 here and 300010000000 in %s:2; neither is used | %s`, in("a.csv"), rows[1]),
		fmt.Sprintf(`c.csv:2:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is also in %s:2 | %s`, in("b.csv"), rows[2]),
		fmt.Sprintf(`d.csv:2:0  "": duplicate observation: CHN X WLD TOTAL value 2025-10 vintage 2025-11-07 is 300210000000 here and 300110000000 in %s:2; neither is used | %s`, in("b.csv"), rows[3]),
		`a.csv:0:0  "": series CHN X WLD TOTAL value not built: two of its figures cover the same month | `,
	})
}

// TestDuplicatesOfAnUnbuiltSeries checks that the figures of a series
// that a block cannot build (two different figures for one month in it)
// are still checked against those of other blocks: a duplicate of one of
// them in another block is a dead letter naming the figure it repeats, as
// in the library's read of the file whole, not left out with the series.
func TestDuplicatesOfAnUnbuiltSeries(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	rows := []string{
		"CN,2025-01,X,WLD,TOTAL,value,10,USD_100M,2025-11-07,GACC,",
		"CN,2025-01,X,WLD,TOTAL,value,11,USD_100M,2025-11-07,GACC,",
		"CN,2025-02,X,WLD,TOTAL,value,20,USD_100M,2025-11-07,GACC,",
		"CN,2025-01,X,WLD,TOTAL,value,11,USD_100M,2025-11-07,GACC,again",
	}
	data := csvh + strings.Join(rows, "\n") + "\n"
	path := writeFile(t, t.TempDir(), "a.csv", []byte(data))
	_, errs := libraryLines(t, path, tradeflow.CSV())
	var lib []string
	for _, e := range errs {
		lib = append(lib, e.Error())
	}
	want := "a.csv:3: duplicate observation: CHN X WLD TOTAL value 2025-01 vintage 2025-11-07 is 11 here and 10 on line 2; neither is used\n" +
		"a.csv:5: duplicate observation: CHN X WLD TOTAL value 2025-01 vintage 2025-11-07 is also on line 3"
	if strings.Join(lib, "\n") != want {
		t.Fatalf("the library reports\n%s", strings.Join(lib, "\n"))
	}
	// Lines 2 to 4 in the first block, line 5 in the second.
	size := int64(strings.LastIndex(data, rows[3]) - 1)
	checkRead(t, path, ReadOptions{BlockSize: size}, nil, []string{
		fmt.Sprintf(`a.csv:3:0  "": duplicate observation: CHN X WLD TOTAL value 2025-01 vintage 2025-11-07 is 11 here and 10 on line 2; neither is used | %s`, rows[1]),
		fmt.Sprintf(`a.csv:5:0  "": duplicate observation: CHN X WLD TOTAL value 2025-01 vintage 2025-11-07 is also in %s:3 | %s`, path, rows[3]),
		`a.csv:0:0  "": series CHN X WLD TOTAL value not built: two of its figures cover the same month | `,
	})
}

// TestSupersededConflictInOneBlock checks a series whose figures in one
// block conflict in a vintage that another block's later one supersedes:
// the block alone cannot build it, but the file read whole can, and the
// pipeline builds it too, with one dead letter for the conflict.
func TestSupersededConflictInOneBlock(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	rows := []string{
		"CN,2025-01,X,WLD,TOTAL,value,12,USD_100M,2026-01-07,GACC,revised",
		"CN,2025-01,X,WLD,TOTAL,value,10,USD_100M,2025-11-07,GACC,",
		"CN,2025-01,X,WLD,TOTAL,value,11,USD_100M,2025-11-07,GACC,",
	}
	data := csvh + strings.Join(rows, "\n") + "\n"
	path := writeFile(t, t.TempDir(), "a.csv", []byte(data))
	want, errs := libraryLines(t, path, tradeflow.CSV())
	if len(want) != 1 || len(errs) != 1 || errs[0].Line != 4 {
		t.Fatalf("the library reads %v, %v", want, errs)
	}
	// Line 2 in the first block, lines 3 and 4 in the second.
	size := int64(strings.Index(data, rows[1]) - 1)
	checkRead(t, path, ReadOptions{BlockSize: size}, want, []string{
		fmt.Sprintf(`a.csv:4:0  "": duplicate observation: CHN X WLD TOTAL value 2025-01 vintage 2025-11-07 is 11 here and 10 on line 3; neither is used | %s`, rows[2]),
	})
}

// TestOverlapNamesTheFigureTheLibraryKeeps checks the letters of a
// combined figure beside a month it covers when one of them is in the file
// several times, in one block or in several: each names the copies a read
// of the file whole names (of a duplicate, the first; of conflicting
// figures, the last one that differs from the one before it), and there is
// one letter an overlap, as the library gives.
func TestOverlapNamesTheFigureTheLibraryKeeps(t *testing.T) {
	const csvh = "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	const (
		jan    = "CN,2025-01,X,WLD,TOTAL,value,2718.1,USD_100M,2025-03-07,GACC,"
		janFeb = "CN,2025-01/2025-02,X,WLD,TOTAL,value,5718.14,USD_100M,2025-03-07,GACC,"
		feb1   = "CN,2025-02,X,WLD,TOTAL,value,3000.5,USD_100M,2025-03-07,GACC,"
		feb2   = "CN,2025-02,X,WLD,TOTAL,value,3001.5,USD_100M,2025-03-07,GACC,"
	)
	dir := t.TempDir()
	for i, rows := range [][]string{
		{jan, jan, janFeb},         // a duplicate month, then the combined figure
		{janFeb, jan, jan},         // the combined figure, then a duplicate month
		{feb1, feb2, janFeb},       // two conflicting months
		{feb1, feb2, feb1, janFeb}, // the first month again, after a conflict
		{feb1, janFeb, feb2, feb2, jan},
	} {
		path := writeFile(t, dir, fmt.Sprintf("f%d.csv", i), []byte(csvh+strings.Join(rows, "\n")+"\n"))
		want, wantDead := libraryOf[series.USD](t, path)
		require.NotEmpty(t, wantDead)
		for j := range wantDead {
			wantDead[j] = sameWords(wantDead[j])
		}
		for _, size := range []int64{-1, 40, 140} {
			t.Run(fmt.Sprintf("%d/%d", i, size), func(t *testing.T) {
				p, s := beam.NewPipelineWithRoot()
				files := Read[series.USD](s, path, ReadOptions{BlockSize: size})
				ser, dead := GroupSeries[series.USD](s, files)
				passert.Equals(s, beam.ParDo(s, usdLine, ser), strs(want)...)
				letters := beam.ParDo(s, deadPlace, beam.Flatten(s, files.Dead, dead))
				passert.Equals(s, beam.ParDo(s, likeLibrary, letters), strs(wantDead)...)
				ptest.RunAndValidate(t, p)
			})
		}
	}
}
