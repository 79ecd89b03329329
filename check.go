package tradeflow

import (
	"fmt"
	"slices"

	"github.com/tradeflow-go/tradeflow/internal/readerr"
)

// check finds, series by series, figures with the same period and vintage,
// and monthly figures that cover the same month. Two equal figures are a
// duplicate: one is kept. Two different ones are a conflict: both stay,
// marked, so that no series is ever built from either without an error
// naming both lines. With sum set, figures with the same period and
// vintage are added up instead. It returns the errors in line order, the
// number of rows a figure of which was dropped as a duplicate, the number
// of figures kept marked (both of a conflict, and a figure that overlaps
// another), and the rows added into another: a row of several figures (a
// value and its quantities) is one row, however many of its figures are
// dropped or added.
func (ds *Dataset) check(sum bool) (errs []*RowError, dropped, marked int, summed SkipCount) {
	if sum && ds.partialFigures(ds.index()) {
		ds.ix.Store(nil)
	}
	ix := ds.index()
	before := len(ds.conflicts)
	overlaps := 0
	summed.Reason = "a figure for the same key, period and vintage as another, added to it (SumDuplicates)"
	killed := false
	// The rows, by line, of the figures dropped and of those summed.
	droppedRows, summedRows := map[int]bool{}, map[int]bool{}
	for s := range ds.series.len() {
		if !ix.isMixed(int32(s)) {
			continue
		}
		rows := ix.rowsOf(int32(s))
		key := ds.series.at(int32(s)).Key
		for n := 1; n < len(rows); n++ {
			a, b := rows[n-1], rows[n]
			if ds.rows.month(a) != ds.rows.month(b) || ds.rows.span(a) != ds.rows.span(b) || ds.rows.vint(a) != ds.rows.vint(b) {
				continue
			}
			fa, fb := ds.figure(int32(s), a), ds.figure(int32(s), b)
			switch {
			case sum:
				total := fa.Normalized().Add(fb.Normalized()).Shift(-int32(fb.Unit.exp))
				ds.rows.setValue(b, total)
				ds.rows.kill(a)
				killed = true
				if l := int(ds.rows.line(a)); !summedRows[l] {
					if summed.Rows == 0 || l < summed.First {
						summed.First = l
					}
					summedRows[l] = true
					summed.Rows++
				}
			case fa.Normalized().Equal(fb.Normalized()):
				errs = append(errs, &RowError{File: ds.name, Line: fb.Line,
					Err: fmt.Errorf("%w: %v %v%s is also on line %d", ErrDuplicate, key, fb.Period, ofVintage(fb.Vintage), fa.Line)})
				ds.rows.kill(b)
				rows[n] = a // a stays the row compared with the next
				killed = true
				droppedRows[fb.Line] = true
			default:
				errs = append(errs, &RowError{File: ds.name, Line: fb.Line,
					Err: fmt.Errorf("%w: %v %v%s is %s here and %s on line %d; neither is used", ErrDuplicate, key, fb.Period, ofVintage(fb.Vintage),
						fb.Printed(), fa.Printed(), fa.Line)})
				if ds.conflicts == nil {
					ds.conflicts = map[int32]int32{}
				}
				ds.conflicts[a], ds.conflicts[b] = b, a
			}
		}
		// Monthly figures (the latest vintage of each period) must not overlap.
		var last, lastRow int32 = -1, -1
		for n, r := range rows {
			if ds.rows.isDead(r) {
				continue
			}
			p := ds.rows.period(r)
			if !isMonthly(p) || (n+1 < len(rows) && ds.rows.month(rows[n+1]) == ds.rows.month(r) && ds.rows.span(rows[n+1]) == ds.rows.span(r)) {
				continue
			}
			if lastRow >= 0 && monthOff(p.First) <= last {
				errs = append(errs, &RowError{File: ds.name, Line: int(ds.rows.line(r)),
					Err: fmt.Errorf("%w: %v: %v overlaps %v on line %d: %w", ErrDuplicate, key,
						p, ds.rows.period(lastRow), ds.rows.line(lastRow), readerr.ErrOverlap)})
				overlaps++
			}
			last, lastRow = monthOff(p.Last), r
		}
	}
	if killed {
		ds.ix.Store(nil)
		ds.index()
	}
	slices.SortStableFunc(errs, func(a, b *RowError) int { return a.Line - b.Line })
	return errs, len(droppedRows), overlaps + len(ds.conflicts) - before, summed
}

// partialFigures leaves out, before SumDuplicates adds figures up, the
// figures of a key, period and vintage that only some of the rows added
// up have (a quantity, most often, or a value a schema lets be empty):
// their sum would be some rows' quantity beside all the rows' value, a
// missing figure taken for zero. As a total of parts is (see
// Dataset.sumParts), such a figure is left out, and counted in the
// Summary; it reports whether it left any out.
func (ds *Dataset) partialFigures(ix *index) bool {
	type group struct {
		last int32
		span uint16
		vint Vintage
	}
	// Each run of rows of one period and vintage of series s.
	each := func(s int32, fn func(g group, rows []int32)) {
		rows := ix.rowsOf(s)
		for i := 0; i < len(rows); {
			g := group{ds.rows.month(rows[i]), ds.rows.span(rows[i]), ds.rows.vint(rows[i])}
			j := i + 1
			for j < len(rows) && (group{ds.rows.month(rows[j]), ds.rows.span(rows[j]), ds.rows.vint(rows[j])}) == g {
				j++
			}
			fn(g, rows[i:j])
			i = j
		}
	}
	// The rows added up, by key (without its measure), period and
	// vintage: the most figures of one measure a run has.
	added := map[Key]map[group]int{}
	for s := range int32(ds.series.len()) {
		if !ix.isMixed(s) {
			continue
		}
		k := ds.series.at(s).Key
		k.Measure = 0
		each(s, func(g group, rows []int32) {
			if len(rows) > 1 {
				if added[k] == nil {
					added[k] = map[group]int{}
				}
				added[k][g] = max(added[k][g], len(rows))
			}
		})
	}
	if len(added) == 0 {
		return false
	}
	left := SkipCount{Reason: "a figure of rows added up (SumDuplicates) that not every row has: the sum of the others is not the total"}
	for s := range int32(ds.series.len()) {
		k := ds.series.at(s).Key
		k.Measure = 0
		if added[k] == nil {
			continue
		}
		each(s, func(g group, rows []int32) {
			if n := added[k][g]; n > 0 && len(rows) < n {
				first := int(ds.rows.line(rows[0]))
				for _, r := range rows {
					first = min(first, int(ds.rows.line(r)))
					ds.rows.kill(r)
				}
				if left.Rows == 0 || first < left.First {
					left.First = first
				}
				left.Rows++
			}
		})
	}
	if left.Rows == 0 {
		return false
	}
	ds.summary.LeftOut = append(ds.summary.LeftOut, left)
	return true
}
