package series_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// The window sum is a difference of prefix sums; both prefix sums fit an
// int64 here, but their difference does not.
func TestRollingPrefixDifferenceOverflow(t *testing.T) {
	s := series.MustFromStrings[series.USD](series.MustParseMonth("2025-01"),
		"699000", "-723000", "-223667.8313228609765")
	r, gaps := series.Rolling(s, 2)
	got, ok := r.At(series.MustParseMonth("2025-03"))
	want := decimal.RequireFromString("-946667.8313228609765")
	if !ok || !got.Equal(want) {
		t.Fatalf("Rolling(s, 2) at 2025-03 = %v, %v (gaps %v); want %v", got, ok, gaps, want)
	}
}

// Scan takes an integer YYYYMM; months of years before 1000 have fewer than
// six digits as integers (0999-12 is 99912), and are months all the same.
func TestMonthScanIntegerBeforeYear1000(t *testing.T) {
	for _, c := range []struct {
		in   int64
		want string
	}{{101, "0001-01"}, {99912, "0999-12"}, {202511, "2025-11"}, {999912, "9999-12"}} {
		var m series.Month
		if err := m.Scan(c.in); err != nil || m.String() != c.want {
			t.Errorf("Scan(%d) = %v, %v; want %s", c.in, m, err, c.want)
		}
	}
	for _, bad := range []int64{0, 100, 113, 202500, 202513, 1000001, -202511} {
		var m series.Month
		if err := m.Scan(bad); err == nil {
			t.Errorf("Scan(%d) = %v, want an error", bad, m)
		}
	}
}
