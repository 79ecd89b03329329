package series_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// The window sum is a difference of prefix sums; both prefix sums fit an
// int64 here, but their difference does not.
func TestReviewRollingPrefixDifferenceOverflow(t *testing.T) {
	s := series.MustFromStrings[series.USD](series.MustParseMonth("2025-01"),
		"699000", "-723000", "-223667.8313228609765")
	r, gaps := series.Rolling(s, 2)
	got, ok := r.At(series.MustParseMonth("2025-03"))
	want := decimal.RequireFromString("-946667.8313228609765")
	if !ok || !got.Equal(want) {
		t.Fatalf("Rolling(s, 2) at 2025-03 = %v, %v (gaps %v); want %v", got, ok, gaps, want)
	}
}
