package series

import (
	"slices"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// addSame is Add's path for series that hold the same months: every
// operand has the same months, scale and storage range, no combined
// observation and no value beyond int64. Then every month of one has its
// partner in all the others, there are no gaps, and the sum is one pass
// over the coefficients, with no series in between. It reports false, and
// Add takes the general path, when the operands differ in any of these or
// a sum overflows.
func addSame[U Unit](first Series[U], rest []Series[U]) (*store, bool) {
	return addStores(first.d, len(rest), func(k int) *store { return rest[k].d }, newBuilder)
}

// addStores is addSame for a and the n stores at(0) … at(n−1), with the
// sum's builder from mk.
func addStores(a *store, n int, at func(int) *store, mk maker) (*store, bool) {
	if n == 0 || !plain(a) {
		return nil, false
	}
	for k := range n {
		d := at(k)
		if !plain(d) || d.start != a.start || len(d.coef) != len(a.coef) || d.scale != a.scale ||
			!slices.Equal(d.present, a.present) {
			return nil, false
		}
	}
	out := mk(a.start, len(a.coef), a.scale)
	sum := out.d.coef
	copy(sum, a.coef)
	for k := range n {
		for i, c := range at(k).coef {
			s, ok := fixed.Add(sum[i], c)
			if !ok {
				return nil, false // overflow: the general path goes to big integers
			}
			sum[i] = s
		}
	}
	// The presence bits say which months have a value; the others hold 0 in
	// every store (coefficients start at zero and are set only for an
	// observation), so they sum to 0 here too.
	copy(out.d.present, a.present)
	return out.d, true
}

// plain reports whether d holds values and has no combined observation and
// no value beyond int64.
func plain(d *store) bool {
	return d != nil && len(d.spans) == 0 && d.wide == nil
}
