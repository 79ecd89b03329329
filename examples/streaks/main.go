// Command streaks finds the streaks and "since" phrases of China's November
// 2025 trade report in the shipped source data:
//
//	go run ./examples/streaks
//
// It loads examples/data/china-customs.csv and pmi.csv, takes the
// published rates and index as exact monthly series, and prints each phrase
// with the figures behind it.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/exampledata"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	data := flag.String("data", filepath.Join("examples", "data"), "directory holding china-customs.csv and pmi.csv")
	flag.Parse()
	if err := run(os.Stdout, *data); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer, dir string) error {
	ds, err := tradeflow.LoadFile(filepath.Join(dir, "china-customs.csv"), tradeflow.WithReporter("CN"))
	if err != nil {
		return err
	}
	pmi, err := exampledata.PMI(filepath.Join(dir, "pmi.csv"))
	if err != nil {
		return err
	}
	rates := func(code string) (series.Series[series.Percent], error) {
		return tradeflow.Get[series.Percent](ds, tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(code),
			Flow: tradeflow.Exports, Measure: tradeflow.YoYPct})
	}
	nov := series.MustParseMonth("2025-11")

	// 1. "Exports to the U.S. fell 28.6%, the eighth straight month of
	// double-digit declines": a streak over the published y/y rates. The
	// combined January–February release counts once.
	usYoY, err := rates("US")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Exports to the United States, year-on-year change as published (%):")
	for p, v := range usYoY.Slice(series.MustParseMonth("2025-01"), nov).All() {
		fmt.Fprintf(w, "  %-16v %6s\n", p, v.StringFixed(1))
	}
	minus10 := decimal.NewFromInt(-10)
	run := series.Streak(usYoY, nov, func(v decimal.Decimal) bool { return v.LessThan(minus10) })
	fmt.Fprintf(w, "Declines deeper than 10%% ending %v: %d in a row, from %v.\n", nov, run.Len, run.Period.First)
	fmt.Fprintf(w, "  -> the %s straight month of double-digit declines\n\n", exampledata.Ordinal(run.Len))

	// 2. "October exports fell 1.1%, the first contraction since March
	// 2024": the last negative published rate before October 2025.
	wldYoY, err := rates("WLD")
	if err != nil {
		return err
	}
	oct := series.MustParseMonth("2025-10")
	octRate, ok := wldYoY.At(oct)
	if !ok {
		return fmt.Errorf("no published export rate for %v", oct)
	}
	fmt.Fprintf(w, "Total exports, %v, year-on-year: %v%%\n", oct, octRate)
	m, found := series.LastBefore(wldYoY, oct, decimal.Decimal.IsNegative)
	switch {
	case !found:
		fmt.Fprintln(w, "  no earlier contraction in the data")
	case m.Missing > 0:
		fmt.Fprintf(w, "  last contraction before it: %v (%v%%), but %d months between have no figure, so no \"since\" claim\n",
			m.Period, m.Value, m.Missing)
	default:
		fmt.Fprintf(w, "  last contraction before it: %v (%v%%), every month between published\n", m.Period, m.Value)
		fmt.Fprintf(w, "  -> the first contraction since %s %d\n\n", m.Period.Last.Month(), m.Period.Last.Year())
	}

	// 3. "Factory activity shrank for an eighth month": the official
	// manufacturing PMI below 50.
	fifty := decimal.NewFromInt(50)
	below := series.Streak(pmi, nov, func(v decimal.Decimal) bool { return v.LessThan(fifty) })
	v, _ := pmi.At(nov)
	fmt.Fprintf(w, "Official manufacturing PMI, %v: %v\n", nov, v)
	fmt.Fprintf(w, "  below 50 for %d months in a row, from %v\n", below.Len, below.Period.First)
	fmt.Fprintf(w, "  -> factory activity shrank for the %s month in a row\n", exampledata.Ordinal(below.Len))
	return nil
}
