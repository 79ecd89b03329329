package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	tfbeam "github.com/tradeflow-go/tradeflow/beam"
	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// schemaName is the name the SPEC's schema is registered under.
const schemaName = "trade panel"

func init() {
	tfbeam.RegisterSchema(schemaName, panel.Schema)
}

// The pipeline's outputs.
type outputs struct {
	reports   beam.PCollection // report, one a reporter
	dead      beam.PCollection // tfbeam.DeadLetter
	summaries beam.PCollection // tfbeam.Summary, one a file
}

// pipeline adds the SPEC's job over the files glob matches to s.
func pipeline(s beam.Scope, glob string, opts tfbeam.ReadOptions) outputs {
	files := tfbeam.Read[series.USD](s, glob, opts)
	ser, groupDead := tfbeam.GroupSeries[series.USD](s, files)
	months := tfbeam.Months[series.USD](s, ser) // each reporter's file: its first month to its last
	byMonths := beam.SideInput{Input: months}

	// yoy and ytd of every series.
	tallies := beam.ParDo(s, &tallyFn{}, ser, byMonths)

	// V_fp: the sum over hs of the rows, 0 where there is none, for every
	// month of the file (the SPEC's definition: ZeroFill says so by name).
	aggs := tfbeam.AggregateCommodities[series.USD](s, tfbeam.ZeroFill[series.USD](s, ser, months))
	streaks := beam.ParDo(s, &streakFn{}, aggs, byMonths)

	// Contributions of the partners to each flow's growth, a month at a
	// time.
	decs, gaps := tfbeam.Contributions[series.USD](s, aggs, 12)
	checks := beam.ParDo(s, &checkFn{}, decs, byMonths)
	beam.ParDo0(s, checkGap, gaps)

	parts := beam.CombinePerKey(s, &reportFn{}, beam.Flatten(s, tallies, streaks, checks))
	return outputs{
		reports:   beam.ParDo(s, toReport, parts),
		dead:      beam.Flatten(s, files.Dead, groupDead),
		summaries: files.Summaries,
	}
}

// A figures is a part of a reporter's report: what one series, one
// aggregate or one decomposition adds to it.
type figures struct {
	Rows, Series int
	Tally        panel.Tally
	MaxDiff      decimal.Decimal
	Top          []panel.TopPart
	HasTop       bool
	StreakSum    int
	StreakMax    int
}

// The figures travel as JSON, whose decimals are exact strings: a
// decimal.Decimal has no exported fields for Beam's own coder to see.
func encodeFigures(f figures) ([]byte, error) { return json.Marshal(f) }

func decodeFigures(b []byte) (figures, error) {
	var f figures
	err := json.Unmarshal(b, &f)
	return f, err
}

// fileMonths returns the months of each reporter's file. The DoFns read
// the side input once: a batch pipeline's global window has one value of it
// for every element.
func fileMonths(iter func(*partner.Code, *series.Period) bool) map[partner.Code]series.Period {
	m := map[partner.Code]series.Period{}
	var c partner.Code
	var p series.Period
	for iter(&c, &p) {
		m[c] = p
	}
	return m
}

// tallyFn gives a series' yoy and ytd figures, as panel.SeriesTally
// defines them.
type tallyFn struct {
	months map[partner.Code]series.Period
}

func (fn *tallyFn) ProcessElement(k tradeflow.Key, s series.Series[series.USD], months func(*partner.Code, *series.Period) bool) (partner.Code, figures, error) {
	if fn.months == nil {
		fn.months = fileMonths(months)
	}
	t, err := panel.SeriesTally(s, fn.months[k.Reporter])
	if err != nil {
		return k.Reporter, figures{}, fmt.Errorf("%v: %w", k, err)
	}
	return k.Reporter, figures{Rows: s.Len(), Series: 1, Tally: t}, nil
}

// streakFn gives the streak of a partner aggregate, panel.Streak.
type streakFn struct {
	months map[partner.Code]series.Period
}

func (fn *streakFn) ProcessElement(k tradeflow.Key, v series.Series[series.USD], months func(*partner.Code, *series.Period) bool) (partner.Code, figures) {
	if fn.months == nil {
		fn.months = fileMonths(months)
	}
	n := panel.Streak(v, fn.months[k.Reporter].Last)
	return k.Reporter, figures{StreakSum: n, StreakMax: n}
}

// checkFn gives a decomposition's difference from the total's growth
// (panel.MaxDiff), and for exports in the file's last month the three
// largest contributions (panel.Top3).
type checkFn struct {
	months map[partner.Code]series.Period
}

func (fn *checkFn) ProcessElement(k tradeflow.Key, d partner.Decomposition, months func(*partner.Code, *series.Period) bool) (partner.Code, figures, error) {
	if fn.months == nil {
		fn.months = fileMonths(months)
	}
	f := figures{MaxDiff: panel.MaxDiff(d)}
	if k.Flow == tradeflow.Exports && d.Period == series.MonthPeriod(fn.months[k.Reporter].Last) {
		// The SPEC prints the two letters its files have: alpha-2 for a
		// partner the tables list (GG is Guernsey, GGY in alpha-3), the
		// letters themselves for one they do not.
		d.Parts = slices.Clone(d.Parts)
		for i, c := range d.Parts {
			if c.Residual {
				continue
			}
			code, err := partner.ParseUnlisted(c.Name)
			if err != nil {
				return k.Reporter, f, err
			}
			d.Parts[i].Name = code.Alpha2()
		}
		f.Top, f.HasTop = panel.Top3(d), true
	}
	return k.Reporter, f, nil
}

// checkGap fails on a month that has no decomposition, but for one whose
// base total is zero, which the SPEC leaves out (examples/panel skips it;
// it fails on any other).
func checkGap(g tfbeam.Gap) error {
	if g.Name == "total" && g.Reason == series.BaseZero && g.Cause == g.Period.Shift(-12) {
		return nil
	}
	return fmt.Errorf("%v %v: %s", g.Key, g.Period, g.Err)
}

// reportFn puts the figures of a reporter together.
type reportFn struct{}

func (reportFn) MergeAccumulators(a, b figures) figures {
	a.Rows += b.Rows
	a.Series += b.Series
	a.Tally = a.Tally.Add(b.Tally)
	if b.MaxDiff.GreaterThan(a.MaxDiff) {
		a.MaxDiff = b.MaxDiff
	}
	if b.HasTop {
		a.Top, a.HasTop = b.Top, true
	}
	a.StreakSum += b.StreakSum
	a.StreakMax = max(a.StreakMax, b.StreakMax)
	return a
}

// A report is a reporter's lines, as written to reports.jsonl.
type report struct {
	Reporter string `json:"reporter"`
	Lines    string `json:"lines"` // the SPEC's lines, each ending in a newline
}

func toReport(c partner.Code, f figures) report {
	r := panel.Report{
		Rows: f.Rows, Series: f.Series,
		YoYCount: f.Tally.YoYCount, YoYSum: f.Tally.YoYSum, YTDSum: f.Tally.YTDSum,
		ContribMaxDiff: f.MaxDiff, Top: f.Top,
		StreakSum: f.StreakSum, StreakMax: f.StreakMax,
	}
	name := c.Alpha2()
	if name == "" {
		name = c.String()
	}
	return report{Reporter: name, Lines: r.String()}
}

func init() {
	beam.RegisterCoder(reflect.TypeFor[figures](), encodeFigures, decodeFigures)
	beam.RegisterType(reflect.TypeFor[report]())
	beam.RegisterType(reflect.TypeFor[tallyFn]())
	beam.RegisterType(reflect.TypeFor[streakFn]())
	beam.RegisterType(reflect.TypeFor[checkFn]())
	beam.RegisterFunction(checkGap)
	beam.RegisterType(reflect.TypeFor[reportFn]())
	beam.RegisterFunction(toReport)
}
