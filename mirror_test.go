package tradeflow_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func mirrorData(t testing.TB) *tradeflow.Dataset {
	// China's imports from the United States (CIF) and the United States'
	// exports to China (FOB), in millions of dollars; invented figures.
	rows := []string{
		"CN,2025-01,M,US,TOTAL,value,13000,USD_M", "US,2025-01,X,CN,TOTAL,value,12000,USD_M",
		"CN,2025-02,M,US,TOTAL,value,11000,USD_M", "US,2025-02,X,CN,TOTAL,value,10000,USD_M",
		"CN,2025-03,M,US,TOTAL,value,12500,USD_M", // no U.S. figure for March
		"CN,2025-04,M,US,TOTAL,value,10600,USD_M", "US,2025-04,X,CN,TOTAL,value,0,USD_M",
	}
	file := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
	for _, r := range rows {
		file += r + ",2025-06-30,test,\n"
	}
	ds, err := tradeflow.Load(strings.NewReader(file), "mirror.csv")
	require.NoError(t, err)
	return ds
}

func TestCompareMirror(t *testing.T) {
	ds := mirrorData(t)
	mf, err := tradeflow.CompareMirror[series.USDMillion](ds, partner.MustParseCode("US"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	require.NoError(t, err)
	m := mf.Monthly
	assert.Equal(t, "[2025-01: 1000, 2025-02: 1000, 2025-04: 10600] USD mn", m.Gap.String())
	r1, _ := m.Ratio.At(mp("2025-01"))
	assert.Equal(t, "108.33", r1.Round(2).String())
	_, ok := m.Ratio.At(mp("2025-04"))
	assert.False(t, ok, "no ratio over zero exports")
	assert.Equal(t, "2025-03: 2025-03 is missing\n2025-04: base 2025-04 is zero", m.Gaps.String())

	y := mf.YearToDate
	assert.Equal(t, "[2025-01: 1000, 2025-02: 2000] USD mn", y.Gap.String())
	r2, _ := y.Ratio.At(mp("2025-02"))
	assert.Equal(t, "109.09", r2.Round(2).String())
	g, ok := y.Gaps.Find(mp("2025-04"))
	require.True(t, ok, "a year to date that lacks March has no total")
	assert.Equal(t, series.MonthMissing, g.Reason)

	_, err = tradeflow.CompareMirror[series.USD](ds, partner.MustParseCode("JP"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	assert.ErrorIs(t, err, tradeflow.ErrNoSeries)
	_, err = tradeflow.CompareMirror[series.CNY](ds, partner.MustParseCode("US"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	var ue *tradeflow.UnitError
	assert.ErrorAs(t, err, &ue)
}

// Annual files: the year's figures, as printed, compared.
func TestCompareMirrorAnnual(t *testing.T) {
	ds, err := readComtrade(t, apiRow("primaryValue=164158462711.0")+
		apiRow("reporterCode=842", "partnerCode=156", "flowCode=X", "primaryValue=147810000000.0"))
	require.NoError(t, err)
	mf, err := tradeflow.CompareMirror[series.USDBillion](ds, partner.MustParseCode("US"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	require.NoError(t, err)
	assert.Zero(t, mf.Monthly.Gap.Len())
	assert.Equal(t, "[2023-12: 16.348462711] USD bn", mf.YearToDate.Gap.String())
	r, _ := mf.YearToDate.Ratio.At(mp("2023-12"))
	assert.Equal(t, "111.06", r.Round(2).String())
}

func ExampleCompareMirror() {
	file := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"CN,2025-01,M,US,TOTAL,value,13000,USD_M,2025-06-30,invented,\n" +
		"US,2025-01,X,CN,TOTAL,value,12000,USD_M,2025-06-30,invented,\n" +
		"CN,2025-02,M,US,TOTAL,value,11000,USD_M,2025-06-30,invented,\n"
	ds, _ := tradeflow.Load(strings.NewReader(file), "mirror.csv")
	mf, _ := tradeflow.CompareMirror[series.USDMillion](ds, partner.MustParseCode("US"), partner.MustParseCode("CN"), tradeflow.Commodity{})
	jan := series.MustParseMonth("2025-01")
	gap, _ := mf.Monthly.Gap.At(jan)
	ratio, _ := mf.Monthly.Ratio.At(jan)
	fmt.Println("January gap:", gap, "USD mn; CIF/FOB ratio:", ratio.Round(1), "%")
	fmt.Println(mf.Monthly.Gaps)
	// Output:
	// January gap: 1000 USD mn; CIF/FOB ratio: 108.3 %
	// 2025-02: 2025-02 is missing
}

// Two different figures for one month are an error, not a missing side.
func TestCompareMirrorConflict(t *testing.T) {
	file := "period,partner,flow,hs,value\n2025-10,US,X,TOTAL,10\n2025-11,US,X,TOTAL,10\n2025-11,US,X,TOTAL,11\n"
	ds, err := read(t, file, detail(), tradeflow.CollectErrors())
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	mf, err := tradeflow.CompareMirror[series.USD](ds, partner.MustParseCode("CN"), partner.MustParseCode("US"), tradeflow.Commodity{})
	require.ErrorIs(t, err, tradeflow.ErrDuplicate)
	assert.Empty(t, mf.Monthly.Gaps)
}
