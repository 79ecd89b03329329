package tradeflow

import (
	"fmt"
	"hash/maphash"
	"iter"
	"maps"
	"math/big"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A Figure is one published number: a series' value for a period, as
// printed by a source on a release date.
type Figure struct {
	Key     Key
	Period  series.Period   // a month, a combined release or a year to date
	Value   decimal.Decimal // as printed, in Unit
	Unit    UnitCode        // as printed
	Vintage Vintage         // the release it was printed in
	Source  string
	Note    string
	// Edition is the edition of the Harmonized System the figure's
	// commodity code is of, if its file says (UN Comtrade's H0 to H6,
	// CEPII's HS92 to HS22); zero if not.
	Edition Edition
	Flags   Flags  // what the source says about the figure: estimated, aggregated, reported
	File    string // the dataset's name (the file it was read from)
	Line    int    // the line of that file; 0 if added by code
}

// Printed returns the value as it was printed, trailing zeros kept: a
// rate printed "1.0" has one decimal place, which matters when it is
// reconciled with levels.
func (f Figure) Printed() string { return printed(f.Value) }

func printed(v decimal.Decimal) string {
	if e := v.Exponent(); e < 0 {
		return v.StringFixed(-e)
	}
	return v.String()
}

// Normalized returns the figure's value in its dimension's base unit (USD,
// CNY, kg, percent, index), exactly: USD_100M 3303.5 is USD 330,350,000,000.
func (f Figure) Normalized() decimal.Decimal { return f.Value.Shift(int32(f.Unit.exp)) }

// A Dataset holds many series of figures, keyed by reporter, partner,
// commodity, flow and measure, each figure with its unit, source and
// vintage; a figure may exist in several vintages. Figures of one key in
// units of different dimensions (exports in USD and in CNY) form separate
// series; units of one dimension (USD_100M and USD_M) mix freely, since
// values convert exactly.
//
// The values are kept in columns of integers — coefficients and powers of
// ten, with big integers only for values beyond 64 bits — and sources,
// notes and units are interned, so a figure is a few bytes, never an object
// of its own. Lookups go through an index that groups the figures by
// series; building it costs one pass over the figures.
//
// A Dataset is made by [Read] (and the loaders built on it) or by
// [NewDataset] and [Dataset.Add]. Reading it is safe from many goroutines
// at once; Add must not run concurrently with anything else.
type Dataset struct {
	name string
	rows table

	series    seriesTable // by series id
	seriesIdx seriesIndex
	units     []UnitCode
	unitIdx   map[UnitCode]uint16
	strs      []string
	strIdx    map[string]int32

	mu        sync.Mutex // serialises interning during a read, and index builds
	ix        atomic.Pointer[index]
	conflicts map[int32]int32   // a row whose value is ambiguous → the other row
	pending   map[int32][]int32 // series → rows added since the index was built
	added     map[int32]*addState
	summary   Summary
}

// An addState is what Add checks a figure against in a series of many
// (every release reprinting a history makes thousands): the periods and
// vintages it has, its distinct monthly periods, and those by the months
// they cover, so that a figure is checked for overlaps against the periods
// that share a month with it, not against every period of the series
// (which made adding a series of n months cost n²).
type addState struct {
	figs    map[periodVintage]struct{}
	periods map[series.Period]struct{}
	byMonth map[series.Month][]series.Period // periods of at most a year
	long    []series.Period                  // the longer ones, checked always
}

type periodVintage struct {
	p series.Period
	v Vintage
}

// manyRows is the number of a series' rows from which Add keeps an
// addState rather than reading the rows.
const manyRows = 32

// A seriesTable holds the series' keys by id, in pages that never move:
// adding a series never copies the others (which, being full of strings,
// would cost the garbage collector's write barriers on every copy).
type seriesTable struct {
	pages [][]seriesKey
	n     int
}

const seriesPageBits = 12

func (t *seriesTable) len() int { return t.n }

func (t *seriesTable) at(i int32) *seriesKey {
	return &t.pages[i>>seriesPageBits][i&(1<<seriesPageBits-1)]
}

func (t *seriesTable) add(sk seriesKey) int32 {
	if t.n&(1<<seriesPageBits-1) == 0 {
		t.pages = append(t.pages, make([]seriesKey, 0, 1<<seriesPageBits))
	}
	last := &t.pages[len(t.pages)-1]
	*last = append(*last, sk)
	t.n++
	return int32(t.n - 1)
}

// clone returns a table that shares t's full pages.
func (t *seriesTable) clone() seriesTable {
	c := seriesTable{pages: slices.Clone(t.pages), n: t.n}
	if len(c.pages) > 0 {
		l := len(c.pages) - 1
		c.pages[l] = append(make([]seriesKey, 0, 1<<seriesPageBits), c.pages[l]...)
	}
	return c
}

// seriesKey names one series: a key in one dimension. China's customs print
// exports in dollars and in yuan under the same key.
type seriesKey struct {
	Key
	dim string
}

// NewDataset returns an empty dataset; name is used in error messages.
func NewDataset(name string) *Dataset {
	return &Dataset{name: name, seriesIdx: newSeriesIndex(0), unitIdx: map[UnitCode]uint16{},
		strIdx: map[string]int32{"": 0}, strs: []string{""}}
}

// Name returns the name given to NewDataset or the reader (a file name).
func (ds *Dataset) Name() string { return ds.name }

// Len returns the number of figures, counting every vintage.
func (ds *Dataset) Len() int { return ds.rows.n - ds.rows.deadCount() }

// Summary returns what the read that made the dataset saw: rows read,
// figures kept, rows skipped on purpose and why, rows with errors.
func (ds *Dataset) Summary() Summary { return ds.summary }

func (ds *Dataset) intern(s string) int32 {
	if i, ok := ds.strIdx[s]; ok {
		return i
	}
	i := int32(len(ds.strs))
	ds.strs = append(ds.strs, s)
	ds.strIdx[s] = i
	return i
}

func (ds *Dataset) unitID(u UnitCode) uint16 {
	if i, ok := ds.unitIdx[u]; ok {
		return i
	}
	i := uint16(len(ds.units))
	ds.units = append(ds.units, u)
	ds.unitIdx[u] = i
	return i
}

// seriesID returns the id of the series of k in dimension dim, making it
// if there is none.
func (ds *Dataset) seriesID(k Key, dim string) int32 {
	sk := seriesKey{k, dim}
	return ds.seriesOf(sk, ds.seriesIdx.hash(sk))
}

// seriesOf is seriesID for a key whose hash h the caller computed, so that
// the reader's workers can hash outside ds.mu, which they hold here.
func (ds *Dataset) seriesOf(sk seriesKey, h uint64) int32 {
	x := &ds.seriesIdx
	if sl := x.slot(h); sl.s == 0 {
		// A hash never seen: a new series (the commonest case when
		// reading), found so in one probe.
		i := ds.series.add(sk)
		x.fill(sl, h, i)
		return i
	}
	if i, ok := x.find(&ds.series, sk, h); ok {
		return i
	}
	i := ds.series.add(sk)
	x.put(&ds.series, sk, h, i)
	return i
}

// A seriesIndex finds a series by its key. It maps a hash of the key to
// the series, in an open-addressed table of plain integers, and checks the
// key: much cheaper to build, and to scan for the garbage collector, than a
// map keyed by structs of strings, and a dataset may have millions of
// series. Readers add series under the dataset's lock, so the time a new
// series holds it is kept to a probe or two.
type seriesIndex struct {
	seed  maphash.Seed
	slots []seriesSlot // a power of two long, at most half full
	n     int
	more  map[seriesKey]int32
}

// A seriesSlot holds the low 32 bits of a hash, which place it, and 1 +
// its series (0 for an empty slot): eight bytes a series. Keys whose hashes
// share those bits (a chance of about n²/2³³) go in the second map.
type seriesSlot struct {
	h uint32
	s int32
}

func newSeriesIndex(n int) seriesIndex {
	size := 64
	for size < 2*n {
		size *= 2
	}
	return seriesIndex{seed: maphash.MakeSeed(), slots: make([]seriesSlot, size)}
}

func (x *seriesIndex) hash(sk seriesKey) uint64 { return maphash.Comparable(x.seed, sk) }

// get returns the series of sk; series holds the series' keys by id.
func (x *seriesIndex) get(series *seriesTable, sk seriesKey) (int32, bool) {
	return x.find(series, sk, x.hash(sk))
}

// slot returns the slot of hash h, or the empty slot where it would go.
func (x *seriesIndex) slot(h uint64) *seriesSlot {
	mask := uint32(len(x.slots) - 1)
	for i := uint32(h) & mask; ; i = (i + 1) & mask {
		if sl := &x.slots[i]; sl.s == 0 || sl.h == uint32(h) {
			return sl
		}
	}
}

// find is get for a key whose hash is h.
func (x *seriesIndex) find(series *seriesTable, sk seriesKey, h uint64) (int32, bool) {
	if sl := x.slot(h); sl.s != 0 && *series.at(sl.s - 1) == sk {
		return sl.s - 1, true
	}
	s, ok := x.more[sk]
	return s, ok
}

// put records that series s has key sk, whose hash is h, which find does
// not find.
func (x *seriesIndex) put(series *seriesTable, sk seriesKey, h uint64, s int32) {
	if sl := x.slot(h); sl.s == 0 {
		x.fill(sl, h, s)
		return
	}
	if x.more == nil {
		x.more = map[seriesKey]int32{}
	}
	x.more[sk] = s
}

// fill puts series s, of hash h, in sl, the empty slot slot(h) gave,
// doubling the table first if that would make it more than half full.
func (x *seriesIndex) fill(sl *seriesSlot, h uint64, s int32) {
	if 2*(x.n+1) > len(x.slots) {
		x.grow()
		sl = x.slot(h)
	}
	*sl = seriesSlot{uint32(h), s + 1}
	x.n++
}

func (x *seriesIndex) grow() {
	old := x.slots
	x.slots = make([]seriesSlot, 2*len(old))
	for _, sl := range old {
		if sl.s != 0 {
			*x.slot(uint64(sl.h)) = sl
		}
	}
}

// placeAll fills an empty index with len(h) keys at once, key(i) of hash
// h[i], and returns the series of each: the first i of each key, in the
// order of i, gets its series from add(i), and every other i of that key
// the same. The keys go in the order of their slots, not of i: a table of
// millions of slots is much larger than the cache, and placing keys at
// random costs a miss of it each, where walking the slots from one end to
// the other costs next to none. Equal keys share a slot, and the keys of
// a bucket of slots are placed in the order of i, so the first of a key
// to be placed is its first in i.
func (x *seriesIndex) placeAll(h []uint64, key func(i int32) seriesKey, add func(i int32) int32) []int32 {
	n := len(h)
	if x.n != 0 || 2*n > len(x.slots) {
		panic("tradeflow: internal error: placeAll needs an empty index with room")
	}
	// A counting sort by the high bits of the slot: each bucket's slots,
	// a few hundred, stay in cache while its keys are placed.
	mask := uint64(len(x.slots) - 1)
	const shift = 8 // 256 slots, 2 KiB, a bucket
	count := make([]int32, len(x.slots)>>shift+2)
	for _, hi := range h {
		count[(hi&mask)>>shift+1]++
	}
	for b := 1; b < len(count); b++ {
		count[b] += count[b-1]
	}
	order := make([]int32, n)
	for i, hi := range h {
		b := (hi & mask) >> shift
		order[count[b]] = int32(i)
		count[b]++
	}
	holder := make([]int32, n)
	for _, i := range order {
		sl := x.slot(h[i])
		switch {
		case sl.s == 0:
			*sl = seriesSlot{uint32(h[i]), i + 1}
			x.n++
			holder[i] = i
		case key(sl.s-1) == key(i):
			holder[i] = sl.s - 1
		default: // another key with these 32 bits of hash
			k := key(i)
			if j, ok := x.more[k]; ok {
				holder[i] = j - 1
				continue
			}
			if x.more == nil {
				x.more = map[seriesKey]int32{}
			}
			x.more[k] = i + 1
			holder[i] = i
		}
	}
	// Each slot, and the second map, holds 1 + the first i of its key:
	// the series, numbered in the order of i, replace them.
	ids := holder // reused: holder[i] is read before ids[i] is written
	for i, j := range holder {
		if j == int32(i) {
			ids[i] = add(j)
		} else {
			ids[i] = ids[j] // j < i: numbered already
		}
	}
	for i := range x.slots {
		if sl := &x.slots[i]; sl.s != 0 {
			sl.s = ids[sl.s-1] + 1
		}
	}
	for k, j := range x.more {
		x.more[k] = ids[j-1]
	}
	return ids
}

func (x seriesIndex) clone() seriesIndex {
	c := seriesIndex{seed: x.seed, slots: slices.Clone(x.slots), n: x.n}
	if x.more != nil {
		c.more = cloneMap(x.more)
	}
	return c
}

// findSeries returns the id of the series of k in dimension dim.
func (ds *Dataset) findSeries(k Key, dim string) (int32, bool) {
	return ds.seriesIdx.get(&ds.series, seriesKey{k, dim})
}

// index returns the index of every row, building it if rows were added
// since it was last built.
func (ds *Dataset) index() *index {
	if ix := ds.ix.Load(); ix != nil && ix.rows == ds.rows.n {
		return ix
	}
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if ix := ds.ix.Load(); ix != nil && ix.rows == ds.rows.n {
		return ix
	}
	ix := buildIndex(&ds.rows, ds.series.len())
	ds.ix.Store(ix)
	ds.pending = nil
	return ix
}

// figure returns row r of series s as a Figure.
func (ds *Dataset) figure(s, r int32) Figure {
	rw := ds.rows.get(r)
	sk := ds.series.at(s)
	return Figure{Key: sk.Key, Period: series.Period{First: monthAt(rw.month - int32(rw.span)), Last: monthAt(rw.month)},
		Value: ds.rows.value(r), Unit: ds.units[rw.unit], Vintage: rw.vint, Source: ds.strs[rw.src], Note: ds.strs[rw.note],
		Edition: rw.edition, Flags: rw.flags, File: ds.name, Line: int(rw.line)}
}

// Add adds a figure. It is refused, with an error saying why, if it would
// not load from a file: no vintage or no source, an invalid period, no
// unit, a rate in a unit that
// is not percent (or a level in percent), a negative level of exports or
// imports, a value beyond [series.MaxDigits], or a second figure for the
// same series, period and vintage ([ErrDuplicate]), or a figure whose
// months overlap another monthly figure of the series (a combined
// January–February next to a separate February). As a read does, it drops
// the spaces and tabs around the source and the note, so that a source of
// spaces is none.
//
// Adding n figures costs time in proportion to n (times the distinct
// periods of a series, for the overlap check). The first read after an
// Add indexes the rows again, in time proportional to the dataset: add
// the figures, then read, rather than alternate one Add and one read.
func (ds *Dataset) Add(f Figure) error {
	f.Source, f.Note = strings.Trim(f.Source, " \t"), strings.Trim(f.Note, " \t")
	if err := checkFigure(f); err != nil {
		return err
	}
	s := ds.seriesID(f.Key, f.Unit.dim)
	if err := ds.checkAdd(s, f); err != nil {
		return err
	}
	if ds.rows.keysDropped {
		ds.rows.restoreKeys(ds.index())
	}
	r := row{key: s, month: monthOff(f.Period.Last), line: int32(f.Line), rowAttr: rowAttr{span: uint16(f.Period.Len() - 1),
		exp: int8(f.Value.Exponent()), unit: ds.unitID(f.Unit), vint: f.Vintage, src: ds.intern(f.Source), note: ds.intern(f.Note),
		edition: f.Edition, flags: f.Flags}}
	c := f.Value.Coefficient()
	if c.IsInt64() {
		r.coef = c.Int64()
	}
	i := ds.rows.append(&r)
	if !c.IsInt64() {
		if ds.rows.bigs == nil {
			ds.rows.bigs = map[int32]*big.Int{}
		}
		ds.rows.bigs[i] = c
	}
	if ds.pending == nil {
		ds.pending = map[int32][]int32{}
	}
	ds.pending[s] = append(ds.pending[s], i)
	if st := ds.added[s]; st != nil {
		st.note(f.Period, f.Vintage)
	}
	return nil
}

// checkFigure applies the rules every figure obeys, from a file or not.
func checkFigure(f Figure) error {
	switch {
	case !f.Period.Valid():
		return fmt.Errorf("tradeflow: %v: invalid period %v: %w", f.Key, f.Period, series.ErrPeriod)
	case f.Period.Len() > 1<<16:
		return fmt.Errorf("tradeflow: %v: period %v is longer than %d months: %w", f.Key, f.Period, 1<<16, ErrLimit)
	case f.Unit.IsZero():
		return fmt.Errorf("tradeflow: figure for %v has no unit: %w", f.Key, ErrUnitCode)
	case f.Key.Reporter.IsZero() || f.Key.Partner.IsZero() || f.Key.Flow == 0 || f.Key.Measure == 0:
		return fmt.Errorf("tradeflow: key %v is incomplete: %w", f.Key, ErrKey)
	case f.Key.Reporter == partner.World():
		return fmt.Errorf("tradeflow: key %v: the World is not a reporter: %w", f.Key, partner.ErrCode)
	case f.Vintage.IsZero():
		return fmt.Errorf("tradeflow: figure for %v %v has no vintage: every figure keeps its release date: %w", f.Key, f.Period, ErrMissing)
	case f.Source == "":
		return fmt.Errorf("tradeflow: figure for %v %v has no source: every figure keeps where it came from: %w", f.Key, f.Period, ErrMissing)
	}
	if err := checkUnit(f.Key.Measure, f.Unit); err != nil {
		return fmt.Errorf("tradeflow: %v: %w", f.Key, err)
	}
	if err := checkLevel(f.Key, f.Value.Sign() < 0); err != nil {
		return fmt.Errorf("tradeflow: %v: %w", f.Key, err)
	}
	if err := checkDigits(f.Value); err != nil {
		return fmt.Errorf("tradeflow: %v: %w", f.Key, err)
	}
	return nil
}

func checkUnit(m Measure, u UnitCode) error {
	if m.IsRate() != (u.dim == "percent") {
		return fmt.Errorf("measure %s cannot be in %s: %w", m, u, ErrUnit)
	}
	return nil
}

// checkLevel refuses a negative level of a flow: exports, imports and
// their quantities cannot be below zero (a balance can). Such a figure is a
// sign error upstream, and percent changes over it would mean nothing.
func checkLevel(k Key, negative bool) error {
	if negative && isLevel(k) {
		return fmt.Errorf("a level of %s cannot be negative: %w", k.Flow, ErrLevel)
	}
	return nil
}

// isLevel reports whether k's figures are levels that cannot be negative.
func isLevel(k Key) bool {
	return (k.Measure == Value || k.Measure == Quantity || k.Measure == SupplementaryQuantity || k.Measure == GrossWeight) && k.Flow != Balance
}

func checkDigits(v decimal.Decimal) error {
	places := -int(v.Exponent())
	digits := len(v.Coefficient().Text(10))
	if v.Sign() < 0 {
		digits--
	}
	if places > series.MaxDigits || (v.Sign() != 0 && digits-places > series.MaxDigits) {
		return fmt.Errorf("value %v has more than %d digits before or after the point: %w", v, series.MaxDigits, ErrLimit)
	}
	return nil
}

// checkAdd refuses a duplicate or overlapping figure for series s.
func (ds *Dataset) checkAdd(s int32, f Figure) error {
	clash := func(p series.Period, v Vintage, same bool) error {
		if same && p == f.Period && v == f.Vintage {
			return fmt.Errorf("tradeflow: %v %v%s: %w: added twice", f.Key, f.Period, ofVintage(f.Vintage), ErrDuplicate)
		}
		if p != f.Period && isMonthly(p) && isMonthly(f.Period) && p.First.Compare(f.Period.Last) <= 0 && f.Period.First.Compare(p.Last) <= 0 {
			return fmt.Errorf("tradeflow: %v: %v overlaps %v: a combined figure and separate months for one series: %w", f.Key, f.Period, p, ErrDuplicate)
		}
		return nil
	}
	st := ds.addStateOf(s)
	if st == nil {
		for r := range ds.rowsOfSeries(s) {
			if err := clash(ds.rows.period(r), ds.rows.vint(r), true); err != nil {
				return err
			}
		}
		return nil
	}
	if _, ok := st.figs[periodVintage{f.Period, f.Vintage}]; ok {
		return clash(f.Period, f.Vintage, true)
	}
	if !isMonthly(f.Period) {
		return nil // only monthly figures overlap
	}
	// Of several periods it overlaps, the error names the earliest.
	var first series.Period
	consider := func(p series.Period) {
		if clash(p, Vintage{}, false) != nil && (!first.Valid() || p.First.Before(first.First) || p.First == first.First && p.Last.Before(first.Last)) {
			first = p
		}
	}
	if f.Period.Len() <= len(st.periods) {
		// The periods that share a month with it.
		for m := range f.Period.Months() {
			for _, p := range st.byMonth[m] {
				consider(p)
			}
		}
		for _, p := range st.long {
			consider(p)
		}
	} else {
		for p := range st.periods {
			consider(p)
		}
	}
	if first.Valid() {
		return clash(first, Vintage{}, false)
	}
	return nil
}

// rowsOfSeries yields the rows of series s: those of the index, then
// those added since.
func (ds *Dataset) rowsOfSeries(s int32) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		if ix := ds.ix.Load(); ix != nil {
			for _, r := range ix.rowsOf(s) {
				if !yield(r) {
					return
				}
			}
		}
		for _, r := range ds.pending[s] {
			if !yield(r) {
				return
			}
		}
	}
}

// addStateOf returns series s's addState, made from its rows once it has
// manyRows of them, or nil for a series of fewer.
func (ds *Dataset) addStateOf(s int32) *addState {
	if st := ds.added[s]; st != nil {
		return st
	}
	n := len(ds.pending[s])
	if ix := ds.ix.Load(); ix != nil {
		n += len(ix.rowsOf(s))
	}
	if n < manyRows {
		return nil
	}
	st := &addState{figs: make(map[periodVintage]struct{}, n), periods: map[series.Period]struct{}{}, byMonth: map[series.Month][]series.Period{}}
	for r := range ds.rowsOfSeries(s) {
		st.note(ds.rows.period(r), ds.rows.vint(r))
	}
	if ds.added == nil {
		ds.added = map[int32]*addState{}
	}
	ds.added[s] = st
	return st
}

// note records a figure of period p and vintage v.
func (st *addState) note(p series.Period, v Vintage) {
	st.figs[periodVintage{p, v}] = struct{}{}
	if _, ok := st.periods[p]; !ok && isMonthly(p) {
		st.periods[p] = struct{}{}
		if p.Len() > 12 {
			// Listed by month, a span of years would cost its months.
			st.long = append(st.long, p)
			return
		}
		for m := range p.Months() {
			st.byMonth[m] = append(st.byMonth[m], p)
		}
	}
}

// sorted returns the series ids that have rows, in the order of their keys
// and then their dimensions. The order is made once an index, and shared:
// callers must not change it.
func (ds *Dataset) sorted() []int32 {
	ix := ds.index()
	ix.sortOnce.Do(func() {
		n := len(ix.start) - 1 // the series when the index was built
		ids := make([]int32, 0, n)
		for s := range n {
			if ix.start[s+1] > ix.start[s] {
				ids = append(ids, int32(s))
			}
		}
		ix.sorted = ds.sortKeys(ids)
	})
	return ix.sorted
}

// sortKeys sorts series ids by key, then dimension. A comparison of two
// keys reads both from the series table, a miss of the cache each when
// they lie far apart in a table of many series; so each key's reporter,
// flow, partner and the start of its commodity are packed into an integer
// in the order of [Key.Compare] (reporters and partners, of which a
// dataset has few, ranked once), its commodity further into a second (see
// goods), and the pairs are sorted by radixSort. Only keys that tie on
// both (a measure, a breakdown, a long name) are read to break the tie.
func (ds *Dataset) sortKeys(ids []int32) []int32 {
	full := func(a, b int32) int {
		ka, kb := ds.series.at(a), ds.series.at(b)
		if c := ka.Compare(kb.Key); c != 0 {
			return c
		}
		return strings.Compare(ka.dim, kb.dim)
	}
	if len(ids) < 1<<10 {
		return sortParallel(ids, full)
	}
	codes := map[partner.Code]uint64{} // at most 1<<16: the Codes there are
	classes := map[string]uint64{}
	// Keys come mostly in runs of one reporter, partner and
	// classification: each field is looked up in its map once a run.
	last := &ds.series.at(ids[0]).Key
	codes[last.Reporter], codes[last.Partner], classes[last.Commodity.class] = 0, 0, 0
	for _, s := range ids {
		k := &ds.series.at(s).Key
		if k.Flow >= 1<<4 {
			return sortParallel(ids, full)
		}
		if k.Reporter != last.Reporter {
			codes[k.Reporter] = 0
		}
		if k.Partner != last.Partner {
			codes[k.Partner] = 0
		}
		if k.Commodity.class != last.Commodity.class {
			classes[k.Commodity.class] = 0
		}
		last = k
	}
	rank(codes, partner.Code.Compare)
	rank(classes, strings.Compare)
	manyClasses := len(classes) > 1<<10 // ranks in bits 16 to 25, below the kind
	ps := make([]packed, len(ids))
	last = &ds.series.at(ids[0]).Key
	rr, pr, cr := codes[last.Reporter], codes[last.Partner], classes[last.Commodity.class]
	for i, s := range ids {
		k := &ds.series.at(s).Key
		if k.Reporter != last.Reporter {
			rr = codes[k.Reporter]
		}
		if k.Partner != last.Partner {
			pr = codes[k.Partner]
		}
		if k.Commodity.class != last.Commodity.class {
			cr = classes[k.Commodity.class]
		}
		last = k
		c := &k.Commodity
		// The commodity's kind, then what orders commodities of that kind
		// where it differs: a group's name, or another classification's
		// rank and code, their first bytes (a shorter text padded with
		// zeros, which sorts first).
		kind := c.kind()
		g := uint64(kind) << 26
		switch {
		case kind == 2:
			g |= lead(c.name, 3)
		case kind == 3 && !manyClasses:
			g |= cr<<16 | lead(c.name, 2)
		}
		ps[i] = packed{rr<<48 | uint64(k.Flow)<<44 | pr<<28 | g, goods(c, manyClasses), s}
	}
	ps = radixSort(ps)
	// Keys that tie on both integers are ordered by reading them.
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && ps[j].p == ps[i].p && ps[j].q == ps[i].q {
			j++
		}
		if j-i > 1 {
			slices.SortFunc(ps[i:j], func(a, b packed) int { return full(a.id, b.id) })
		}
		i = j
	}
	for i, p := range ps {
		ids[i] = p.id
	}
	return ids
}

// A packed is a series id with two integers in the order of its key (see
// sortKeys).
type packed struct {
	p  uint64 // reporter 16 bits, flow 4, partner 16, commodity 28
	q  uint64 // the commodity further: see goods
	id int32
}

// radixSort sorts ps by p, then q, in passes of counting over 11 bits at a
// time, from the lowest of q to the highest of p, skipping the bits in
// which all of ps agree: the keys of a dataset share most of theirs (one
// reporter, few partners, codes of a few digits), so the sort takes a few
// linear passes where a comparison sort of a million keys makes twenty
// million comparisons. It returns the sorted slice, ps or another.
func radixSort(ps []packed) []packed {
	if len(ps) < 2 {
		return ps
	}
	var dp, dq uint64 // the bits that differ from ps[0]'s
	for _, x := range ps {
		dp |= x.p ^ ps[0].p
		dq |= x.q ^ ps[0].q
	}
	const bits = 11
	var count [1 << bits]int
	tmp := make([]packed, len(ps))
	const digits = (64 + bits - 1) / bits // of a word
	for pass := range 2 * digits {
		hi, shift := pass >= digits, uint(pass%digits*bits)
		if (hi && dp>>shift&(1<<bits-1) == 0) || (!hi && dq>>shift&(1<<bits-1) == 0) {
			continue
		}
		digit := func(x *packed) uint64 {
			if hi {
				return x.p >> shift & (1<<bits - 1)
			}
			return x.q >> shift & (1<<bits - 1)
		}
		clear(count[:])
		for i := range ps {
			count[digit(&ps[i])]++
		}
		n := 0
		for d, c := range count {
			count[d], n = n, n+c
		}
		for i := range ps {
			d := digit(&ps[i])
			tmp[count[d]] = ps[i]
			count[d]++
		}
		ps, tmp = tmp, ps
	}
	return ps
}

// goods returns an integer in the order of Commodity.Compare among the
// commodities of c's kind that tie in sortKeys' first integer: the one of
// Code.Compare for an HS code (the code's digits padded to ten, then its
// length), the first 8 bytes of a group's name or, when the
// classifications are ranked, of another classification's code (0 when
// they are not). Without it, keys that tie on the first integer (the HS
// codes of one partner, other codes that share their first two bytes)
// would be ordered by reading them, a miss of the cache each.
func goods(c *Commodity, manyClasses bool) uint64 {
	switch c.kind() {
	case 1:
		var buf [16]byte
		text, _ := c.hs.AppendText(buf[:0]) // its error is always nil
		var v uint64
		n := 0
		for _, d := range text {
			if d >= '0' && d <= '9' {
				v, n = v*10+uint64(d-'0'), n+1
			}
		}
		for range 10 - n {
			v *= 10
		}
		return v<<4 | uint64(n)
	case 2:
		return lead(c.name, 8)
	case 3:
		if !manyClasses {
			return lead(c.name, 8)
		}
	}
	return 0
}

// lead returns the first n bytes of s as a big-endian integer, padded with
// zero bytes: a < b as strings gives lead(a) ≤ lead(b).
func lead(s string, n int) uint64 {
	var v uint64
	for i := range n {
		v <<= 8
		if i < len(s) {
			v |= uint64(s[i])
		}
	}
	return v
}

// rank numbers the keys of m from 0 in the order of compare.
func rank[K comparable](m map[K]uint64, compare func(a, b K) int) {
	ks := slices.SortedFunc(maps.Keys(m), compare)
	for i, k := range ks {
		m[k] = uint64(i)
	}
}

// sortParallel sorts xs by cmp, in halves on two goroutines when there
// are many (a dataset's first ordered read waits for it), then merged.
func sortParallel[T any](xs []T, cmp func(a, b T) int) []T {
	if len(xs) < 1<<14 || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(xs, cmp)
		return xs
	}
	h := len(xs) / 2
	parallel(2, func(g int) {
		if g == 0 {
			slices.SortFunc(xs[:h], cmp)
		} else {
			slices.SortFunc(xs[h:], cmp)
		}
	})
	out := make([]T, 0, len(xs))
	a, b := xs[:h], xs[h:]
	for len(a) > 0 && len(b) > 0 {
		if cmp(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// Keys returns the keys of the dataset, sorted by [Key.Compare].
func (ds *Dataset) Keys() []Key {
	var ks []Key
	for _, s := range ds.sorted() {
		if k := ds.series.at(s).Key; len(ks) == 0 || ks[len(ks)-1] != k {
			ks = append(ks, k)
		}
	}
	return ks
}

// Months returns the months the dataset's figures cover: from the first
// month of the earliest period to the last month of the latest, or the
// zero Period for an empty dataset.
func (ds *Dataset) Months() series.Period {
	ix := ds.index()
	if len(ix.perm) == 0 {
		return series.Period{}
	}
	ix.monthsOnce.Do(func() { ix.months = ds.rows.months(ix.rows) })
	return ix.months
}

// Dimensions returns the dimensions a key has series in, such as
// ["CNY" "USD"] for exports printed in both currencies.
func (ds *Dataset) Dimensions(key Key) []string {
	var out []string
	ix := ds.index()
	for _, s := range ds.seriesOfKey(key) {
		if len(ix.rowsOf(s)) > 0 {
			out = append(out, ds.series.at(s).dim)
		}
	}
	slices.Sort(out)
	return out
}

// seriesOfKey returns the series of key, one for each dimension it has.
func (ds *Dataset) seriesOfKey(key Key) []int32 {
	var out []int32
	seen := map[string]bool{}
	for _, u := range ds.units {
		if seen[u.dim] {
			continue
		}
		seen[u.dim] = true
		if s, ok := ds.findSeries(key, u.dim); ok {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b int32) int { return strings.Compare(ds.series.at(a).dim, ds.series.at(b).dim) })
	return out
}

// Figures returns every figure, every vintage, sorted by key, then
// dimension, then period (by last month, a longer period first), then
// vintage. It costs one pass over the figures once the keys are sorted.
func (ds *Dataset) Figures() iter.Seq[Figure] {
	return func(yield func(Figure) bool) {
		ix := ds.index()
		for _, s := range ds.sorted() {
			for _, r := range ix.rowsOf(s) {
				if !yield(ds.figure(s, r)) {
					return
				}
			}
		}
	}
}

// Vintages returns the figures for key and period, oldest vintage first;
// a key printed in two currencies gives the figures of each.
func (ds *Dataset) Vintages(key Key, p series.Period) []Figure {
	var out []Figure
	for _, f := range ds.vintages(key, p) {
		out = append(out, f.Figure)
	}
	return out
}

// A rowFigure is a figure and its row.
type rowFigure struct {
	Figure
	row int32
}

// vintages is Vintages, with each figure's row.
func (ds *Dataset) vintages(key Key, p series.Period) []rowFigure {
	var out []rowFigure
	ix := ds.index()
	last, span := monthOff(p.Last), uint16(p.Len()-1)
	for _, s := range ds.seriesOfKey(key) {
		rows := ix.rowsOf(s)
		// Rows are ordered by last month, then longer period first.
		i, _ := slices.BinarySearchFunc(rows, last, func(r int32, m int32) int { return int(ds.rows.month(r) - m) })
		for ; i < len(rows) && ds.rows.month(rows[i]) == last; i++ {
			if ds.rows.span(rows[i]) == span {
				out = append(out, rowFigure{ds.figure(s, rows[i]), rows[i]})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b rowFigure) int { return a.Vintage.Compare(b.Vintage) })
	return out
}

// Lookup returns the latest vintage of the figure for key and period. A
// figure the file gives twice for one vintage, with different values (a
// read with [CollectErrors] reports it, and keeps both), is no figure:
// neither value is used.
func (ds *Dataset) Lookup(key Key, p series.Period) (Figure, bool) {
	v := ds.vintages(key, p)
	if len(v) == 0 {
		return Figure{}, false
	}
	f := v[len(v)-1]
	if _, bad := ds.conflicts[f.row]; bad {
		return Figure{}, false
	}
	return f.Figure, true
}

// AsOf returns the dataset as it stood at the end of day t: only figures
// whose vintage is on or before t (a month-only vintage counts from the end
// of its month; a figure with no vintage is left out). Lookups and series
// then take the latest of those vintages.
func (ds *Dataset) AsOf(t time.Time) *Dataset {
	day := VintageOf(t)
	out := ds.emptyCopy()
	ix := ds.index()
	for s := range int32(len(ix.start) - 1) {
		for _, r := range ix.rowsOf(s) {
			if v := ds.rows.vint(r); !v.IsZero() && v.Compare(day) <= 0 {
				out.copyRow(ds, s, r)
			}
		}
	}
	out.check(false) // the conflicts ds reported are marked again; nothing new can arise
	return out
}

// emptyCopy returns a dataset with ds's name, series, units and strings,
// and no rows.
func (ds *Dataset) emptyCopy() *Dataset {
	// The tables are shared until out interns something new.
	return &Dataset{name: ds.name,
		series: ds.series.clone(), seriesIdx: ds.seriesIdx.clone(),
		units: slices.Clip(ds.units), unitIdx: cloneMap(ds.unitIdx),
		strs: slices.Clip(ds.strs), strIdx: cloneMap(ds.strIdx)}
}

func cloneMap[K comparable, V any](m map[K]V) map[K]V {
	out := make(map[K]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// copyRow appends row r of series s of src, which shares ds's tables.
func (ds *Dataset) copyRow(src *Dataset, s, r int32) {
	rw := src.rows.get(r)
	rw.key = s
	i := ds.rows.append(&rw)
	if b, ok := src.rows.bigs[r]; ok {
		if ds.rows.bigs == nil {
			ds.rows.bigs = map[int32]*big.Int{}
		}
		ds.rows.bigs[i] = b
	}
}

// A Revision is a figure printed again in a later vintage.
type Revision struct {
	Key      Key
	Period   series.Period
	From, To Figure
	Diff     decimal.Decimal // To − From, in the base unit
}

// Revisions returns, for every key and period printed in more than one
// vintage, the difference from each vintage to the next. A figure given
// twice for one vintage with different values (see [Dataset.Lookup]) is
// no revision, and revises nothing: neither value is used.
func (ds *Dataset) Revisions() []Revision {
	var out []Revision
	var prev Figure
	have := false
	ix := ds.index()
	for _, s := range ds.sorted() {
		for _, r := range ix.rowsOf(s) {
			if _, bad := ds.conflicts[r]; bad {
				continue // the vintage before revises to the one after
			}
			f := ds.figure(s, r)
			if have && f.Key == prev.Key && f.Period == prev.Period && f.Unit.Dimension() == prev.Unit.Dimension() && f.Vintage != prev.Vintage {
				out = append(out, Revision{f.Key, f.Period, prev, f, f.Normalized().Sub(prev.Normalized())})
			}
			prev, have = f, true
		}
	}
	return out
}
