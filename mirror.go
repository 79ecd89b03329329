package tradeflow

import (
	"errors"
	"slices"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A Mirror compares what two reporters say about one flow of trade:
// exporter A's exports to importer B, as A records them, against B's
// imports from A, as B records them. The two differ by what each counts:
// imports are usually valued CIF (cost, insurance and freight to B's
// border), exports FOB (free on board at A's), and the reporters differ in
// timing, in what they attribute to whom, in confidentiality.
type Mirror[U series.Unit] struct {
	Exports series.Series[U] // A's exports to B
	Imports series.Series[U] // B's imports from A
	// Gap is Imports − Exports, period by period, exactly.
	Gap series.Series[U]
	// Ratio is 100 × Imports ÷ Exports, in percent: the CIF/FOB-style
	// ratio, 106 when B's imports are 6% above A's exports. Its rounding
	// is that of [series.Share].
	Ratio series.Series[series.Percent]
	// Gaps lists the periods with no gap or no ratio, and why: a side
	// missing (series.MonthMissing, the cause naming the period), exports
	// of zero (no ratio: series.BaseZero), a year to date that lacks a
	// month.
	Gaps series.Gaps
}

// MirrorFlows are the mirror statistics of one flow, month by month and
// year to date.
type MirrorFlows[U series.Unit] struct {
	Exporter, Importer partner.Code
	Commodity          Commodity
	Monthly            Mirror[U]
	// YearToDate compares the totals from January: from the monthly
	// figures (a year that lacks a month on either side has no total
	// there, and a gap), or, for a dataset that holds no monthly figures
	// of either side (annual files such as BACI's or Comtrade's), from
	// the year-to-date and annual figures it holds (see [Cumulative]).
	YearToDate Mirror[U]
}

// CompareMirror returns the mirror statistics of exporter's exports to
// importer of commodity c against importer's imports from exporter, from
// a dataset that holds both reporters' figures (the value measure, the
// total of every breakdown), in unit U:
//
//	gap(t)   = M_importer←exporter(t) − X_exporter→importer(t)
//	ratio(t) = 100 × M(t) ÷ X(t)
//
// month by month and year to date. A period where either side is missing
// has neither gap nor ratio, and is in Gaps; nothing is filled. It is an
// error if the dataset has neither side, a side in a unit of another
// dimension than U (a [*UnitError]), or a side whose figures cannot be
// used (two different figures for one period: [ErrDuplicate]).
func CompareMirror[U series.Unit](ds *Dataset, exporter, importer partner.Code, c Commodity) (MirrorFlows[U], error) {
	out := MirrorFlows[U]{Exporter: exporter, Importer: importer, Commodity: c}
	xk := Key{Reporter: exporter, Partner: importer, Commodity: c, Flow: Exports, Measure: Value}
	mk := Key{Reporter: importer, Partner: exporter, Commodity: c, Flow: Imports, Measure: Value}
	side := func(k Key, get func(*Dataset, Key) (series.Series[U], error)) (series.Series[U], bool, error) {
		s, err := get(ds, k)
		switch {
		case err == nil:
			return s, true, nil
		case errors.Is(err, ErrNoSeries):
			// Only a side the dataset does not have is missing: figures
			// that cannot be used (two for one month, say) are an error,
			// not a gap.
			return s, false, nil
		}
		return s, false, err
	}
	x, hasX, err := side(xk, Get[U])
	if err != nil {
		return out, err
	}
	m, hasM, err := side(mk, Get[U])
	if err != nil {
		return out, err
	}
	xc, hasXC, err := side(xk, Cumulative[U])
	if err != nil {
		return out, err
	}
	mc, hasMC, err := side(mk, Cumulative[U])
	if err != nil {
		return out, err
	}
	if !hasX && !hasM && !hasXC && !hasMC {
		_, err := seriesFor[U](ds, xk)
		return out, err
	}
	out.Monthly = mirror(x, m)
	if x.Len() == 0 && m.Len() == 0 {
		out.YearToDate = mirror(xc, mc)
		return out, nil
	}
	xy, xg := series.YearToDate(x)
	my, mg := series.YearToDate(m)
	out.YearToDate = mirror(xy, my)
	out.YearToDate.Gaps = mergeGaps(combinedMonths(out.YearToDate.Gaps, x, m), xg, mg)
	return out, nil
}

// mirror compares two sides' series.
func mirror[U series.Unit](x, m series.Series[U]) Mirror[U] {
	gap, g1 := series.Sub(m, x)
	ratio, g2 := series.Share(m, x)
	return Mirror[U]{Exports: x, Imports: m, Gap: gap, Ratio: ratio, Gaps: mergeGaps(g1, g2)}
}

// combinedMonths returns gaps with a month that has no year-to-date total
// because a side combined it with the next (China's January, published
// with February) given reason Combined and the combined period as cause,
// rather than MonthMissing: the figure is not missing. gaps is modified.
func combinedMonths[U series.Unit](gaps series.Gaps, sides ...series.Series[U]) series.Gaps {
	for i, g := range gaps {
		if g.Reason != series.MonthMissing || !g.Period.IsMonth() {
			continue
		}
		for _, s := range sides {
			if p, _, ok := s.Covering(g.Period.Last); ok && !p.IsMonth() {
				gaps[i] = series.Gap{Period: g.Period, Reason: series.Combined, Cause: p}
				break
			}
		}
	}
	return gaps
}

// mergeGaps returns the gaps of several operations in month order, each
// once; gaps of one period keep the order they first come in. A set of
// those seen, not a search of those kept, finds repeats: a mirror over
// many months has as many gaps.
func mergeGaps(lists ...series.Gaps) series.Gaps {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	out := make(series.Gaps, 0, n)
	seen := make(map[series.Gap]struct{}, n)
	for _, l := range lists {
		for _, g := range l {
			if _, ok := seen[g]; !ok {
				seen[g] = struct{}{}
				out = append(out, g)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b series.Gap) int {
		if c := a.Period.Last.Compare(b.Period.Last); c != 0 {
			return c
		}
		return a.Period.First.Compare(b.Period.First)
	})
	return out
}
