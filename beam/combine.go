package tfbeam

import (
	"errors"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// AggregateCommodities sums the series of every commodity of each
// reporter, partner, flow and measure into the series of all goods (the
// zero Commodity), as tradeflow.AggregateCommodities does in a dataset: a
// PCollection<KV<tradeflow.Key, series.Series[U]>>. It is a combiner, so
// runners add series up on each worker before the shuffle. A month has a
// value only if every series has it (series.Add); zero-fill the series
// first (ZeroFill) to take a missing month for zero.
func AggregateCommodities[U series.Unit](s beam.Scope, col beam.PCollection) beam.PCollection {
	s = s.Scope("tfbeam.AggregateCommodities")
	return beam.CombinePerKey(s, &addFn[U]{}, beam.ParDo(s, &allGoodsFn[U]{}, col))
}

type allGoodsFn[U series.Unit] struct{}

func (fn *allGoodsFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U]) (tradeflow.Key, series.Series[U]) {
	k.Commodity = tradeflow.Commodity{}
	return k, s
}

// A sum is a sum of series: N of them.
type sum[U series.Unit] struct {
	N int
	S series.Series[U]
}

func (a sum[U]) add(b sum[U]) sum[U] {
	switch {
	case a.N == 0:
		return b
	case b.N == 0:
		return a
	}
	s, _ := series.Add(a.S, b.S) // the gaps are the months some series lacks
	return sum[U]{a.N + b.N, s}
}

type addFn[U series.Unit] struct{}

func (addFn[U]) CreateAccumulator() sum[U]                    { return sum[U]{} }
func (addFn[U]) AddInput(a sum[U], s series.Series[U]) sum[U] { return a.add(sum[U]{1, s}) }
func (addFn[U]) MergeAccumulators(a, b sum[U]) sum[U]         { return a.add(b) }
func (addFn[U]) ExtractOutput(a sum[U]) series.Series[U]      { return a.S }

func (a sum[U]) MarshalBinary() ([]byte, error) {
	var e encoder
	e.uvarint(uint64(a.N))
	t, err := a.S.MarshalBinary()
	e.fail(err)
	e.bytes(t)
	return e.b, e.err
}

func (a *sum[U]) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	a.N = int(d.uvarint())
	t := d.bytes()
	if d.err == nil {
		if err := a.S.UnmarshalBinary(t); err != nil {
			return err
		}
	}
	return d.done()
}

// Contributions decomposes the growth of each total into the contributions
// of its partners, partner.Contributions, for every (reporter, flow,
// commodity, measure) and period: a PCollection<KV<tradeflow.Key,
// partner.Decomposition>>, the key's Partner being partner.World(), and a
// PCollection<Gap> of the periods it has no decomposition for.
//
// col is a PCollection<KV<tradeflow.Key, series.Series[U]>> of the parts,
// one series a partner, such as AggregateCommodities gives. A series of
// partner.World() is the total; without one, the total is the sum of the
// parts (and the residual zero). The parts must not overlap: leave
// aggregates such as the EU out. Each part is named by its code's
// canonical form (partner.Code.String), in the order of partner.Code.Compare.
//
// The work is a combiner per (reporter, flow, commodity, measure, period):
// each observation goes to the period it is in and to the period lag months
// later, exactly (decimals travel in their binary form), and the
// decomposition is partner.Contributions' over the combined values. A
// period is decomposed when some series (the total or a part) has a value
// in it and some series a value in its base; every partner of the total
// takes part, and a value missing (a part's, or the total's, which without
// a World series is missing where a part's is) is a Gap, as
// partner.Contributions reports it over the whole series, and so is a
// zero total. A combined
// observation (January–February) is decomposed when every part has an
// observation for exactly that period, and its base. lag is 12 if 0.
func Contributions[U series.Unit](s beam.Scope, col beam.PCollection, lag int) (decompositions, gaps beam.PCollection) {
	if lag == 0 {
		lag = 12
	}
	s = s.Scope("tfbeam.Contributions")
	parts := beam.CombinePerKey(s, &partsFn{}, beam.ParDo(s, &spreadFn[U]{Lag: lag}, col))
	return beam.ParDo2(s, &contribFn[U]{Lag: lag}, parts, beam.SideInput{Input: membersOf[U](s, col)})
}

// membersOf returns, for every total's key, its partners: a
// PCollection<KV<tradeflow.Key, parts>> of parts without values. A
// period's combined values hold only the partners that have a value or a
// base in it; a partner missing from them is a part with a value missing,
// which partner.Contributions and partner.Shares report, not a partner left
// out.
func membersOf[U series.Unit](s beam.Scope, col beam.PCollection) beam.PCollection {
	return beam.CombinePerKey(s, &partsFn{}, beam.ParDo(s, &memberFn[U]{}, col))
}

type memberFn[U series.Unit] struct{}

func (*memberFn[U]) ProcessElement(k tradeflow.Key, _ series.Series[U]) (tradeflow.Key, part) {
	c := k.Partner
	k.Partner = partner.World()
	return k, part{Code: c}
}

// members holds the side input of membersOf, read once: a batch pipeline's
// global window has one value of it for every element.
type members map[tradeflow.Key]parts

func (m *members) of(k tradeflow.Key, iter func(*tradeflow.Key, *parts) bool) parts {
	if *m == nil {
		*m = members{}
		var key tradeflow.Key
		var ps parts
		for iter(&key, &ps) {
			(*m)[key] = ps
		}
	}
	return (*m)[k]
}

// complete returns ps with every member of the total among its parts, and
// whether some part has a value and some part a base in the period.
func complete(ps, all parts) (out parts, hasValue, hasBase bool) {
	for _, p := range ps.Parts {
		hasValue = hasValue || p.HasValue
		hasBase = hasBase || p.HasBase
	}
	out = ps.merge(all)
	out.Twice = ps.Twice // a member adds no value
	return out, hasValue, hasBase
}

// Shares splits each total into the shares of its partners in every
// period, partner.Shares: a PCollection<KV<tradeflow.Key,
// partner.Breakdown>>, the key's Partner being partner.World(), and a
// PCollection<Gap>. col, the total and the parts are as for
// Contributions; a period has shares when the total (or, without one, a
// part) has a value for it.
func Shares[U series.Unit](s beam.Scope, col beam.PCollection) (breakdowns, gaps beam.PCollection) {
	s = s.Scope("tfbeam.Shares")
	parts := beam.CombinePerKey(s, &partsFn{}, beam.ParDo(s, &spreadFn[U]{}, col))
	return beam.ParDo2(s, &sharesFn[U]{}, parts, beam.SideInput{Input: membersOf[U](s, col)})
}

// A Gap is a period that Contributions or Shares has no figure for, and
// why: one a value that partner.Contributions or partner.Shares found
// missing or zero.
type Gap struct {
	Key    tradeflow.Key // the total's key: its Partner is partner.World()
	Period series.Period // the period of the decomposition
	Name   string        // the part whose value is at fault, or "total"
	Reason series.Reason // series.MonthMissing, series.Combined or series.BaseZero (a zero total)
	Cause  series.Period // the period whose value is missing or zero
	Err    string        // the library's message
}

// A keyPeriod is the key of a total and a period.
type keyPeriod struct {
	Key    tradeflow.Key
	Period series.Period
}

// A part is one partner's values for a period and its base.
type part struct {
	Code              partner.Code
	Value, Base       decimal.Decimal
	HasValue, HasBase bool
}

// parts are the values of a total's partners for one period, by code.
type parts struct {
	Parts []part // in the order of partner.Code.Compare
	Twice []partner.Code
}

// spreadFn sends each observation to its period and, as a base, to the
// period lag months later (Lag 0: no base, for shares).
type spreadFn[U series.Unit] struct{ Lag int }

func (fn *spreadFn[U]) ProcessElement(k tradeflow.Key, s series.Series[U], emit func(keyPeriod, part)) {
	c := k.Partner
	k.Partner = partner.World()
	for p, v := range s.All() {
		emit(keyPeriod{k, p}, part{Code: c, Value: v, HasValue: true})
		// No period lies lag months after one within lag of 9999-12:
		// such an observation is nobody's base.
		if fn.Lag > 0 && lastMonth.MonthsSince(p.Last) >= fn.Lag {
			emit(keyPeriod{k, p.Shift(fn.Lag)}, part{Code: c, Base: v, HasBase: true})
		}
	}
}

// lastMonth is the last month there is.
var lastMonth = series.MustParseMonth("9999-12")

type partsFn struct{}

func (partsFn) CreateAccumulator() parts { return parts{} }

func (partsFn) AddInput(a parts, p part) parts { return a.merge(parts{Parts: []part{p}}) }

func (partsFn) MergeAccumulators(a, b parts) parts { return a.merge(b) }

func (partsFn) ExtractOutput(a parts) parts { return a }

// merge returns the parts of a and b, a partner's value and base put
// together; a partner with two values (or two bases) is noted in Twice.
func (a parts) merge(b parts) parts {
	out := parts{Parts: make([]part, 0, len(a.Parts)+len(b.Parts)), Twice: append(slices.Clone(a.Twice), b.Twice...)}
	i, j := 0, 0
	for i < len(a.Parts) || j < len(b.Parts) {
		var c int
		switch {
		case i == len(a.Parts):
			c = 1
		case j == len(b.Parts):
			c = -1
		default:
			c = a.Parts[i].Code.Compare(b.Parts[j].Code)
		}
		switch {
		case c < 0:
			out.Parts = append(out.Parts, a.Parts[i])
			i++
		case c > 0:
			out.Parts = append(out.Parts, b.Parts[j])
			j++
		default:
			x, y := a.Parts[i], b.Parts[j]
			if x.HasValue && y.HasValue || x.HasBase && y.HasBase {
				out.Twice = append(out.Twice, x.Code)
			}
			if y.HasValue {
				x.Value, x.HasValue = y.Value, true
			}
			if y.HasBase {
				x.Base, x.HasBase = y.Base, true
			}
			out.Parts = append(out.Parts, x)
			i++
			j++
		}
	}
	return out
}

// split returns the total (the World's values, if given) and the parts
// as series of the period t and its base.
func split[U series.Unit](ps parts, t, base series.Period) (total series.Series[U], hasTotal bool, list []partner.Part[U]) {
	world := partner.World()
	for _, p := range ps.Parts {
		var b series.Builder[U]
		if p.HasBase && base.Valid() {
			set(&b, base, p.Base)
		}
		if p.HasValue {
			set(&b, t, p.Value)
		}
		s, _ := b.Series() // t and its base do not overlap: lag > 0, or no base
		if p.Code == world {
			total, hasTotal = s, true
			continue
		}
		list = append(list, partner.Part[U]{Name: p.Code.String(), Series: s})
	}
	return total, hasTotal, list
}

func set[U series.Unit](b *series.Builder[U], p series.Period, v decimal.Decimal) {
	if p.IsMonth() {
		b.Set(p.First, v)
	} else {
		b.SetCombined(p, v)
	}
}

// sumOf returns the sum of the parts, in each period where every part has
// a value (series.Add's sum): the total of parts that are all there is.
func sumOf[U series.Unit](list []partner.Part[U], t, base series.Period, lag int) series.Series[U] {
	var b series.Builder[U]
	for _, p := range []series.Period{base, t} {
		if lag == 0 && p == base {
			continue
		}
		sum, all := decimal.Zero, len(list) > 0
		for _, pt := range list {
			v, ok := pt.Series.AtPeriod(p)
			if !ok {
				all = false
				break
			}
			sum = sum.Add(v)
		}
		if all {
			set(&b, p, sum)
		}
	}
	s, _ := b.Series()
	return s
}

type contribFn[U series.Unit] struct {
	Lag     int
	members members
}

func (fn *contribFn[U]) ProcessElement(kp keyPeriod, ps parts, all func(*tradeflow.Key, *parts) bool, emit func(tradeflow.Key, partner.Decomposition), gap func(Gap)) {
	ps, hasValue, hasBase := complete(ps, fn.members.of(kp.Key, all))
	if !hasValue || !hasBase {
		// A period after the last value, which only bases reach, or
		// within lag of the first, which has no base.
		return
	}
	t, base := kp.Period, kp.Period.Shift(-fn.Lag)
	total, hasTotal, list := split[U](ps, t, base)
	if !hasTotal {
		total = sumOf(list, t, base, fn.Lag)
	}
	if len(ps.Twice) > 0 {
		gap(Gap{Key: kp.Key, Period: t, Name: ps.Twice[0].String(), Err: "partner " + ps.Twice[0].String() + " has two series"})
		return
	}
	d, err := partner.Contributions(t, total, list, partner.Lag(fn.Lag))
	if err != nil {
		gapsOf(kp, err, gap)
		return
	}
	emit(kp.Key, d)
}

type sharesFn[U series.Unit] struct {
	members members
}

func (fn *sharesFn[U]) ProcessElement(kp keyPeriod, ps parts, all func(*tradeflow.Key, *parts) bool, emit func(tradeflow.Key, partner.Breakdown), gap func(Gap)) {
	ps, _, _ = complete(ps, fn.members.of(kp.Key, all))
	t := kp.Period
	total, hasTotal, list := split[U](ps, t, series.Period{})
	if !hasTotal {
		total = sumOf(list, t, series.Period{}, 0)
	}
	if len(ps.Twice) > 0 {
		gap(Gap{Key: kp.Key, Period: t, Name: ps.Twice[0].String(), Err: "partner " + ps.Twice[0].String() + " has two series"})
		return
	}
	b, err := partner.Shares(t, total, list)
	if err != nil {
		gapsOf(kp, err, gap)
		return
	}
	emit(kp.Key, b)
}

// gapsOf emits a Gap for each *partner.DataError err holds.
func gapsOf(kp keyPeriod, err error, gap func(Gap)) {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		g := Gap{Key: kp.Key, Period: kp.Period, Err: e.Error()}
		var de *partner.DataError
		if errors.As(e, &de) {
			g.Name, g.Reason, g.Cause = de.Name, de.Reason, de.Period
		}
		gap(g)
	}
}
