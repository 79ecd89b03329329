package tradeflow_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

// A Comtrade file carries several HS levels at once: a heading and its
// subheadings that a match both accepts would count the subheadings'
// trade twice, which AggregateCommodities refuses, naming both codes.
func TestAggregateCommoditiesNestedLevels(t *testing.T) {
	month := []string{"freqCode=M", "refPeriodId=20231101", "refMonth=11", "period=202311"}
	row := func(changes ...string) string { return apiRow(append(month, changes...)...) }
	ds, err := readComtrade(t, row("cmdCode=2846", "aggrLevel=4", "primaryValue=5200")+
		row("cmdCode=284610", "aggrLevel=6", "isLeaf=True", "primaryValue=1200")+
		row("cmdCode=284690", "aggrLevel=6", "isLeaf=True", "primaryValue=4000")+
		row("cmdCode=280530", "aggrLevel=6", "isLeaf=True", "primaryValue=294")+row("primaryValue=99999"))
	require.NoError(t, err)
	k := tradeflow.MustParseKey("CN M US TOTAL value")
	rareEarths := func(c tradeflow.Commodity) bool {
		hs, ok := c.Code()
		return ok && commodity.RareEarths().Contains(hs)
	}
	_, _, err = tradeflow.AggregateCommodities[series.USD](ds, k, rareEarths)
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.EqualError(t, err, "tradeflow: c.csv: CHN M USA TOTAL value: 2846 contains 2846.10, and both match: their sum would count 2846.10 twice; match one level: duplicate observation")

	subheadings := func(c tradeflow.Commodity) bool {
		hs, ok := c.Code()
		return rareEarths(c) && ok && hs.Len() == 6
	}
	s, gaps, err := tradeflow.AggregateCommodities[series.USD](ds, k, subheadings)
	require.NoError(t, err)
	assert.Empty(t, gaps)
	assert.Equal(t, "[2023-11: 5494] USD", s.String())

	all := func(c tradeflow.Commodity) bool { return c.IsTotal() || subheadings(c) }
	_, _, err = tradeflow.AggregateCommodities[series.USD](ds, k, all)
	require.ErrorIs(t, err, tradeflow.ErrDuplicate, "all goods contain every code")
}
