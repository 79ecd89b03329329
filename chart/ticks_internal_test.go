package chart

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func labels(s scale) string {
	var out []string
	for _, t := range s.ticks {
		out = append(out, s.label(t))
	}
	return strings.Join(out, " ")
}

func TestNiceScale(t *testing.T) {
	tests := []struct {
		name     string
		lo, hi   float64
		maxTicks int
		want     string
	}{
		// The old example chart's ticks were 10, −10, −30: 0 unlabelled.
		{"U.S. rates and −10", -34.5, 15.6, 7, "−40 −30 −20 −10 0 10 20"},
		{"contributions", -4.3, 10.1, 10, "−6 −4 −2 0 2 4 6 8 10 12"},
		{"contributions, fewer ticks", -4.3, 10.1, 9, "−5 0 5 10 15"},
		{"shares", 0, 32.6, 8, "0 5 10 15 20 25 30 35"},
		{"a step of 0.2", 49, 50.5, 9, "49.0 49.2 49.4 49.6 49.8 50.0 50.2 50.4 50.6"},
		{"small", -0.013, 0.021, 6, "−0.02 −0.01 0.00 0.01 0.02 0.03"},
		{"levels away from 0", 3123.1, 3303.5, 6, "3,100 3,150 3,200 3,250 3,300 3,350"},
		{"one value", 5, 5, 6, "4.0 4.5 5.0 5.5 6.0"},
		{"one negative value", -5, -5, 6, "−6.0 −5.5 −5.0 −4.5 −4.0"},
		{"zero, as bars of zeros have", 0, 0, 6, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{"a value on a tick adds none beyond it", -10, 20, 4, "−10 0 10 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := niceScale(tt.lo, tt.hi, tt.maxTicks)
			assert.Equal(t, tt.want, labels(s))
		})
	}
}

// TestNiceScaleProperties checks, over many ranges, what a value axis
// promises: its ticks cover the range, there are no more than asked, they
// are multiples of a nice step (so 0 is a tick whenever the range spans
// it), and a larger step would not have done.
func TestNiceScaleProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		mag := math.Pow(10, float64(rng.IntN(12)-6))
		lo := (rng.Float64()*2 - 1) * mag
		hi := lo + rng.Float64()*mag*3
		maxTicks := 3 + rng.IntN(8)
		s := niceScale(lo, hi, maxTicks)
		require.GreaterOrEqual(t, len(s.ticks), 2)
		assert.LessOrEqual(t, len(s.ticks), maxTicks, "%v..%v", lo, hi)
		assert.LessOrEqual(t, s.lo(), lo, "%v..%v", lo, hi)
		assert.GreaterOrEqual(t, s.hi(), hi, "%v..%v", lo, hi)
		assert.Contains(t, []int64{1, 2, 5}, s.step.Coefficient().Int64(), "step %v", s.step)
		zero := false
		for i, tk := range s.ticks {
			q := tk.Div(s.step)
			assert.True(t, q.IsInteger(), "tick %v not a multiple of %v", tk, s.step)
			if i > 0 {
				assert.True(t, tk.Sub(s.ticks[i-1]).Equal(s.step))
			}
			zero = zero || tk.IsZero()
		}
		if lo < 0 && hi > 0 {
			assert.True(t, zero, "%v..%v spans 0, ticks %v", lo, hi, labels(s))
		}
	}
}

func TestMonthStep(t *testing.T) {
	tests := []struct {
		name     string
		n        int
		perMonth float64
		want     int
	}{
		{"a year, room for every month", 12, 40, 2}, // 12 labels are too many
		{"two years, wide", 23, 23, 3},
		{"two years, narrow", 23, 8, 6},
		{"ten years", 120, 4, 12},
		{"thirty years", 360, 1.2, 60},
		{"a few months", 4, 40, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, monthStep(tt.n, tt.perMonth, 16, 20, 10))
		})
	}
}

func tickLabels(ts []monthTick) string {
	var out []string
	for _, t := range ts {
		l := strings.ReplaceAll(t.label, "\n", "/")
		if l == "" {
			l = "."
		}
		if t.year {
			l = "|" + l
		}
		out = append(out, l)
	}
	return strings.Join(out, " ")
}

func TestMonthTicks(t *testing.T) {
	m := series.MustParseMonth
	tests := []struct {
		name  string
		first series.Month
		n     int
		step  int
		minor bool
		want  string
	}{
		{"quarters, the year under January", m("2024-01"), 23, 3, true,
			"|Jan/2024 . . Apr . . Jul . . Oct . . |Jan/2025 . . Apr . . Jul . . Oct ."},
		{"the first label has its year", m("2024-03"), 12, 3, false,
			"Apr/2024 Jul Oct |Jan/2025"},
		{"half years without minor ticks", m("2023-11"), 21, 6, false,
			"|Jan/2024 Jul |Jan/2025 Jul"},
		{"years", m("2019-06"), 79, 12, false,
			"|2020 |2021 |2022 |2023 |2024 |2025"},
		{"every second year, other Januaries unlabelled", m("2019-01"), 84, 24, false,
			"|. |2020 |. |2022 |. |2024 |."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tickLabels(monthTicks(tt.first, tt.n, tt.step, tt.minor)))
		})
	}
}
