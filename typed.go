package tradeflow

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// ErrNoSeries is wrapped by errors about a key the dataset does not hold.
var ErrNoSeries = errors.New("no such series")

// A UnitError reports a series asked for in a unit of another dimension.
type UnitError struct {
	Key        Key
	Have, Want string // the dataset's dimension and the asked unit
}

func (e *UnitError) Error() string {
	return fmt.Sprintf("tradeflow: %v: unit mismatch: the data are in %s, asked for %s", e.Key, e.Have, e.Want)
}

// Unwrap returns [ErrUnit].
func (e *UnitError) Unwrap() error { return ErrUnit }

// isCumulative reports whether a period is a year-to-date figure: a span
// from January through March or later. January–February, which China's
// customs release as one figure, is a combined monthly observation and is
// also the year to date at February; it belongs to both series.
func isCumulative(p series.Period) bool {
	return p.First.Month() == 1 && p.Len() >= 2 && p.First.Year() == p.Last.Year()
}

func isMonthly(p series.Period) bool { return !isCumulative(p) || p.Len() == 2 }

// Get returns the series for key in unit U, from the latest vintage of each
// monthly figure: single months and combined releases such as January–
// February. Year-to-date figures are in [Cumulative]. Values convert
// exactly from the printed unit to U; a U of another dimension than the
// data is a [*UnitError] naming both. Two figures that cover the same month
// (a combined January–February figure next to a separate February one) are
// an error naming both lines.
func Get[U series.Unit](ds *Dataset, key Key) (series.Series[U], error) {
	return build[U](ds, key, isMonthly, false)
}

// Cumulative returns the year-to-date figures of key in unit U, each at the
// last month of its period: the figure for 2025-01/2025-11 is the value at
// 2025-11. A combined January–February release counts as the total to
// February. Units are converted as [Get] does.
func Cumulative[U series.Unit](ds *Dataset, key Key) (series.Series[U], error) {
	return build[U](ds, key, isCumulative, true)
}

func build[U series.Unit](ds *Dataset, key Key, keep func(series.Period) bool, atLast bool) (series.Series[U], error) {
	var zero series.Series[U]
	var u U
	k, ok := ds.keyIdx[skey{key, u.Dimension()}]
	if !ok {
		if dims := ds.Dimensions(key); len(dims) > 0 {
			return zero, &UnitError{Key: key, Have: strings.Join(dims, " and "), Want: u.Symbol()}
		}
		return zero, fmt.Errorf("tradeflow: %s: %v: %w", ds.name, key, ErrNoSeries)
	}
	var b series.Builder[U]
	rows := ds.rowsOf(k)
	lines := map[series.Period]int32{}
	for n, i := range rows {
		r := &ds.rows[i]
		if !keep(r.period) {
			continue
		}
		// Rows are sorted by period then vintage: keep the last vintage only.
		if n+1 < len(rows) && ds.rows[rows[n+1]].period == r.period {
			continue
		}
		f := ds.figure(i)
		v := f.Value.Shift(int32(f.Unit.exp - u.Exponent()))
		p := r.period
		if atLast {
			p = series.MonthPeriod(p.Last)
		}
		lines[p] = r.line
		if p.IsMonth() {
			b.Set(p.Last, v)
		} else {
			b.SetCombined(p, v)
		}
	}
	s, err := b.Series()
	var de *series.DuplicateError
	if errors.As(err, &de) {
		return zero, fmt.Errorf("tradeflow: %s:%d and %s:%d: %v: %w", ds.name, lines[de.A], ds.name, lines[de.B], key, err)
	}
	return s, err
}

// AggregatePartners returns the sum of a group's members for key's
// reporter, commodity, flow and measure, using each month's membership (or
// a fixed composition, see [partner.Group.Fixed]); key.Partner is ignored.
// Members the dataset has no series for count as missing, and are reported
// in the gaps, never taken as zero.
func AggregatePartners[U series.Unit](ds *Dataset, key Key, g partner.Group) (series.Series[U], partner.MemberGaps, error) {
	data := map[partner.Code]series.Series[U]{}
	for _, k := range ds.Keys() {
		if k.Reporter != key.Reporter || k.Commodity != key.Commodity || k.Flow != key.Flow || k.Measure != key.Measure {
			continue
		}
		c, err := partner.ParseCode(k.Partner)
		if err != nil {
			continue // a group or region, not a member
		}
		s, err := Get[U](ds, k)
		if err != nil {
			return series.Series[U]{}, nil, err
		}
		data[c] = s
	}
	s, gaps := partner.Aggregate(g, data)
	return s, gaps, nil
}

// AggregateCommodities returns the sum over the commodities that match
// (an HS prefix, a product group: see package commodity) for key's
// reporter, partner, flow and measure; key.Commodity is ignored. A month has
// a value only if every matching series has it (see [series.Add]).
func AggregateCommodities[U series.Unit](ds *Dataset, key Key, match func(commodity string) bool) (series.Series[U], series.Gaps, error) {
	var parts []series.Series[U]
	for _, k := range ds.Keys() {
		if k.Reporter != key.Reporter || k.Partner != key.Partner || k.Flow != key.Flow || k.Measure != key.Measure || !match(k.Commodity) {
			continue
		}
		s, err := Get[U](ds, k)
		if err != nil {
			return series.Series[U]{}, nil, err
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return series.Series[U]{}, nil, fmt.Errorf("tradeflow: %s: no commodity matches for %v: %w", ds.name, key, ErrNoSeries)
	}
	s, gaps := series.Add(parts[0], parts[1:]...)
	return s, gaps, nil
}
