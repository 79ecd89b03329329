package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestCompareMirrorYTDCombinedJanuary: the importer publishes January and
// February combined, the exporter each month. The importer has no total to
// January because its January is combined with February, not because it
// is missing: the year-to-date gap at January must say so, as the monthly
// gap does, rather than tell the reader that a figure the importer
// published is missing.
func TestCompareMirrorYTDCombinedJanuary(t *testing.T) {
	file := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"US,2025-01,X,CN,TOTAL,value,100,USD,2025-06-30,s,\n" +
		"US,2025-02,X,CN,TOTAL,value,200,USD,2025-06-30,s,\n" +
		"CN,2025-01/2025-02,M,US,TOTAL,value,330,USD,2025-06-30,s,\n"
	ds, err := tradeflow.Load(strings.NewReader(file), "mirror.csv")
	require.NoError(t, err)
	mf, err := tradeflow.CompareMirror[series.USD](ds, partner.MustParseCode("US"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	require.NoError(t, err)
	g, ok := mf.Monthly.Gaps.Find(mp("2025-01"))
	require.True(t, ok)
	assert.Equal(t, series.Combined, g.Reason, "monthly: %s", g)

	assert.Equal(t, "[2025-02: 30] USD", mf.YearToDate.Gap.String())
	g, ok = mf.YearToDate.Gaps.Find(mp("2025-01"))
	require.True(t, ok)
	assert.Equal(t, series.Combined, g.Reason, "year to date: %s", g)
}
