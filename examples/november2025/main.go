// Command november2025 reproduces the trade figures of a widely read news
// report on China's November 2025 customs data (released 2025-12-08) from
// the shipped, sourced data in examples/data:
//
//	go run ./examples/november2025 [-data examples/data] [-charts charts]
//
// Read it top to bottom, like a notebook. For each figure it prints what
// the report said, what the library computes and from which inputs, how
// (from levels, from published rates, or reconciled with a revised base),
// and the source rows; then it draws three charts. Numbers are written in
// the one format of the module's text and charts: 3,303.5 and −28.6. A published number is never copied into the
// computed column: where the levels cannot reproduce it, the program says
// so and shows what the published figure implies.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/exampledata"
	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	data := flag.String("data", filepath.Join("examples", "data"), "directory of the shipped data")
	charts := flag.String("charts", "charts", "directory to write the charts to (PNG and SVG)")
	flag.Parse()
	if err := run(os.Stdout, *data, *charts); err != nil {
		log.Fatal(err)
	}
}

var (
	nov25 = series.MustParseMonth("2025-11")
	oct25 = series.MustParseMonth("2025-10")
	nov   = series.MonthPeriod(nov25)
	// janNov is the first eleven months of 2025.
	janNov = series.Period{First: series.MustParseMonth("2025-01"), Last: nov25}
)

// notebook holds what the program has loaded, and writes the entries.
type notebook struct {
	w        io.Writer
	customs  *tradeflow.Dataset
	goods    *tradeflow.Dataset
	failures []string

	// Kept for the charts.
	usRates       series.Series[series.Percent]
	usRun         series.Run
	contributions partner.Decomposition
}

// key names a total-trade series of China's.
func key(p string, f tradeflow.Flow, m tradeflow.Measure) tradeflow.Key {
	return tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(p), Flow: f, Measure: m}
}

func goodsKey(c, p string, f tradeflow.Flow, m tradeflow.Measure) tradeflow.Key {
	return tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(p), Commodity: tradeflow.MustParseCommodity(c), Flow: f, Measure: m}
}

func run(w io.Writer, dataDir, chartDir string) error {
	// Step 0. Load the shipped data: every row keeps its source and the
	// release it was printed in, and values stay exactly as printed.
	customs, err := tradeflow.LoadFile(filepath.Join(dataDir, "china-customs.csv"), tradeflow.WithReporter("CN"))
	if err != nil {
		return err
	}
	goods, err := tradeflow.LoadFile(filepath.Join(dataDir, "commodities.csv"), tradeflow.WithReporter("CN"))
	if err != nil {
		return err
	}
	pmi, err := exampledata.PMI(filepath.Join(dataDir, "pmi.csv"))
	if err != nil {
		return err
	}
	nb := &notebook{w: w, customs: customs, goods: goods}
	fmt.Fprintf(w, "China's trade in November 2025, reproduced from %d sourced figures\n", customs.Len()+goods.Len()+pmi.Len())
	fmt.Fprintln(w, strings.Repeat("=", 72))

	steps := []func() error{
		nb.exports, nb.october, nb.imports, nb.unitedStates, nb.unitedStatesYTD,
		nb.partners, nb.firstElevenMonths, nb.rareEarths, nb.soybeans,
		func() error { return nb.factories(pmi) }, nb.surplus,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := nb.charts(chartDir); err != nil {
		return err
	}
	if len(nb.failures) > 0 {
		return fmt.Errorf("figures that do not match the report: %s", strings.Join(nb.failures, "; "))
	}
	return nil
}

// entry prints one figure of the report.
type entry struct {
	n       int
	title   string
	report  string   // what the report said
	library []string // what the library computes
	how     string   // from levels, from published rates, reconciled
	sources []tradeflow.Figure
}

func (nb *notebook) print(e entry) {
	fmt.Fprintf(nb.w, "\n%d. %s\n", e.n, e.title)
	fmt.Fprintf(nb.w, "   report:   %s\n", e.report)
	for i, l := range e.library {
		label := "library:"
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(nb.w, "   %-9s %s\n", label, l)
	}
	fmt.Fprintf(nb.w, "   how:      %s\n", e.how)
	for i, f := range e.sources {
		label := "sources:"
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(nb.w, "   %-9s %s:%d: %v %s %s %s %s %s, printed %v by %s\n", label, f.File, f.Line, f.Period,
			f.Key.Partner, f.Key.Flow.Code(), f.Key.Measure, printed(f), f.Unit, f.Vintage, f.Source)
	}
}

// expect records a figure the library should reproduce at the report's
// rounding (want is a plain decimal, "-28.6"); a mismatch makes the
// program fail.
func (nb *notebook) expect(what string, got decimal.Decimal, places int32, want string) {
	if s := got.Round(places).StringFixed(places); s != want {
		nb.failures = append(nb.failures, fmt.Sprintf("%s: computed %s, report %s", what, number.Fixed(got, places), number.Printed(decimal.RequireFromString(want))))
	}
}

// figure returns the latest vintage of a figure, for the sources.
func (nb *notebook) figure(ds *tradeflow.Dataset, k tradeflow.Key, p series.Period) tradeflow.Figure {
	f, ok := ds.Lookup(k, p)
	if !ok {
		nb.failures = append(nb.failures, fmt.Sprintf("no figure for %v %v", k, p))
	}
	return f
}

// pct writes a change: "+5.8%", "−28.6%".
func pct(v decimal.Decimal, places int32) string { return number.Signed(v, places) + "%" }

// printed writes a figure's value with the decimal places it was printed
// with: "385,907.0".
func printed(f tradeflow.Figure) string { return number.Printed(f.Value) }

// interval writes the range of bases a published rate implies, at the
// precision of the printed levels: "3,118.0–3,120.9".
func interval(b tradeflow.BaseInterval) string {
	return number.Printed(b.LowPrinted) + "–" + number.Printed(b.HighPrinted)
}

// 1. Exports +5.9% in dollar terms, beating a 3.8% forecast.
func (nb *notebook) exports() error {
	x, err := tradeflow.Get[series.USD100M](nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	published := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.YoYPct), nov)
	consensus := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.ConsensusYoYPct), nov)
	// The rate from the two first prints, set beside the published one.
	check, err := tradeflow.CheckRate(x, nov, 12, published.Value, tradeflow.Precision{Rate: 1, Level: 1})
	if err != nil {
		return err
	}
	beat := published.Value.Sub(consensus.Value)
	nb.print(entry{n: 1, title: "Exports, November 2025, year on year",
		report: "+5.9% in U.S. dollar terms; economists expected 3.8% (beaten by 2.1 points)",
		library: []string{
			fmt.Sprintf("%s (%s) from the levels %s (2025-11) and %s (2024-11, first print), USD 100 mn",
				pct(check.Computed, 1), number.Fixed(check.Computed, 2), number.Exact(check.Interval.Current), number.Exact(check.BaseValue)),
			fmt.Sprintf("for the published %s%% to be the rounding of the true rate, 2024-11 must have been revised to %s", printed(published), interval(check.Interval)),
			fmt.Sprintf("beat: %s − %s = %s points, from the published rate and the forecast", printed(published), printed(consensus), number.Fixed(beat, 1)),
		},
		how:     "reconciled: the first prints give 5.8; the published 5.9 compares with a revised November 2024",
		sources: []tradeflow.Figure{nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value), nov), nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(nov25.AddMonths(-12))), published, consensus},
	})
	nb.expect("export beat", beat, 1, "2.1")
	return nil
}

// 2. October exports −1.1%, the first contraction since March 2024.
func (nb *notebook) october() error {
	yoy, err := tradeflow.Get[series.Percent](nb.customs, key("WLD", tradeflow.Exports, tradeflow.YoYPct))
	if err != nil {
		return err
	}
	// The last negative published rate before October 2025; Missing counts
	// months with no rate in between, which would make "since" unsafe.
	m, ok := series.LastBefore(yoy, oct25, decimal.Decimal.IsNegative)
	if !ok || m.Missing != 0 {
		nb.failures = append(nb.failures, "no clean 'since' for October's contraction")
	}
	octRate := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.YoYPct), series.MonthPeriod(oct25))
	since := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.YoYPct), m.Period)
	nb.print(entry{n: 2, title: "October exports",
		report: "−1.1% in October, the first contraction since March 2024",
		library: []string{
			fmt.Sprintf("October %s%%; the last negative rate before it is %v (%s%%), with %d months between lacking a rate",
				printed(octRate), m.Period, number.Printed(m.Value), m.Missing),
			fmt.Sprintf("-> the first contraction since %s %d", m.Period.Last.Month(), m.Period.Last.Year()),
		},
		how:     "from published rates: no October 2024 level was published, so October's rate cannot be recomputed",
		sources: []tradeflow.Figure{octRate, since},
	})
	if m.Period.Last != series.MustParseMonth("2024-03") {
		nb.failures = append(nb.failures, "first contraction since "+m.Period.String())
	}
	return nil
}

// 3. Imports +1.9% (forecast 3%), after +1% in October.
func (nb *notebook) imports() error {
	im, err := tradeflow.Get[series.USD100M](nb.customs, key("WLD", tradeflow.Imports, tradeflow.Value))
	if err != nil {
		return err
	}
	published := nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.YoYPct), nov)
	consensus := nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.ConsensusYoYPct), nov)
	octRate := nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.YoYPct), series.MonthPeriod(oct25))
	check, err := tradeflow.CheckRate(im, nov, 12, published.Value, tradeflow.Precision{Rate: 1, Level: 1})
	if err != nil {
		return err
	}
	nb.print(entry{n: 3, title: "Imports, November 2025, year on year",
		report: "+1.9% (forecast 3%), after +1% in October",
		library: []string{
			fmt.Sprintf("%s (%s) from the levels %s and %s (first print), USD 100 mn",
				pct(check.Computed, 1), number.Fixed(check.Computed, 2), number.Exact(check.Interval.Current), number.Exact(check.BaseValue)),
			fmt.Sprintf("the published %s%% needs 2024-11 revised to %s", printed(published), interval(check.Interval)),
			fmt.Sprintf("below the forecast by %s points; October %s%% as published", number.Fixed(consensus.Value.Sub(published.Value), 1), printed(octRate)),
		},
		how:     "reconciled: the first prints give 1.8; the published 1.9 compares with a revised base; October from the published rate",
		sources: []tradeflow.Figure{nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.Value), nov), published, consensus, octRate},
	})
	return nil
}

// 4. Exports to the U.S. −28.6%, the eighth straight month of double-digit
// declines; imports from the U.S. −19%.
func (nb *notebook) unitedStates() error {
	us, err := tradeflow.Get[series.USDMillion](nb.customs, key("US", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	yoy, gaps := series.YoY(us)
	v, ok := yoy.At(nov25)
	if !ok {
		return fmt.Errorf("U.S. exports: %v", gaps)
	}
	rates, err := tradeflow.Get[series.Percent](nb.customs, key("US", tradeflow.Exports, tradeflow.YoYPct))
	if err != nil {
		return err
	}
	minus10 := decimal.NewFromInt(-10)
	run := series.Streak(rates, nov25, func(v decimal.Decimal) bool { return v.LessThan(minus10) })
	nb.usRates, nb.usRun = rates, run
	imRate := nb.figure(nb.customs, key("US", tradeflow.Imports, tradeflow.YoYPct), nov)
	cur := nb.figure(nb.customs, key("US", tradeflow.Exports, tradeflow.Value), nov)
	base := nb.figure(nb.customs, key("US", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(nov25.AddMonths(-12)))
	nb.print(entry{n: 4, title: "Trade with the United States, November 2025",
		report: "exports −28.6%, the eighth straight month of double-digit declines; imports −19%",
		library: []string{
			fmt.Sprintf("exports %s (%s) from USD %s mn against USD %s bn a year earlier", pct(v, 1), number.Fixed(v, 2), printed(cur), printed(base)),
			fmt.Sprintf("published rates below %s%% for %d months in a row, from %v -> the %s straight month", number.Fixed(minus10, 0), run.Len, run.Period.First, exampledata.Ordinal(run.Len)),
			fmt.Sprintf("imports %s%% as published (no November 2024 level for U.S. imports in the data)", printed(imRate)),
		},
		how:     "exports from levels (the base is the comparator cited on the release day, a later vintage); the streak from published rates; imports published",
		sources: []tradeflow.Figure{cur, base, nb.figure(nb.customs, key("US", tradeflow.Exports, tradeflow.YoYPct), nov), imRate},
	})
	nb.expect("U.S. exports y/y", v, 1, "-28.6")
	if run.Len != 8 {
		nb.failures = append(nb.failures, fmt.Sprintf("U.S. streak %d, report 8", run.Len))
	}
	return nil
}

// 5. Year to date, exports to the U.S. −18.9%, imports from it −13.2%.
func (nb *notebook) unitedStatesYTD() error {
	var lines []string
	var sources []tradeflow.Figure
	for _, f := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
		level := nb.figure(nb.customs, key("US", f, tradeflow.Value), janNov)
		rate := nb.figure(nb.customs, key("US", f, tradeflow.YoYPct), janNov)
		// No January–November 2024 U.S. level was published; the rate
		// says what it must have been.
		iv, err := tradeflow.ImpliedBase(level.Value, rate.Value, tradeflow.Precision{Rate: 1, Level: 1})
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %s%% as published; with Jan–Nov 2025 at USD %s mn, Jan–Nov 2024 must have been USD %s mn",
			f, printed(rate), printed(level), interval(iv)))
		sources = append(sources, level, rate)
	}
	nb.print(entry{n: 5, title: "Trade with the United States, January–November 2025",
		report:  "exports −18.9%, imports −13.2% year to date",
		library: lines,
		how:     "published rates; the 2024 year-to-date U.S. levels are not in any source found, so the library shows the bases they imply",
		sources: sources,
	})
	return nil
}

// 6. ASEAN over 8%, the EU nearly 15%; shrinking U.S. exports more than
// offset by shipments to other markets.
func (nb *notebook) partners() error {
	total, err := tradeflow.Get[series.USDMillion](nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	us, err := tradeflow.Get[series.USDMillion](nb.customs, key("US", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	// The U.S. is the one partner with levels for both Novembers; the rest
	// of the world is the residual, total less the U.S.
	dec, err := partner.Contributions(nov, total, []partner.Part[series.USDMillion]{{Name: "United States", Series: us}})
	if err != nil {
		return err
	}
	nb.contributions = dec
	asean := nb.figure(nb.customs, key("ASEAN", tradeflow.Exports, tradeflow.YoYPct), nov)
	eu := nb.figure(nb.customs, key("EU", tradeflow.Exports, tradeflow.YoYPct), nov)
	usC, row := dec.Parts[0], dec.Residual()
	off := dec.Offset()
	nb.print(entry{n: 6, title: "Exports by market, November 2025",
		report: "to ASEAN up over 8%, to the EU nearly 15%; shrinking U.S. exports were more than offset by shipments to other markets",
		library: []string{
			fmt.Sprintf("ASEAN %s%% and EU %s%% as published (no monthly levels for either in any source found)", printed(asean), printed(eu)),
			fmt.Sprintf("contributions to growth: United States %s pp, rest of world %s pp, total %s",
				number.Signed(usC.Points, 1), number.Signed(row.Points, 1), pct(dec.Total.Points, 2)),
			fmt.Sprintf("losses %s pp, gains %s pp: more than offset: %v",
				number.Signed(off.Losses, 2), number.Signed(off.Gains, 2), off.MoreThanOffset()),
		},
		how:     "contributions from levels (total 3,303.5 vs 3,123.1 first print; U.S. 33,789.1 mn vs 47.3 bn), summing exactly to the total's growth; bloc rates published",
		sources: []tradeflow.Figure{asean, eu},
	})
	nb.expect("U.S. contribution", usC.Points, 1, "-4.3")
	nb.expect("rest-of-world contribution", row.Points, 1, "10.1")
	if !off.MoreThanOffset() {
		nb.failures = append(nb.failures, "the U.S. loss was not more than offset")
	}
	return nil
}

// 7. First eleven months: exports +5.4%, imports −0.6%, surplus $1.076
// trillion, up 21.6%.
func (nb *notebook) firstElevenMonths() error {
	x, err := tradeflow.Cumulative[series.USDMillion](nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	m, err := tradeflow.Cumulative[series.USDMillion](nb.customs, key("WLD", tradeflow.Imports, tradeflow.Value))
	if err != nil {
		return err
	}
	xc, _ := series.YoY(x)
	mc, _ := series.YoY(m)
	xv, okx := xc.At(nov25)
	mv, okm := mc.At(nov25)
	if !okx || !okm {
		return fmt.Errorf("no January–November change")
	}
	bal, gaps := tradeflow.TradeBalance(x, m)
	if len(gaps) > 0 {
		return fmt.Errorf("balance: %v", gaps)
	}
	b25, _ := bal.At(nov25)
	b24, _ := bal.At(nov25.AddMonths(-12))
	change := tradeflow.BalanceMove{From: b24, To: b25}
	up, _ := change.SizeChange()
	mRate := nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.YoYPct), janNov)
	cur, _ := m.At(nov25)
	iv, err := tradeflow.ImpliedBase(cur, mRate.Value, tradeflow.Precision{Rate: 1, Level: 1})
	if err != nil {
		return err
	}
	prior, _ := m.At(nov25.AddMonths(-12))
	trillion := series.Rescale[series.USDBillion](bal)
	tv, _ := trillion.At(nov25)
	xNow := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value), janNov)
	xBefore := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.Value), janNov.Shift(-12))
	nb.print(entry{n: 7, title: "January–November 2025",
		report: "exports +5.4%, imports −0.6%; trade surplus $1.076 trillion, up 21.6%",
		library: []string{
			fmt.Sprintf("exports %s (%s) from the cumulative levels USD %s mn and %s (USD 100 mn) a year earlier", pct(xv, 1), number.Fixed(xv, 2), printed(xNow), printed(xBefore)),
			fmt.Sprintf("imports %s (%s): the published %s%% needs Jan–Nov 2024 revised to USD %s mn (first print %s)", pct(mv, 1), number.Fixed(mv, 2), printed(mRate), interval(iv), number.Fixed(prior, 1)),
			fmt.Sprintf("surplus USD %s mn = $%s trillion; %s from %s to %s (USD mn), %s", number.Exact(b25), number.Fixed(tv.Shift(-3), 3),
				change.Kind(), number.Exact(change.From), number.Exact(change.To), pct(up, 1)),
		},
		how:     "exports and the surplus from levels; imports reconciled with a revised base",
		sources: []tradeflow.Figure{xNow, nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.Value), janNov), xBefore, nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.Value), janNov.Shift(-12)), mRate},
	})
	nb.expect("Jan–Nov exports", xv, 1, "5.4")
	nb.expect("Jan–Nov surplus (USD mn)", b25, 1, "1075848.1")
	nb.expect("Jan–Nov surplus ($ trillion)", tv.Shift(-3), 3, "1.076")
	nb.expect("Jan–Nov surplus growth", up, 1, "21.6")
	return nil
}

// 8. Rare-earth exports 5,494 t, +24%, against 4,343.5 t in October.
func (nb *notebook) rareEarths() error {
	k := goodsKey("RARE_EARTHS", "WLD", tradeflow.Exports, tradeflow.Quantity)
	t, err := tradeflow.Get[series.Tonnes](nb.goods, k)
	if err != nil {
		return err
	}
	yoy, _ := series.YoY(t)
	mom, _ := series.MoM(t)
	v, _ := t.At(nov25)
	y, oky := yoy.At(nov25)
	m, okm := mom.At(nov25)
	if !oky || !okm {
		return fmt.Errorf("rare earths: no change for %v", nov25)
	}
	// The months summed against the printed year to date: revisions show.
	rec, err := tradeflow.CheckTotal(t, janNov, nb.figure(nb.goods, k, janNov).Value)
	if err != nil {
		return err
	}
	nb.print(entry{n: 8, title: "Rare-earth exports, November 2025",
		report: "5,494 t, up 24% on a year earlier, against 4,343.5 t in October",
		library: []string{
			fmt.Sprintf("%s t (prints as %s t): %s (%s) on November 2024, %s on October", number.Exact(v), number.Fixed(v, 0), pct(y, 0), number.Fixed(y, 2), pct(m, 1)),
			fmt.Sprintf("the 2025 months to November sum to %s t against the printed %s t: a difference of %s t",
				number.Exact(rec.Computed), number.Exact(rec.Published), number.Exact(rec.Diff())),
		},
		how:     "from levels (tonnes)",
		sources: []tradeflow.Figure{nb.figure(nb.goods, k, nov), nb.figure(nb.goods, k, nov.Shift(-12)), nb.figure(nb.goods, k, series.MonthPeriod(oct25)), nb.figure(nb.goods, k, janNov)},
	})
	nb.expect("rare earths, t", v, 0, "5494")
	nb.expect("rare earths y/y", y, 1, "24.4")
	nb.expect("rare earths y/y (report's rounding)", y, 0, "24")
	nb.expect("rare earths m/m", m, 1, "26.5")
	return nil
}

// 9. Soybean imports 8.1 Mt, +13%, down from October; a promise to buy 12
// Mt of U.S. soybeans by year-end off to a slow start.
func (nb *notebook) soybeans() error {
	k := goodsKey("SOYBEANS", "WLD", tradeflow.Imports, tradeflow.Quantity)
	s, err := tradeflow.Get[series.MillionTonnes](nb.goods, k)
	if err != nil {
		return err
	}
	yoy, _ := series.YoY(s)
	mom, _ := series.MoM(s)
	v, _ := s.At(nov25)
	y, _ := yoy.At(nov25)
	m, _ := mom.At(nov25)
	usK := goodsKey("SOYBEANS", "US", tradeflow.Imports, tradeflow.Quantity)
	us, err := tradeflow.Get[series.MillionTonnes](nb.goods, usK)
	if err != nil {
		return err
	}
	// The promise counts from November to the end of 2025.
	target := series.Target[series.MillionTonnes]{Amount: decimal.NewFromInt(12),
		Window: series.Period{First: nov25, Last: series.MustParseMonth("2025-12")}}
	prog, err := target.Progress(us, nov25)
	if err != nil {
		return err
	}
	sepNov := series.Period{First: series.MustParseMonth("2025-09"), Last: nov25}
	usSum, err := series.Total(us, sepNov)
	if err != nil {
		return fmt.Errorf("U.S. soybeans: %w", err)
	}
	nb.print(entry{n: 9, title: "Soybean imports, November 2025",
		report: "8.1 million tonnes, up 13% on a year earlier, down from October; 12 Mt of U.S. soybeans promised by year-end",
		library: []string{
			fmt.Sprintf("%s Mt (prints as %s): %s (%s) on November 2024, %s on October", number.Exact(v), number.Fixed(v, 1), pct(y, 0), number.Fixed(y, 2), pct(m, 1)),
			fmt.Sprintf("from the U.S.: %s Mt in September–November; %v", number.Exact(usSum), prog),
		},
		how:     "from levels (million tonnes; the U.S. months were printed as 0 t and convert exactly)",
		sources: []tradeflow.Figure{nb.figure(nb.goods, k, nov), nb.figure(nb.goods, k, nov.Shift(-12)), nb.figure(nb.goods, k, series.MonthPeriod(oct25)), nb.figure(nb.goods, usK, nov)},
	})
	nb.expect("soybeans, Mt", v, 1, "8.1")
	nb.expect("soybeans y/y", y, 1, "13.4")
	nb.expect("soybeans y/y (report's rounding)", y, 0, "13")
	nb.expect("soybeans m/m", m, 1, "-14.5")
	nb.expect("U.S. soybeans Sep–Nov", usSum, 0, "0")
	return nil
}

// 10. Factory activity shrank for an eighth month.
func (nb *notebook) factories(pmi series.Series[series.Index]) error {
	fifty := decimal.NewFromInt(50)
	run := series.Streak(pmi, nov25, func(v decimal.Decimal) bool { return v.LessThan(fifty) })
	v, _ := pmi.At(nov25)
	before, _ := pmi.At(run.Period.First.AddMonths(-1))
	nb.print(entry{n: 10, title: "Official manufacturing PMI, November 2025",
		report: "factory activity shrank for an eighth month",
		library: []string{
			fmt.Sprintf("%s; below %s for %d months in a row, from %v (the month before: %s) -> the %s month in a row",
				number.Exact(v), number.Exact(fifty), run.Len, run.Period.First, number.Exact(before), exampledata.Ordinal(run.Len)),
		},
		how: "from the published index (pmi.csv)",
	})
	if run.Len != 8 {
		nb.failures = append(nb.failures, fmt.Sprintf("PMI streak %d, report 8", run.Len))
	}
	return nil
}

// 11. November's surplus, and the same figures in yuan.
func (nb *notebook) surplus() error {
	xk, mk := key("WLD", tradeflow.Exports, tradeflow.Value), key("WLD", tradeflow.Imports, tradeflow.Value)
	x, err := tradeflow.Get[series.USD100M](nb.customs, xk)
	if err != nil {
		return err
	}
	m, err := tradeflow.Get[series.USD100M](nb.customs, mk)
	if err != nil {
		return err
	}
	b, gaps := tradeflow.TradeBalance(x, m)
	usd, ok := b.At(nov25)
	if !ok {
		return fmt.Errorf("surplus: %v", gaps)
	}
	// The same key holds a second series in yuan: the unit picks it.
	xy, err := tradeflow.Get[series.CNYTrillion](nb.customs, xk)
	if err != nil {
		return err
	}
	my, err := tradeflow.Get[series.CNYTrillion](nb.customs, mk)
	if err != nil {
		return err
	}
	by, gaps := tradeflow.TradeBalance(xy, my)
	cny, ok := by.At(nov25)
	if !ok {
		return fmt.Errorf("surplus in yuan: %v", gaps)
	}
	published := nb.figure(nb.customs, key("WLD", tradeflow.Balance, tradeflow.Value), nov)
	xc := nb.figure(nb.customs, key("WLD", tradeflow.Exports, tradeflow.YoYPctCNY), nov)
	mc := nb.figure(nb.customs, key("WLD", tradeflow.Imports, tradeflow.YoYPctCNY), nov)
	nb.print(entry{n: 11, title: "November 2025 surplus, in dollars and in yuan",
		report: "(the report's figures are in U.S. dollars; the customs also print yuan)",
		library: []string{
			fmt.Sprintf("surplus USD %s (100 mn), exports less imports; printed %s", number.Exact(usd), printed(published)),
			fmt.Sprintf("in yuan: surplus CNY %s tn; exports %s%%, imports %s%% in yuan terms as published", number.Fixed(cny, 2),
				number.Signed(xc.Value, number.Places(xc.Value)), number.Signed(mc.Value, number.Places(mc.Value))),
		},
		how:     "from levels; the yuan rates published (no November 2024 yuan levels in the data)",
		sources: append(nb.customs.Vintages(xk, nov), append(nb.customs.Vintages(mk, nov), published, xc, mc)...),
	})
	nb.expect("November surplus", usd, 1, "1116.8")
	return nil
}
