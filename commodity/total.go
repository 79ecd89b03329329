package commodity

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// sum returns the sum of s over p, which must be valid, or a
// *series.IncompleteError.
func sum[U series.Unit](s series.Series[U], p series.Period) (decimal.Decimal, error) {
	return series.Total(s, p)
}

// A Reconciliation compares a published cumulative figure, such as a
// year-to-date total, with the sum of the monthly figures it covers.
// Customs revise months after their first print, so the two often differ
// by a little; a Reconciliation shows by how much instead of hiding it.
type Reconciliation struct {
	Period    series.Period   // the months the published figure covers
	Published decimal.Decimal // the cumulative figure as printed
	Sum       decimal.Decimal // the sum of the observations within Period, exactly
}

// Reconcile sums the observations of s within period p, exactly, and sets
// the sum beside the figure published for p. A combined observation
// (January–February) counts once if it lies within p.
//
// If a month of p is missing from s, or is part of a combined observation
// that straddles a bound of p, there is no sum to compare: the error is an
// [*series.IncompleteError] wrapping [series.ErrIncomplete]. Reconcile panics if p is not
// [series.Period.Valid].
func Reconcile[U series.Unit](s series.Series[U], p series.Period, published decimal.Decimal) (Reconciliation, error) {
	if !p.Valid() {
		panic(fmt.Sprintf("commodity: Reconcile: invalid period %v", p))
	}
	v, err := sum(s, p)
	if err != nil {
		return Reconciliation{}, err
	}
	return Reconciliation{p, published, v}, nil
}

// Difference returns Published − Sum, exactly: positive when the published
// figure is larger than its months add up to.
func (r Reconciliation) Difference() decimal.Decimal { return r.Published.Sub(r.Sum) }

// Agrees reports whether the months add up to the published figure
// exactly.
func (r Reconciliation) Agrees() bool { return r.Published.Equal(r.Sum) }

// String reports the comparison, such as "2025-01/2025-11: published
// 58193.1, months sum to 58192.7, difference 0.4".
func (r Reconciliation) String() string {
	return fmt.Sprintf("%v: published %v, months sum to %v, difference %v",
		r.Period, r.Published, r.Sum, r.Difference())
}
