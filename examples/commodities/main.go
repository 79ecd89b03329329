// Command commodities follows two goods of China's trade in physical
// units, from the shipped data: rare-earth exports and soybean imports.
//
//	go run ./examples/commodities
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func main() {
	data := flag.String("data", filepath.Join("examples", "data"), "directory holding commodities.csv")
	flag.Parse()
	if err := run(os.Stdout, *data); err != nil {
		log.Fatal(err)
	}
}

func key(c, p string, f tradeflow.Flow, m tradeflow.Measure) tradeflow.Key {
	return tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(p), Commodity: tradeflow.MustParseCommodity(c), Flow: f, Measure: m}
}

func run(w io.Writer, dir string) error {
	ds, err := tradeflow.LoadFile(filepath.Join(dir, "commodities.csv"), tradeflow.WithReporter("CN"))
	if err != nil {
		return err
	}
	if err := rareEarths(w, ds); err != nil {
		return err
	}
	return soybeans(w, ds)
}

// changes prints each observation of s from a month on, with its change on
// a year and on a month earlier where those are defined, and why not where
// they are not.
func changes[U series.Unit](w io.Writer, s series.Series[U], from series.Month) {
	yoy, yg := series.YoY(s)
	mom, mg := series.MoM(s)
	for p, v := range s.Slice(from, s.Last()).All() {
		fmt.Fprintf(w, "  %-16v %10v  y/y %s  m/m %s\n", p, v, rate(yoy, yg, p), rate(mom, mg, p))
	}
}

func rate(s series.Series[series.Percent], gaps series.Gaps, p series.Period) string {
	if q, v, ok := s.Covering(p.Last); ok && q == p {
		return fmt.Sprintf("%+7.1f%%", v.Round(1).InexactFloat64())
	}
	if g, ok := gaps.Find(p.Last); ok {
		return fmt.Sprintf("%8s", "("+g.Reason.String()+")")
	}
	return fmt.Sprintf("%8s", "-")
}

func rareEarths(w io.Writer, ds *tradeflow.Dataset) error {
	k := key("RARE_EARTHS", "WLD", tradeflow.Exports, tradeflow.Quantity)
	t, err := tradeflow.Get[series.Tonnes](ds, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Rare-earth exports (%v), tonnes\n", commodity.RareEarths())
	changes(w, t, series.MustParseMonth("2025-01"))

	// Each printed year-to-date total against the sum of the months it
	// covers: monthly figures are revised after their first print.
	fmt.Fprintln(w, "Year-to-date prints against the months they cover:")
	ytd, err := tradeflow.Cumulative[series.Tonnes](ds, k)
	if err != nil {
		return err
	}
	for p, v := range ytd.Slice(series.MustParseMonth("2024-01"), series.MustParseMonth("2025-12")).All() {
		if p.Last.Month() == 2 {
			continue // the January–February release is itself the months
		}
		span := series.Period{First: series.MustMonth(p.Last.Year(), time.January), Last: p.Last}
		rec, err := tradeflow.CheckTotal(t, span, v)
		var inc *series.IncompleteError
		switch {
		case errors.As(err, &inc):
			fmt.Fprintf(w, "  %v: printed %v; cannot be checked: %v\n", span, v, inc.Gaps[0])
		case err != nil:
			return err
		default:
			fmt.Fprintf(w, "  %v\n", rec)
		}
	}

	// A unit value needs a value and a quantity for the same period: the
	// data have both for January–February 2026 only.
	value, err := tradeflow.Get[series.USD](ds, key("RARE_EARTHS", "WLD", tradeflow.Exports, tradeflow.Value))
	if err != nil {
		return err
	}
	// Months with a quantity and no value have no unit value: UnitValue
	// reports each of them in its gaps, and they are not printed here.
	uv, _ := commodity.UnitValue(value, t)
	for p, v := range uv.All() {
		fmt.Fprintf(w, "Unit value, %v: USD %s a tonne (USD %v over %v t)\n\n", p, v.StringFixed(2),
			mustCover(value, p), mustCover(t, p))
	}
	return nil
}

func mustCover[U series.Unit](s series.Series[U], p series.Period) decimal.Decimal {
	_, v, _ := s.Covering(p.Last)
	return v
}

func soybeans(w io.Writer, ds *tradeflow.Dataset) error {
	k := key("SOYBEANS", "WLD", tradeflow.Imports, tradeflow.Quantity)
	mt, err := tradeflow.Get[series.MillionTonnes](ds, k)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Soybean imports (%v), million tonnes\n", commodity.Soybeans())
	changes(w, mt, series.MustParseMonth("2025-04"))

	// Purchases from the U.S. against the promise of 12 million tonnes by
	// the end of 2025, counted from November; September and October show
	// the start was slow before the promise too.
	us, err := tradeflow.Get[series.MillionTonnes](ds, key("SOYBEANS", "US", tradeflow.Imports, tradeflow.Quantity))
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "From the United States:")
	for p, v := range us.Slice(series.MustParseMonth("2025-09"), series.MustParseMonth("2025-11")).All() {
		fmt.Fprintf(w, "  %v %v Mt\n", p, v)
	}
	target := series.Target[series.MillionTonnes]{Amount: decimal.NewFromInt(12),
		Window: series.Period{First: series.MustParseMonth("2025-11"), Last: series.MustParseMonth("2025-12")}}
	prog, err := target.Progress(us, series.MustParseMonth("2025-11"))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  target: %v\n", prog)
	return nil
}
