package series_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

func month(s string) series.Month { return series.MustParseMonth(s) }

func period(s string) series.Period {
	p, err := series.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// obs builds a series from period, value pairs; periods may be combined.
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

func TestTargetProgress(t *testing.T) {
	twelve := series.Target[series.MillionTonnes]{Amount: decimal.NewFromInt(12), Window: period("2025-09/2025-12")}
	tests := []struct {
		name       string
		target     series.Target[series.MillionTonnes]
		data       []string
		asOf       string
		counted    string // "" for none
		done       string
		share      string
		remaining  string
		monthsLeft int
		pace       string // "" when there is none
	}{
		{"nothing bought", twelve, []string{"2025-09", "0", "2025-10", "0", "2025-11", "0"},
			"2025-11", "2025-09/2025-11", "0", "0", "12", 1, "12"},
		{"before the window", twelve, []string{"2025-08", "1"},
			"2025-08", "", "0", "0", "12", 4, "3"},
		{"first month", twelve, []string{"2025-09", "2.5"},
			"2025-09", "2025-09", "2.5", "20.8333333333333", "9.5", 3, "3.1666666666667"},
		{"data after the as-of month are not counted", twelve, []string{"2025-09", "1", "2025-10", "5"},
			"2025-09", "2025-09", "1", "8.3333333333333", "11", 3, "3.6666666666667"},
		{"window over, target missed", twelve, []string{"2025-09", "1", "2025-10", "2", "2025-11", "3", "2025-12", "4"},
			"2026-03", "2025-09/2025-12", "10", "83.3333333333333", "2", 0, ""},
		{"target overshot", twelve, []string{"2025-09", "7", "2025-10", "7"},
			"2025-10", "2025-09/2025-10", "14", "116.6666666666667", "0", 2, "0"},
		{"combined observation inside the window", series.Target[series.MillionTonnes]{
			Amount: decimal.NewFromInt(30), Window: period("2025-01/2025-06")},
			[]string{"2025-01/2025-02", "10", "2025-03", "5"},
			"2025-03", "2025-01/2025-03", "15", "50", "15", 3, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.target.Progress(obs[series.MillionTonnes](t, tt.data...), month(tt.asOf))
			require.NoError(t, err)
			if tt.counted == "" {
				assert.False(t, p.Counted.Valid(), "counted %v", p.Counted)
			} else {
				assert.Equal(t, period(tt.counted), p.Counted)
			}
			assert.True(t, p.Done.Equal(dec(tt.done)), "done %v, want %s", p.Done, tt.done)
			assert.True(t, p.PercentDone().Equal(dec(tt.share)), "share %v, want %s", p.PercentDone(), tt.share)
			assert.True(t, p.Remaining().Equal(dec(tt.remaining)), "remaining %v, want %s", p.Remaining(), tt.remaining)
			assert.Equal(t, tt.monthsLeft, p.MonthsLeft)
			pace, ok := p.Pace()
			assert.Equal(t, tt.pace != "", ok)
			if ok {
				assert.True(t, pace.Equal(dec(tt.pace)), "pace %v, want %s", pace, tt.pace)
			}
			assert.Equal(t, tt.target, p.Target)
		})
	}
}

func TestTargetProgressIncomplete(t *testing.T) {
	twelve := series.Target[series.Tonnes]{Amount: decimal.NewFromInt(12_000_000), Window: period("2025-09/2025-12")}
	tests := []struct {
		name   string
		target series.Target[series.Tonnes]
		data   []string
		asOf   string
		reason series.Reason
		input  string
	}{
		{"a missing month is not zero", twelve, []string{"2025-09", "0", "2025-11", "0"},
			"2025-11", series.MonthMissing, "2025-10"},
		{"months after the data", twelve, []string{"2025-09", "0"},
			"2025-10", series.MonthMissing, "2025-10"},
		{"empty series", twelve, nil,
			"2025-09", series.MonthMissing, "2025-09"},
		{"combined observation across the window's start", series.Target[series.Tonnes]{
			Amount: decimal.NewFromInt(1), Window: period("2025-02/2025-12")},
			[]string{"2025-01/2025-02", "10", "2025-03", "5"},
			"2025-03", series.Combined, "2025-01/2025-02"},
		{"combined observation across the as-of month", twelve,
			[]string{"2025-09", "1", "2025-10/2025-11", "10"},
			"2025-10", series.Combined, "2025-10/2025-11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.target.Progress(obs[series.Tonnes](t, tt.data...), month(tt.asOf))
			require.ErrorIs(t, err, series.ErrIncomplete)
			var ie *series.IncompleteError
			require.ErrorAs(t, err, &ie)
			require.NotEmpty(t, ie.Gaps)
			assert.Equal(t, tt.reason, ie.Gaps[0].Reason)
			assert.Equal(t, period(tt.input), ie.Gaps[0].Cause)
			assert.Contains(t, err.Error(), "series: cannot sum "+ie.Period.String()+": ")
		})
	}
}

func TestTargetProgressPanics(t *testing.T) {
	s := obs[series.Tonnes](t, "2025-09", "1")
	w := period("2025-09/2025-12")
	assert.Panics(t, func() {
		series.Target[series.Tonnes]{Amount: decimal.Zero, Window: w}.Progress(s, month("2025-09"))
	}, "zero amount")
	assert.Panics(t, func() {
		series.Target[series.Tonnes]{Amount: decimal.NewFromInt(-1), Window: w}.Progress(s, month("2025-09"))
	}, "negative amount")
	assert.Panics(t, func() {
		series.Target[series.Tonnes]{Amount: decimal.NewFromInt(1)}.Progress(s, month("2025-09"))
	}, "zero window")
	assert.Panics(t, func() {
		series.Target[series.Tonnes]{Amount: decimal.NewFromInt(1), Window: w}.Progress(s, series.Month{})
	}, "zero as-of month")
}

func TestProgressString(t *testing.T) {
	twelve := series.Target[series.MillionTonnes]{Amount: decimal.NewFromInt(12), Window: period("2025-09/2025-12")}
	tests := []struct {
		data []string
		asOf string
		want string
	}{
		{[]string{"2025-09", "0", "2025-10", "0", "2025-11", "0"}, "2025-11",
			"0 of 12 Mt (0.0%) in 2025-09/2025-11; 12 Mt to go in 1 month, 12 Mt a month"},
		{nil, "2025-08", "0 of 12 Mt (0.0%) in no month yet; 12 Mt to go in 4 months, 3 Mt a month"},
		{[]string{"2025-09", "1", "2025-10", "2", "2025-11", "3", "2025-12", "4"}, "2025-12",
			"10 of 12 Mt (83.3%) in 2025-09/2025-12; 2 Mt to go, no month left"},
	}
	for _, tt := range tests {
		p, err := twelve.Progress(obs[series.MillionTonnes](t, tt.data...), month(tt.asOf))
		require.NoError(t, err)
		assert.Equal(t, tt.want, p.String())
	}
}
