package commodity

import (
	"slices"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/unbound"
	"github.com/tradeflow-go/tradeflow/series"
)

// UnitValue returns the unit value of a flow, value ÷ quantity, month by
// month, in V per Q (USD per tonne for a value in USD and a quantity in
// tonnes):
//
//	uv(t) = value(t) ÷ quantity(t)
//
// rounded as [series.DivisionRounding] says to [series.DivisionPlaces]
// places. It is [series.Divide] under the name trade statistics use.
//
// A zero quantity gives no unit value (reason [series.BaseZero], with the
// period itself as cause); so does a period that only one of the series
// has, or that they combine differently. Gaps lists each one.
//
// The places are places of V per Q, so pick units in which the unit value
// is not tiny: USD per tonne rather than USD 100 million per kilogram
// ([series.Rescale] converts exactly).
func UnitValue[V, Q series.Unit](value series.Series[V], quantity series.Series[Q]) (series.Series[series.Per[V, Q]], series.Gaps) {
	return series.Divide(value, quantity)
}

// A PriceVolume splits the percent change of a trade value over a lag
// into a price (unit-value) effect, a volume effect and their interaction.
// With value V = P × Q (unit value times quantity), the base period 0 and
// the current period 1,
//
//	ValueChange  = 100 × (V₁ − V₀) ÷ V₀
//	VolumeChange = 100 × (Q₁ − Q₀) ÷ Q₀
//	PriceChange  = 100 × (P₁ − P₀) ÷ P₀ = 100 × (V₁Q₀ − V₀Q₁) ÷ (V₀Q₁)
//	Interaction  = ValueChange − PriceChange − VolumeChange
//
// so that, for every period,
//
//	ValueChange = PriceChange + VolumeChange + Interaction
//
// exactly. The three changes are each rounded once, as
// [series.DivisionRounding] says, to [series.DivisionPlaces] places
// (PriceChange from V and Q directly, never from rounded unit values);
// Interaction is then an exact difference. In exact arithmetic it equals
// PriceChange × VolumeChange ÷ 100, since (1+p)(1+q) − 1 = p + q + pq; the
// rounding moves it by less than 3 units of the last place.
//
// The four series hold the same periods. ValueChange equals what
// [series.Change] gives for the value series.
type PriceVolume struct {
	ValueChange  series.Series[series.Percent] // change of the value
	PriceChange  series.Series[series.Percent] // change of the unit value
	VolumeChange series.Series[series.Percent] // change of the quantity
	Interaction  series.Series[series.Percent] // ValueChange − PriceChange − VolumeChange
}

// SplitPriceVolume splits the change of value over lag months (12 for
// year-on-year) into price, volume and interaction, as [PriceVolume]
// describes. Bases are found as [series.Change] finds them, so combined
// periods such as January–February compare with the same months a lag
// earlier.
//
// A period has a split only if both series have an observation for it and
// for its base, and V₀, Q₀ and Q₁ are not zero (a zero current quantity
// leaves the unit value undefined). Gaps names every other period of
// either series and why: [series.BaseMissing], [series.BaseZero] (whose
// cause is the base period, or the period itself for a zero current
// quantity), [series.MonthMissing] or [series.Combined]. A zero current
// value is fine: the value fell by 100%.
//
// SplitPriceVolume panics if lag < 1.
func SplitPriceVolume[V, Q series.Unit](value series.Series[V], quantity series.Series[Q], lag int) (PriceVolume, series.Gaps) {
	dv, gv := series.Diff(value, lag)
	dq, gq := series.Diff(quantity, lag)
	var b [4]series.Builder[series.Percent]
	for i := range b {
		unbound.Allow(&b[i]) // a quotient may have more digits than its terms
	}
	var gaps series.Gaps
	seen := map[series.Period]bool{}
	for p, v1 := range value.All() {
		seen[p] = true
		qp, q1, ok := quantity.Covering(p.Last)
		switch {
		case !ok:
			gaps = append(gaps, series.Gap{Period: p, Reason: series.MonthMissing, Cause: p})
			continue
		case qp != p:
			// Reported once, here, for each period of value it overlaps.
			seen[qp] = true
			gaps = append(gaps, series.Gap{Period: p, Reason: series.Combined, Cause: qp})
			continue
		}
		ddv, ok := dv.AtPeriod(p)
		if !ok {
			gaps = append(gaps, gapFor(gv, p, lag))
			continue
		}
		ddq, ok := dq.AtPeriod(p)
		if !ok {
			gaps = append(gaps, gapFor(gq, p, lag))
			continue
		}
		v0, q0 := v1.Sub(ddv), q1.Sub(ddq)
		switch {
		case v0.IsZero() || q0.IsZero():
			gaps = append(gaps, series.Gap{Period: p, Reason: series.BaseZero, Cause: p.Shift(-lag)})
			continue
		case q1.IsZero():
			gaps = append(gaps, series.Gap{Period: p, Reason: series.BaseZero, Cause: p})
			continue
		}
		val := percentQuo(ddv, v0)
		vol := percentQuo(ddq, q0)
		price := percentQuo(v1.Mul(q0).Sub(v0.Mul(q1)), v0.Mul(q1))
		for i, x := range [4]decimal.Decimal{val, price, vol, val.Sub(price).Sub(vol)} {
			if p.IsMonth() {
				b[i].Set(p.Last, x)
			} else {
				b[i].SetCombined(p, x)
			}
		}
	}
	for p := range quantity.All() {
		if seen[p] {
			continue
		}
		// The value may cover p within a combined observation: then p is
		// not missing but combined differently, as series.Divide says.
		if vp, _, ok := value.Covering(p.Last); ok {
			gaps = append(gaps, series.Gap{Period: p, Reason: series.Combined, Cause: vp})
		} else {
			gaps = append(gaps, series.Gap{Period: p, Reason: series.MonthMissing, Cause: p})
		}
	}
	slices.SortStableFunc(gaps, func(x, y series.Gap) int { return x.Period.Last.Compare(y.Period.Last) })
	var d PriceVolume
	for i, dst := range []*series.Series[series.Percent]{&d.ValueChange, &d.PriceChange, &d.VolumeChange, &d.Interaction} {
		s, err := b[i].Series()
		if err != nil {
			panic(err) // the periods come from a valid series: no duplicates
		}
		*dst = s
	}
	return d, gaps
}

// gapFor returns the gap that Diff reported for period p, or a missing base
// if it reported none.
func gapFor(gs series.Gaps, p series.Period, lag int) series.Gap {
	for _, g := range gs {
		if g.Period == p {
			return g
		}
	}
	return series.Gap{Period: p, Reason: series.BaseMissing, Cause: p.Shift(-lag)}
}

// percentQuo returns 100 × n ÷ d rounded as the series package rounds a
// quotient: to odd, at series.DivisionPlaces places. d must not be zero.
func percentQuo(n, d decimal.Decimal) decimal.Decimal {
	return quoToOdd(n.Shift(2), d)
}

// quoToOdd returns n ÷ d by the series package's division rule (see
// series.Quo). d must not be zero.
func quoToOdd(n, d decimal.Decimal) decimal.Decimal {
	q, _ := series.Quo(n, d)
	return q
}
