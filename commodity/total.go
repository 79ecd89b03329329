package commodity

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/series"
)

// ErrIncomplete is wrapped by errors about a sum over months that are not
// all there.
var ErrIncomplete = errors.New("incomplete months")

// An IncompleteError reports a sum over a period that could not be made
// because months of the period are missing, or belong to a combined
// observation that straddles its bounds. Missing is not zero: nothing is
// summed over a gap.
type IncompleteError struct {
	Period series.Period // the months to be summed
	Gaps   series.Gaps   // what is missing, as [series.Total] reports it
}

func (e *IncompleteError) Error() string {
	g := e.Gaps[0]
	// Gap.String starts with the result period, which is e.Period.
	msg := fmt.Sprintf("commodity: cannot sum %v: %s", e.Period, strings.TrimPrefix(g.String(), g.Period.String()+": "))
	if n := len(e.Gaps) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Unwrap returns [ErrIncomplete].
func (e *IncompleteError) Unwrap() error { return ErrIncomplete }

// sum returns the sum of s over p, which must be valid, or an
// *IncompleteError.
func sum[U series.Unit](s series.Series[U], p series.Period) (decimal.Decimal, error) {
	v, gaps := series.Total(s, p)
	if len(gaps) > 0 {
		return decimal.Decimal{}, &IncompleteError{p, gaps}
	}
	return v, nil
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
// *[IncompleteError] wrapping [ErrIncomplete]. Reconcile panics if p is not
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
