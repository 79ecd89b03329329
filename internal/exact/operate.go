package exact

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// Params are the parameters [Operate] runs the operations with.
type Params struct {
	Lag    int           // for Change and Diff, at least 1
	Window int           // for Rolling, at least 1
	Fiscal time.Month    // the first month of a fiscal year, for the cumulations
	Period series.Period // for Total; skipped if not valid
	Places int32         // for Round, within ±series.MaxDigits
}

// last is 9999-12, the last month there is.
var last = series.MustMonth(9999, time.December)

// Operate runs the operations of package series on s with p, and returns
// every disagreement with the reference (none: nil).
func Operate[U series.Unit](s series.Series[U], p Params) []string {
	m := ModelOf(s)
	var bad []string
	check := func(msg string) {
		if msg != "" {
			bad = append(bad, msg)
		}
	}
	toOdd := func(q *big.Rat) decimal.Decimal { return ToOdd(q, series.DivisionPlaces) }

	// Changes and differences over a lag, and the usual ones.
	for _, lag := range []int{p.Lag, 1, 12} {
		want, wantDiff := map[series.Period]Expect{}, map[series.Period]Expect{}
		for _, o := range m.Obs {
			want[o.P] = m.Change(o, lag, true)
			wantDiff[o.P] = m.Change(o, lag, false)
		}
		c, g := series.Change(s, lag)
		check(Check(fmt.Sprintf("Change(lag %d)", lag), c, g, want, toOdd))
		d, g := series.Diff(s, lag)
		check(Check(fmt.Sprintf("Diff(lag %d)", lag), d, g, wantDiff, nil))
	}

	// Year to date and annual totals, calendar and fiscal, with and
	// without missing months allowed.
	for _, f := range []time.Month{time.January, p.Fiscal} {
		for _, allow := range []bool{false, true} {
			opts := []series.CumOption{series.YearStartingIn(f)}
			if allow {
				opts = append(opts, series.AllowMissing())
			}
			name := fmt.Sprintf("(year from %v, missing allowed %v)", f, allow)
			want := map[series.Period]Expect{}
			for _, o := range m.Obs {
				want[series.MonthPeriod(o.P.Last)] = m.YearToDate(o, f, allow)
			}
			y, g := series.YearToDate(s, opts...)
			check(Check("YearToDate"+name, y, g, want, nil))
			a, g := series.Annual(s, opts...)
			check(Check("Annual"+name, a, g, m.annual(f, allow), nil))
		}
	}

	// Rolling sums.
	for _, n := range []int{p.Window, 1, 12} {
		want := map[series.Period]Expect{}
		for _, o := range m.Obs {
			want[series.MonthPeriod(o.P.Last)] = m.Rolling(o.P.Last, n)
		}
		r, g := series.Rolling(s, n)
		check(Check(fmt.Sprintf("Rolling(%d)", n), r, g, want, nil))
	}

	// Total over a period, and over each observation's own period.
	periods := []series.Period{}
	if p.Period.Valid() {
		periods = append(periods, p.Period)
	}
	if len(m.Obs) > 0 {
		periods = append(periods, series.Period{First: m.Obs[0].P.First, Last: m.Obs[len(m.Obs)-1].P.Last})
	}
	for _, per := range periods {
		for _, allow := range []bool{false, true} {
			var opts []series.CumOption
			if allow {
				opts = append(opts, series.AllowMissing())
			}
			check(checkTotal(s, m, per, allow, opts))
		}
	}

	// Operations of two series, here s with itself: every period pairs.
	twice, ones, hundreds := map[series.Period]Expect{}, map[series.Period]Expect{}, map[series.Period]Expect{}
	zeros := map[series.Period]Expect{}
	for _, o := range m.Obs {
		twice[o.P] = value(new(big.Rat).Add(o.V, o.V))
		zeros[o.P] = value(new(big.Rat))
		if o.V.Sign() == 0 {
			ones[o.P], hundreds[o.P] = gap(series.BaseZero, o.P), gap(series.BaseZero, o.P)
		} else {
			ones[o.P], hundreds[o.P] = value(big.NewRat(1, 1)), value(big.NewRat(100, 1))
		}
	}
	sum, g := series.Add(s, s)
	check(Check("Add", sum, g, twice, nil))
	diff, g := series.Sub(s, s)
	check(Check("Sub", diff, g, zeros, nil))
	share, g := series.Share(s, s)
	check(Check("Share", share, g, hundreds, nil))
	ratio, g := series.Divide(s, s)
	check(Check("Divide", ratio, g, ones, nil))

	// Rounding for display.
	rounded := map[series.Period]Expect{}
	for _, o := range m.Obs {
		rounded[o.P] = value(HalfAway(o.V, p.Places).Rat())
	}
	check(Check(fmt.Sprintf("Round(%d)", p.Places), s.Round(p.Places), nil, rounded, nil))

	// The encodings: what encodes decodes to itself.
	check(roundTrip(s, m))
	return bad
}

// annual is what Annual must give: each year (from month f) in which an
// observation falls, its total as Sum gives it, or OutOfRange for a year
// that leaves the calendar, its period the year's months within it.
func (m *Model) annual(f time.Month, allow bool) map[series.Period]Expect {
	want := map[series.Period]Expect{}
	if len(m.Obs) == 0 {
		return want
	}
	lo, hi := m.Obs[0].P.First, m.Obs[len(m.Obs)-1].P.Last
	maxIdx := last.MonthsSince(first)
	y := lo.MonthsSince(first) - (int(lo.Month())-int(f)+12)%12 // may be before 0001-01
	for ; y <= hi.MonthsSince(first); y += 12 {
		a, b := max(y, 0), min(y+11, maxIdx)
		p := series.Period{First: first.AddMonths(a), Last: first.AddMonths(b)}
		covered := false
		for k := 0; k < p.Len() && !covered; k++ {
			_, covered = m.covering(p.First.AddMonths(k))
		}
		switch {
		case !covered:
		case y < 0 || y+11 > maxIdx:
			want[p] = gap(series.OutOfRange, series.Period{})
		default:
			want[p] = m.Sum(p, allow)
		}
	}
	return want
}

// checkTotal compares Total with Sum.
func checkTotal[U series.Unit](s series.Series[U], m *Model, p series.Period, allow bool, opts []series.CumOption) string {
	e := m.Sum(p, allow)
	v, err := series.Total(s, p, opts...)
	name := fmt.Sprintf("Total(%v, missing allowed %v)", p, allow)
	if e.V == nil {
		var ie *series.IncompleteError
		if !errors.As(err, &ie) || len(ie.Gaps) == 0 {
			return fmt.Sprintf("%s = %v, %v; want an IncompleteError with the gap %v %v", name, v, err, e.Why, e.Cause)
		}
		if g := ie.Gaps[0]; g.Reason != e.Why || g.Cause != e.Cause {
			return fmt.Sprintf("%s: first gap %v, want %v %v", name, g, e.Why, e.Cause)
		}
		return ""
	}
	if err != nil || !v.Equal(ratDecimal(e.V)) {
		return fmt.Sprintf("%s = %v, %v; want %v", name, v, err, e.V.RatString())
	}
	return ""
}

// roundTrip checks that s encodes in both forms and decodes to itself,
// when its values are within series.MaxDigits (its scale counting as
// their places), and that both encoders refuse it otherwise.
func roundTrip[U series.Unit](s series.Series[U], m *Model) string {
	bin, err := s.MarshalBinary()
	_, jerr := json.Marshal(s)
	if !m.encodable() {
		if !errors.Is(err, series.ErrEncoding) || !errors.Is(jerr, series.ErrEncoding) {
			return fmt.Sprintf("%v is beyond MaxDigits, yet encodes: %v, %v", s, err, jerr)
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("MarshalBinary(%v): %v", s, err)
	}
	var back series.Series[U]
	if err := back.UnmarshalBinary(bin); err != nil || !back.Equal(s) {
		return fmt.Sprintf("binary form of %v decodes to %v, %v", s, back, err)
	}
	js, err := json.Marshal(s)
	if err != nil {
		return fmt.Sprintf("MarshalJSON(%v): %v", s, err)
	}
	back = series.Series[U]{}
	if err := json.Unmarshal(js, &back); err != nil || !back.Equal(s) {
		return fmt.Sprintf("JSON form %s decodes to %v, %v", js, back, err)
	}
	return ""
}

// encodable reports whether every value of m, written with m.Scale
// places, is within series.MaxDigits.
func (m *Model) encodable() bool {
	if m.Scale > series.MaxDigits {
		return false
	}
	limit := new(big.Rat).SetInt(pow10(series.MaxDigits))
	for _, o := range m.Obs {
		if new(big.Rat).Abs(o.V).Cmp(limit) >= 0 {
			return false
		}
	}
	return true
}
