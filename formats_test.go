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
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/golden"
)

// describe lists what a read gave: every figure with all it carries, the
// summary's counts and the errors, as a golden file holds it.
func describe(ds *tradeflow.Dataset, err error) string {
	var b strings.Builder
	if ds == nil {
		fmt.Fprintf(&b, "error: %v\n", err)
		return b.String()
	}
	s := ds.Summary()
	fmt.Fprintf(&b, "read as %s\n\n", s.Schema)
	for f := range ds.Figures() {
		fmt.Fprintf(&b, "%v | %v | %s %v", f.Key, f.Period, f.Printed(), f.Unit)
		if f.Edition != 0 {
			fmt.Fprintf(&b, " | %v", f.Edition)
		}
		if f.Flags != 0 {
			fmt.Fprintf(&b, " | %v", f.Flags)
		}
		fmt.Fprintf(&b, " | %v %s line %d\n", f.Vintage, f.Source, f.Line)
	}
	fmt.Fprintf(&b, "\n%d rows, %d blank, %d figures, %d bad\n", s.Rows, s.Blank, s.Figures, s.Bad)
	for _, part := range []struct {
		what   string
		counts []tradeflow.SkipCount
	}{{"skipped", s.Skipped}, {"left out", s.LeftOut}, {"summed", s.Summed}} {
		for _, c := range part.counts {
			fmt.Fprintf(&b, "%s: %d (first on line %d): %s\n", part.what, c.Rows, c.First, c.Reason)
		}
	}
	var list *tradeflow.ErrorList
	if errors.As(err, &list) {
		for _, e := range list.Errors {
			fmt.Fprintf(&b, "error: %v\n", e)
		}
	} else if err != nil {
		fmt.Fprintf(&b, "error: %v\n", err)
	}
	return b.String()
}

// The fixtures, each read by ReadAny as a user would, and the golden file
// of what it loads to (testdata/<dir>/<file>.golden; -update rewrites
// them, for review).
func TestFormatFixtures(t *testing.T) {
	all := []tradeflow.ReadOption{tradeflow.CollectErrors(), tradeflow.KeepBreakdowns(), tradeflow.KeepOtherCodes()}
	for _, tt := range []struct {
		file, format string
		opts         []tradeflow.ReadOption
		golden       string
	}{
		{"comtrade/comtrade_plus_api.csv", "UN Comtrade", nil, ""},
		{"comtrade/comtrade_plus_api.csv", "UN Comtrade", all, "comtrade/comtrade_plus_api.csv.kept"},
		{"comtrade/C_A_156_202301_H6_O.txt.gz", "UN Comtrade bulk", nil, ""},
		{"comtrade/C_A_156_202301_H6_O.txt.gz", "UN Comtrade bulk", all, "comtrade/C_A_156_202301_H6_O.txt.gz.kept"},
		{"comtrade/C_M_156_202303_H6_O.txt.gz", "UN Comtrade bulk", nil, ""},
		{"comtrade/comtrade_legacy_api.csv", "UN Comtrade legacy", nil, ""},
		{"comtrade/comtrade_legacy_api.csv", "UN Comtrade legacy", all, "comtrade/comtrade_legacy_api.csv.kept"},
		{"comtrade/comtrade_legacy_bulk.csv", "UN Comtrade legacy", nil, ""},
		{"baci/BACI_HS22_Y2023_V202501.csv", "CEPII BACI", nil, ""},
		{"baci/BACI_HS17_Y2018_V202301.csv", "CEPII BACI", nil, ""},
		{"comext/full_v2_202402.dat", "Eurostat Comext", nil, ""},
		{"comext/full_v2_202402.dat", "Eurostat Comext", all, "comext/full_v2_202402.dat.kept"},
		{"census/census_exports_hs_2024-03.json", "US Census exports", nil, ""},
		{"census/census_exports_total_2024Q1.json", "US Census exports", nil, ""},
		{"census/census_imports_hs_2024-03.json", "US Census imports", nil, ""},
	} {
		name := tt.golden
		if name == "" {
			name = tt.file
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			opts := append([]tradeflow.ReadOption{tradeflow.CollectErrors()}, tt.opts...)
			if tt.format != "CEPII BACI" { // BACI's name gives its release
				opts = append(opts, tradeflow.WithVintage("2025-06-30"))
			}
			ds, err := tradeflow.ReadAnyFile(context.Background(), path, opts...)
			if ds != nil {
				assert.Equal(t, tt.format, ds.Summary().Schema)
			}
			golden.Check(t, name, []byte(describe(ds, err)))
		})
	}
}

// A bulk file of UN Comtrade's (tab-separated) saved again with commas has
// the marks of the bulk format and of the API's CSV: it is read as the
// latter, whose delimiter it uses, and gives the same figures, where the
// bulk schema refused it for its commas.
func TestDetectByDelimiter(t *testing.T) {
	tabs, err := os.ReadFile("testdata/comtrade/C_M_156_202303_H6_O.txt.gz")
	require.NoError(t, err)
	zr, err := gzip.NewReader(bytes.NewReader(tabs))
	require.NoError(t, err)
	text, err := io.ReadAll(zr)
	require.NoError(t, err)
	commas := bytes.ReplaceAll(text, []byte("\t"), []byte(","))

	f, ok := tradeflow.Detect(commas[:bytes.IndexByte(commas, '\n')])
	require.True(t, ok)
	assert.Equal(t, "UN Comtrade", f.Name)
	f, ok = tradeflow.Detect(text[:bytes.IndexByte(text, '\n')])
	require.True(t, ok)
	assert.Equal(t, "UN Comtrade bulk", f.Name, "with its tabs, the bulk format")

	want, err := tradeflow.ReadAny(t.Context(), bytes.NewReader(text), "bulk.txt", tradeflow.WithVintage("2025-01-01"))
	require.NoError(t, err)
	got, err := tradeflow.ReadAny(t.Context(), bytes.NewReader(commas), "bulk.csv", tradeflow.WithVintage("2025-01-01"))
	require.NoError(t, err)
	assert.Equal(t, figures(want), figures(got))
	assert.NotEmpty(t, figures(got))
}
