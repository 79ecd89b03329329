// Package panel holds the definitions of the shared benchmark's trade-panel
// job (shared/bench/SPEC.md) that every program running the job must agree
// on: the schema of its file, the figures of one series, of one
// decomposition and of one partner aggregate, and the report's lines.
//
// examples/panel runs the job on one machine and beam/examples/panel as an
// Apache Beam pipeline; both build their reports from these functions, so
// that the two print the same lines for the same file by construction, not
// by two copies of the arithmetic kept in step.
package panel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Schema returns the schema of the SPEC's file: period, reporter, partner,
// flow, hs, value_usd, qty_kg (which the job does not use).
func Schema() tradeflow.Schema {
	return tradeflow.Schema{
		Name:      "trade panel",
		Period:    tradeflow.Column("period"),
		Reporter:  tradeflow.Column("reporter"),
		Partner:   tradeflow.Column("partner"),
		Flow:      tradeflow.Column("flow"),
		Commodity: tradeflow.Column("hs"),
		// The generator draws its six digits at random, so some are not
		// HS codes (heading 8700 does not exist): they are read as codes of
		// the panel's own, never taken for HS.
		Classification: tradeflow.Const("PANEL"),
		Value:          tradeflow.Column("value_usd"),
		Unit:           tradeflow.Const("USD"),
		Source:         tradeflow.Const("trade panel generator"),
		// Its partners are letter pairs (AA, AB, …), not all ISO codes.
		Unlisted: true,
	}
}

// A Tally is what the per-series pass of the job adds up: the number of
// defined year-on-year changes, the sum of those changes rounded to one
// place, and the sum of every year-to-date total.
type Tally struct {
	YoYCount int
	YoYSum   decimal.Decimal
	YTDSum   decimal.Decimal
}

// Add returns t + o, exactly.
func (t Tally) Add(o Tally) Tally {
	return Tally{t.YoYCount + o.YoYCount, t.YoYSum.Add(o.YoYSum), t.YTDSum.Add(o.YTDSum)}
}

// An Adder adds up many tallies exactly, for less than Tally.Add, whose
// two decimal additions make two new big integers a call: while the sums
// share their figures' exponent and fit 64 bits, it adds integers. The
// zero Adder is empty.
type Adder struct {
	count    int
	yoy, ytd sum
}

// Add adds t.
func (a *Adder) Add(t Tally) {
	a.count += t.YoYCount
	a.yoy.add(t.YoYSum)
	a.ytd.add(t.YTDSum)
}

// Tally returns the sum of the tallies added.
func (a *Adder) Tally() Tally { return Tally{a.count, a.yoy.value(), a.ytd.value()} }

// A sum is c × 10^exp (when has) plus rest.
type sum struct {
	c    int64
	exp  int32
	has  bool
	rest decimal.Decimal
}

func (s *sum) add(d decimal.Decimal) {
	if d.NumDigits() <= 18 { // then the coefficient is an int64
		c, e := d.CoefficientInt64(), d.Exponent()
		if !s.has {
			s.c, s.exp, s.has = c, e, true
			return
		}
		if r := s.c + c; e == s.exp && (c >= 0) == (r >= s.c) {
			s.c = r
			return
		}
	}
	s.rest = s.rest.Add(d)
}

func (s *sum) value() decimal.Decimal {
	if !s.has {
		return s.rest
	}
	return s.rest.Add(decimal.New(s.c, s.exp))
}

// SeriesTally returns the tally of one series of a file whose months are
// file.
//
// yoy is defined where the series has the month and the month a year
// before, and that base is not zero; series.YoY leaves the other months out
// (its gaps say why). Each change is rounded to one decimal, half away from
// zero, and summed. ytd: the SPEC sums the rows there are from January, so
// a year with a missing month still has totals (AllowMissing; reason
// Partial). There is one total per row; ytd_sum adds them all up.
func SeriesTally(s series.Series[series.USD], file series.Period) (Tally, error) {
	var t Tally
	yoyFrom := series.Period{First: file.First.AddMonths(12), Last: file.Last}
	yoy, _ := series.YoY(s)
	t.YoYCount = yoy.Len()
	if yoyFrom.Valid() {
		sum, err := series.Total(yoy.Round(1), yoyFrom, series.AllowMissing())
		if err != nil {
			return Tally{}, err
		}
		t.YoYSum = sum
	}
	ytd, _ := series.YearToDate(s, series.AllowMissing())
	sum, err := series.Total(ytd, file, series.AllowMissing())
	if err != nil {
		return Tally{}, err
	}
	t.YTDSum = sum
	return t, nil
}

// PanelTally returns the tally of the series of p, a panel of series of a
// file whose months are file: the sum of SeriesTally over them, worked out
// by the panel's operations (series.Panel), which are the series
// operations SeriesTally calls, row by row, without an allocation a
// series.
func PanelTally(p series.Panel[series.USD], file series.Period) (Tally, error) {
	var t Tally
	yoyFrom := series.Period{First: file.First.AddMonths(12), Last: file.Last}
	yoy := p.YoY()
	for i := range yoy.Len() {
		t.YoYCount += yoy.Series(i).Len()
	}
	if yoyFrom.Valid() {
		sum, err := yoy.Round(1).Total(yoyFrom, series.AllowMissing())
		if err != nil {
			return Tally{}, err
		}
		t.YoYSum = sum
	}
	sum, err := p.YearToDate(series.AllowMissing()).Total(file, series.AllowMissing())
	if err != nil {
		return Tally{}, err
	}
	t.YTDSum = sum
	return t, nil
}

// Streak returns the streak of one partner aggregate V_fp, zero-filled over
// the file's months: the number of consecutive months ending at last (the
// file's last month) in which its year-on-year change, unrounded, is below
// -10%. A month whose base is zero has no change (series.YoY reports it as
// a gap) and ends the streak, and so does every month within a year of the
// file's first, which has no base.
func Streak(v series.Series[series.USD], last series.Month) int {
	yoy, _ := series.YoY(v) // the gaps are the months without a change
	return series.Streak(yoy, last, below10).Len
}

var minus10 = decimal.NewFromInt(-10)

func below10(v decimal.Decimal) bool { return v.LessThan(minus10) }

// MaxDiff returns |Σ_p C_p(t) − G(t)| for a decomposition of a flow's
// growth in month t: the partners' contributions, the residual (the total
// less the listed partners, here zero) left out, against the total's
// growth.
func MaxDiff(d partner.Decomposition) decimal.Decimal {
	sum := decimal.Zero
	for _, c := range d.Parts {
		if !c.Residual {
			sum = sum.Add(c.Points)
		}
	}
	return sum.Sub(d.Total.Points).Abs()
}

// A TopPart is a partner among the largest contributions and its
// contribution, rounded half away from zero to 3 places.
type TopPart struct {
	Name   string
	Points decimal.Decimal
}

// Top3 returns the three partners with the largest contributions, the
// larger name first on a tie (as the SPEC's reference sorts). Contributions
// share one denominator, the total's base, so they are ordered as their
// exact differences are (reversed if the base is negative). The names are
// the parts' names; the SPEC prints the two letters its files have.
func Top3(d partner.Decomposition) []TopPart {
	parts := slices.DeleteFunc(slices.Clone(d.Parts), func(c partner.Contribution) bool { return c.Residual })
	sign := d.Total.BaseValue.Sign()
	slices.SortFunc(parts, func(a, b partner.Contribution) int {
		if c := b.Diff.Cmp(a.Diff) * sign; c != 0 {
			return c
		}
		return strings.Compare(b.Name, a.Name)
	})
	var top []TopPart
	for _, c := range parts[:min(3, len(parts))] {
		top = append(top, TopPart{c.Name, displayPoints(c.Diff, d.Total.BaseValue)})
	}
	return top
}

// displayPoints returns 100 × diff ÷ base, the contribution in percentage
// points, rounded half away from zero to 3 places.
//
// A Contribution's Points are apportioned by largest remainder so that they
// add up (each is its quotient rounded down or up), which is right for sums
// but not for display rounding: a quotient just below …0.0005 could be
// rounded up to it. series.Quo divides as the library's rounding to odd
// says, which makes display rounding to 3 places exact.
func displayPoints(diff, base decimal.Decimal) decimal.Decimal {
	q, _ := series.Quo(diff.Shift(2), base) // base is not zero: Contributions refused it otherwise
	return series.DisplayRounding.Round(q, 3)
}

// A Report holds the SPEC's figures for one file.
type Report struct {
	Rows, Series   int
	YoYCount       int
	YoYSum, YTDSum decimal.Decimal
	ContribMaxDiff decimal.Decimal
	Top            []TopPart
	StreakSum      int
	StreakMax      int
}

// String returns the SPEC's lines, each ending in a newline.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rows=%d\n", r.Rows)
	fmt.Fprintf(&b, "series=%d\n", r.Series)
	fmt.Fprintf(&b, "yoy_count=%d\n", r.YoYCount)
	fmt.Fprintf(&b, "yoy_sum=%s\n", r.YoYSum.StringFixed(1))
	fmt.Fprintf(&b, "ytd_sum=%s\n", r.YTDSum.StringFixed(2))
	fmt.Fprintf(&b, "contrib_maxdiff=%s\n", r.ContribMaxDiff.StringFixed(6))
	tops := make([]string, len(r.Top))
	for i, t := range r.Top {
		sign := "+"
		if t.Points.IsNegative() {
			sign = ""
		}
		tops[i] = t.Name + ":" + sign + t.Points.StringFixed(3)
	}
	fmt.Fprintf(&b, "top_x_last=%s\n", strings.Join(tops, ";"))
	fmt.Fprintf(&b, "streak_sum=%d\n", r.StreakSum)
	fmt.Fprintf(&b, "streak_max=%d\n", r.StreakMax)
	return b.String()
}
