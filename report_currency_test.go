package tradeflow_test

import (
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestMonthlyReportYuanRates: a report in yuan must not set the rates
// published in dollar terms beside yuan levels. The shipped data print
// November 2025 exports as CNY 2.35 tn, +5.7% in yuan terms (yoy_pct_cny),
// and USD 330.35 bn, +5.9% in dollar terms (yoy_pct); the yuan report
// showed "exports CNY tn 2.4 p 5.9 p", and the dollar rate of exports to
// the U.S. beside a yuan table with no U.S. yuan level.
func TestMonthlyReportYuanRates(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	r, err := tradeflow.MonthlyReport[series.CNYTrillion](ds, partner.MustParseCode("CN"), series.MustParseMonth("2025-11"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct{ yoy, mom, ytdYoY string }{
		"exports": {"5.7", "", "6.2"},
		"imports": {"1.7", "", "0.2"},
	}
	for _, row := range r.Headline[:2] {
		w := want[row.Label]
		for _, c := range []struct {
			name string
			cell tradeflow.Cell
			want string
		}{{"y/y", row.YoY, w.yoy}, {"m/m", row.MoM, w.mom}, {"YTD y/y", row.YTDYoY, w.ytdYoY}} {
			got := ""
			if c.cell.Published != nil {
				got = c.cell.Published.String()
			}
			if got != c.want {
				t.Errorf("%s %s in yuan: published %q, want %q", row.Label, c.name, got, c.want)
			}
		}
	}
	// The balance's year-to-date change of 21.6% is that of the dollar
	// figures; no yuan rate of the balance is in the data.
	if b := r.Headline[2]; b.YTDYoY.Published != nil {
		t.Errorf("balance YTD y/y in yuan: published %v, the dollar-terms rate", b.YTDYoY.Published)
	}
	for _, row := range r.Partners {
		if row.YoY.Published != nil || row.YTDYoY.Published != nil {
			t.Errorf("%s: a dollar-terms rate in the yuan report (y/y %v, YTD y/y %v)", row.Label, row.YoY.Published, row.YTDYoY.Published)
		}
	}
}
