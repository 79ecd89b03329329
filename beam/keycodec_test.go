package tfbeam

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
)

// TestKeyEncodingKeepsBreakdown: a Key's Breakdown must survive the coder;
// two keys that differ only in their Breakdown must not encode alike (a
// GroupByKey would merge them).
func TestKeyEncodingKeepsBreakdown(t *testing.T) {
	bd, err := tradeflow.ParseBreakdown("mot=2100")
	require.NoError(t, err)
	total := tradeflow.Key{Reporter: partner.MustParseCode("US"), Partner: partner.World(), Flow: tradeflow.Imports, Measure: tradeflow.Value}
	part := total
	part.Breakdown = bd
	bt, err := encodeKey(total)
	require.NoError(t, err)
	bp, err := encodeKey(part)
	require.NoError(t, err)
	require.NotEqual(t, bt, bp, "%v and %v encode alike", total, part)
	got, err := decodeKey(bp)
	require.NoError(t, err)
	require.Equal(t, part, got)
}
