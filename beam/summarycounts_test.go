package tfbeam

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

func init() { beam.RegisterFunction(summaryCounts) }

// summaryCounts prints a Summary's counts by reason, one a line.
func summaryCounts(s Summary, emit func(string)) {
	for _, l := range []struct {
		kind   string
		counts []SkipCount
	}{{"skipped", s.Skipped}, {"left out", s.LeftOut}, {"summed", s.Summed}} {
		for _, c := range l.counts {
			emit(fmt.Sprintf("%s %s: %s: %d rows, first line %d", filepath.Base(s.File), l.kind, c.Reason, c.Rows, c.First))
		}
	}
}

// TestSummaryCountsMatchLibrary reads sample files, whole and in small
// blocks, and checks that the pipeline's Summary counts the rows skipped,
// the figures left out and the rows summed, each reason with its first
// line, as tradeflow.ReadAnyFile's Summary counts them: Comext's
// statistical procedures added up into totals, Comtrade's quantities
// left out (some past the first block), and a file whose rows are all
// there twice, read with SumDuplicates.
func TestSummaryCountsMatchLibrary(t *testing.T) {
	dir := t.TempDir()
	legacy, err := os.ReadFile("../testdata/comtrade/comtrade_legacy_api.csv")
	require.NoError(t, err)
	head, rows, _ := strings.Cut(string(legacy), "\n")
	twice := writeFile(t, dir, "comtrade_twice.csv", []byte(head+"\n"+rows+rows))
	for _, c := range []struct {
		path string
		sum  bool
	}{
		{"../testdata/comext/full_v2_202402.dat", false},
		{"../testdata/comtrade/comtrade_plus_api.csv", false},
		{"../testdata/baci/BACI_HS22_Y2023_V202501.csv", false},
		{twice, true},
	} {
		libOpts := []tradeflow.ReadOption{tradeflow.CollectErrors(), tradeflow.WithVintage("2025-01")}
		if c.sum {
			libOpts = append(libOpts, tradeflow.SumDuplicates())
		}
		ds, err := tradeflow.ReadAnyFile(t.Context(), c.path, libOpts...)
		require.NotNil(t, ds, "%v", err)
		sm := ds.Summary()
		var want []string
		for _, l := range []struct {
			kind   string
			counts []tradeflow.SkipCount
		}{{"skipped", sm.Skipped}, {"left out", sm.LeftOut}, {"summed", sm.Summed}} {
			for _, sk := range l.counts {
				want = append(want, fmt.Sprintf("%s %s: %s: %d rows, first line %d", filepath.Base(c.path), l.kind, sk.Reason, sk.Rows, sk.First))
			}
		}
		require.NotEmpty(t, want, c.path)
		if c.sum {
			require.NotEmpty(t, sm.Summed, "%s: no figure summed", c.path)
		}
		for _, size := range []int64{-1, 97} {
			t.Run(fmt.Sprintf("%s/%d", filepath.Base(c.path), size), func(t *testing.T) {
				p, s := beam.NewPipelineWithRoot()
				files := Read[series.USD](s, c.path, ReadOptions{BlockSize: size, Vintage: "2025-01", SumDuplicates: c.sum})
				passert.Equals(s, beam.ParDo(s, summaryCounts, files.Summaries), strs(want)...)
				ptest.RunAndValidate(t, p)
			})
		}
	}
}

// TestSummaryCountsWritten checks that WriteCSV writes a Summary's
// counts by reason, with their first lines.
func TestSummaryCountsWritten(t *testing.T) {
	dir := t.TempDir()
	path := "../testdata/comext/full_v2_202402.dat"
	p, s := beam.NewPipelineWithRoot()
	WriteCSV(s, filepath.Join(dir, "summaries.csv"), Read[series.USD](s, path, ReadOptions{Vintage: "2025-01"}).Summaries)
	require.NoError(t, ptest.Run(p))
	b, err := os.ReadFile(filepath.Join(dir, "summaries.csv"))
	require.NoError(t, err)
	got := string(b)
	assert.True(t, strings.HasPrefix(got, "file,schema,blocks,bytes,rows,blank,figures,bad,skipped,left_out,summed\n"), got)
	assert.Contains(t, got, ",\"a product kept confidential (PRODUCT_NC with X, such as 39XXXXXX): 1 (first line 5)\",,"+
		"\"a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total: 14 (first line 2)\"\n")
}
