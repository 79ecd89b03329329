package tfbeam

import (
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestSummedPartsInBlocks checks that a file whose totals are the sums of
// their parts (Comext's statistical procedures) gives the library's
// totals in blocks too: two procedures of one product on lines 6 and 7 of
// the fixture fall in different blocks of 97 bytes, and a block sees only
// part of their total.
func TestSummedPartsInBlocks(t *testing.T) {
	const path = "../testdata/comext/full_v2_202402.dat"
	for _, schema := range []string{"", "Eurostat Comext"} {
		t.Run("schema "+schema, func(t *testing.T) {
			pipelineMatches[series.Kilograms](t, path, ReadOptions{Schema: schema, BlockSize: 97, Vintage: "2024-04"}, kgLine, tradeflow.WithVintage("2024-04"))
		})
	}
}
