package tfbeam

import (
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestContributionsLastMonths: series that reach 9999-12, the last month
// there is, are valid; Contributions must decompose them as
// partner.Contributions does, not panic sending a base past 9999-12.
func TestContributionsLastMonths(t *testing.T) {
	vals := func(v string) []string {
		out := make([]string, 24)
		for i := range out {
			out[i] = v
		}
		return out
	}
	a := keyed[series.USD]{key("CN", "X", "US", "1201"), usd("9998-01", vals("10")...)}
	b := keyed[series.USD]{key("CN", "X", "DE", "1201"), usd("9998-01", vals("5")...)}
	total, _ := series.Add(a.s, b.s)
	list := []partner.Part[series.USD]{{Name: "DEU", Series: b.s}, {Name: "USA", Series: a.s}}
	var want []string
	for m := series.MustParseMonth("9999-01"); ; m = m.AddMonths(1) {
		d, err := partner.Contributions(series.MonthPeriod(m), total, list)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, decompositionLine(key("CN", "X", "WLD", "1201"), d))
		if m == series.MustParseMonth("9999-12") {
			break
		}
	}
	p, s := beam.NewPipelineWithRoot()
	decs, _ := Contributions[series.USD](s, create(s, []keyed[series.USD]{a, b}), 0)
	passert.Equals(s, beam.ParDo(s, decompositionLine, decs), strs(want)...)
	ptest.RunAndValidate(t, p)
}
