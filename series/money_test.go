package series_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/tradeflow-go/tradeflow/series"
)

type eur struct{}

func (eur) ISO4217() string { return "EUR" }

type usd struct{}

func (usd) ISO4217() string { return "USD" }

func TestMoneyUnits(t *testing.T) {
	for _, tt := range []struct {
		u        series.Unit
		sym, dim string
		exp      int
	}{
		{series.Money[eur, series.One]{}, "EUR", "EUR", 0},
		{series.Money[eur, series.Thousand]{}, "EUR thousand", "EUR", 3},
		{series.Money[eur, series.Million]{}, "EUR mn", "EUR", 6},
		{series.Money[eur, series.HundredMillion]{}, "EUR 100 mn", "EUR", 8},
		{series.Money[eur, series.Billion]{}, "EUR bn", "EUR", 9},
		{series.Money[eur, series.Trillion]{}, "EUR tn", "EUR", 12},
	} {
		assert.Equal(t, tt.sym, tt.u.Symbol())
		assert.Equal(t, tt.dim, tt.u.Dimension())
		assert.Equal(t, tt.exp, tt.u.Exponent())
	}
}

func TestMoneyIsTheCurrencysDimension(t *testing.T) {
	m := series.MustParseMonth("2025-11")
	lib := series.MustFromStrings[series.USDMillion](m, "330350")
	own := series.Rescale[series.Money[usd, series.Billion]](lib)
	v, _ := own.At(m)
	assert.Equal(t, "330.35", v.String())
	back := series.Rescale[series.USD100M](own)
	v, _ = back.At(m)
	assert.Equal(t, "3303.5", v.String())
}

func ExampleMoney() {
	// type eur struct{}
	// func (eur) ISO4217() string { return "EUR" }
	nov := series.MustParseMonth("2025-11")
	exports := series.MustFromStrings[series.Money[eur, series.Million]](nov.AddMonths(-1), "13512.5", "13900")
	yoy, _ := series.MoM(exports)
	v, _ := yoy.At(nov)
	fmt.Println(exports)
	fmt.Println(v.Round(2))
	// Output:
	// [2025-10: 13512.5, 2025-11: 13900] EUR mn
	// 2.87
}
