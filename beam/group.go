package tfbeam

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// Figures are the figures of one series that one block of a file holds: a
// part of the series, which GroupSeries puts together with the others.
type Figures[U series.Unit] struct {
	File       string // the file
	Start, End int64  // the block: the records that begin in these bytes of the file
	// Series holds the latest vintage of each period within the block, as
	// tradeflow.Get builds it.
	Series series.Series[U]
	// Vintages holds the vintage of each observation of Series, in order,
	// or nil if the file has no vintages.
	Vintages []tradeflow.Vintage
	// Err, if not empty, says why the block's figures of the series cannot
	// be used: two figures in it cover one month, and neither may be used
	// silently. GroupSeries then builds no series for the key.
	Err string

	at    block    // the block, to read again for a dead letter's line
	opts  int      // which of GroupSeries' Files it comes from
	older []figure // the block's figures of earlier vintages than Series', by period
}

// A figure is one figure of a series that a later vintage superseded, in
// the series' unit.
type figure struct {
	p       series.Period
	v       decimal.Decimal
	vintage tradeflow.Vintage
}

// GroupSeries puts the figures of each series together, from every block
// and file, and returns a PCollection<KV<tradeflow.Key,
// series.Series[U]>>, one series a key, and a PCollection<DeadLetter>.
//
// The figures of a period are chosen as tradeflow.Get chooses them in one
// file: the latest vintage wins; two figures of the same vintage are a
// duplicate (a dead letter for the second, naming the first, unless the
// files were read with SumDuplicates, which adds them up), and if they
// differ, a conflict: neither is used, and the series is not built (a
// dead letter for the second, naming the first, and one for the series,
// as a read of the file whole gives). So is a combined
// period (January–February) beside a separate month it covers, in one
// block or two: GroupSeries, not Read, reports it, with a letter for the
// later period's figure naming the earlier one's, each the copy a read of
// the file whole keeps and names (of a duplicate the first, of
// conflicting figures the last that differs from the one before it),
// whichever blocks the copies are in. Figures of
// an earlier vintage than the latest are checked alike: a duplicate or a
// conflict among them is a dead letter, and the series is built from the
// latest vintage, as the library builds it. A series that one block
// cannot build is decided over the figures of every block all the same: a
// conflict there in a vintage that another block supersedes does not
// leave it out.
//
// Figures of several Reads (different globs or schemas) are grouped
// together when their Files are given at once.
func GroupSeries[U series.Unit](s beam.Scope, files ...Files) (series, dead beam.PCollection) {
	s = s.Scope("tfbeam.GroupSeries")
	opts := make([]ReadOptions, len(files))
	var figs beam.PCollection
	if len(files) == 1 {
		opts[0], figs = files[0].opts, files[0].Figures
	} else {
		cols := make([]beam.PCollection, len(files))
		for i, f := range files {
			opts[i] = f.opts
			cols[i] = beam.ParDo(s, &tagFn[U]{Index: i}, f.Figures)
		}
		figs = beam.Flatten(s, cols...)
	}
	sums := make([]bool, len(opts))
	for i, o := range opts {
		sums[i] = o.SumDuplicates
	}
	series, raw := beam.ParDo2(s, &mergeFn[U]{Sum: sums}, beam.GroupByKey(s, figs))
	return series, numberLines(s, raw, opts)
}

// tagFn marks figures with the Files they come from.
type tagFn[U series.Unit] struct{ Index int }

func (fn *tagFn[U]) ProcessElement(k tradeflow.Key, f Figures[U]) (tradeflow.Key, Figures[U]) {
	f.opts = fn.Index
	return k, f
}

// mergeFn builds each series from its parts.
type mergeFn[U series.Unit] struct {
	Sum []bool // SumDuplicates, for each Files
}

// An obs is one figure of a series, and where it comes from.
type obs struct {
	p       series.Period
	v       decimal.Decimal
	vintage tradeflow.Vintage
	part    int
}

func (fn *mergeFn[U]) ProcessElement(k tradeflow.Key, parts func(*Figures[U]) bool, emit func(tradeflow.Key, series.Series[U]), dead func(rawDead)) {
	var all []Figures[U]
	var f Figures[U]
	for parts(&f) {
		all = append(all, f)
	}
	if len(all) == 1 && all[0].Err == "" {
		emit(k, all[0].Series)
		return
	}
	// A block whose figures could not make the series (Err) sends them
	// all, every vintage: whether they can, with the other blocks', is
	// decided below over all the figures, as a read of the files whole
	// decides it (a conflict in a vintage that another block supersedes
	// is no reason to leave the series out).
	// Parts in file order, then their figures by period and vintage.
	slices.SortFunc(all, func(a, b Figures[U]) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Start, b.Start))
	})
	var figs []obs
	for i, f := range all {
		j := 0
		for p, v := range f.Series.All() {
			o := obs{p: p, v: v, part: i}
			if f.Vintages != nil {
				o.vintage = f.Vintages[j]
			}
			figs = append(figs, o)
			j++
		}
		for _, x := range f.older {
			figs = append(figs, obs{p: x.p, v: x.v, vintage: x.vintage, part: i})
		}
	}
	slices.SortStableFunc(figs, func(a, b obs) int {
		return cmp.Or(a.p.First.Compare(b.p.First), a.p.Last.Compare(b.p.Last), a.vintage.Compare(b.vintage))
	})
	bad := false
	var u U
	base := func(v decimal.Decimal) decimal.Decimal { return v.Shift(int32(u.Exponent())) }
	letter := func(o, other obs, reason, tail string) {
		dead(rawDead{At: all[o.part].at, Opts: all[o.part].opts, Key: k, Period: o.p, Vintage: o.vintage, Figure: base(o.v), Reason: reason,
			Other: all[other.part].at, OtherOpts: all[other.part].opts, OtherPeriod: other.p, OtherVintage: other.vintage, OtherFigure: base(other.v), Tail: tail})
	}
	// kept holds each period's figure of the latest vintage, the sum of
	// them with SumDuplicates; named, the one a read of the file whole
	// keeps and names in an overlap.
	var kept, named []obs
	for i := 0; i < len(figs); {
		j := i + 1
		for j < len(figs) && figs[j].p == figs[i].p {
			j++
		}
		// figs[i:j] share a period, in vintage order; each vintage's
		// figures are checked, as the reader checks them in one file, and
		// the latest vintage's is kept.
		for first := i; first < j; {
			end := first + 1
			for end < j && figs[end].vintage == figs[first].vintage {
				end++
			}
			latest := end == j
			o := figs[first]
			// Each figure is compared with the one before it that the
			// library would keep, as its reader compares the rows of a
			// file: a duplicate with the figure it repeats, a conflict
			// with the figure before it, which it then replaces.
			// A figure after another of its own block has been
			// reported by the block's reader, which compares them alike.
			prev := o
			var seen map[int]bool // made only for a period and vintage of several figures
			if end-first > 1 {
				seen = map[int]bool{o.part: true}
			}
			for _, x := range figs[first+1 : end] {
				reported := seen[x.part]
				seen[x.part] = true
				switch {
				case fn.Sum[all[o.part].opts]:
					if latest {
						o.v = o.v.Add(x.v)
					}
				case x.v.Equal(prev.v):
					if !reported {
						letter(x, prev, fmt.Sprintf("%v: %v %v%s is also", tradeflow.ErrDuplicate, k, x.p, ofVintage(x.vintage)), "")
					}
				default:
					// One letter, of the later figure, naming the other:
					// as the library reports a conflict within a block,
					// so that the letters do not depend on where the
					// blocks fall. A conflict in a vintage that a later
					// one supersedes leaves the series built, as in the
					// library.
					if !reported {
						letter(x, prev, fmt.Sprintf("%v: %v %v%s is %s here and %s", tradeflow.ErrDuplicate, k, x.p, ofVintage(x.vintage), printed(x.v), printed(prev.v)), "; neither is used")
					}
					bad = bad || latest
					prev = x
				}
			}
			if latest {
				kept = append(kept, o)
				if fn.Sum[all[o.part].opts] {
					named = append(named, o)
				} else {
					named = append(named, prev)
				}
			}
			first = end
		}
		i = j
	}
	// A combined period (January–February) beside a month it covers, in
	// one block or two (Read leaves them all to GroupSeries): a letter for
	// the later period's figure naming the earlier one's, each the figure
	// the library keeps for its period, as it names them.
	for i := 1; i < len(named); i++ {
		if a, b := named[i-1], named[i]; !b.p.First.After(a.p.Last) {
			dead(rawDead{At: all[b.part].at, Opts: all[b.part].opts, Key: k, Period: b.p, Vintage: b.vintage, Figure: base(b.v),
				Reason: fmt.Sprintf("%v: %v: %v overlaps %v", tradeflow.ErrDuplicate, k, b.p, a.p),
				Other:  all[a.part].at, OtherOpts: all[a.part].opts, OtherPeriod: a.p, OtherVintage: a.vintage, OtherFigure: base(a.v),
				Tail: overlapReason, Kept: true})
			bad = true
		}
	}
	if bad {
		dead(rawDead{At: all[0].at, Opts: all[0].opts, Reason: fmt.Sprintf("series %v not built: %s", k, conflicting)})
		return
	}
	var bld series.Builder[U]
	for _, o := range kept {
		if o.p.IsMonth() {
			bld.Set(o.p.First, o.v)
		} else {
			bld.SetCombined(o.p, o.v)
		}
	}
	out, err := bld.Series()
	if err != nil { // the checks above leave nothing for Series to refuse
		dead(rawDead{At: all[0].at, Opts: all[0].opts, Reason: fmt.Sprintf("series %v not built: %v", k, err)})
		return
	}
	emit(k, out)
}

// ofVintage names a figure's vintage as the library's errors do, "
// vintage 2025-12-08", or nothing for a figure of no known release.
func ofVintage(v tradeflow.Vintage) string {
	if v.IsZero() {
		return ""
	}
	return " vintage " + v.String()
}

// printed writes a value with the places it carries ("2.50"), as the
// library's reader quotes a figure in a duplicate's error.
func printed(v decimal.Decimal) string { return v.StringFixed(max(0, -v.Exponent())) }
