package partner

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const header = "alpha2,alpha3,numeric,comtrade,name,note\n"

func TestLoadTableErrors(t *testing.T) {
	tests := []struct {
		name, data, msg string
	}{
		{"no header", "US,USA,840,842,United States,\n", "header"},
		{"empty", "", "header"},
		{"short row", header + "US,USA,840,842,United States\n", "wrong number of fields"},
		{"bad numeric", header + "US,USA,8x0,842,United States,\n", `numeric "8x0"`},
		{"bad comtrade", header + "US,USA,840,8x2,United States,\n", `comtrade "8x2"`},
		{"bad alpha3", header + "US,US,840,842,United States,\n", "malformed row"},
		{"bad alpha2", header + "USA,USA,840,842,United States,\n", "malformed row"},
		{"no name", header + "US,USA,840,842,,\n", "malformed row"},
		{"duplicate alpha", header + "US,USA,840,842,United States,\nUS,USB,841,843,Other,\n", `duplicate code "US"`},
		{"duplicate numeric", header + "US,USA,840,842,United States,\nUB,USB,840,843,Other,\n", "duplicate numeric code 840"},
		{"duplicate comtrade", header + "US,USA,840,842,United States,\nUB,USB,841,842,Other,\n", "duplicate Comtrade code 842"},
	}
	const aggHeader = "code,comtrade,name,note\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadTable([]byte(tt.data), []byte(aggHeader))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	assert.Panics(t, func() { mustLoadTable([]byte(""), []byte(aggHeader)) })

	tab, err := loadTable([]byte("# a comment\n"+header+"ZZ,ZZZ,1,,Zed,\nAA,AAA,,2,Ay,\n"), []byte(aggHeader+"ZB,,Zeta bloc,\nBLOC,97,A bloc,\n"))
	require.NoError(t, err)
	require.Len(t, tab.rows, 4)
	assert.Equal(t, "AAA", tab.rows[0].alpha3, "rows are sorted by alpha-3")
	assert.False(t, tab.rows[1].hasComtrade)
	assert.Equal(t, 2, tab.countries)
	assert.Equal(t, []string{"BLOC", "ZB"}, []string{tab.rows[2].code, tab.rows[3].code}, "aggregates follow, by code")
	assert.Equal(t, uint16(3), tab.byComtrade[97])

	for _, agg := range []string{"zb,,lower case,\n", "Z,,too short,\n", "ZB,,,\n", "ZB,x,Bad number,\n"} {
		_, err := loadTable([]byte(header), []byte(aggHeader+agg))
		assert.Error(t, err, agg)
	}
	_, err = loadTable([]byte(header+"ZZ,ZZZ,1,,Zed,\n"), []byte(aggHeader+"ZZ,,Clash,\n"))
	assert.ErrorContains(t, err, `duplicate code "ZZ"`)
}

func TestLoadGroupsErrors(t *testing.T) {
	const h = "group,code,joined,left\n"
	tests := []struct {
		name, data, msg string
	}{
		{"no header", "EU,FR,1958-01-01,\n", "header"},
		{"bad code", h + "EU,QQ,1958-01-01,\n", `unknown code "QQ"`},
		{"bad joined", h + "EU,FR,1958-13-01,\n", "month out of range"},
		{"bad left", h + "EU,FR,1958-01-01,2020-02-30\n", "day out of range"},
		{"overlap", h + "EU,FR,1958-01-01,\nEU,FR,1960-01-01,\n", "overlaps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadGroups([]byte(tt.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	assert.Panics(t, func() { mustLoadGroups([]byte(h + "X,FR,1958-01-01,\n")) }, "EU and ASEAN are required")
}

func TestQuotientsRefusesAnImpossibleTarget(t *testing.T) {
	// 1/3 + 1/3 cannot be apportioned to 100: a bug in the caller.
	nums := []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(1)}
	assert.Panics(t, func() { quotients(nums, decimal.NewFromInt(3), hundred()) })
	assert.NotPanics(t, func() {
		target := new(big.Int).Mul(big.NewInt(200), pow13)
		target.Quo(target, big.NewInt(3)) // 66.666…, floored
		quotients(nums, decimal.NewFromInt(3), target)
	})
}

func TestPercentToOddMatchesNegativeDenominators(t *testing.T) {
	// 100 × 1 ÷ −3 = −33.333…: truncated to −33.3333333333333, already odd.
	q := percentToOdd(decimal.NewFromInt(1), decimal.NewFromInt(-3))
	assert.Equal(t, "-333333333333333", q.String())
	// 100 × 1 ÷ −6 = −16.666…: truncated −16.6666666666666 is even, so
	// it steps away from zero.
	q = percentToOdd(decimal.NewFromInt(1), decimal.NewFromInt(-6))
	assert.Equal(t, "-166666666666667", q.String())
	// Exact quotients stay as they are, even ones included.
	q = percentToOdd(decimal.NewFromInt(1), decimal.NewFromInt(8))
	assert.Equal(t, "125000000000000", q.String())
}
