package tfbeam

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestJSONTables checks that a JSON table (the US Census Bureau's API) is
// read as the library reads it, its format recognised from its first
// array or named, and whole whatever the block size: the sample file on
// one line, and the same table an array a line.
func TestJSONTables(t *testing.T) {
	const path = "../testdata/census/census_exports_total_2024Q1.json"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var table []json.RawMessage
	require.NoError(t, json.Unmarshal(data, &table))
	lines := make([]string, len(table))
	for i, a := range table {
		lines[i] = string(a)
	}
	lined := writeFile(t, t.TempDir(), "lined.json", []byte("[\n"+strings.Join(lines, ",\n")+"\n]\n"))
	for _, p := range []string{path, lined} {
		for _, schema := range []string{"", "US Census exports"} {
			for _, size := range []int64{-1, 97} {
				pipelineMatches[series.USD](t, p, ReadOptions{Schema: schema, BlockSize: size, Vintage: "2024-05"}, usdLine, tradeflow.WithVintage("2024-05"))
			}
		}
	}
}

// A source given for files that have none is an error for a file whose
// schema fixes another (the Census Bureau's): one dead letter, for line 1,
// as the library refuses it.
func TestOptionAgainstSchemaIsDeadLetter(t *testing.T) {
	const path = "../testdata/census/census_exports_total_2024Q1.json"
	_, err := tradeflow.ReadAnyFile(t.Context(), path, tradeflow.WithVintage("2024-05"), tradeflow.WithSource("my desk"))
	require.Error(t, err)
	p, s := beam.NewPipelineWithRoot()
	files := Read[series.USD](s, path, ReadOptions{Vintage: "2024-05", Source: "my desk"})
	passert.Count(s, files.Figures, "figures", 0)
	passert.Equals(s, beam.ParDo(s, deadPlace, files.Dead),
		"1 "+strings.TrimPrefix(err.Error(), "census_exports_total_2024Q1.json:1: "))
	require.NoError(t, ptest.Run(p))
}
