// Command panel runs the trade-panel workload of the shared benchmark
// (shared/bench/SPEC.md) over a customs detail file: year-on-year change and
// year-to-date totals of every series, partner aggregates, contributions to
// growth and streaks, all exact.
//
//	go run ./examples/panel panel.csv
//	gen -rows 1000000 -seed 1 | go run ./examples/panel
//
// It reads the SPEC's CSV (from the path given, or standard input; gzip
// too) and prints the SPEC's lines:
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
// Everything is the library's public API, as any user could write it: the
// file is read by tradeflow.Read through a schema, its series come as
// panels from tradeflow.Panels, and every figure comes from the panels'
// YoY, Round, YearToDate, Total, ZeroFill and Aggregate (the series
// operations of those names, on many series at once), series.Add,
// partner.Contributions and series.Streak. The program's own part is the
// job: which series to add up, and goroutines to share the series out
// among the cores. The SPEC's definitions — the schema, the
// figures of one series, of one decomposition and of one aggregate, the
// lines printed — are in internal/panel, which the Beam pipeline
// (beam/examples/panel) shares.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/maphash"
	"io"
	"log"
	"os"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "goroutines for reading and for the per-series work")
	timings := flag.Bool("timings", false, "print the time of each phase on standard error")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: panel [-workers n] [-timings] [file.csv]  (standard input without a file)")
		flag.PrintDefaults()
	}
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("panel: ")
	in, name := io.Reader(os.Stdin), "stdin"
	switch flag.NArg() {
	case 0:
	case 1:
		f, err := os.Open(flag.Arg(0))
		if err != nil {
			log.Fatal(err)
		}
		defer f.Close()
		in, name = f, flag.Arg(0)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if *timings {
		start := time.Now()
		phase = func(what string) {
			now := time.Now()
			fmt.Fprintf(os.Stderr, "%-9s %v\n", what, now.Sub(start).Round(time.Millisecond))
			start = now
		}
	}
	if err := run(context.Background(), os.Stdout, in, name, *workers); err != nil {
		log.Fatal(err)
	}
}

// phase reports the end of a phase of the work (-timings).
var phase = func(string) {}

// schema is the SPEC's file: period, reporter, partner, flow, hs,
// value_usd, qty_kg (which the job does not use). See panel.Schema.
func schema() tradeflow.Schema { return panel.Schema() }

// run reads the SPEC's CSV from r and writes the SPEC's report to w, with
// workers goroutines (one a core if workers < 1).
func run(ctx context.Context, w io.Writer, r io.Reader, name string, workers int) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	ds, err := tradeflow.Read(ctx, r, name, schema(), tradeflow.Workers(workers))
	if err != nil {
		return err
	}
	phase("read")
	// The read leaves garbage behind (its blocks, the rows' keys) and the
	// collector's goal is twice what was live at its last cycle, which may
	// have been mid-read: one collection now sets the goal from what the
	// per-series pass keeps, the dataset, so the heap does not grow to
	// twice the read's peak while that pass makes its garbage.
	runtime.GC()
	rep, err := compute(ds, workers)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, rep.String())
	return err
}

// A report holds the SPEC's figures; its String method prints the SPEC's
// lines (package panel defines them for every program that runs the job).
type report = panel.Report

// A flowPartner is the aggregate V_fp of one flow and partner: the sum over
// HS codes, every month of the file.
type flowPartner struct {
	flow    tradeflow.Flow
	partner partner.Code
	v       series.Series[series.USD]
}

// compute computes the report from the dataset, with workers goroutines
// for the per-series pass.
func compute(ds *tradeflow.Dataset, workers int) (report, error) {
	rep := report{Rows: ds.Summary().Rows}
	if ds.Len() == 0 {
		return rep, errors.New("no data rows")
	}
	file := ds.Months()

	fps, t, err := perSeries(ds, file, workers)
	if err != nil {
		return rep, err
	}
	rep.Series, rep.YoYCount, rep.YoYSum, rep.YTDSum = t.series, t.YoYCount, t.YoYSum, t.YTDSum
	phase("series")

	// Contributions of the partners to each flow's growth.
	for _, flow := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
		if err := contributions(&rep, flow, partsOf(fps, flow), file); err != nil {
			return rep, err
		}
	}
	phase("contrib")

	rep.StreakSum, rep.StreakMax = streaks(fps, file.Last)
	phase("streaks")
	return rep, nil
}

// A share is one worker's part of the per-series pass: the aggregates of
// its flow–partner pairs, and its tally.
type share struct {
	fps    []flowPartner
	series int
	panel.Tally
}

// A pair is a flow–partner pair of one reporter: the series an aggregate
// V_fp adds up.
type pair struct {
	reporter, partner partner.Code
	flow              tradeflow.Flow
}

func pairOf(k tradeflow.Key) pair { return pair{k.Reporter, k.Partner, k.Flow} }

// panelSize is the number of series in a panel: a few megabytes of values,
// within the processor's caches, for the panel and each result.
const panelSize = 4096

// perSeries computes yoy and ytd of every series and the aggregate V_fp of
// every flow–partner pair. The pairs are shared out among workers
// goroutines by a hash: each reads its own pairs' series with
// tradeflow.Panels, in key order (reporter, flow, partner, then hs), so that
// a pair's series come one after another.
func perSeries(ds *tradeflow.Dataset, file series.Period, workers int) ([]flowPartner, share, error) {
	seed := maphash.MakeSeed()
	shares := make([]share, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := func(k tradeflow.Key) bool {
				return maphash.Comparable(seed, pairOf(k))%uint64(workers) == uint64(w)
			}
			errs[w] = shares[w].add(ds, mine, file)
		}()
	}
	wg.Wait()
	var all share
	for w := range workers {
		if errs[w] != nil {
			return nil, all, errs[w]
		}
		all.fps = append(all.fps, shares[w].fps...)
		all.series += shares[w].series
		all.Tally = all.Tally.Add(shares[w].Tally)
	}
	// In the order of the keys, whatever the number of workers.
	slices.SortFunc(all.fps, func(a, b flowPartner) int {
		return cmp.Or(cmp.Compare(a.flow, b.flow), a.partner.Compare(b.partner))
	})
	return all.fps, all, nil
}

// add adds the series whose keys mine selects to sh: the yoy and ytd figures
// of each, and the aggregates of their flow–partner pairs.
func (sh *share) add(ds *tradeflow.Dataset, mine func(tradeflow.Key) bool, file series.Period) error {
	panels, err := tradeflow.Panels[series.USD](ds, mine, panelSize)
	if err != nil {
		return err
	}
	var (
		tally panel.Adder
		last  pair  // the pair of the last aggregate in sh.fps
		group []int // each series' pair, as an index into pairs
		pairs []tradeflow.Key
	)
	for keys, p := range panels {
		// yoy and ytd, as panel.SeriesTally defines them.
		st, err := panel.PanelTally(p, file)
		if err != nil {
			return err
		}
		tally.Add(st)
		sh.series += p.Len()

		// V_fp(t) is "the sum over hs of the rows at t (0 where there is
		// none, for every month from the first to the last of the file)":
		// the SPEC's definition, not the library's, which never takes a
		// missing month for zero. ZeroFill says so, by name.
		group, pairs = group[:0], pairs[:0]
		for i, k := range keys {
			if i == 0 || pairOf(k) != pairOf(keys[i-1]) {
				pairs = append(pairs, k)
			}
			group = append(group, len(pairs)-1)
		}
		filled := p.ZeroFill(file)
		sums := filled.Aggregate(group)
		for g, k := range pairs {
			v := sums.Series(g)
			if v.Len() != file.Len() {
				// A month a member could not be added in (a combined
				// figure among single months): series.Add says which.
				return fmt.Errorf("aggregate %v: %v", k, gapsOf(filled, group, g))
			}
			if n := len(sh.fps); n > 0 && last == pairOf(k) {
				// The pair began in the panel before.
				sum, gaps := series.Add(sh.fps[n-1].v, v)
				if gaps != nil {
					return fmt.Errorf("aggregate %v: %v", k, gaps)
				}
				sh.fps[n-1].v = sum
				continue
			}
			sh.fps = append(sh.fps, flowPartner{k.Flow, k.Partner, v})
			last = pairOf(k)
		}
	}
	sh.Tally = tally.Tally()
	return nil
}

// gapsOf returns the gaps of series.Add of the series of p in group g.
func gapsOf(p series.Panel[series.USD], group []int, g int) series.Gaps {
	var members []series.Series[series.USD]
	for i, gi := range group {
		if gi == g {
			members = append(members, p.Series(i))
		}
	}
	_, gaps := series.Add(members[0], members[1:]...)
	return gaps
}

// partsOf returns the aggregates of one flow as parts of its total.
func partsOf(fps []flowPartner, flow tradeflow.Flow) []partner.Part[series.USD] {
	var parts []partner.Part[series.USD]
	for _, fp := range fps {
		if fp.flow == flow {
			// The SPEC prints the two letters its files have: alpha-2
			// for a partner the tables list (GG is Guernsey, GGY in
			// alpha-3), the letters themselves for one they do not.
			parts = append(parts, partner.Part[series.USD]{Name: fp.partner.Alpha2(), Series: fp.v})
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
	for _, fp := range fps {
		n := panel.Streak(fp.v, last)
		sum += n
		longest = max(longest, n)
	}
	return sum, longest
}

// contributions adds the contribution figures of one flow to rep: the
// largest difference between the partners' contributions and the total's
// growth, and, for exports, the three largest contributions in the last
// month.
func contributions(rep *report, flow tradeflow.Flow, parts []partner.Part[series.USD], file series.Period) error {
	if len(parts) == 0 {
		return nil // no row of this flow
	}
	// T_f(t) = Σ_p V_fp(t). Every V_fp has every month of the file, so the
	// sum has no gaps.
	total, gaps := series.Add(parts[0].Series, seriesOf(parts[1:])...)
	if gaps != nil {
		return fmt.Errorf("%v: total: %v", flow, gaps)
	}
	for i := 12; i < file.Len(); i++ {
		t := file.First.AddMonths(i)
		base, _ := total.At(t.AddMonths(-12))
		if base.IsZero() {
			continue // the SPEC leaves out months whose base total is zero
		}
		// Contributions also refuses a total of zero in t itself, whose
		// shares are undefined; that would be a flow with no trade at all
		// in a month, and is reported rather than skipped.
		d, err := partner.Contributions(series.MonthPeriod(t), total, parts)
		if err != nil {
			return fmt.Errorf("%v: %w", flow, err)
		}
		// Σ_p C_p(t) against the total's growth (panel.MaxDiff).
		if diff := panel.MaxDiff(d); diff.GreaterThan(rep.ContribMaxDiff) {
			rep.ContribMaxDiff = diff
		}
		if flow == tradeflow.Exports && t == file.Last {
			rep.Top = panel.Top3(d)
		}
	}
	return nil
}

func seriesOf(parts []partner.Part[series.USD]) []series.Series[series.USD] {
	ss := make([]series.Series[series.USD], len(parts))
	for i, pt := range parts {
		ss[i] = pt.Series
	}
	return ss
}
