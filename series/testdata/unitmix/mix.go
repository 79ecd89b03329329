// Package unitmix must not compile: each function mixes units in a way the
// series types forbid. series_test.TestUnitGuard runs the compiler on it and
// checks that every line marked "want" is rejected.
package unitmix

import "github.com/tradeflow-go/tradeflow/series"

func tonnesPlusDollars(t series.Series[series.Tonnes], d series.Series[series.USD]) {
	series.Add(t, d) // want: tonnes + dollars
}

func percentPlusLevel(p series.Series[series.Percent], d series.Series[series.USD]) {
	series.Sub(d, p) // want: percent and a level
}

func convertByCast(t series.Series[series.Tonnes]) series.Series[series.USD] {
	return series.Series[series.USD](t) // want: plain conversion between units
}

func convertKgByCast(k series.Series[series.Kilograms]) series.Series[series.Tonnes] {
	return series.Series[series.Tonnes](k) // want: even within a dimension
}
