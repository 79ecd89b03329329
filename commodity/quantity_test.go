package commodity_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

var dec = decimal.RequireFromString

func month(s string) series.Month { return series.MustParseMonth(s) }

func period(s string) series.Period {
	p, err := series.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// obs builds a series from "period=value" pairs; periods may be combined.
func obs[U series.Unit](t *testing.T, pairs ...string) series.Series[U] {
	t.Helper()
	var b series.Builder[U]
	for i := 0; i < len(pairs); i += 2 {
		p := period(pairs[i])
		if p.IsMonth() {
			require.NoError(t, b.SetString(p.Last, pairs[i+1]))
		} else {
			require.NoError(t, b.SetCombinedString(p, pairs[i+1]))
		}
	}
	s, err := b.Series()
	require.NoError(t, err)
	return s
}

func TestUnitValue(t *testing.T) {
	value := obs[series.USD](t, "2025-09", "1320000", "2025-10", "0", "2025-11", "500", "2025-12", "7")
	qty := obs[series.Tonnes](t, "2025-09", "110", "2025-10", "0", "2025-11", "3", "2026-01", "1")
	uv, gaps := commodity.UnitValue(value, qty)

	v, ok := uv.At(month("2025-09"))
	require.True(t, ok)
	assert.True(t, v.Equal(dec("12000")), "1,320,000 USD ÷ 110 t = %v USD/t", v)
	v, ok = uv.At(month("2025-11"))
	require.True(t, ok)
	assert.True(t, v.Equal(dec("166.6666666666667")), "500 ÷ 3 = %v, rounded to odd at 13 places", v)

	_, ok = uv.At(month("2025-10"))
	assert.False(t, ok, "a zero quantity has no unit value")
	g, ok := gaps.Find(month("2025-10"))
	require.True(t, ok, "and the gap is reported")
	assert.Equal(t, series.BaseZero, g.Reason)

	for _, m := range []string{"2025-12", "2026-01"} {
		g, ok := gaps.Find(month(m))
		require.True(t, ok, "%s is in one series only", m)
		assert.Equal(t, series.MonthMissing, g.Reason)
	}
	assert.Len(t, gaps, 3)
	assert.Equal(t, "USD/t", series.Per[series.USD, series.Tonnes]{}.Symbol())
}

// ratPct returns 100 × (a − b) ÷ b exactly.
func ratPct(a, b decimal.Decimal) *big.Rat {
	r := new(big.Rat).Quo(a.Sub(b).Rat(), b.Rat())
	return r.Mul(r, big.NewRat(100, 1))
}

func TestDecomposeExact(t *testing.T) {
	// Illustrative figures: value up 32%, quantity up 10%, unit value up 20%.
	value := obs[series.USD](t, "2024-11", "1000000", "2025-11", "1320000")
	qty := obs[series.Tonnes](t, "2024-11", "100", "2025-11", "110")
	d, gaps := commodity.SplitPriceVolume(value, qty, 12)
	require.Len(t, gaps, 1)
	assert.Equal(t, "2024-11: base 2023-11 is missing", gaps[0].String())
	nov := month("2025-11")
	for _, tt := range []struct {
		name string
		s    series.Series[series.Percent]
		want string
	}{
		{"value", d.ValueChange, "32"},
		{"price", d.PriceChange, "20"},
		{"volume", d.VolumeChange, "10"},
		{"interaction", d.Interaction, "2"}, // 20 × 10 ÷ 100
	} {
		v, ok := tt.s.At(nov)
		require.True(t, ok, tt.name)
		assert.True(t, v.Equal(dec(tt.want)), "%s = %v, want %s", tt.name, v, tt.want)
		assert.Equal(t, 1, tt.s.Len(), tt.name)
	}
}

// TestDecomposeAddsUp checks, for random values and quantities, that the
// parts add up to the value change exactly, that the value and volume
// changes are series.Change's, and that the price change and interaction
// are within rounding of their exact values.
func TestDecomposeAddsUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	start := month("2024-01")
	var vals, qtys []decimal.Decimal
	for range 48 {
		vals = append(vals, decimal.New(rng.Int64N(1e9)+1, -rng.Int32N(4)))
		qtys = append(qtys, decimal.New(rng.Int64N(1e7)+1, -rng.Int32N(3)))
	}
	value := series.FromDecimals[series.USDThousand](start, vals...)
	qty := series.FromDecimals[series.Kilograms](start, qtys...)
	for _, lag := range []int{1, 12} {
		d, gaps := commodity.SplitPriceVolume(value, qty, lag)
		require.Len(t, gaps, lag, "the first lag months have no base")
		for _, g := range gaps {
			assert.Equal(t, series.BaseMissing, g.Reason)
		}
		wantValue, _ := series.Change(value, lag)
		wantVolume, _ := series.Change(qty, lag)
		assert.True(t, d.ValueChange.Equal(wantValue), "value change is series.Change's")
		assert.True(t, d.VolumeChange.Equal(wantVolume), "volume change is series.Change's")
		require.Equal(t, 48-lag, d.PriceChange.Len())
		ulp := new(big.Rat).SetFrac64(1, 1e13)
		for i := lag; i < 48; i++ {
			m := start.AddMonths(i)
			v, _ := d.ValueChange.At(m)
			p, _ := d.PriceChange.At(m)
			q, _ := d.VolumeChange.At(m)
			x, ok := d.Interaction.At(m)
			require.True(t, ok)
			require.True(t, v.Equal(p.Add(q).Add(x)), "%v: %v ≠ %v + %v + %v", m, v, p, q, x)

			uv1 := new(big.Rat).Quo(vals[i].Rat(), qtys[i].Rat())
			uv0 := new(big.Rat).Quo(vals[i-lag].Rat(), qtys[i-lag].Rat())
			exactP := new(big.Rat).Quo(new(big.Rat).Sub(uv1, uv0), uv0)
			exactP.Mul(exactP, big.NewRat(100, 1))
			diff := new(big.Rat).Sub(p.Rat(), exactP)
			require.True(t, diff.Abs(diff).Cmp(ulp) < 0, "%v: price %v is not within 1e-13 of %v", m, p, exactP.FloatString(16))

			exactQ := ratPct(qtys[i], qtys[i-lag])
			exactX := new(big.Rat).Mul(exactP, exactQ)
			exactX.Quo(exactX, big.NewRat(100, 1))
			diff = new(big.Rat).Sub(x.Rat(), exactX)
			require.True(t, diff.Abs(diff).Cmp(new(big.Rat).Mul(ulp, big.NewRat(3, 1))) < 0,
				"%v: interaction %v is not within 3e-13 of price × volume ÷ 100 = %v", m, x, exactX.FloatString(16))
		}
	}
}

func TestDecomposeGaps(t *testing.T) {
	tests := []struct {
		name   string
		value  []string
		qty    []string
		at     string // the result period's last month
		reason series.Reason
		input  string
	}{
		{"base missing",
			[]string{"2025-11", "10"}, []string{"2025-11", "1"},
			"2025-11", series.BaseMissing, "2024-11"},
		{"base value zero",
			[]string{"2024-11", "0", "2025-11", "10"}, []string{"2024-11", "1", "2025-11", "1"},
			"2025-11", series.BaseZero, "2024-11"},
		{"base quantity zero",
			[]string{"2024-11", "5", "2025-11", "10"}, []string{"2024-11", "0", "2025-11", "1"},
			"2025-11", series.BaseZero, "2024-11"},
		{"current quantity zero: no unit value",
			[]string{"2024-11", "5", "2025-11", "0"}, []string{"2024-11", "1", "2025-11", "0"},
			"2025-11", series.BaseZero, "2025-11"},
		{"quantity missing",
			[]string{"2024-11", "5", "2025-11", "10"}, []string{"2024-11", "1"},
			"2025-11", series.MonthMissing, "2025-11"},
		{"value missing",
			[]string{"2024-11", "5"}, []string{"2024-11", "1", "2025-11", "1"},
			"2025-11", series.MonthMissing, "2025-11"},
		{"quantity combined where value is not",
			[]string{"2024-01", "1", "2024-02", "1", "2025-01", "2", "2025-02", "2"},
			[]string{"2024-01", "1", "2024-02", "1", "2025-01/2025-02", "4"},
			"2025-01", series.Combined, "2025-01/2025-02"},
		{"quantity base combined",
			[]string{"2024-01", "1", "2024-02", "1", "2025-01", "2", "2025-02", "2"},
			[]string{"2024-01/2024-02", "2", "2025-01", "2", "2025-02", "2"},
			"2025-01", series.Combined, "2024-01/2024-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, gaps := commodity.SplitPriceVolume(obs[series.USD](t, tt.value...), obs[series.Tonnes](t, tt.qty...), 12)
			m := month(tt.at)
			g, ok := gaps.Find(m)
			require.True(t, ok, "gaps: %v", gaps)
			assert.Equal(t, tt.reason, g.Reason, "gap %v", g)
			assert.Equal(t, period(tt.input), g.Cause, "gap %v", g)
			for _, s := range []series.Series[series.Percent]{d.ValueChange, d.PriceChange, d.VolumeChange, d.Interaction} {
				_, ok := s.At(m)
				assert.False(t, ok, "no value where there is a gap")
			}
		})
	}
}

func TestDecomposeCombined(t *testing.T) {
	// January–February released combined in both years: compared as one.
	value := obs[series.USD](t, "2024-01/2024-02", "200", "2025-01/2025-02", "330")
	qty := obs[series.Tonnes](t, "2024-01/2024-02", "20", "2025-01/2025-02", "30")
	d, gaps := commodity.SplitPriceVolume(value, qty, 12)
	require.Len(t, gaps, 1)
	assert.Equal(t, period("2024-01/2024-02"), gaps[0].Period, "the first year has no base")
	p, v, ok := d.PriceChange.Covering(month("2025-02"))
	require.True(t, ok)
	assert.Equal(t, period("2025-01/2025-02"), p)
	assert.True(t, v.Equal(dec("10")), "unit value 10 → 11 is +10%%, got %v", v)
	_, v, _ = d.VolumeChange.Covering(month("2025-01"))
	assert.True(t, v.Equal(dec("50")), "got %v", v)
	_, v, _ = d.Interaction.Covering(month("2025-01"))
	assert.True(t, v.Equal(dec("5")), "got %v", v)
}

func TestDecomposeEmptyAndPanics(t *testing.T) {
	d, gaps := commodity.SplitPriceVolume(series.Series[series.USD]{}, series.Series[series.Tonnes]{}, 12)
	assert.Empty(t, gaps)
	assert.True(t, d.ValueChange.IsEmpty() && d.PriceChange.IsEmpty() && d.VolumeChange.IsEmpty() && d.Interaction.IsEmpty())
	assert.Panics(t, func() {
		commodity.SplitPriceVolume(obs[series.USD](t, "2025-01", "1"), obs[series.Tonnes](t, "2025-01", "1"), 0)
	})
}
