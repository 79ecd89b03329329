package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func runReport(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var rf readFlags
	rf.register(fs)
	month := fs.String("month", "", "the `month` of the report (2025-11); default: the latest with a figure for exports or imports")
	format := fs.String("format", "text", "text, csv or json")
	round := fs.Int("round", -1, "round computed figures to `places` decimal places, for display; -1 keeps them exact")
	unit := fs.String("unit", "", "the unit of money, as a file prints it (USD_BN); default: that of the latest exports")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	path, err := oneFile(args)
	if err != nil {
		return err
	}
	switch *format {
	case "text", "csv", "json":
	default:
		return usagef("-format %q: want text, csv or json", *format)
	}
	var m series.Month
	if *month != "" {
		if m, err = series.ParseMonth(*month); err != nil {
			return usagef("-month: %v", err)
		}
	}
	ds, err := load(ctx, e, path, &rf)
	if err != nil {
		return err
	}
	reporter, err := reporterOf(ds, rf.reporter)
	if err != nil {
		return err
	}
	exports := tradeflow.Key{Reporter: reporter, Partner: partner.World(), Flow: tradeflow.Exports, Measure: tradeflow.Value}
	if m.IsZero() {
		if m, err = latestMonth(ds, reporter); err != nil {
			return err
		}
	}
	u, _, err := unitOf(ds, exports, *unit)
	if err != nil {
		imports := exports
		imports.Flow = tradeflow.Imports
		if u, _, err = unitOf(ds, imports, *unit); err != nil {
			return err
		}
	}
	k, err := kitFor(u)
	if err != nil {
		return err
	}
	if !isCurrency(k.dim) {
		return fmt.Errorf("the trade of %v is in %s, not in a currency", reporter, u)
	}
	r, err := k.report(ds, reporter, m)
	if err != nil {
		return err
	}
	if *round >= 0 {
		r = r.Round(int32(*round))
	}
	switch *format {
	case "csv":
		return r.WriteCSV(e.stdout)
	case "json":
		return r.WriteJSON(e.stdout)
	}
	return r.WriteText(e.stdout)
}

// isCurrency reports whether a dimension is a currency: its name is an
// ISO 4217 code, three capital letters.
func isCurrency(dim string) bool {
	return len(dim) == 3 && strings.Trim(dim, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// reporterOf returns the reporter given, or else the dataset's only one.
func reporterOf(ds *tradeflow.Dataset, given string) (partner.Code, error) {
	if given != "" {
		c, err := partner.ParseCode(given)
		if err != nil {
			return c, usagef("-reporter: %v", err)
		}
		return c, nil
	}
	var reporters []string
	seen := map[partner.Code]bool{}
	var only partner.Code
	for _, k := range ds.Keys() {
		if !seen[k.Reporter] {
			seen[k.Reporter] = true
			only = k.Reporter
			reporters = append(reporters, k.Reporter.String())
		}
	}
	switch len(reporters) {
	case 0:
		return only, fmt.Errorf("%s has no figures", ds.Name())
	case 1:
		return only, nil
	}
	return only, usagef("%s has figures of %d reporters (%s): choose one with -reporter", ds.Name(), len(reporters), strings.Join(reporters, ", "))
}

// latestMonth returns the last month of the reporter's latest monthly
// figure for exports or imports to the world.
func latestMonth(ds *tradeflow.Dataset, reporter partner.Code) (series.Month, error) {
	var m series.Month
	for f := range ds.Figures() {
		k := f.Key
		if k.Reporter != reporter || k.Partner != partner.World() || !k.Commodity.IsTotal() ||
			(k.Flow != tradeflow.Exports && k.Flow != tradeflow.Imports) || k.Measure != tradeflow.Value {
			continue
		}
		if monthly(f.Period) && f.Period.Last.After(m) {
			m = f.Period.Last
		}
	}
	if m.IsZero() {
		return m, fmt.Errorf("%s has no monthly exports or imports of %v to the world", ds.Name(), reporter)
	}
	return m, nil
}
