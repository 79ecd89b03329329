package partner_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestAggregateBeyondMaxDigits: a group's total is a result, which
// series.MaxDigits does not bound: members just within it sum to a value
// beyond it, and Aggregate gives that value (it would panic if its Builder
// held results to the bound on values entering the library).
func TestAggregateBeyondMaxDigits(t *testing.T) {
	v := strings.Repeat("9", series.MaxDigits)
	g := partner.MustGroup("G", partner.Membership{Code: partner.MustParseCode("FR")}, partner.Membership{Code: partner.MustParseCode("DE")})
	data := map[partner.Code]series.Series[usd]{
		partner.MustParseCode("FR"): build(t, map[string]string{"2025-01": v}),
		partner.MustParseCode("DE"): build(t, map[string]string{"2025-01": v}),
	}
	var s series.Series[usd]
	var gaps partner.MemberGaps
	require.NotPanics(t, func() { s, gaps = partner.Aggregate(g, data) })
	assert.Empty(t, gaps)
	assert.Equal(t, map[string]string{"2025-01": "1" + strings.Repeat("9", series.MaxDigits-1) + "8"}, values(s))
}
