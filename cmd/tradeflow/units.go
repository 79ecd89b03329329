package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A series' unit is part of its Go type, but a file's units are known only
// when it is read. A kit holds the work of each command instantiated for
// one unit; the command picks the kit of the unit the data are printed in.
type kit struct {
	dim    string
	exp    int
	symbol string

	series func(w *seriesWriter, ds *tradeflow.Dataset, key tradeflow.Key) error
	line   func(c *chartCmd, ds *tradeflow.Dataset, key tradeflow.Key) (drawing, error)
	bars   func(c *chartCmd, ds *tradeflow.Dataset, key tradeflow.Key) (drawing, error)
	report func(ds *tradeflow.Dataset, reporter partner.Code, m series.Month) (*tradeflow.Report, error)
}

func kitOf[U series.Unit]() kit {
	var u U
	return kit{
		dim: u.Dimension(), exp: u.Exponent(), symbol: u.Symbol(),
		series: writeSeries[U],
		line:   lineChart[U],
		bars:   contributionChart[U],
		report: tradeflow.MonthlyReport[U],
	}
}

// kits are the units of package series that figures may be printed in.
func kits() []kit {
	return []kit{
		kitOf[series.USD](), kitOf[series.USDThousand](), kitOf[series.USDMillion](), kitOf[series.USD100M](), kitOf[series.USDBillion](),
		kitOf[series.CNY](), kitOf[series.CNY100M](), kitOf[series.CNYBillion](), kitOf[series.CNYTrillion](),
		kitOf[series.Money[eur, series.One]](), kitOf[series.Money[eur, series.Thousand]](),
		kitOf[series.Money[eur, series.Million]](), kitOf[series.Money[eur, series.Billion]](),
		kitOf[series.Kilograms](), kitOf[series.Tonnes](), kitOf[series.MillionTonnes](),
		kitOf[series.Items](), kitOf[series.Litres](), kitOf[series.Percent](), kitOf[series.Index](),
	}
}

// eur is the euro, the currency of Eurostat's files (Comext): package
// series names no currency but the dollar and the yuan, and a program
// declares the others it prints.
type eur struct{}

func (eur) ISO4217() string { return "EUR" }

// kitFor returns the kit of a printed unit, or of its dimension's base
// unit when package series has no unit at its scale.
func kitFor(u tradeflow.UnitCode) (kit, error) {
	var base *kit
	ks := kits()
	for i, k := range ks {
		if k.dim != u.Dimension() {
			continue
		}
		if k.exp == u.Exponent() {
			return k, nil
		}
		if k.exp == 0 {
			base = &ks[i]
		}
	}
	if base != nil {
		return *base, nil
	}
	return kit{}, fmt.Errorf("figures in %s (%s): package series has no unit of that dimension", u, u.Dimension())
}

// unitOf returns the unit a key's figures are shown in: the unit given
// with -unit, or else the printed unit of the latest monthly figure (or
// else year to date) of the dimension with the most figures: a series
// printed in USD and in CNY is shown in USD if most of its figures are in
// USD. places is the number of decimal places the latest figure in that
// unit was printed with, for showing the others alike.
func unitOf(ds *tradeflow.Dataset, key tradeflow.Key, given string) (u tradeflow.UnitCode, places int32, err error) {
	if given != "" {
		if u, err = tradeflow.ParseUnitCode(given); err != nil {
			return u, 0, usagef("-unit: %v", err)
		}
	}
	type dim struct {
		n      int
		latest tradeflow.Figure // of any unit of the dimension
		inUnit tradeflow.Figure // the latest in the unit given
	}
	// later reports whether f should replace the latest figure so far:
	// figures come by period, a longer one first, then vintage, and a
	// monthly figure (or a combined release) wins over a year to date.
	later := func(f, latest tradeflow.Figure) bool {
		switch {
		case latest.Unit.IsZero():
			return true
		case monthly(f.Period) != monthly(latest.Period):
			return monthly(f.Period)
		}
		return !f.Period.Last.Before(latest.Period.Last)
	}
	dims := map[string]*dim{}
	for f := range ds.Figures() {
		if f.Key != key {
			continue
		}
		d := dims[f.Unit.Dimension()]
		if d == nil {
			d = &dim{}
			dims[f.Unit.Dimension()] = d
		}
		d.n++
		if later(f, d.latest) {
			d.latest = f
		}
		if f.Unit == u && later(f, d.inUnit) {
			d.inUnit = f
		}
	}
	if len(dims) == 0 {
		return u, 0, fmt.Errorf("%s has no series %v%s", ds.Name(), key, suggest(ds, key))
	}
	if given != "" {
		d := dims[u.Dimension()]
		switch {
		case d == nil:
			return u, 0, fmt.Errorf("%v has no figures in %s (%s)", key, u, u.Dimension())
		case d.inUnit.Unit.IsZero():
			return u, 1, nil // none printed in u: one place, as a report prints
		}
		return u, number.Places(d.inUnit.Value), nil
	}
	names := make([]string, 0, len(dims))
	for n := range dims {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(dims[b].n, dims[a].n), cmp.Compare(a, b)) })
	f := dims[names[0]].latest
	return f.Unit, number.Places(f.Value), nil
}

// monthly reports whether p is a month or a combined release of two, as
// opposed to a year to date.
func monthly(p series.Period) bool { return p.Len() <= 2 }

// suggest names keys of the dataset that differ from key in one part, to
// help with a key that has no series.
func suggest(ds *tradeflow.Dataset, key tradeflow.Key) string {
	var near []string
	for _, k := range ds.Keys() {
		diff := 0
		for _, same := range []bool{k.Reporter == key.Reporter, k.Partner == key.Partner, k.Commodity == key.Commodity, k.Flow == key.Flow, k.Measure == key.Measure} {
			if !same {
				diff++
			}
		}
		if diff == 1 {
			near = append(near, k.String())
		}
	}
	if len(near) == 0 {
		return " (run 'tradeflow check -keys' for the keys it has)"
	}
	if len(near) > 5 {
		near = append(near[:5], "…")
	}
	return "; it has " + strings.Join(near, ", ")
}
