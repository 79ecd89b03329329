package tradeflow

import (
	"errors"
	"fmt"
	"iter"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/internal/unbound"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A UnitError reports a series asked for in a unit of another dimension.
type UnitError struct {
	Key        Key
	Have, Want string // the dataset's dimensions and the asked unit
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
// February. Year-to-date figures are in [Cumulative], and so are annual
// ones (a year's figure is its year to date at December, as in BACI): a
// key that has only those gives an empty series here. Values convert
// exactly from the printed unit to U; a U of another dimension than the
// data is a [*UnitError] naming both. Two figures that cover the same month
// (a combined January–February figure next to a separate February one),
// or two different figures for the same period and vintage, are an error
// naming both lines.
func Get[U series.Unit](ds *Dataset, key Key) (series.Series[U], error) {
	s, err := seriesFor[U](ds, key)
	if err != nil {
		return series.Series[U]{}, err
	}
	var b series.Builder[U]
	return build(ds, &b, s, isMonthly, false)
}

// Cumulative returns the year-to-date figures of key in unit U, each at the
// last month of its period: the figure for 2025-01/2025-11 is the value at
// 2025-11. A combined January–February release counts as the total to
// February. Units are converted as [Get] does.
func Cumulative[U series.Unit](ds *Dataset, key Key) (series.Series[U], error) {
	s, err := seriesFor[U](ds, key)
	if err != nil {
		return series.Series[U]{}, err
	}
	var b series.Builder[U]
	return build(ds, &b, s, isCumulative, true)
}

func unitDim[U series.Unit]() string {
	var u U
	return u.Dimension()
}

// seriesFor returns the series of key in U's dimension.
func seriesFor[U series.Unit](ds *Dataset, key Key) (int32, error) {
	var u U
	ix := ds.index()
	if s, ok := ds.findSeries(key, u.Dimension()); ok && len(ix.rowsOf(s)) > 0 {
		return s, nil
	}
	if dims := ds.Dimensions(key); len(dims) > 0 {
		return 0, &UnitError{Key: key, Have: strings.Join(dims, " and "), Want: u.Symbol()}
	}
	return 0, fmt.Errorf("tradeflow: %s: %v: %w", ds.name, key, ErrNoSeries)
}

// build makes series s from the latest vintage of each period keep
// accepts. A series of single months of int64 values — nearly all — is
// made in one pass with series.FromCoefficients; one with combined periods
// or big values goes through b, a Builder (reset first).
func build[U series.Unit](ds *Dataset, b *series.Builder[U], s int32, keep func(series.Period) bool, atLast bool) (series.Series[U], error) {
	rows := ds.index().rowsOf(s)
	if !ds.index().isMixed(s) && ds.rows.bigs == nil && keep(series.MonthPeriod(epoch)) {
		// A value converted to U may pass series.MaxDigits, which bounds
		// what enters the library, not results: such a series goes the
		// Builder's way, which lets it through.
		if out, err := buildMonths[U](ds, rows); !errors.Is(err, series.ErrLimit) {
			return out, err
		}
	}
	var u U
	b.Reset()
	unbound.Allow(b)
	key := ds.series.at(int32(s)).Key
	for n, r := range rows {
		p, i := ds.rows.page(r)
		a := p.attr.at(i)
		last, span := p.monthAt(i), a.span
		// Rows are sorted by period then vintage: the last of a run is the
		// latest vintage.
		if n+1 < len(rows) {
			if q, j := ds.rows.page(rows[n+1]); q.monthAt(j) == last && q.attr.at(j).span == span {
				continue
			}
		}
		per := series.Period{First: monthAt(last - int32(span)), Last: monthAt(last)}
		if !keep(per) {
			continue
		}
		if other, bad := ds.conflicts[r]; bad {
			return series.Series[U]{}, fmt.Errorf("tradeflow: %s:%d and %s:%d: %v %v: two different figures for one vintage: %w",
				ds.name, ds.rows.line(other), ds.name, p.line.at(i), key, per, ErrDuplicate)
		}
		exp := int32(a.exp) + int32(ds.units[a.unit].exp) - int32(u.Exponent())
		if atLast {
			per = series.MonthPeriod(per.Last)
		}
		wide, isBig := ds.rows.bigs[r]
		switch {
		case per.IsMonth() && !isBig:
			b.SetInt(per.Last, p.coefAt(i), exp)
		case isBig:
			v := decimal.NewFromBigInt(wide, exp)
			if per.IsMonth() {
				b.Set(per.Last, v)
			} else {
				b.SetCombined(per, v)
			}
		default:
			b.SetCombined(per, decimal.New(p.coefAt(i), exp))
		}
	}
	out, err := b.Series()
	var de *series.DuplicateError
	if errors.As(err, &de) {
		la, lb := ds.lineOf(s, de.A), ds.lineOf(s, de.B)
		return series.Series[U]{}, fmt.Errorf("tradeflow: %s:%d and %s:%d: %v: %w", ds.name, la, ds.name, lb, key, err)
	}
	return out, err
}

// buildMonths makes a series from rows that are single months, one row a
// month (a series the index does not mark as mixed): no vintage to choose,
// no period to check.
func buildMonths[U series.Unit](ds *Dataset, rows []int32) (series.Series[U], error) {
	var u U
	n := len(rows)
	// Most series are short: their buffers live on the stack.
	var offs [64]int32
	var coefs [64]int64
	var exps [64]int32
	o, c, e := offs[:0], coefs[:0], exps[:0]
	if n > len(offs) {
		o, c, e = make([]int32, 0, n), make([]int64, 0, n), make([]int32, 0, n)
	}
	shift := int32(-u.Exponent())
	for _, r := range rows {
		m, coef, exp := ds.rows.figureAt(r, ds.units, shift)
		o, c, e = append(o, m), append(c, coef), append(e, exp)
	}
	return series.FromCoefficients[U](epoch, o, c, e)
}

// figureAt returns row r's last month (since epoch), its coefficient, and
// the exponent that makes it a value in a unit shift places finer than
// the units' base (units are the dataset's).
func (t *table) figureAt(r int32, units []UnitCode, shift int32) (month int32, coef int64, exp int32) {
	p, i := t.page(r)
	a := &p.attr.c
	if p.attr.v != nil {
		a = &p.attr.v[i]
	}
	return p.monthAt(i), p.coefAt(i), int32(a.exp) + int32(units[a.unit].exp) + shift
}

// lineOf returns the line of the latest figure of series s for period p.
func (ds *Dataset) lineOf(s int32, p series.Period) int32 {
	var line int32
	for _, r := range ds.index().rowsOf(s) {
		if ds.rows.period(r) == p {
			line = ds.rows.line(r)
		}
	}
	return line
}

// All returns every series of the dataset in unit U's dimension whose key
// keep accepts (all of them if keep is nil), in key order, each built as
// [Get] builds it, in one pass over the figures. It returns an error,
// before yielding anything, if a selected series has figures that cannot
// be used: two different figures for one period and vintage, or
// overlapping periods.
//
// Like every read of a dataset, All may run on many goroutines at once; a
// keep that selects a share of the keys (by a hash of the reporter, say)
// splits the series among them, each still in key order. The order is
// worked out once for a dataset and kept.
func All[U series.Unit](ds *Dataset, keep func(Key) bool) (iter.Seq2[Key, series.Series[U]], error) {
	ids, err := selectSeries[U](ds, keep)
	if err != nil {
		return nil, err
	}
	return func(yield func(Key, series.Series[U]) bool) {
		var b series.Builder[U]
		for _, s := range ids {
			v, err := build(ds, &b, s, isMonthly, false)
			if err != nil {
				panic("tradeflow: All: a series checked before became unbuildable: " + err.Error())
			}
			if !yield(ds.series.at(int32(s)).Key, v) {
				return
			}
		}
	}, nil
}

// selectSeries returns the series of All and Panels, in key order, or the
// error of the first that cannot be built.
func selectSeries[U series.Unit](ds *Dataset, keep func(Key) bool) ([]int32, error) {
	dim := unitDim[U]()
	var ids []int32
	for _, s := range ds.sorted() {
		if ds.series.at(s).dim == dim && (keep == nil || keep(ds.series.at(int32(s)).Key)) {
			ids = append(ids, s)
		}
	}
	// Every series is built once here to find the bad ones, then again
	// while yielding: building is cheap next to what callers do with a
	// series, and an iterator that stops half way with an error is worse.
	var b series.Builder[U]
	for _, s := range ids {
		if !ds.suspect(s) {
			continue
		}
		if _, err := build(ds, &b, s, isMonthly, false); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// Panels returns the series [All] returns, in the same order, as panels
// of up to size series each, with their keys: the form for work over
// every series of a dataset at once, whose operations cost no allocation
// per series (see [series.Panel]). A panel's values are the series' values
// as All gives them. Its errors are All's, returned before anything is
// yielded. A size below 1 means a single panel of every series; a size of
// a few thousand keeps each panel, and each result of its operations,
// within the processor's caches.
func Panels[U series.Unit](ds *Dataset, keep func(Key) bool, size int) (iter.Seq2[[]Key, series.Panel[U]], error) {
	ids, err := selectSeries[U](ds, keep)
	if err != nil {
		return nil, err
	}
	if size < 1 {
		size = max(len(ids), 1)
	}
	months := ds.Months()
	return func(yield func([]Key, series.Panel[U]) bool) {
		var (
			b series.Builder[U]
			f filler
		)
		for lo := 0; lo < len(ids); lo += size {
			chunk := ids[lo:min(lo+size, len(ids))]
			keys := make([]Key, len(chunk))
			pb := series.NewPanelBuilder[U](ds.spanOf(chunk, months), len(chunk))
			for i, s := range chunk {
				keys[i] = ds.series.at(s).Key
				if fillMonths(ds, pb, i, s, &f) {
					continue
				}
				v, err := build(ds, &b, s, isMonthly, false)
				if err != nil {
					panic("tradeflow: Panels: a series checked before became unbuildable: " + err.Error())
				}
				pb.SetSeries(i, v)
			}
			if !yield(keys, pb.Panel()) {
				return
			}
		}
	}, nil
}

// spanOf returns the months the series ss cover that fillMonths fills, or
// all if none: a panel's room is made for them, not for the whole
// dataset's months.
func (ds *Dataset) spanOf(ss []int32, all series.Period) series.Period {
	ix := ds.index()
	lo, hi := int32(1<<31-1), int32(-1<<31)
	for _, s := range ss {
		if rows := ix.rowsOf(s); !ix.isMixed(s) && len(rows) > 0 {
			// A series that is not mixed has single months, in order.
			lo, hi = min(lo, ds.rows.month(rows[0])), max(hi, ds.rows.month(rows[len(rows)-1]))
		}
	}
	if lo > hi {
		return all
	}
	return series.Period{First: monthAt(lo), Last: monthAt(hi)}
}

// fillMonths sets the values of series s as the i'th series of pb, as
// buildMonths would make them, and reports whether it could: s must be a
// series of single months, one row a month, each value within
// series.MaxDigits in U. Its months and coefficients are gathered into
// f's room and given to pb a run of one exponent at a time (a file's
// values nearly always have one).
func fillMonths[U series.Unit](ds *Dataset, pb *series.PanelBuilder[U], i int, s int32, f *filler) bool {
	if ds.index().isMixed(s) || ds.rows.bigs != nil {
		return false
	}
	var u U
	shift := int32(-u.Exponent())
	f.months, f.coefs = f.months[:0], f.coefs[:0]
	var exp0 int32
	for _, r := range ds.index().rowsOf(s) {
		m, coef, exp := ds.rows.figureAt(r, ds.units, shift)
		if exp != exp0 && len(f.coefs) > 0 {
			if pb.SetInts(i, f.months, f.coefs, exp0) != nil {
				return false
			}
			f.months, f.coefs = f.months[:0], f.coefs[:0]
		}
		exp0 = exp
		f.months = append(f.months, monthAt(m))
		f.coefs = append(f.coefs, coef)
	}
	return pb.SetInts(i, f.months, f.coefs, exp0) == nil
}

// A filler is fillMonths' room, kept from series to series.
type filler struct {
	months []series.Month
	coefs  []int64
}

// suspect reports whether series s may fail to build: two of its figures
// share a month.
func (ds *Dataset) suspect(s int32) bool { return ds.index().isMixed(s) }

func decimalOf(coef int64, exp int32, b *big.Int) decimal.Decimal {
	if b != nil {
		return decimal.NewFromBigInt(b, exp)
	}
	return decimal.New(coef, exp)
}

// An AggregateOption changes what [AggregatePartners] and
// [AggregateCommodities] add up.
type AggregateOption func(*aggregateConfig)

type aggregateConfig struct{ cumulative bool }

// OfCumulative makes an aggregate add up its members' year-to-date
// figures, as [Cumulative] gives them, rather than their monthly ones, as
// [Get] does: the way to aggregate an annual file such as BACI's, whose
// every figure is a year's (its year to date at December). A sum of
// years to date is the year to date of the sum while the group's
// membership stays the same: a year to date over months in which a
// partner joined or left is a gap ("membership changes within the
// period"), as a combined period across a change is; [partner.Group.Fixed]
// gives a composition that does not change.
func OfCumulative() AggregateOption { return func(c *aggregateConfig) { c.cumulative = true } }

// getter returns the function that gives a member's series: Get, or
// Cumulative with OfCumulative.
func getter[U series.Unit](opts []AggregateOption) (func(*Dataset, Key) (series.Series[U], error), bool) {
	var cfg aggregateConfig
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.cumulative {
		return Cumulative[U], true
	}
	return Get[U], false
}

// noMonthly returns an error for an aggregate with no monthly figures to
// add up whose members have year-to-date ones (an annual file read
// without OfCumulative), and nil otherwise: an empty sum is then a
// mistake, not an answer.
func noMonthly[U series.Unit](ds *Dataset, key Key, keys []Key) error {
	for _, k := range keys {
		if c, err := Cumulative[U](ds, k); err == nil && !c.IsEmpty() {
			return fmt.Errorf("tradeflow: %s: %v: no monthly figures to add up, but year-to-date or annual ones (%v has them): pass tradeflow.OfCumulative(): %w",
				ds.name, key, k, ErrNoSeries)
		}
	}
	return nil
}

// AggregatePartners returns the sum of a group's members for key's
// reporter, commodity, flow, measure and breakdown, using each month's membership (or
// a fixed composition, see [partner.Group.Fixed]); key.Partner is ignored.
// Members the dataset has no series for in U's dimension (none at all,
// or only one in another currency) count as missing, and are reported in
// the gaps, never taken as zero; if no member has one, there is no period
// to report them in, and that is an error ([ErrNoSeries]). It adds up
// monthly figures, or with
// [OfCumulative] year-to-date and annual ones; members with figures of
// the other kind only are an error ([ErrNoSeries]) that says so.
func AggregatePartners[U series.Unit](ds *Dataset, key Key, g partner.Group, opts ...AggregateOption) (series.Series[U], partner.MemberGaps, error) {
	get, cumulative := getter[U](opts)
	member := map[partner.Code]bool{} // ever a member
	for ms := range g.Memberships() {
		member[ms.Code] = true
	}
	var (
		keys  []Key      // of members
		other *UnitError // of a member whose series is in another unit
	)
	data := map[partner.Code]series.Series[U]{}
	for _, k := range ds.Keys() {
		if k.Reporter != key.Reporter || k.Commodity != key.Commodity || k.Flow != key.Flow || k.Measure != key.Measure ||
			k.Breakdown != key.Breakdown || k.Partner == partner.World() || k.Partner.IsAggregate() || !member[k.Partner] {
			continue // not added up: whatever is wrong with its figures is no error here
		}
		s, err := get(ds, k)
		var ue *UnitError
		if errors.As(err, &ue) {
			if other == nil {
				other = ue
			}
			continue // a member without a series in U: missing, in the gaps
		}
		if err != nil {
			return series.Series[U]{}, nil, err
		}
		data[k.Partner] = s
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		// No period to report the missing members in: an empty sum
		// without gaps would look like an answer.
		why := ""
		if other != nil {
			why = fmt.Sprintf(" (%v is in %s)", other.Key, other.Have)
		}
		var u U
		return series.Series[U]{}, nil, fmt.Errorf("tradeflow: %s: no member of %s has a series in %s like %v (whatever its partner)%s: %w",
			ds.name, g, u.Symbol(), key, why, ErrNoSeries)
	}
	s, gaps := partner.Aggregate(g, data)
	if s.IsEmpty() && !cumulative {
		if err := noMonthly[U](ds, key, keys); err != nil {
			return series.Series[U]{}, nil, err
		}
	}
	if cumulative {
		s, gaps = stableYears(g, s, gaps)
	}
	return s, gaps, nil
}

// stableYears leaves out of a sum of years to date each one over months
// in which the group's membership changes: the members' years to date at
// a month are summed by the membership of that month, and a partner that
// left (or joined) earlier in the year has months in the group's year to
// date that the sum leaves out (or takes in). Such a period is a gap, as
// a combined period across a change is in partner.Aggregate.
func stableYears[U series.Unit](g partner.Group, s series.Series[U], gaps partner.MemberGaps) (series.Series[U], partner.MemberGaps) {
	var b series.Builder[U]
	unbound.Allow(&b)
	dropped := false
	for p, v := range s.All() {
		ytd := series.Period{First: p.Last.AddMonths(1 - int(p.Last.Month())), Last: p.Last}
		switch {
		case !g.Stable(ytd):
			gaps = append(gaps, partner.MemberGap{Period: ytd, Reason: series.Combined, Cause: ytd})
			dropped = true
		case p.IsMonth():
			b.Set(p.Last, v)
		default:
			b.SetCombined(p, v)
		}
	}
	if !dropped {
		return s, gaps
	}
	out, err := b.Series()
	if err != nil {
		panic(err) // periods of one series, as they were
	}
	slices.SortStableFunc(gaps, func(a, b partner.MemberGap) int { return a.Period.Last.Compare(b.Period.Last) })
	return out, gaps
}

// AggregateCommodities returns the sum over the commodities that match
// (an HS prefix, a product group: see package commodity) for key's
// reporter, partner, flow, measure and breakdown; key.Commodity is ignored. A month has
// a value only if every matching series has it (see [series.Add]).
//
// Files such as UN Comtrade's carry several HS levels at once, a heading
// beside its subheadings. If match accepts a code and a code under it
// (or all goods and any other commodity: a code, a product group), their
// sum would count the trade under the finer one twice: that is an error
// ([ErrDuplicate]) naming both, and match must pick one level, such as
// the six-digit subheadings. So is a match that accepts the codes of two
// classifications (HS codes and SITC ones), which code the same goods. No
// level is chosen for the caller: the finer codes need not add up to
// the coarser one (confidential trade, say). It adds up monthly figures,
// or with [OfCumulative] year-to-date and annual ones, as
// [AggregatePartners] does.
func AggregateCommodities[U series.Unit](ds *Dataset, key Key, match func(Commodity) bool, opts ...AggregateOption) (series.Series[U], series.Gaps, error) {
	get, cumulative := getter[U](opts)
	var keys []Key
	for _, k := range ds.Keys() {
		if k.Reporter != key.Reporter || k.Partner != key.Partner || k.Flow != key.Flow || k.Measure != key.Measure ||
			k.Breakdown != key.Breakdown || !match(k.Commodity) {
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return series.Series[U]{}, nil, fmt.Errorf("tradeflow: %s: no commodity matches for %v: %w", ds.name, key, ErrNoSeries)
	}
	if err := nestedCommodities(ds, key, keys); err != nil {
		return series.Series[U]{}, nil, err
	}
	parts := make([]series.Series[U], 0, len(keys))
	for _, k := range keys {
		s, err := get(ds, k)
		if err != nil {
			return series.Series[U]{}, nil, err
		}
		parts = append(parts, s)
	}
	s, gaps := series.Add(parts[0], parts[1:]...)
	if s.IsEmpty() && !cumulative {
		if err := noMonthly[U](ds, key, keys); err != nil {
			return series.Series[U]{}, nil, err
		}
	}
	return s, gaps, nil
}

// nestedCommodities returns an error if one of the keys' commodities
// contains another: all goods and any other commodity (an HS code, a
// product group, another classification's code: each is goods), or two
// HS codes one under the other. In the nomenclature's order the codes
// under a code follow it, so a code contains another only if it contains
// the next: one pass over the sorted codes finds every such pair.
func nestedCommodities(ds *Dataset, key Key, keys []Key) error {
	var (
		codes []commodity.Code
		other []Commodity // neither HS nor the total
	)
	total := false
	for _, k := range keys {
		if c, ok := k.Commodity.Code(); ok {
			codes = append(codes, c)
		} else if k.Commodity.IsTotal() {
			total = true
		} else {
			other = append(other, k.Commodity)
		}
	}
	nested := func(outer string, inner fmt.Stringer) error {
		return fmt.Errorf("tradeflow: %s: %v: %s contains %v, and both match: their sum would count %v twice; match one level: %w",
			ds.name, key, outer, inner, inner, ErrDuplicate)
	}
	if total && len(other) > 0 {
		return nested("TOTAL", other[0])
	}
	// The same goods coded in two classifications (HS and SITC, say) are
	// counted twice too.
	class := ""
	if len(codes) > 0 {
		class = "HS"
	}
	for _, c := range other {
		cl, _, ok := c.Other()
		if !ok {
			continue // a product group
		}
		if class != "" && class != cl {
			return fmt.Errorf("tradeflow: %s: %v: codes of %s and of %s (%v) both match: their sum would count the same goods twice; match one classification: %w",
				ds.name, key, class, cl, c, ErrDuplicate)
		}
		class = cl
	}
	if len(codes) == 0 {
		return nil
	}
	slices.SortFunc(codes, commodity.Code.Compare)
	if total {
		return nested("TOTAL", codes[0])
	}
	for i := 1; i < len(codes); i++ {
		if codes[i-1].Contains(codes[i]) {
			return nested(codes[i-1].String(), codes[i])
		}
	}
	return nil
}
