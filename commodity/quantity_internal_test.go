package commodity

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestQuoToOdd(t *testing.T) {
	d := decimal.RequireFromString
	tests := []struct {
		n, d, want string
	}{
		{"1", "4", "0.25"},
		{"1", "3", "0.3333333333333"},   // truncated, last digit already odd
		{"2", "3", "0.6666666666667"},   // truncated 6 is even: made odd
		{"-2", "3", "-0.6666666666667"}, // away from zero, to odd
		{"2", "-3", "-0.6666666666667"},
		{"-2", "-3", "0.6666666666667"},
		{"0", "7", "0"},
		{"1", "8e13", "0.0000000000001"}, // 1.25e-14: truncated to 0, made odd
		{"1", "1e14", "0.0000000000001"},
		{"1e20", "3e-5", "3333333333333333333333333.3333333333333"},
		{"0.000001", "0.000003", "0.3333333333333"},
		{"12", "1", "12"},
		{"1e60", "1e-10", "1e70"},              // 10^83 is beyond the table of powers
		{"1e-60", "1e10", "0.0000000000001"},   // 1e-70: nonzero, so odd
		{"-1e-60", "1e60", "-0.0000000000001"}, // the divisor is scaled by 10^107
		{"123456789e-70", "3e-70", "41152263"},
	}
	for _, tt := range tests {
		got := quoToOdd(d(tt.n), d(tt.d))
		assert.True(t, got.Equal(d(tt.want)), "%s ÷ %s = %v, want %s", tt.n, tt.d, got, tt.want)
		assert.Equal(t, -int32(series.DivisionPlaces), got.Exponent())
	}
}

// TestPercentQuoMatchesSeries checks that this package's quotients are the
// series package's, digit for digit: a percent change computed here equals
// series.Change on the same two values.
func TestPercentQuoMatchesSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	jan := series.MustParseMonth("2025-01")
	for range 5000 {
		a := decimal.New(rng.Int64N(2e12)-1e12, -rng.Int32N(8))
		b := decimal.New(rng.Int64N(2e12)-1e12, -rng.Int32N(8))
		if a.IsZero() {
			continue
		}
		s, err := series.FromDecimals[series.Tonnes](jan, a, b)
		require.NoError(t, err)
		ch, gaps := series.Change(s, 1)
		assert.Len(t, gaps, 1, "only the first month lacks a base")
		want, ok := ch.At(jan.AddMonths(1))
		assert.True(t, ok)
		got := percentQuo(b.Sub(a), a)
		if !got.Equal(want) {
			t.Fatalf("100 × (%v − %v) ÷ %v = %v here, %v in series", b, a, a, got, want)
		}
	}
}
