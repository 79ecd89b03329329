package panel

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func TestSeriesTally(t *testing.T) {
	// 2023-01 … 2024-03 with 2023-02 missing and a zero base in 2023-03:
	// yoy is defined for 2024-01 only (+10.05% rounds to 10.1).
	s := series.MustFromStrings[series.USD](series.MustParseMonth("2023-01"),
		"100.00", "", "0", "", "", "", "", "", "", "", "", "", "110.05", "7.00", "1.00")
	file := series.Period{First: series.MustParseMonth("2023-01"), Last: series.MustParseMonth("2024-03")}
	got, err := SeriesTally(s, file)
	require.NoError(t, err)
	assert.Equal(t, 1, got.YoYCount)
	assert.Equal(t, "10.1", got.YoYSum.String())
	// ytd: 2023: 100, 100 (March, with February missing); 2024: 110.05, 117.05, 118.05.
	assert.Equal(t, "545.15", got.YTDSum.String())
}

// TestPanelTally: a panel's tally is the sum of its series' tallies, for
// the series of TestSeriesTally, an empty one and random ones.
func TestPanelTally(t *testing.T) {
	file := series.Period{First: series.MustParseMonth("2023-01"), Last: series.MustParseMonth("2025-12")}
	ss := []series.Series[series.USD]{
		series.MustFromStrings[series.USD](file.First,
			"100.00", "", "0", "", "", "", "", "", "", "", "", "", "110.05", "7.00", "1.00"),
		{},
	}
	rng := rand.New(rand.NewPCG(36, 12))
	for range 50 {
		var b series.Builder[series.USD]
		for m := range 36 {
			if rng.IntN(20) != 0 {
				b.SetInt(file.First.AddMonths(m), rng.Int64N(1_000_000)-1000, -2)
			}
		}
		s, err := b.Series()
		require.NoError(t, err)
		ss = append(ss, s)
	}
	var want Adder
	for _, s := range ss {
		st, err := SeriesTally(s, file)
		require.NoError(t, err)
		want.Add(st)
	}
	got, err := PanelTally(series.NewPanel(ss...), file)
	require.NoError(t, err)
	w := want.Tally()
	assert.Equal(t, w.YoYCount, got.YoYCount)
	assert.True(t, w.YoYSum.Equal(got.YoYSum), "yoy %v, want %v", got.YoYSum, w.YoYSum)
	assert.True(t, w.YTDSum.Equal(got.YTDSum), "ytd %v, want %v", got.YTDSum, w.YTDSum)
	assert.Positive(t, got.YoYCount)
}

func TestStreak(t *testing.T) {
	// Two years: the second year falls 20% in its last three months, and
	// exactly 10% (not below) the month before.
	vals := []string{"10", "10", "10", "10", "10", "10", "10", "10", "10", "10", "10", "10",
		"10", "10", "10", "10", "10", "10", "10", "10", "9", "8", "8", "8"}
	v := series.MustFromStrings[series.USD](series.MustParseMonth("2023-01"), vals...)
	assert.Equal(t, 3, Streak(v, series.MustParseMonth("2024-12")))
	assert.Equal(t, 0, Streak(v, series.MustParseMonth("2024-09")))
}

func TestTop3(t *testing.T) {
	d := partner.Decomposition{
		Total: partner.Contribution{Name: "total", BaseValue: decimal.NewFromInt(1000)},
		Parts: []partner.Contribution{
			{Name: "AA", Diff: decimal.NewFromInt(5)},
			{Name: "AB", Diff: decimal.NewFromInt(-20)},
			{Name: "AC", Diff: decimal.NewFromInt(5)},
			{Name: "AD", Diff: decimal.RequireFromString("0.0123")},
			{Name: "RoW", Residual: true, Diff: decimal.NewFromInt(100)},
		},
	}
	// The residual is left out; a tie goes to the larger name.
	assert.Equal(t, "top_x_last=AC:+0.500;AA:+0.500;AD:+0.001\n", topLine(Top3(d)))

	// A negative base reverses the order of the differences.
	d.Total.BaseValue = decimal.NewFromInt(-1000)
	assert.Equal(t, "top_x_last=AB:+2.000;AD:-0.001;AC:-0.500\n", topLine(Top3(d)))
}

func TestMaxDiff(t *testing.T) {
	d := partner.Decomposition{
		Total: partner.Contribution{Points: decimal.RequireFromString("1.5")},
		Parts: []partner.Contribution{
			{Points: decimal.RequireFromString("1")},
			{Points: decimal.RequireFromString("0.25")},
			{Residual: true, Points: decimal.RequireFromString("0.25")},
		},
	}
	assert.Equal(t, "0.25", MaxDiff(d).String())
}

func TestReportString(t *testing.T) {
	r := Report{
		Rows: 10, Series: 2, YoYCount: 3,
		YoYSum: decimal.RequireFromString("-1.25"), YTDSum: decimal.NewFromInt(7),
		Top:       []TopPart{{"EY", decimal.RequireFromString("26.775")}, {"EJ", decimal.RequireFromString("-4.8")}},
		StreakSum: 5, StreakMax: 4,
	}
	assert.Equal(t, "rows=10\nseries=2\nyoy_count=3\nyoy_sum=-1.3\nytd_sum=7.00\ncontrib_maxdiff=0.000000\n"+
		"top_x_last=EY:+26.775;EJ:-4.800\nstreak_sum=5\nstreak_max=4\n", r.String())
}

// topLine prints a report's top_x_last line, so that decimals are compared
// as printed (two equal decimals need not be equal structs).
func topLine(top []TopPart) string {
	for _, line := range strings.SplitAfter(Report{Top: top}.String(), "\n") {
		if strings.HasPrefix(line, "top_x_last=") {
			return line
		}
	}
	return ""
}

// TestAdder checks an Adder against Tally.Add on figures of mixed
// exponents, sizes beyond 64 bits, zeros and sums that overflow an int64.
func TestAdder(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	figure := func() decimal.Decimal {
		switch rng.IntN(8) {
		case 0:
			return decimal.Zero
		case 1:
			return decimal.New(math.MaxInt64-rng.Int64N(10), -2) // sums overflow
		case 2:
			return decimal.RequireFromString("123456789012345678901234567890.12")
		case 3:
			return decimal.New(rng.Int64N(1000)-500, -int32(rng.IntN(4)))
		}
		return decimal.New(rng.Int64N(1e12)-5e11, -2)
	}
	for range 200 {
		var a Adder
		var want Tally
		for range rng.IntN(50) {
			tl := Tally{rng.IntN(3), figure(), figure()}
			a.Add(tl)
			want = want.Add(tl)
		}
		got := a.Tally()
		assert.Equal(t, want.YoYCount, got.YoYCount)
		assert.True(t, want.YoYSum.Equal(got.YoYSum), "yoy %v, want %v", got.YoYSum, want.YoYSum)
		assert.True(t, want.YTDSum.Equal(got.YTDSum), "ytd %v, want %v", got.YTDSum, want.YTDSum)
	}
}
