package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A sum of years to date is the year to date of the sum only while the
// group's membership stays the same. Across a departure (a member through
// 2020-01) the year to date at 2020-03 is a gap, not the sum of the
// remaining member's (70, where the monthly sums give 75); with a fixed
// composition the two agree.
func TestAggregateCumulativeAcrossDeparture(t *testing.T) {
	in := "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2020-01,X,DE,TOTAL,value,10,USD,2020-03-08,s,\n" +
		"2020-02,X,DE,TOTAL,value,20,USD,2020-03-08,s,\n" +
		"2020-01,X,GB,TOTAL,value,5,USD,2020-03-08,s,\n" +
		"2020-02,X,GB,TOTAL,value,7,USD,2020-03-08,s,\n" +
		"2020-03,X,DE,TOTAL,value,40,USD,2020-04-08,s,\n" +
		"2020-03,X,GB,TOTAL,value,9,USD,2020-04-08,s,\n" +
		"2020-01/2020-03,X,DE,TOTAL,value,70,USD,2020-04-08,s,\n" +
		"2020-01/2020-03,X,GB,TOTAL,value,21,USD,2020-04-08,s,\n" +
		"2021-01/2021-03,X,DE,TOTAL,value,80,USD,2021-04-08,s,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "a.csv", tradeflow.WithReporter("CN"))
	if err != nil {
		t.Fatal(err)
	}
	mar := series.MustParseMonth("2020-03")
	g := partner.MustGroup("DE+GB",
		partner.Membership{Code: partner.MustParseCode("DE")},
		partner.Membership{Code: partner.MustParseCode("GB"), Last: series.MustParseMonth("2020-01")})
	key := tradeflow.MustParseKey("CN X WLD TOTAL value")

	sum, gaps, err := tradeflow.AggregatePartners[series.USD](ds, key, g, tradeflow.OfCumulative())
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := sum.At(mar); ok {
		t.Errorf("2020-03: %v, the year to date of DE alone, for a group GB left in the year", v)
	}
	if len(gaps) != 1 || gaps[0].String() != "2020-01/2020-03: membership changes within the period" {
		t.Errorf("gaps %v", gaps)
	}
	if v, ok := sum.At(series.MustParseMonth("2021-03")); !ok || v.String() != "80" {
		t.Errorf("2021-03: %v %v, want 80: the membership holds all year", v, ok)
	}

	// A fixed composition: the monthly sums' year to date is the sum of
	// the years to date.
	fixed := g.Fixed("DE+GB as of 2020-01", mar.AddMonths(-2))
	monthly, _, err := tradeflow.AggregatePartners[series.USD](ds, key, fixed)
	if err != nil {
		t.Fatal(err)
	}
	ytdOfSum, _ := series.YearToDate(monthly)
	sumOfYTD, _, err := tradeflow.AggregatePartners[series.USD](ds, key, fixed, tradeflow.OfCumulative())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := ytdOfSum.At(mar)
	b, ok := sumOfYTD.At(mar)
	if !ok || !a.Equal(b) || a.String() != "91" {
		t.Errorf("fixed composition, 2020-03: year to date of the sum %v, sum of years to date %v (%v), want 91", a, b, ok)
	}
}
