package tfbeam

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

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
