// Command streaks finds the streaks and "since" phrases of China's November
// 2025 trade report in the shipped source data:
//
//	go run ./examples/streaks
//
// It reads examples/data/china-customs.csv and pmi.csv, builds exact
// monthly series from the published rates and levels, and prints each
// phrase with the figures behind it.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

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
	customs, err := readCSV(filepath.Join(dir, "china-customs.csv"))
	if err != nil {
		return err
	}
	pmiRows, err := readCSV(filepath.Join(dir, "pmi.csv"))
	if err != nil {
		return err
	}
	nov := series.MustParseMonth("2025-11")

	// 1. "Exports to the U.S. fell 28.6%, the eighth straight month of
	// double-digit declines": a streak over the published y/y rates.
	usYoY, err := rates(customs, "X", "US", "yoy_pct")
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Exports to the United States, year-on-year change as published (%):")
	printSeries(w, usYoY.Slice(series.MustParseMonth("2025-01"), nov))
	minus10 := decimal.NewFromInt(-10)
	run := series.Streak(usYoY, nov, func(v decimal.Decimal) bool { return v.LessThan(minus10) })
	fmt.Fprintf(w, "Declines deeper than 10%% ending %v: %d in a row, from %v.\n", nov, run.Len, run.Period.First)
	fmt.Fprintf(w, "  -> the %s straight month of double-digit declines\n\n", ordinal(run.Len))

	// 2. "October exports fell 1.1%, the first contraction since March
	// 2024": the last negative published rate before October 2025.
	wldYoY, err := rates(customs, "X", "WLD", "yoy_pct")
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
	pmi, err := pmiSeries(pmiRows)
	if err != nil {
		return err
	}
	fifty := decimal.NewFromInt(50)
	below := series.Streak(pmi, nov, func(v decimal.Decimal) bool { return v.LessThan(fifty) })
	v, _ := pmi.At(nov)
	fmt.Fprintf(w, "Official manufacturing PMI, %v: %v\n", nov, v)
	fmt.Fprintf(w, "  below 50 for %d months in a row, from %v\n", below.Len, below.Period.First)
	fmt.Fprintf(w, "  -> factory activity shrank for %s month\n", withArticle(ordinal(below.Len)))
	return nil
}

// rates returns the published rates of one flow, partner and measure for
// single months and the combined January–February releases.
func rates(rows [][]string, flow, partner, measure string) (series.Series[series.Percent], error) {
	var b series.Builder[series.Percent]
	for i, r := range rows {
		if r[1] != flow || r[2] != partner || r[3] != "TOTAL" || r[4] != measure {
			continue
		}
		p, err := series.ParsePeriod(r[0])
		if err != nil {
			return series.Series[series.Percent]{}, fmt.Errorf("china-customs.csv:%d: %w", i+2, err)
		}
		if !p.IsMonth() && !(p.First.Month() == 1 && p.Last.Month() == 2) {
			continue // a year-to-date rate, another series
		}
		if err := b.SetCombinedString(p, r[5]); err != nil {
			return series.Series[series.Percent]{}, fmt.Errorf("china-customs.csv:%d: %w", i+2, err)
		}
	}
	return b.Series()
}

func pmiSeries(rows [][]string) (series.Series[series.Index], error) {
	var b series.Builder[series.Index]
	for i, r := range rows {
		m, err := series.ParseMonth(r[0])
		if err == nil {
			err = b.SetString(m, r[2])
		}
		if err != nil {
			return series.Series[series.Index]{}, fmt.Errorf("pmi.csv:%d: %w", i+2, err)
		}
	}
	return b.Series()
}

// readCSV returns the rows of a CSV file after its header.
func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no header", path)
	}
	return rows[1:], nil
}

func printSeries[U series.Unit](w io.Writer, s series.Series[U]) {
	for p, v := range s.All() {
		fmt.Fprintf(w, "  %-16v %6s\n", p, v.StringFixed(1))
	}
}

func ordinal(n int) string {
	words := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
		"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprintf("%dth", n)
}

func withArticle(word string) string {
	if word != "" && (word[0] == 'e' || word[0] == 'a' || word[0] == 'o' || word[0] == 'i' || word[0] == 'u') {
		return "an " + word
	}
	return "a " + word
}
