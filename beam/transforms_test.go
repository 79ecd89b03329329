package tfbeam

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func init() {
	beam.RegisterFunction(runLine)
	beam.RegisterFunction(decompositionLine)
	beam.RegisterFunction(breakdownLine)
	beam.RegisterFunction(gapLine)
	beam.RegisterFunction(codePeriodLine)
}

func runLine(k tradeflow.Key, r series.Run) string {
	return fmt.Sprintf("%v %v %d", k, r.Period, r.Len)
}

func codePeriodLine(c partner.Code, p series.Period) string { return c.String() + " " + p.String() }

func decompositionLine(k tradeflow.Key, d partner.Decomposition) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %v/%v total %s %s %s %s", k, d.Period, d.BasePeriod, d.Total.Value, d.Total.BaseValue, d.Total.Diff, d.Total.Points)
	for _, c := range d.Parts {
		fmt.Fprintf(&b, "; %s %s %s %s %s %s %s", c.Name, c.Value, c.BaseValue, c.Diff, c.Points, c.Share, c.BaseShare)
	}
	return b.String()
}

func breakdownLine(k tradeflow.Key, d partner.Breakdown) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %v total %s", k, d.Period, d.Total)
	for _, p := range d.Parts {
		fmt.Fprintf(&b, "; %s %s %s", p.Name, p.Value, p.Share)
	}
	return b.String()
}

func gapLine(g Gap) string {
	return fmt.Sprintf("%v %v %s %v %v: %s", g.Key, g.Period, g.Name, g.Reason, g.Cause, g.Err)
}

func key(reporter, flow, partnerCode, commodity string) tradeflow.Key {
	k, err := tradeflow.ParseKey(reporter + " " + flow + " " + partnerCode + " " + commodity + " value")
	if err != nil {
		panic(err)
	}
	return k
}

// A keyed is a series and its key.
type keyed[U series.Unit] struct {
	k tradeflow.Key
	s series.Series[U]
}

// create returns a PCollection<KV<tradeflow.Key, series.Series[U]>>.
func create[U series.Unit](s beam.Scope, xs []keyed[U]) beam.PCollection {
	ks := make([]tradeflow.Key, len(xs))
	ss := make([]series.Series[U], len(xs))
	for i, x := range xs {
		ks[i], ss[i] = x.k, x.s
	}
	return beam.ParDo(s, &zipFn[U]{}, beam.Impulse(s), beam.SideInput{Input: beam.CreateList(s, ks)}, beam.SideInput{Input: beam.CreateList(s, ss)})
}

// zipFn pairs two lists given in the same order.
type zipFn[U series.Unit] struct{}

func (fn *zipFn[U]) ProcessElement(_ []byte, ks func(*tradeflow.Key) bool, ss func(*series.Series[U]) bool, emit func(tradeflow.Key, series.Series[U])) {
	var all []tradeflow.Key
	var k tradeflow.Key
	for ks(&k) {
		all = append(all, k)
	}
	var s series.Series[U]
	for i := 0; ss(&s); i++ {
		emit(all[i], s)
	}
}

func init() {
	beam.RegisterType(reflect.TypeFor[zipFn[series.USD]]())
	beam.RegisterType(reflect.TypeFor[zipFn[series.CNY]]())
}

func usd(from string, vals ...string) series.Series[series.USD] {
	return series.MustFromStrings[series.USD](series.MustParseMonth(from), vals...)
}

// The series of the tests: two reporters, exports and imports, with
// missing months, a zero base and a combined January–February.
var (
	aa1 = keyed[series.USD]{key("CN", "X", "US", "1201"), usd("2023-01", "10", "20", "0", "40", "", "60", "70", "80", "90", "100", "110", "120", "11", "19", "5", "44", "50", "66", "63", "", "80", "90", "99", "130")}
	aa2 = keyed[series.USD]{key("CN", "X", "US", "8703"), usd("2023-01", "1.5", "2.5", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12.25")}
	ab1 = keyed[series.USD]{key("CN", "X", "DE", "1201"), usd("2023-01", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "5", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4", "4")}
	wld = keyed[series.USD]{key("US", "M", "WLD", "TOTAL"), usd("2023-06", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "100", "90", "110", "0", "120")}
	us  = keyed[series.USD]{key("US", "M", "CN", "TOTAL"), usd("2023-06", "40", "40", "40", "40", "40", "40", "40", "40", "40", "40", "40", "40", "30", "45", "0", "50")}
	all = []keyed[series.USD]{aa1, aa2, ab1, wld, us}
)

// TestPerSeries checks YoY, YearToDate, Rolling and Streaks against the
// operations of package series.
func TestPerSeries(t *testing.T) {
	jf := series.Period{First: series.MustParseMonth("2024-01"), Last: series.MustParseMonth("2024-02")}
	var b series.Builder[series.CNY]
	b.SetCombined(jf, decimal.RequireFromString("130.5"))
	for m, v := range map[string]string{"2023-01": "50", "2023-02": "60", "2024-03": "12", "2023-03": "10"} {
		b.Set(series.MustParseMonth(m), decimal.RequireFromString(v))
	}
	cny, err := b.Series()
	require.NoError(t, err)
	cnyKey := key("CN", "X", "WLD", "TOTAL")

	var wantYoY, wantCNY, wantYTD, wantRolling, wantStreaks []string
	below := decimal.NewFromInt(-10)
	for _, x := range all {
		y, _ := series.YoY(x.s)
		wantYoY = append(wantYoY, seriesLine(x.k, y))
		ytd, _ := series.YearToDate(x.s, series.AllowMissing())
		wantYTD = append(wantYTD, seriesLine(x.k, ytd))
		r, _ := series.Rolling(x.s, 3)
		wantRolling = append(wantRolling, seriesLine(x.k, r))
		wantStreaks = append(wantStreaks, runLine(x.k, series.Streak(y, x.s.Last(), func(v decimal.Decimal) bool { return v.LessThan(below) })))
	}
	y, _ := series.YoY(cny)
	wantCNY = append(wantCNY, seriesLine(cnyKey, y))
	require.Contains(t, strings.Join(wantStreaks, "\n"), "CHN X DEU 1201 value 2024-01/2024-12 12")

	p, s := beam.NewPipelineWithRoot()
	col := create(s, all)
	passert.Equals(s, beam.ParDo(s, percentLine, YoY[series.USD](s, col)), strs(wantYoY)...)
	passert.Equals(s, beam.ParDo(s, usdLine, YearToDate[series.USD](s, col, CumOptions{AllowMissing: true})), strs(wantYTD)...)
	passert.Equals(s, beam.ParDo(s, usdLine, Rolling[series.USD](s, col, 3)), strs(wantRolling)...)
	passert.Equals(s, beam.ParDo(s, runLine, Streaks[series.USD](s, col, Condition{YoY: true, Below: true, Than: below})), strs(wantStreaks)...)
	// Another unit in the same pipeline.
	passert.Equals(s, beam.ParDo(s, percentLine, YoY[series.CNY](s, create(s, []keyed[series.CNY]{{cnyKey, cny}}))), strs(wantCNY)...)
	ptest.RunAndValidate(t, p)
}

// TestZeroFillAndAggregate checks Months, ZeroFill and AggregateCommodities
// against the library in one dataset.
func TestZeroFillAndAggregate(t *testing.T) {
	cnMonths := series.Period{First: series.MustParseMonth("2023-01"), Last: series.MustParseMonth("2024-12")}
	usMonths := series.Period{First: series.MustParseMonth("2023-06"), Last: series.MustParseMonth("2024-09")}
	var wantFilled []string
	for _, x := range all {
		m := cnMonths
		if x.k.Reporter.String() == "USA" {
			m = usMonths
		}
		wantFilled = append(wantFilled, seriesLine(x.k, series.ZeroFill(x.s, m)))
	}
	// CN's exports to the US: 1201 lacks 2024-02 and 2024-08, so the sum
	// lacks them unless filled.
	sumUS, _ := series.Add(aa1.s, aa2.s)
	filledUS, _ := series.Add(series.ZeroFill(aa1.s, cnMonths), series.ZeroFill(aa2.s, cnMonths))
	require.NotEqual(t, sumUS.Len(), filledUS.Len())
	total := func(k tradeflow.Key) tradeflow.Key { k.Commodity = tradeflow.Commodity{}; return k }
	wantAgg := []string{seriesLine(total(aa1.k), sumUS), seriesLine(total(ab1.k), ab1.s), seriesLine(wld.k, wld.s), seriesLine(us.k, us.s)}
	wantFilledAgg := []string{seriesLine(total(aa1.k), filledUS), seriesLine(total(ab1.k), ab1.s),
		seriesLine(wld.k, series.ZeroFill(wld.s, usMonths)), seriesLine(us.k, series.ZeroFill(us.s, usMonths))}

	p, s := beam.NewPipelineWithRoot()
	col := create(s, all)
	months := Months[series.USD](s, col)
	passert.Equals(s, beam.ParDo(s, codePeriodLine, months), "CHN 2023-01/2024-12", "USA 2023-06/2024-09")
	filled := ZeroFill[series.USD](s, col, months)
	passert.Equals(s, beam.ParDo(s, usdLine, filled), strs(wantFilled)...)
	passert.Equals(s, beam.ParDo(s, usdLine, AggregateCommodities[series.USD](s, col)), strs(wantAgg)...)
	passert.Equals(s, beam.ParDo(s, usdLine, AggregateCommodities[series.USD](s, filled)), strs(wantFilledAgg)...)
	ptest.RunAndValidate(t, p)
}

// TestContributionsAndShares checks the combiners against
// partner.Contributions and partner.Shares over whole series: with a
// total given (the World's), without one (the sum of the parts), with a
// zero total, and with a part missing a month.
func TestContributionsAndShares(t *testing.T) {
	cnTotal, _ := series.Add(aa1.s, ab1.s)
	cnParts := []partner.Part[series.USD]{{Name: "DEU", Series: ab1.s}, {Name: "USA", Series: aa1.s}}
	usParts := []partner.Part[series.USD]{{Name: "CHN", Series: us.s}}
	var wantD, wantS, wantGaps, wantDGaps, wantSGaps []string
	gapLines := func(k tradeflow.Key, m series.Period, err error) (out []string) {
		gapsOf(keyPeriod{k, m}, err, func(g Gap) { out = append(out, gapLine(g)) })
		return out
	}
	cnWorld, usWorld := key("CN", "X", "WLD", "1201"), key("US", "M", "WLD", "TOTAL")
	for t := range series.MustParseMonth("2024-12").MonthsSince(series.MustParseMonth("2023-01")) + 1 {
		m := series.MonthPeriod(series.MustParseMonth("2023-01").AddMonths(t))
		if b, err := partner.Shares(m, cnTotal, cnParts); err == nil {
			wantS = append(wantS, breakdownLine(cnWorld, b))
		} else {
			wantGaps = append(wantGaps, "shares "+err.Error())
			wantSGaps = append(wantSGaps, gapLines(cnWorld, m, err)...)
		}
		if t < 12 {
			continue
		}
		if d, err := partner.Contributions(m, cnTotal, cnParts); err == nil {
			wantD = append(wantD, decompositionLine(cnWorld, d))
		} else {
			wantGaps = append(wantGaps, "contributions "+err.Error())
			wantDGaps = append(wantDGaps, gapLines(cnWorld, m, err)...)
		}
	}
	for t := range 16 {
		m := series.MonthPeriod(series.MustParseMonth("2023-06").AddMonths(t))
		if b, err := partner.Shares(m, wld.s, usParts); err == nil {
			wantS = append(wantS, breakdownLine(usWorld, b))
		} else {
			wantGaps = append(wantGaps, "shares "+err.Error())
			wantSGaps = append(wantSGaps, gapLines(usWorld, m, err)...)
		}
		if t < 12 {
			continue
		}
		if d, err := partner.Contributions(m, wld.s, usParts); err == nil {
			wantD = append(wantD, decompositionLine(usWorld, d))
		} else {
			wantGaps = append(wantGaps, "contributions "+err.Error())
			wantDGaps = append(wantDGaps, gapLines(usWorld, m, err)...)
		}
	}
	// 1201 to the US lacks 2023-05 and 2024-08 (so does the total of
	// its parts); the US's imports are zero in 2024-08.
	require.Equal(t, []string{
		"shares partner: \"total\" has no value for 2023-05\npartner: \"USA\" has no value for 2023-05",
		"contributions partner: \"total\" has no value for 2023-05\npartner: \"USA\" has no value for 2023-05",
		"shares partner: \"total\" has no value for 2024-08\npartner: \"USA\" has no value for 2024-08",
		"contributions partner: \"total\" has no value for 2024-08\npartner: \"USA\" has no value for 2024-08",
		"shares partner: \"total\" is zero in 2024-08: shares and contributions are undefined",
		"contributions partner: \"total\" is zero in 2024-08: shares and contributions are undefined",
	}, wantGaps)

	p, s := beam.NewPipelineWithRoot()
	parts := create(s, []keyed[series.USD]{aa1, ab1, wld, us})
	decs, dgaps := Contributions[series.USD](s, parts, 0)
	shares, sgaps := Shares[series.USD](s, parts)
	passert.Equals(s, beam.ParDo(s, decompositionLine, decs), strs(wantD)...)
	passert.Equals(s, beam.ParDo(s, breakdownLine, shares), strs(wantS)...)
	passert.Equals(s, beam.ParDo(s, gapLine, dgaps), strs(wantDGaps)...)
	passert.Equals(s, beam.ParDo(s, gapLine, sgaps), strs(wantSGaps)...)
	ptest.RunAndValidate(t, p)
}
