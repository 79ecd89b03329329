package tradeflow_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

func TestParseUnitCodeCurrencies(t *testing.T) {
	for _, tt := range []struct {
		code, dim string
		exp       int
	}{
		{"EUR", "EUR", 0}, {"EUR_M", "EUR", 6}, {"GBP_BN", "GBP", 9}, {"JPY_100M", "JPY", 8},
		{"CHF_1000", "CHF", 3}, {"KRW_TN", "KRW", 12}, {"XOF", "XOF", 0}, {"XCG", "XCG", 0},
		{"ZWG_M", "ZWG", 6}, {"USD_100M", "USD", 8},
	} {
		u, err := tradeflow.ParseUnitCode(tt.code)
		require.NoError(t, err, tt.code)
		assert.Equal(t, tt.code, u.String())
		assert.Equal(t, tt.dim, u.Dimension(), tt.code)
		assert.Equal(t, tt.exp, u.Exponent(), tt.code)
		assert.Equal(t, tt.dim, u.Base().String(), tt.code)
	}
	for _, bad := range []string{
		"EURO",  // not a code
		"eur",   // codes are capitals
		"EUR_K", // not a scale
		"ANG",   // withdrawn in 2025 (replaced by XCG)
		"HRK",   // withdrawn in 2023
		"USN",   // a fund, not a currency
		"XTS",   // reserved for testing
		"XXX",   // "no currency"
	} {
		_, err := tradeflow.ParseUnitCode(bad)
		assert.ErrorIs(t, err, tradeflow.ErrUnitCode, bad)
	}
}

func TestParseUnitCodePhysical(t *testing.T) {
	for _, tt := range []struct {
		code, dim, base string
		exp             int
	}{
		{"G", "mass", "KG", -3}, {"THOUSAND_KG", "mass", "KG", 3}, {"HEAD", "count", "HEAD", 0},
		{"THOUSAND_ITEMS", "count", "ITEMS", 3}, {"M3", "volume", "L", 3}, {"THOUSAND_M3", "volume", "L", 6},
		{"KM", "length", "M", 3}, {"THOUSAND_KWH", "electrical energy", "KWH", 3}, {"PAIRS", "pairs", "PAIRS", 0},
		{"KG_N", "kg of nitrogen", "KG_N", 0},
	} {
		u, err := tradeflow.ParseUnitCode(tt.code)
		require.NoError(t, err, tt.code)
		assert.Equal(t, tt.dim, u.Dimension(), tt.code)
		assert.Equal(t, tt.exp, u.Exponent(), tt.code)
		assert.Equal(t, tt.base, u.Base().String(), tt.code)
	}
}

// euro and pound are currencies a program declares for series.Money.
type euro struct{}

func (euro) ISO4217() string { return "EUR" }

type pound struct{}

func (pound) ISO4217() string { return "GBP" }

func TestGetInAnyCurrency(t *testing.T) {
	file := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"DE,2025-10,X,US,TOTAL,value,13512.5,EUR_M,2025-12-08,test,\n" +
		"DE,2025-11,X,US,TOTAL,value,13.9,EUR_BN,2025-12-08,test,\n" +
		"GB,2025-11,X,US,TOTAL,value,5.1,GBP_BN,2025-12-08,test,\n"
	ds, err := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", tradeflow.CSV())
	require.NoError(t, err)
	de := tradeflow.MustParseKey("DEU X USA TOTAL value")
	s, err := tradeflow.Get[series.Money[euro, series.Million]](ds, de)
	require.NoError(t, err)
	assert.Equal(t, "[2025-10: 13512.5, 2025-11: 13900] EUR mn", s.String())
	_, err = tradeflow.Get[series.Money[pound, series.Million]](ds, de)
	var ue *tradeflow.UnitError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "EUR", ue.Have)
	assert.Equal(t, "GBP mn", ue.Want)
}
