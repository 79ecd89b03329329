package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestMonthlyReportAtCalendarEdges: a report for a month in 0001 has no
// year-earlier balance to describe, and one for 9999-12 is like any
// other. MonthlyReport for a month in 0001 panicked looking for the year
// before.
func TestMonthlyReportAtCalendarEdges(t *testing.T) {
	for _, m := range []string{"0001-01", "0001-12", "9999-12"} {
		t.Run(m, func(t *testing.T) {
			in := header + m + ",X,WLD,TOTAL,value,10,USD,2025-11-07,test,\n" + m + ",M,WLD,TOTAL,value,4,USD,2025-11-07,test,\n"
			ds, err := tradeflow.Load(strings.NewReader(in), "edge.csv", tradeflow.WithReporter("CN"))
			require.NoError(t, err)
			var r *tradeflow.Report
			require.NotPanics(t, func() {
				r, err = tradeflow.MonthlyReport[series.USD](ds, partner.MustParseCode("CN"), mp(m))
			})
			require.NoError(t, err)
			require.Len(t, r.Headline, 3)
			bal := r.Headline[2]
			require.NotNil(t, bal.Value.Computed)
			assert.Equal(t, "6", bal.Value.Computed.String())
			assert.Empty(t, bal.YoY.Note, "no year-earlier balance")
			assert.Nil(t, r.Headline[0].YoY.Computed)
			var text strings.Builder
			require.NoError(t, r.WriteText(&text))
		})
	}
}

// TestAggregatePartnersAtCalendarEdges: the EU's total at 9999-12. It
// panicked in partner.Aggregate, checking that the membership holds
// through a period by stepping past its last month.
func TestAggregatePartnersAtCalendarEdges(t *testing.T) {
	in := header + "9999-12,X,FR,TOTAL,value,10,USD,2025-11-07,test,\n9999-12,X,DE,TOTAL,value,4,USD,2025-11-07,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "edge.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	g := partner.MustGroup("FR and DE", partner.Membership{Code: partner.MustParseCode("FR")}, partner.Membership{Code: partner.MustParseCode("DE")})
	var s series.Series[series.USD]
	var gaps partner.MemberGaps
	require.NotPanics(t, func() {
		s, gaps, err = tradeflow.AggregatePartners[series.USD](ds, key("WLD", tradeflow.Exports, tradeflow.Value), g)
	})
	require.NoError(t, err)
	assert.Empty(t, gaps)
	v, ok := s.At(mp("9999-12"))
	require.True(t, ok)
	assert.Equal(t, "14", v.String())
}

// A member whose figures are only in another currency has no series in
// the unit asked for: it is missing, in the gaps, and the others still add
// up; it is no reason to fail.
func TestAggregatePartnersMemberInAnotherCurrency(t *testing.T) {
	in := header + "2025-11,X,FR,TOTAL,value,10,USD,2025-12-08,test,\n2025-11,X,DE,TOTAL,value,4,CNY,2025-12-08,test,\n" +
		"2025-11,X,JP,TOTAL,value,7,CNY,2025-12-08,test,\n" // JP: in no group here
	ds, err := tradeflow.Load(strings.NewReader(in), "cny.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	g := partner.MustGroup("FR and DE", partner.Membership{Code: partner.MustParseCode("FR")}, partner.Membership{Code: partner.MustParseCode("DE")})
	s, gaps, err := tradeflow.AggregatePartners[series.USD](ds, key("WLD", tradeflow.Exports, tradeflow.Value), g)
	require.NoError(t, err)
	require.Len(t, gaps, 1)
	assert.Equal(t, partner.MustParseCode("DE"), gaps[0].Partner)
	_, ok := s.At(mp("2025-11"))
	assert.False(t, ok, "no sum with a member missing")
}

// A group none of whose members has a series for the key (a reporter the
// file does not hold, or members only in another currency) is an error:
// there is no period to report them missing in, and an empty sum without
// gaps would read as an answer.
func TestAggregatePartnersNoMemberHasASeries(t *testing.T) {
	in := header + "2025-11,X,FR,TOTAL,value,10,USD,2025-12-08,test,\n2025-11,X,DE,TOTAL,value,4,CNY,2025-12-08,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "cny.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	de := partner.MustGroup("DE alone", partner.Membership{Code: partner.MustParseCode("DE")})
	asean := partner.ASEAN()
	for _, tt := range []struct {
		key  tradeflow.Key
		g    partner.Group
		want string
	}{
		{tradeflow.MustParseKey("USA X WLD TOTAL value"), partner.EU(),
			"tradeflow: cny.csv: no member of EU has a series in USD like USA X WLD TOTAL value (whatever its partner): no such series"},
		{key("WLD", tradeflow.Exports, tradeflow.Value), asean,
			"tradeflow: cny.csv: no member of ASEAN has a series in USD like CHN X WLD TOTAL value (whatever its partner): no such series"},
		{key("WLD", tradeflow.Exports, tradeflow.Value), de,
			"tradeflow: cny.csv: no member of DE alone has a series in USD like CHN X WLD TOTAL value (whatever its partner) (CHN X DEU TOTAL value is in CNY): no such series"},
	} {
		s, gaps, err := tradeflow.AggregatePartners[series.USD](ds, tt.key, tt.g)
		require.ErrorIs(t, err, tradeflow.ErrNoSeries, "%v %v", tt.key, tt.g)
		assert.Equal(t, tt.want, err.Error())
		assert.True(t, s.IsEmpty())
		assert.Nil(t, gaps)
	}
}
