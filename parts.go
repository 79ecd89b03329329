package tradeflow

import (
	"fmt"
	"slices"
	"strings"
)

// sumParts adds up the parts of totals that a file does not give (the
// breakdowns of p whose Total is nil): the figures of keys that differ
// only in such breakdowns become, exactly, one figure of the total's key
// for each period and vintage. Parts that conflict (two different
// figures for one part) make a conflicting total, which no series is
// built from. A total quantity is left out if its parts do not all have
// one, as their values do: a sum of some parts is not the total. So is
// every total one of whose parts is a bad row (bad, with CollectErrors):
// the row is listed among the errors, and its total is missing, not the
// sum of the others.
func (ds *Dataset) sumParts(p *plan, bad []badPart) {
	summed := map[string]bool{}
	var reasons []string
	for _, pr := range p.parts {
		if pr.sum {
			summed[pr.bname] = true
			reasons = append(reasons, pr.reason)
		}
	}
	n := int32(ds.series.len())
	remap := make([]int32, n)
	targets := map[int32]bool{}
	parts := map[int32]bool{}
	for s := range n {
		sk := *ds.series.at(s)
		remap[s] = s
		b, ok := sk.Breakdown.without(summed)
		if !ok {
			continue
		}
		tk := sk.Key
		tk.Breakdown = b
		to := ds.seriesID(tk, sk.dim)
		remap[s] = to
		targets[to] = true
		parts[s] = true
	}
	// The totals of the bad parts: by key (any measure: a bad row's value
	// and quantities are all missing from their sums) and period, and the
	// vintages the rows were of.
	type total struct {
		key  Key
		last int32
		span uint16
	}
	type badTotal struct {
		vints   []Vintage
		anyVint bool
		line    int
	}
	badTotals := map[total]*badTotal{}
	for _, bp := range bad {
		k := bp.key
		k.Measure = 0
		b, ok := k.Breakdown.without(summed)
		if !ok {
			continue // a row of a total itself: no sum is made of it
		}
		k.Breakdown = b
		t := total{k, bp.per.last, bp.per.span}
		bt := badTotals[t]
		if bt == nil {
			bt = &badTotal{line: bp.line}
			badTotals[t] = bt
		}
		bt.vints = append(bt.vints, bp.vint)
		bt.anyVint = bt.anyVint || bp.anyVint
		bt.line = min(bt.line, bp.line)
	}
	if len(targets) == 0 {
		return
	}
	// Each row of the file has one figure of the main measure: those
	// count the rows.
	count := SkipCount{Reason: strings.Join(reasons, "; ")}
	main := p.mainMeasure()
	for pi, pg := range ds.rows.pages {
		for i, k := range pg.key[:pg.n] {
			if parts[k] {
				r := int32(pi<<pageBits + i)
				if !ds.rows.isDead(r) && ds.series.at(k).Measure == main {
					line := int(pg.line.at(i))
					if count.Rows == 0 || line < count.First {
						count.First = line
					}
					count.Rows++
				}
				pg.key[i] = remap[k]
			}
		}
	}
	ds.ix.Store(nil)
	ix := ds.index()

	// The groups: the rows of a total for one period and vintage.
	type group struct {
		s    int32
		last int32
		span uint16
		vint Vintage
	}
	sizes := map[group]int{}
	ids := slices.Sorted(func(yield func(int32) bool) {
		for s := range targets {
			if !yield(s) {
				return
			}
		}
	})
	each := func(s int32, fn func(g group, rows []int32)) {
		rows := ix.rowsOf(s)
		for i := 0; i < len(rows); {
			j := i + 1
			for j < len(rows) && ds.rows.month(rows[j]) == ds.rows.month(rows[i]) && ds.rows.span(rows[j]) == ds.rows.span(rows[i]) &&
				ds.rows.vint(rows[j]) == ds.rows.vint(rows[i]) {
				j++
			}
			fn(group{s, ds.rows.month(rows[i]), ds.rows.span(rows[i]), ds.rows.vint(rows[i])}, rows[i:j])
			i = j
		}
	}
	for _, s := range ids {
		each(s, func(g group, rows []int32) { sizes[g] = len(rows) })
	}
	var incomplete, withBad SkipCount
	for _, s := range ids {
		sk := ds.series.at(s)
		tk := sk.Key
		tk.Measure = 0
		var values []int32 // the series of the total's value, in each dimension
		if sk.Measure != Value {
			vk := sk.Key
			vk.Measure = Value
			values = ds.seriesOfKey(vk)
		}
		each(s, func(g group, rows []int32) {
			if bt := badTotals[total{tk, g.last, g.span}]; bt != nil && (bt.anyVint || slices.Contains(bt.vints, g.vint)) {
				for _, r := range rows {
					ds.rows.kill(r)
				}
				if withBad.Rows == 0 || bt.line < withBad.First {
					withBad.First = bt.line
				}
				withBad.Rows++
				return
			}
			if len(values) > 0 {
				most := 0
				for _, v := range values {
					most = max(most, sizes[group{v, g.last, g.span, g.vint}])
				}
				if most > len(rows) {
					// Some parts have a value and no quantity.
					for _, r := range rows {
						ds.rows.kill(r)
					}
					if incomplete.Rows == 0 {
						incomplete.First = int(ds.rows.line(rows[0]))
					}
					incomplete.Rows++
					return
				}
			}
			if len(rows) == 1 {
				return
			}
			for _, r := range rows {
				if _, bad := ds.conflicts[r]; bad {
					if ds.conflicts == nil {
						ds.conflicts = map[int32]int32{}
					}
					for k, r := range rows {
						ds.conflicts[r] = rows[(k+1)%len(rows)]
					}
					return
				}
			}
			last := rows[len(rows)-1]
			exp := ds.units[ds.rows.get(last).unit].exp
			total := ds.figure(g.s, rows[0]).Normalized()
			for _, r := range rows[1:] {
				total = total.Add(ds.figure(g.s, r).Normalized())
			}
			ds.rows.setValue(last, total.Shift(-int32(exp)))
			for _, r := range rows[:len(rows)-1] {
				ds.rows.kill(r)
			}
		})
	}
	ds.ix.Store(nil)
	ds.index()
	ds.summary.Summed = append(ds.summary.Summed, count)
	if incomplete.Rows > 0 {
		incomplete.Reason = fmt.Sprintf("a total's quantity (%s): its parts are not all those of its value (a part has no quantity, or its value conflicts)", strings.Join(reasons, "; "))
		ds.summary.LeftOut = append(ds.summary.LeftOut, incomplete)
	}
	if withBad.Rows > 0 {
		// First is the first bad part's line: the total has no line.
		withBad.Reason = fmt.Sprintf("a total (%s) one of whose parts is a bad row: the sum of the others is not the total", strings.Join(reasons, "; "))
		ds.summary.LeftOut = append(ds.summary.LeftOut, withBad)
	}
}

// mainMeasure returns the measure of a row's main value: the schema's
// constant measure, or Value.
func (p *plan) mainMeasure() Measure {
	if p.measure.col < 0 && p.measure.has {
		if m, err := ParseMeasure(p.measure.konst); err == nil {
			return m
		}
	}
	return Value
}

// without returns b without the parts named in names, and whether it had
// any.
func (b Breakdown) without(names map[string]bool) (Breakdown, bool) {
	if b.s == "" {
		return b, false
	}
	var keep []string
	had := false
	for _, part := range strings.Split(b.s, ",") {
		name, _, _ := strings.Cut(part, "=")
		if names[name] {
			had = true
			continue
		}
		keep = append(keep, part)
	}
	return Breakdown{strings.Join(keep, ",")}, had
}
