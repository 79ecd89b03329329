package tfbeam

import (
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// The transforms of this file take a PCollection<KV<tradeflow.Key,
// series.Series[U]>>, such as GroupSeries gives, and apply an operation of
// package series to every series, in the workers' DoFns. Like the
// operations, they leave out the months they have no value for (the
// gaps that series reports are not kept).

// YoY returns the year-on-year change of every series, series.YoY:
// a PCollection<KV<tradeflow.Key, series.Series[series.Percent]>>.
func YoY[U series.Unit](s beam.Scope, col beam.PCollection) beam.PCollection {
	return beam.ParDo(s.Scope("tfbeam.YoY"), &yoyFn[U]{}, col)
}

type yoyFn[U series.Unit] struct{}

func (fn *yoyFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U]) (tradeflow.Key, series.Series[series.Percent]) {
	y, _ := series.YoY(s)
	return k, y
}

// CumOptions say how YearToDate cumulates.
type CumOptions struct {
	// AllowMissing is series.AllowMissing: a year to date with a missing
	// month is the sum of the months there are, rather than no value.
	AllowMissing bool
	// YearStart is series.YearStartingIn, the first month of a (fiscal)
	// year; 0 means January.
	YearStart time.Month
}

func (o CumOptions) options() []series.CumOption {
	var opts []series.CumOption
	if o.AllowMissing {
		opts = append(opts, series.AllowMissing())
	}
	if o.YearStart != 0 {
		opts = append(opts, series.YearStartingIn(o.YearStart))
	}
	return opts
}

// YearToDate returns the year-to-date totals of every series,
// series.YearToDate: a PCollection<KV<tradeflow.Key, series.Series[U]>>.
// It panics if opts.YearStart is not a month.
func YearToDate[U series.Unit](s beam.Scope, col beam.PCollection, opts CumOptions) beam.PCollection {
	opts.options() // panics here, not on a worker
	return beam.ParDo(s.Scope("tfbeam.YearToDate"), &ytdFn[U]{Options: opts}, col)
}

type ytdFn[U series.Unit] struct{ Options CumOptions }

func (fn *ytdFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U]) (tradeflow.Key, series.Series[U]) {
	y, _ := series.YearToDate(s, fn.Options.options()...)
	return k, y
}

// Rolling returns the sums over the n months ending at each month of every
// series, series.Rolling: a PCollection<KV<tradeflow.Key,
// series.Series[U]>>. It panics if n < 1.
func Rolling[U series.Unit](s beam.Scope, col beam.PCollection, n int) beam.PCollection {
	if n < 1 {
		panic("tfbeam: Rolling over fewer than one month")
	}
	return beam.ParDo(s.Scope("tfbeam.Rolling"), &rollingFn[U]{N: n}, col)
}

type rollingFn[U series.Unit] struct{ N int }

func (fn *rollingFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U]) (tradeflow.Key, series.Series[U]) {
	r, _ := series.Rolling(s, fn.N)
	return k, r
}

// A Condition is what a month must satisfy to extend a streak: its value,
// or its year-on-year change, below or above a threshold. "The eighth
// straight month of double-digit declines" is
//
//	Condition{YoY: true, Below: true, Than: decimal.NewFromInt(-10)}
type Condition struct {
	YoY   bool            // test the year-on-year change, in percent, rather than the value
	Below bool            // a month qualifies when below Than; otherwise when above it
	Than  decimal.Decimal // the threshold, exclusive
}

func (c Condition) holds(v decimal.Decimal) bool {
	if c.Below {
		return v.LessThan(c.Than)
	}
	return v.GreaterThan(c.Than)
}

// Streaks returns, for every series, the run of consecutive months that
// satisfy c and end with the series' last month, series.Streak: a
// PCollection<KV<tradeflow.Key, series.Run>>. With c.YoY the run is of the
// changes, series.YoY of the series, still ending with the series' last
// month: a last month without a change (a zero base, no base) has no
// streak.
func Streaks[U series.Unit](s beam.Scope, col beam.PCollection, c Condition) beam.PCollection {
	return beam.ParDo(s.Scope("tfbeam.Streaks"), &streakFn[U]{Condition: c}, col)
}

type streakFn[U series.Unit] struct{ Condition Condition }

func (fn *streakFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U]) (tradeflow.Key, series.Run) {
	if fn.Condition.YoY {
		y, _ := series.YoY(s)
		return k, series.Streak(y, s.Last(), fn.Condition.holds)
	}
	return k, series.Streak(s, s.Last(), fn.Condition.holds)
}

// Months returns, for every reporter, the months its series cover, from
// the first month of the earliest to the last of the latest (as
// tradeflow.Dataset.Months gives them for a file): a
// PCollection<KV<partner.Code, series.Period>>.
func Months[U series.Unit](s beam.Scope, col beam.PCollection) beam.PCollection {
	s = s.Scope("tfbeam.Months")
	return beam.CombinePerKey(s, &monthsFn{}, beam.ParDo(s, &spanFn[U]{}, col))
}

type spanFn[U series.Unit] struct{}

func (fn *spanFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U], emit func(partner.Code, series.Period)) {
	if !s.IsEmpty() {
		emit(k.Reporter, series.Period{First: s.First(), Last: s.Last()})
	}
}

// monthsFn joins periods: the zero Period is none.
type monthsFn struct{}

func (monthsFn) MergeAccumulators(a, b series.Period) series.Period {
	switch {
	case a == series.Period{}:
		return b
	case b == series.Period{}:
		return a
	}
	if b.First.Before(a.First) {
		a.First = b.First
	}
	if b.Last.After(a.Last) {
		a.Last = b.Last
	}
	return a
}

// ZeroFill returns every series with a zero observation for each month of
// its reporter's period that it has no observation for, series.ZeroFill:
// a PCollection<KV<tradeflow.Key, series.Series[U]>>. months is a
// PCollection<KV<partner.Code, series.Period>>, such as Months gives; a
// series whose reporter it lacks is unchanged.
//
// No operation of the library takes a missing month for zero; ZeroFill is
// the caller's decision, by name, that a line with no row in a month
// traded nothing in it.
func ZeroFill[U series.Unit](s beam.Scope, col, months beam.PCollection) beam.PCollection {
	return beam.ParDo(s.Scope("tfbeam.ZeroFill"), &zeroFillFn[U]{}, col, beam.SideInput{Input: months})
}

type zeroFillFn[U series.Unit] struct {
	// The side input, read once: a batch pipeline's global window has one
	// value of it for every element.
	months map[partner.Code]series.Period
}

func (fn *zeroFillFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U], months func(*partner.Code, *series.Period) bool) (tradeflow.Key, series.Series[U]) {
	if fn.months == nil {
		fn.months = readMonths(months)
	}
	return k, series.ZeroFill(s, fn.months[k.Reporter])
}

// readMonths reads a side input of reporters' periods.
func readMonths(iter func(*partner.Code, *series.Period) bool) map[partner.Code]series.Period {
	m := map[partner.Code]series.Period{}
	var c partner.Code
	var p series.Period
	for iter(&c, &p) {
		m[c] = p
	}
	return m
}
