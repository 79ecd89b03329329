package chart

import (
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Contributions returns a bar chart of d's parts' contributions to the
// total's growth, in percentage points, with the total's growth apart, in
// percent, named "Total growth". The values are rounded to places
// decimal places by [series.RoundToSum], so the printed contributions add
// up to the printed total, as the exact ones do. Title, subtitle and
// source are left for the caller.
func Contributions(d partner.Decomposition, places int32) BarChart {
	vals := make([]decimal.Decimal, len(d.Parts))
	for i, p := range d.Parts {
		vals[i] = p.Points
	}
	vals = series.RoundToSum(vals, places)
	c := BarChart{
		Symbol: series.PercentagePoints{}.Symbol(),
		Bars:   make([]Bar, len(d.Parts)),
		Total:  Total{Name: "Total growth", Value: d.Total.Points.Round(places), Symbol: series.Percent{}.Symbol()},
		Places: places,
		Signed: true,
	}
	for i, p := range d.Parts {
		c.Bars[i] = Bar{Name: p.Name, Value: vals[i]}
	}
	return c
}

// Shares returns a bar chart of b's shares of the total, in percent, with
// the total apart, in U (the unit of the series b was made from), named
// "Total". The shares are rounded to
// places decimal places by [partner.Breakdown.Rounded], so the printed
// shares add up to 100. Title, subtitle and source are left for the
// caller.
func Shares[U series.Unit](b partner.Breakdown, places int32) BarChart {
	var u U
	r := b.Rounded(places)
	c := BarChart{
		Symbol: series.Percent{}.Symbol(),
		Bars:   make([]Bar, len(r.Parts)),
		Total:  Total{Name: "Total", Value: b.Total, Symbol: u.Symbol()},
		Places: places,
	}
	for i, s := range r.Parts {
		c.Bars[i] = Bar{Name: s.Name, Value: s.Share}
	}
	return c
}
