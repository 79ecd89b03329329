package partner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// An Offset sums up a [Decomposition] as gains against losses: the facts
// behind "shrinking U.S. exports were more than offset by shipments to
// other markets". It is what [Decomposition.Offset] returns.
type Offset struct {
	Gains  decimal.Decimal // Σ Points of the parts that added to growth, in percentage points (≥ 0)
	Losses decimal.Decimal // Σ Points of the parts that took from it (≤ 0)
	Net    decimal.Decimal // Gains + Losses: exactly the total's growth, in percent
	// Gainers are the parts that added to growth, the largest
	// contribution first; Losers those that took from it, the most
	// negative first. Parts that did not change are in neither.
	Gainers, Losers []Contribution
}

// Offset returns d's parts, the residual included, split into those that
// added to the total's growth and those that took from it, with the sum of
// each side's contributions. Gains + Losses is exactly the total's growth,
// d.Total.Points.
//
// The side is the sign of the exact contribution, Diff ÷ the total's
// BaseValue: a part that grew adds to growth, unless the total was negative
// in the base period (a trade deficit), where it takes from it.
func (d Decomposition) Offset() Offset {
	o := Offset{Gains: decimal.Zero, Losses: decimal.Zero}
	for _, c := range d.Parts {
		switch c.Diff.Sign() * d.Total.BaseValue.Sign() {
		case 1:
			o.Gains = o.Gains.Add(c.Points)
			o.Gainers = append(o.Gainers, c)
		case -1:
			o.Losses = o.Losses.Add(c.Points)
			o.Losers = append(o.Losers, c)
		default:
			// A part that did not change contributes exactly zero.
		}
	}
	o.Net = o.Gains.Add(o.Losses)
	slices.SortStableFunc(o.Gainers, func(a, b Contribution) int { return b.Points.Cmp(a.Points) })
	slices.SortStableFunc(o.Losers, func(a, b Contribution) int { return a.Points.Cmp(b.Points) })
	return o
}

// MoreThanOffset reports whether there were losses and the gains exceeded
// them, so that the total grew all the same: Losses < 0 and Net > 0.
func (o Offset) MoreThanOffset() bool { return o.Losses.IsNegative() && o.Net.IsPositive() }

// String says what happened in one sentence, in percentage points to one
// decimal place, naming the largest contributor each way:
//
//	losses of 4.3 pp (largest: U.S. -4.3) were more than offset by gains of 10.1 pp (largest: Rest of world +10.1); net +5.8 pp
//
// The contributions are rounded together by [series.RoundToSum], and the printed
// gains and losses are the sums of the printed contributions, so the
// figures in the sentence add up: the gains less the losses are the net,
// which is the total's growth rounded half away from zero.
func (o Offset) String() string {
	pts := make([]decimal.Decimal, 0, len(o.Gainers)+len(o.Losers))
	for _, c := range o.Gainers {
		pts = append(pts, c.Points)
	}
	for _, c := range o.Losers {
		pts = append(pts, c.Points)
	}
	pts = series.RoundToSum(pts, 1)
	up, down := pts[:len(o.Gainers)], pts[len(o.Gainers):]
	gains, losses := sum(up), sum(down)
	side := func(word string, total decimal.Decimal, cs []Contribution, printed []decimal.Decimal) string {
		return fmt.Sprintf("%s of %s pp (largest: %s %s)", word, total.Abs().StringFixed(1), cs[0].Name, signed(printed[0]))
	}
	var b strings.Builder
	switch {
	case len(o.Losers) > 0 && len(o.Gainers) > 0:
		first, second := side("losses", losses, o.Losers, down), side("gains", gains, o.Gainers, up)
		verb := "were more than offset by"
		switch o.Net.Sign() {
		case 0:
			verb = "were exactly offset by"
		case -1:
			first, second = second, first
		}
		fmt.Fprintf(&b, "%s %s %s", first, verb, second)
	case len(o.Losers) > 0:
		fmt.Fprintf(&b, "%s; no part grew", side("losses", losses, o.Losers, down))
	case len(o.Gainers) > 0:
		fmt.Fprintf(&b, "%s; no part shrank", side("gains", gains, o.Gainers, up))
	default:
		return "no part changed; net 0.0 pp"
	}
	fmt.Fprintf(&b, "; net %s pp", signed(gains.Add(losses)))
	return b.String()
}

func sum(vs []decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, v := range vs {
		s = s.Add(v)
	}
	return s
}

// signed formats v to one decimal place with an explicit sign: "+10.1",
// "-4.3", "0.0".
func signed(v decimal.Decimal) string {
	s := v.StringFixed(1)
	if v.IsPositive() {
		return "+" + s
	}
	return s
}
