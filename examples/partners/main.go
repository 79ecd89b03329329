// Command partners splits China's exports by market from the shipped data:
// shares of the first eleven months of 2025, and each market's contribution
// to November's growth.
//
//	go run ./examples/partners
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
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	data := flag.String("data", filepath.Join("examples", "data"), "directory holding china-customs.csv")
	flag.Parse()
	if err := run(os.Stdout, *data); err != nil {
		log.Fatal(err)
	}
}

func exports(p string) tradeflow.Key {
	return tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(p), Flow: tradeflow.Exports, Measure: tradeflow.Value}
}

func run(w io.Writer, dir string) error {
	ds, err := tradeflow.LoadFile(filepath.Join(dir, "china-customs.csv"), tradeflow.WithReporter("CN"))
	if err != nil {
		return err
	}
	janNov, _ := series.ParsePeriod("2025-01/2025-11")

	// 1. Shares of January–November 2025 exports, from GACC's table of
	// major partners (USD million). The blocs and the partners listed do
	// not overlap; the rest of the world is what they leave. Cumulative
	// series hold each year-to-date figure at its last month, so the
	// January–November totals are the values at 2025-11.
	total, err := tradeflow.Cumulative[series.USDMillion](ds, exports("WLD"))
	if err != nil {
		return err
	}
	var parts []partner.Part[series.USDMillion]
	for _, p := range []string{"ASEAN", "EU", "US", "HK", "JP", "KR", "RU", "TW", "BR"} {
		s, err := tradeflow.Cumulative[series.USDMillion](ds, exports(p))
		if err != nil {
			return err
		}
		parts = append(parts, partner.Part[series.USDMillion]{Name: p, Series: s})
	}
	shares, err := partner.Shares(series.MonthPeriod(janNov.Last), total, parts)
	if err != nil {
		return err
	}
	// Rounded one by one, the printed shares need not add up to 100;
	// Rounded(1) apportions the last digit by largest remainder so they do.
	toHundred := shares.Rounded(1)
	fmt.Fprintf(w, "China's exports by market, %v (USD mn; total %v)\n", janNov, shares.Total)
	fmt.Fprintf(w, "  %-14s %12s %18s %8s %8s\n", "market", "value", "share (exact)", "rounded", "to 100")
	sum, sumRounded, sumHundred := decimal.Zero, decimal.Zero, decimal.Zero
	for i, s := range shares.Parts {
		r := series.DisplayRounding.Round(s.Share, 1)
		fmt.Fprintf(w, "  %-14s %12s %18s %8s %8s\n", s.Name, s.Value.StringFixed(1), s.Share.StringFixed(13),
			r.StringFixed(1), toHundred.Parts[i].Share.StringFixed(1))
		sum, sumRounded, sumHundred = sum.Add(s.Share), sumRounded.Add(r), sumHundred.Add(toHundred.Parts[i].Share)
	}
	fmt.Fprintf(w, "  %-14s %12s %18s %8s %8s\n\n", "sum", shares.Total.StringFixed(1), sum.StringFixed(13),
		sumRounded.StringFixed(1), sumHundred.StringFixed(1))

	// 2. Contributions to November's growth. Only the U.S. has levels for
	// both Novembers (USD 33,789.1 mn; USD 47.3 bn cited on the release
	// day); the rest of the world is the total less the U.S.
	monthly, err := tradeflow.Get[series.USDMillion](ds, exports("WLD"))
	if err != nil {
		return err
	}
	us, err := tradeflow.Get[series.USDMillion](ds, exports("US"))
	if err != nil {
		return err
	}
	nov := series.MonthPeriod(series.MustParseMonth("2025-11"))
	d, err := partner.Contributions(nov, monthly, []partner.Part[series.USDMillion]{{Name: "U.S.", Series: us}})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Contributions to the growth of exports, %v on %v (percentage points)\n", d.Period, d.BasePeriod)
	for _, c := range d.Parts {
		fmt.Fprintf(w, "  %-14s %v -> %v (USD mn): %s pp\n", c.Name, c.BaseValue, c.Value, c.Points.StringFixed(3))
	}
	fmt.Fprintf(w, "  %-14s %v -> %v (USD mn): %s%%\n", "total growth", d.Total.BaseValue, d.Total.Value, d.Total.Points.StringFixed(3))
	fmt.Fprintf(w, "  %s\n", d.Offset())
	return nil
}
