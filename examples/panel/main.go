// Command panel runs the trade-panel workload of the shared benchmark
// (shared/bench/SPEC.md) over a customs detail file: year-on-year change and
// year-to-date totals of every series, partner aggregates, contributions to
// growth and streaks, all exact.
//
//	go run ./examples/panel panel.csv
//	gen -rows 1000000 -seed 1 | go run ./examples/panel
//
// It reads the SPEC's CSV as a stream (from the path given, or standard
// input) and prints the SPEC's lines:
//
//	rows=…
//	series=…
//	yoy_count=…
//	yoy_sum=…
//	ytd_sum=…
//	contrib_maxdiff=…
//	top_x_last=…
//	streak_sum=…
//	streak_max=…
//
// The parsing is the program's own (read.go: one known format, parsed on
// every core); every figure is computed by the library's public API —
// series.YoY, series.YearToDate, series.Total, series.Add,
// partner.Contributions, series.Streak — as any user could write it.
package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines for parsing and for the per-series work")
	timings := flag.Bool("timings", false, "print the time of each phase on standard error")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: panel [-workers n] [file.csv]  (standard input without a file)")
		flag.PrintDefaults()
	}
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("panel: ")
	in := io.Reader(os.Stdin)
	switch flag.NArg() {
	case 0:
	case 1:
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		in = f
	default:
		flag.Usage()
		os.Exit(2)
	}
	if *timings {
		phase = func(name string) {
			now := time.Now()
			fmt.Fprintf(os.Stderr, "%-9s %v\n", name, now.Sub(phaseStart).Round(time.Millisecond))
			phaseStart = now
		}
	}
	if err := run(os.Stdout, in, *workers); err != nil {
		log.Fatal(err)
	}
}

// phase reports the end of a phase of the work (-timings).
var (
	phase      = func(string) {}
	phaseStart = time.Now()
)

// run reads the SPEC's CSV from r and writes the SPEC's report to w.
// workers < 1 means one a core.
func run(w io.Writer, r io.Reader, workers int) error {
	p, err := readPanel(r, workers)
	if err != nil {
		return err
	}
	phase("read")
	rep, err := compute(p, workers)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, rep.String())
	return err
}

// A report holds the SPEC's figures.
type report struct {
	rows, series   int
	yoyCount       int
	yoySum, ytdSum decimal.Decimal
	contribMaxDiff decimal.Decimal
	top            []topPart
	streakSum      int
	streakMax      int
}

type topPart struct {
	name   string
	points decimal.Decimal // rounded half away from zero to 3 places
}

func (r report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rows=%d\n", r.rows)
	fmt.Fprintf(&b, "series=%d\n", r.series)
	fmt.Fprintf(&b, "yoy_count=%d\n", r.yoyCount)
	fmt.Fprintf(&b, "yoy_sum=%s\n", r.yoySum.StringFixed(1))
	fmt.Fprintf(&b, "ytd_sum=%s\n", r.ytdSum.StringFixed(2))
	fmt.Fprintf(&b, "contrib_maxdiff=%s\n", r.contribMaxDiff.StringFixed(6))
	tops := make([]string, len(r.top))
	for i, t := range r.top {
		sign := "+"
		if t.points.IsNegative() {
			sign = ""
		}
		tops[i] = t.name + ":" + sign + t.points.StringFixed(3)
	}
	fmt.Fprintf(&b, "top_x_last=%s\n", strings.Join(tops, ";"))
	fmt.Fprintf(&b, "streak_sum=%d\n", r.streakSum)
	fmt.Fprintf(&b, "streak_max=%d\n", r.streakMax)
	return b.String()
}

// A flowPartner is the aggregate V_fp of one flow and partner: the sum over
// HS codes, every month of the file.
type flowPartner struct {
	flow    byte
	partner string
	v       series.Series[series.USD]
}

// tally is what the per-series pass adds up.
type tally struct {
	yoyCount       int
	yoySum, ytdSum decimal.Decimal
}

// compute computes the report from the panel, with workers goroutines for
// the per-series pass (one a core if workers < 1).
func compute(p *panel, workers int) (report, error) {
	rep := report{rows: p.rows, series: len(p.keys)}
	if p.rows == 0 {
		return rep, errors.New("no data rows")
	}
	first, last := epoch.AddMonths(int(p.first)), epoch.AddMonths(int(p.last))

	fps, t, err := perSeries(p, workers)
	if err != nil {
		return rep, err
	}
	rep.yoyCount, rep.yoySum, rep.ytdSum = t.yoyCount, t.yoySum, t.ytdSum
	phase("series")

	// Contributions of the partners to each flow's growth.
	for _, flow := range []byte{'M', 'X'} { // the order does not change the figures
		if err := contributions(&rep, flow, partsOf(fps, flow), first, last); err != nil {
			return rep, err
		}
	}
	phase("contrib")

	rep.streakSum, rep.streakMax = streaks(fps, last)
	phase("streaks")
	return rep, nil
}

// perSeries computes yoy and ytd of every series and the aggregate of every
// flow–partner pair, the pairs shared out among workers goroutines.
func perSeries(p *panel, workers int) ([]flowPartner, tally, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	first, last := epoch.AddMonths(int(p.first)), epoch.AddMonths(int(p.last))

	// The series of each flow–partner pair, HS codes in order.
	ids := make([]int32, len(p.keys))
	for i := range ids {
		ids[i] = int32(i)
	}
	slices.SortFunc(ids, func(a, b int32) int { return cmp.Compare(p.keys[a], p.keys[b]) })
	var groups [][]int32
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && p.keys[ids[j]].group() == p.keys[ids[i]].group() {
			j++
		}
		groups = append(groups, ids[i:j])
		i = j
	}

	fps := make([]flowPartner, len(groups))
	tallies := make([]tally, workers)
	errs := make([]error, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sw := newSeriesWork(p, first, last)
			for {
				g := int(next.Add(1) - 1)
				if g >= len(groups) {
					break
				}
				v, err := sw.group(groups[g])
				if err != nil {
					errs[w] = err
					return
				}
				k := p.keys[groups[g][0]]
				fps[g] = flowPartner{k.flow(), k.partner(), v}
			}
			tallies[w] = sw.tally
		}()
	}
	wg.Wait()
	var t tally
	for w := range workers {
		if errs[w] != nil {
			return nil, t, errs[w]
		}
		t.yoyCount += tallies[w].yoyCount
		t.yoySum = t.yoySum.Add(tallies[w].yoySum)
		t.ytdSum = t.ytdSum.Add(tallies[w].ytdSum)
	}
	return fps, t, nil
}

// partsOf returns the aggregates of one flow as parts of its total.
func partsOf(fps []flowPartner, flow byte) []partner.Part[series.USD] {
	var parts []partner.Part[series.USD]
	for _, fp := range fps {
		if fp.flow == flow {
			parts = append(parts, partner.Part[series.USD]{Name: fp.partner, Series: fp.v})
		}
	}
	return parts
}

// streaks returns the sum and the largest of the streaks of declines deeper
// than 10% in each V_fp, ending at the last month of the file. V_fp is
// zero-filled, so a month whose base is zero has no change (series.YoY
// reports it as a gap) and ends the streak, and so does every month within a
// year of the file's first, which has no base.
func streaks(fps []flowPartner, last series.Month) (sum, longest int) {
	minus10 := decimal.NewFromInt(-10)
	below := func(v decimal.Decimal) bool { return v.LessThan(minus10) }
	for _, fp := range fps {
		yoy, _ := series.YoY(fp.v) // the gaps are the months without a change
		run := series.Streak(yoy, last, below)
		sum += run.Len
		longest = max(longest, run.Len)
	}
	return sum, longest
}

// contributions adds the contribution figures of one flow to rep: the
// largest difference between the partners' contributions and the total's
// growth, and, for exports, the three largest contributions in the last
// month.
func contributions(rep *report, flow byte, parts []partner.Part[series.USD], first, last series.Month) error {
	if len(parts) == 0 {
		return nil // no row of this flow
	}
	// T_f(t) = Σ_p V_fp(t). Every V_fp has every month of the file, so the
	// sum has no gaps.
	total, gaps := series.Add(parts[0].Series, seriesOf(parts[1:])...)
	if gaps != nil {
		return fmt.Errorf("flow %c: total: %v", flow, gaps)
	}
	for t := first.AddMonths(12); !t.After(last); t = t.AddMonths(1) {
		base, _ := total.At(t.AddMonths(-12))
		if base.IsZero() {
			continue // the SPEC leaves out months whose base total is zero
		}
		// Contributions also refuses a total of zero in t itself, whose
		// shares are undefined; that would be a flow with no trade at all
		// in a month, and is reported rather than skipped.
		d, err := partner.Contributions(series.MonthPeriod(t), total, parts)
		if err != nil {
			return fmt.Errorf("flow %c: %w", flow, err)
		}
		// Σ_p C_p(t), the residual (the total less the listed partners, here
		// zero) left out, against the total's growth.
		sum := decimal.Zero
		for _, c := range d.Parts {
			if !c.Residual {
				sum = sum.Add(c.Points)
			}
		}
		if diff := sum.Sub(d.Total.Points).Abs(); diff.GreaterThan(rep.contribMaxDiff) {
			rep.contribMaxDiff = diff
		}
		if flow == 'X' && t == last {
			rep.top = top3(d, t)
		}
	}
	return nil
}

// top3 returns the three partners with the largest contributions, the
// larger code first on a tie (as the SPEC's reference sorts). Contributions
// share one denominator, the total's base, so they are ordered as their
// exact changes are (reversed if the base is negative).
func top3(d partner.Decomposition, t series.Month) []topPart {
	parts := slices.DeleteFunc(slices.Clone(d.Parts), func(c partner.Contribution) bool { return c.Residual })
	sign := d.Total.BaseValue.Sign()
	slices.SortFunc(parts, func(a, b partner.Contribution) int {
		if c := b.Diff.Cmp(a.Diff) * sign; c != 0 {
			return c
		}
		return strings.Compare(b.Name, a.Name)
	})
	var top []topPart
	for _, c := range parts[:min(3, len(parts))] {
		top = append(top, topPart{c.Name, displayPoints(c.Diff, d.Total.BaseValue)})
	}
	return top
}

// displayPoints returns 100 × change ÷ base, the contribution in percentage
// points, rounded half away from zero to 3 places.
//
// A Contribution's Points are apportioned by largest remainder so that they
// add up (each is its quotient rounded down or up), which is right for sums
// but not for display rounding: a quotient just below …0.0005 could be
// rounded up to it. series.Quo divides as the library's rounding to odd
// says (as series.Share does), which makes display rounding to 3 places
// exact.
func displayPoints(change, base decimal.Decimal) decimal.Decimal {
	v, _ := series.Quo(change.Shift(2), base) // base is not zero: Contributions refused it otherwise
	return series.DisplayRounding.Round(v, 3)
}

func seriesOf(parts []partner.Part[series.USD]) []series.Series[series.USD] {
	ss := make([]series.Series[series.USD], len(parts))
	for i, pt := range parts {
		ss[i] = pt.Series
	}
	return ss
}

// seriesWork is one worker's state for the per-series pass.
type seriesWork struct {
	p           *panel
	first, last series.Month
	yoyFrom     series.Month // the first month that can have a change: first + 12
	obs, filled series.Builder[series.USD]
	hs          []series.Series[series.USD]
	tally
}

func newSeriesWork(p *panel, first, last series.Month) *seriesWork {
	return &seriesWork{p: p, first: first, last: last, yoyFrom: first.AddMonths(12)}
}

// group computes the yoy and ytd figures of the series of one flow–partner
// pair, adds them to the tally, and returns the pair's aggregate V_fp.
func (sw *seriesWork) group(ids []int32) (series.Series[series.USD], error) {
	sw.hs = sw.hs[:0]
	for _, id := range ids {
		s, zs, err := sw.build(id)
		if err != nil {
			return series.Series[series.USD]{}, err
		}
		sw.hs = append(sw.hs, zs)

		// yoy: defined where the series has the month and the month a
		// year before, and that base is not zero; series.YoY leaves the
		// other months out (its gaps say why). Each change is rounded to
		// one decimal, half away from zero, and summed.
		yoy, _ := series.YoY(s)
		sw.yoyCount += yoy.Len()
		if !sw.yoyFrom.After(sw.last) {
			sum, _ := series.Total(yoy.Round(1), series.Period{First: sw.yoyFrom, Last: sw.last}, series.AllowMissing())
			sw.yoySum = sw.yoySum.Add(sum)
		}

		// ytd: the SPEC sums the rows there are from January, so a year with
		// a missing month still has totals (AllowMissing; reason Partial).
		// There is one total per row; ytd_sum adds them all up.
		ytd, _ := series.YearToDate(s, series.AllowMissing())
		sum, _ := series.Total(ytd, series.Period{First: sw.first, Last: sw.last}, series.AllowMissing())
		sw.ytdSum = sw.ytdSum.Add(sum)
	}
	// V_fp(t) = Σ_hs v(t), over the rows there are.
	v, gaps := series.Add(sw.hs[0], sw.hs[1:]...)
	if gaps != nil {
		k := sw.p.keys[ids[0]]
		return v, fmt.Errorf("aggregate %c/%s: %v", k.flow(), k.partner(), gaps)
	}
	return v, nil
}

// build returns series id as observed (missing months missing), and
// zero-filled over every month of the file.
//
// The zero-filled series is the SPEC's definition of the partner aggregate,
// not the library's: V_fp(t) is "the sum over hs of the rows at t (0 where
// there is none, for every month from the first to the last of the file)".
// The library never takes a missing month for zero — series.Add gives no
// value for a month that any operand lacks — so the program says here, in
// the open, that for this sum a missing row counts as zero.
func (sw *seriesWork) build(id int32) (obs, filled series.Series[series.USD], err error) {
	sw.obs.Reset()
	sw.filled.Reset()
	m := sw.first
	for c := sw.p.first; c <= sw.p.last; c++ {
		v, ok := sw.p.value(id, c)
		if ok {
			sw.obs.SetInt(m, v, -2) // cents
		}
		sw.filled.SetInt(m, v, -2) // 0 where there is no row
		m = m.AddMonths(1)
	}
	if obs, err = sw.obs.Series(); err != nil {
		return obs, filled, err
	}
	filled, err = sw.filled.Series()
	return obs, filled, err
}
