package tradeflow_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
)

// A Comtrade file with a qty column and no qtyUnitCode column gives no
// unit for its quantities: each is left out and counted, not an error on
// every row about a column the file does not have.
func TestComtradeQtyWithoutUnitColumn(t *testing.T) {
	cols := strings.Split(strings.TrimSuffix(apiHead, "\n"), ",")
	drop := slices.Index(cols, "qtyUnitCode")
	without := func(line string) string {
		f := strings.Split(strings.TrimSuffix(line, "\n"), ",")
		return strings.Join(slices.Delete(f, drop, drop+1), ",") + "\n"
	}
	file := without(apiHead) + without(apiRow("qty=5", "netWgt=7")) + without(apiRow("partnerCode=0", "qty=0")) + without(apiRow("partnerCode=276"))
	read := func(file string) (*tradeflow.Dataset, error) {
		return tradeflow.Read(t.Context(), strings.NewReader(file), "c.csv", tradeflow.Comtrade(), tradeflow.WithVintage("2025-06-30"))
	}
	ds, err := read(file)
	require.NoError(t, err)
	assert.Equal(t, 4, ds.Len(), "three values and one net weight")
	sum := ds.Summary()
	assert.Contains(t, sum.LeftOut, tradeflow.SkipCount{Reason: "qty: no quantity unit column (qtyUnitCode), so no supplementary_quantity", Rows: 2, First: 2})
	_, err = read(without(apiHead) + without(apiRow("qty=x")))
	assert.ErrorIs(t, err, tradeflow.ErrValue, "a quantity left out is still read")
}
