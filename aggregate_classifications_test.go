package tradeflow_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// An HS code and a SITC code for the same trade are the same goods coded
// twice: adding them counts it twice, as a code and a code under it would.
func TestAggregateCommoditiesRefusesTwoClassifications(t *testing.T) {
	in := "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2025-11,X,DE,0101,value,1,USD,2025-12-08,s,\n" +
		"2025-11,X,DE,S4:001,value,1,USD,2025-12-08,s,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "a.csv", tradeflow.WithReporter("CN"))
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := tradeflow.AggregateCommodities[series.USD](ds, tradeflow.MustParseKey("CN X DE TOTAL value"),
		func(c tradeflow.Commodity) bool { return !c.IsTotal() })
	if !errors.Is(err, tradeflow.ErrDuplicate) {
		t.Errorf("sum of HS 0101 and SITC 001 = %v, %v; want ErrDuplicate", s, err)
	}
}
