package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/partner"
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

// An annual file (BACI's) has no monthly figures: its aggregates add up
// years with OfCumulative, and without it say so rather than sum nothing.
func TestAggregateAnnualFigures(t *testing.T) {
	// China's exports of 8542.31 to Germany, France and the United States,
	// and of 8504.40 to the United States, in thousands of dollars.
	file := "t,i,j,k,v,q\n" +
		"2023,156,276,854231,1000.5,\n" +
		"2023,156,251,854231,250.25,\n" +
		"2023,156,842,854231,4000,\n" +
		"2023,156,842,850440,7.125,\n"
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports))
	require.NoError(t, err)
	dec := series.MustParseMonth("2023-12")

	key := tradeflow.MustParseKey("CHN X WLD 8542.31 value")
	defr, err := partner.NewGroup("DE+FR", partner.Membership{Code: partner.MustParseCode("DE")}, partner.Membership{Code: partner.MustParseCode("FR")})
	require.NoError(t, err)
	_, _, err = tradeflow.AggregatePartners[series.USD](ds, key, defr)
	require.ErrorIs(t, err, tradeflow.ErrNoSeries)
	assert.ErrorContains(t, err, "pass tradeflow.OfCumulative()")
	sum, gaps, err := tradeflow.AggregatePartners[series.USD](ds, key, defr, tradeflow.OfCumulative())
	require.NoError(t, err)
	assert.Nil(t, gaps)
	v, ok := sum.At(dec)
	require.True(t, ok, "the year's figure sits at December: %v", sum)
	assert.Equal(t, "1250750", v.String(), "Germany and France, not the United States, in dollars")
	assert.Equal(t, 1, sum.Len())
	// The EU's other members have no row: missing, never zero (BACI lists
	// the trade that took place; a caller who takes that for zero says so,
	// with partner.Aggregate over zero-filled series).
	eu, gaps, err := tradeflow.AggregatePartners[series.USD](ds, key, partner.EU(), tradeflow.OfCumulative())
	require.NoError(t, err)
	assert.True(t, eu.IsEmpty())
	assert.Len(t, gaps, len(partner.EU().Members(dec))-2)

	usa := tradeflow.MustParseKey("CHN X USA TOTAL value")
	ch85 := func(c tradeflow.Commodity) bool {
		code, ok := c.Code()
		return ok && code.Len() == 6 && strings.HasPrefix(code.Digits(), "85")
	}
	_, _, err = tradeflow.AggregateCommodities[series.USD](ds, usa, ch85)
	require.ErrorIs(t, err, tradeflow.ErrNoSeries)
	sum, _, err = tradeflow.AggregateCommodities[series.USD](ds, usa, ch85, tradeflow.OfCumulative())
	require.NoError(t, err)
	v, ok = sum.At(dec)
	require.True(t, ok)
	assert.Equal(t, "4007125", v.String())
}

// All goods and a product group (or another classification's code) are
// goods twice over: matching both is refused, as all goods and an HS code
// are.
func TestAggregateCommoditiesTotalAndGroup(t *testing.T) {
	in := header + "2025-11,X,US,TOTAL,value,100,USD_M,2025-12-08,test,\n" +
		"2025-11,X,US,SOYBEANS,value,10,USD_M,2025-12-08,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "g.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	k := tradeflow.MustParseKey("CN X US TOTAL value")
	all := func(tradeflow.Commodity) bool { return true }
	_, _, err = tradeflow.AggregateCommodities[series.USDMillion](ds, k, all)
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.EqualError(t, err, "tradeflow: g.csv: CHN X USA TOTAL value: TOTAL contains SOYBEANS, and both match: their sum would count SOYBEANS twice; match one level: duplicate observation")
	groups := func(c tradeflow.Commodity) bool { _, ok := c.Group(); return ok }
	s, _, err := tradeflow.AggregateCommodities[series.USDMillion](ds, k, groups)
	require.NoError(t, err)
	assert.Equal(t, "[2025-11: 10] USD mn", s.String())
}
