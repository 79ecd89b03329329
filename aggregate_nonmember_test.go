package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Two different figures for one vintage make that series unusable, not
// every aggregate of a reporter: the EU's sum has no US figure in it.
func TestAggregatePartnersIgnoresNonMembersConflict(t *testing.T) {
	in := "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"2025-11,X,DE,TOTAL,value,1.1,USD_M,2025-12-08,s,\n" +
		"2025-11,X,FR,TOTAL,value,2.25,USD,2025-12-08,s,\n" +
		"2025-11,X,US,TOTAL,value,2,USD,2025-12-08,s,\n" +
		"2025-11,X,US,TOTAL,value,3,USD,2025-12-08,s,\n"
	ds, _ := tradeflow.Load(strings.NewReader(in), "a.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
	g := partner.MustGroup("DEFR", partner.Membership{Code: partner.MustParseCode("DE")}, partner.Membership{Code: partner.MustParseCode("FR")})
	s, gaps, err := tradeflow.AggregatePartners[series.USD](ds, tradeflow.MustParseKey("CN X WLD TOTAL value"), g)
	if err != nil {
		t.Fatalf("AggregatePartners(DE+FR): %v", err)
	}
	if got := s.String(); got != "[2025-11: 1100002.25] USD" || len(gaps) != 0 {
		t.Errorf("got %s, gaps %v", got, gaps)
	}
}
