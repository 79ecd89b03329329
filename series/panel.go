package series

import (
	"fmt"
	"math/big"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// A Panel is a sequence of series in one unit, stored together: the form
// for work over thousands of series at once, such as every series of a
// customs file. Each operation of a Panel is the operation of the same
// name on each of its series, computed by the same code and so giving the
// same values, with no allocation per series: the results' values are
// carved out of a few large blocks. Panel operations do not return Gaps:
// a month without a value has none, as in the series operation, and that
// operation on [Panel.Series] says why.
//
// The zero Panel has no series. Panels are never changed once built, so
// they may be shared, and read on many goroutines at once.
type Panel[U Unit] struct {
	_    [0]U
	rows []*store // nil for a series with no observations
}

// NewPanel returns the panel of the series ss, in order. It copies no
// values: a Panel shares its series' values, which never change.
func NewPanel[U Unit](ss ...Series[U]) Panel[U] {
	rows := make([]*store, len(ss))
	for i, s := range ss {
		rows[i] = s.d
	}
	return Panel[U]{rows: rows}
}

// Len returns the number of series in p.
func (p Panel[U]) Len() int { return len(p.rows) }

// Series returns the i'th series of p. It shares p's values: a series
// kept after its panel is dropped keeps the block its values lie in (up to
// a few hundred KB) from being freed. It panics if i is out of range.
func (p Panel[U]) Series(i int) Series[U] { return wrap[U](p.rows[i]) }

// Change returns the panel of the percent changes of p's series over lag
// months: row i is [Change] of p.Series(i). It panics if lag < 1.
func (p Panel[U]) Change(lag int) Panel[Percent] {
	return Panel[Percent]{rows: p.lagged(lag, lagPercent)}
}

// YoY returns the panel of the year-on-year percent changes of p's series:
// row i is [YoY] of p.Series(i).
func (p Panel[U]) YoY() Panel[Percent] { return p.Change(12) }

// MoM returns the panel of the month-on-month percent changes of p's
// series: row i is [MoM] of p.Series(i).
func (p Panel[U]) MoM() Panel[Percent] { return p.Change(1) }

// Diff returns the panel of the differences of p's series over lag
// months, exactly, in their unit: row i is [Diff] of p.Series(i). It
// panics if lag < 1.
func (p Panel[U]) Diff(lag int) Panel[U] { return Panel[U]{rows: p.lagged(lag, lagDiff)} }

// lagged is Change and Diff: lagged of every series.
func (p Panel[U]) lagged(lag int, kind lagKind) []*store {
	checkLag(lag)
	a := p.arena(-lag)
	var gaps Gaps
	out := make([]*store, len(p.rows))
	for i, d := range p.rows {
		out[i], gaps = laggedWith(d, lag, kind, a.builder, gaps[:0], false)
	}
	return out
}

// YearToDate returns the panel of the running totals of p's series within
// each year: row i is [YearToDate] of p.Series(i), with the same options.
func (p Panel[U]) YearToDate(opts ...CumOption) Panel[U] {
	cfg := newCumConfig(opts)
	a := p.arena(0)
	var gaps Gaps
	out := make([]*store, len(p.rows))
	for i, d := range p.rows {
		out[i], gaps = ytdWith(d, cfg, a.builder, gaps[:0])
	}
	return Panel[U]{rows: out}
}

// Round returns p with every value rounded to places decimal places: row
// i is p.Series(i).Round(places). It panics as [Series.Round] does.
func (p Panel[U]) Round(places int32) Panel[U] {
	checkPlaces("Panel.Round", places)
	a := p.arena(0)
	out := make([]*store, len(p.rows))
	for i, d := range p.rows {
		out[i] = d.roundWith(places, a.builder)
	}
	return Panel[U]{rows: out}
}

// arena returns an arena with room for a result of each series' length
// plus add months (a negative add for fewer), in one block.
func (p Panel[U]) arena(add int) *arena {
	coefs, words := 0, 0
	for _, d := range p.rows {
		if n := d.len() + add; d != nil && n > 0 {
			coefs, words = coefs+n, words+(n+63)>>6
		}
	}
	a := new(arena)
	a.reserve(coefs, words, len(p.rows))
	return a
}

// ZeroFill returns p with every month of per that has no observation set
// to zero: row i is [ZeroFill] of p.Series(i) over per. As there, missing
// becomes zero only when asked, by name.
func (p Panel[U]) ZeroFill(per Period) Panel[U] {
	var a arena
	out := make([]*store, len(p.rows))
	for i, d := range p.rows {
		out[i] = zeroFill(d, per, a.builder)
	}
	return Panel[U]{rows: out}
}

// Aggregate returns the panel of the sums of p's series by group: row g
// is [Add] of the series i whose group[i] is g, in the order of i, and has
// no observations if no series is in group g. A month that a member lacks
// has no sum, as with Add, whose Gaps on those members say why; ZeroFill
// first where the job takes a missing month for zero. A series whose group
// is negative is left out. Groups are numbered from 0 to at most
// p.Len()−1, and the result has one row more than the largest. Aggregate
// panics if group is not as long as p or holds a larger number.
func (p Panel[U]) Aggregate(group []int) Panel[U] {
	if len(group) != len(p.rows) {
		panic(fmt.Sprintf("series: Panel.Aggregate: %d groups for %d series", len(group), len(p.rows)))
	}
	// The members of each group, in order, by counting.
	n := 0
	for _, g := range group {
		if g >= len(group) {
			panic(fmt.Sprintf("series: Panel.Aggregate: group %d for a panel of %d series", g, len(group)))
		}
		n = max(n, g+1)
	}
	start := make([]int32, n+1)
	for _, g := range group {
		if g >= 0 {
			start[g+1]++
		}
	}
	for g := range n {
		start[g+1] += start[g]
	}
	members := make([]*store, start[n])
	next := append([]int32(nil), start[:n]...)
	for i, g := range group {
		if g >= 0 {
			members[next[g]] = p.rows[i]
			next[g]++
		}
	}
	var a arena
	out := make([]*store, n)
	for g := range n {
		ms := members[start[g]:start[g+1]]
		switch len(ms) {
		case 0:
			continue
		case 1:
			out[g] = ms[0]
			continue
		}
		// Members with the same months add up in one pass; any others
		// as Add adds them.
		if d, ok := addStores(ms[0], len(ms)-1, func(k int) *store { return ms[k+1] }, a.builder); ok {
			out[g] = d
			continue
		}
		rest := make([]Series[U], len(ms)-1)
		for k, d := range ms[1:] {
			rest[k] = wrap[U](d)
		}
		sum, _ := Add(wrap[U](ms[0]), rest...)
		out[g] = sum.d
	}
	return Panel[U]{rows: out}
}

// Total returns the sum of the observations of p's series within per,
// exactly: the sum over i of [Total] of p.Series(i) over per, with the
// same options. The first series whose total is an error gives the error,
// which names its place in p.
func (p Panel[U]) Total(per Period, opts ...CumOption) (decimal.Decimal, error) {
	if !per.Valid() {
		return decimal.Decimal{}, &PeriodError{per.String(), "not a valid period"}
	}
	cfg := newCumConfig(opts)
	var sum bulkSum
	for i, d := range p.rows {
		if d == nil {
			if !cfg.allowMissing {
				_, err := Total(Series[U]{}, per)
				return decimal.Decimal{}, fmt.Errorf("%w (series %d of the panel)", err, i)
			}
			continue
		}
		v, vb, g := d.total(per, cfg.allowMissing)
		if len(g) > 0 {
			return decimal.Decimal{}, fmt.Errorf("%w (series %d of the panel)", &IncompleteError{per, g}, i)
		}
		sum.add(v, vb, d.scale)
	}
	return sum.value(), nil
}

// A bulkSum adds up many sums of series exactly: in 64 bits while they
// share a scale and fit, and as decimals past that.
type bulkSum struct {
	c     int64
	scale int32
	has   bool
	rest  decimal.Decimal
}

// add adds c × 10^−scale, or b × 10^−scale when b is not nil.
func (s *bulkSum) add(c int64, b *big.Int, scale int32) {
	if b == nil {
		if !s.has {
			s.c, s.scale, s.has = c, scale, true
			return
		}
		if r, ok := fixed.Add(s.c, c); ok && scale == s.scale {
			s.c = r
			return
		}
		s.rest = s.rest.Add(decimal.New(c, -scale))
		return
	}
	s.rest = s.rest.Add(decimal.NewFromBigInt(b, -scale))
}

func (s *bulkSum) value() decimal.Decimal {
	if !s.has {
		return s.rest
	}
	return s.rest.Add(decimal.New(s.c, -s.scale))
}

// A PanelBuilder makes a Panel of a given number of series, each over one
// period, from values given as integers: the fast way for code that holds
// many series' values as coefficients already, such as a dataset.
type PanelBuilder[U Unit] struct {
	period Period
	rows   []*store
	whole  []bool // series set by SetSeries
	a      arena
	spent  bool // Panel was called
}

// use panics if the panel was made.
func (b *PanelBuilder[U]) use(fn string) {
	if b.spent {
		panic("series: PanelBuilder." + fn + " after PanelBuilder.Panel")
	}
}

// NewPanelBuilder returns a builder of a panel of n series whose values
// lie within per. Room for every month of per is made now, for each
// series; Panel gives each series the months it has values in. It panics
// if per is not valid or n is negative.
func NewPanelBuilder[U Unit](per Period, n int) *PanelBuilder[U] {
	if !per.Valid() || n < 0 {
		panic(fmt.Sprintf("series: NewPanelBuilder(%v, %d): want a valid period and n ≥ 0", per, n))
	}
	b := &PanelBuilder[U]{period: per, rows: make([]*store, n), whole: make([]bool, n)}
	m := per.Len()
	b.a.reserve(n*m, n*((m+63)>>6), n)
	for i := range b.rows {
		b.rows[i] = b.a.builder(per.First, m, 0).d
	}
	return b
}

// SetInt sets the value of series i for month m to coef × 10^exp. Month
// m outside the builder's period, a month set before and a value beyond
// [MaxDigits] are errors (a [*MonthError], a [*DuplicateError], a
// [*LimitError]) and leave series i as it was; so is a series set whole
// by SetSeries (an error wrapping [ErrDuplicate]). It panics if i is out
// of range or the panel was made.
func (b *PanelBuilder[U]) SetInt(i int, m Month, coef int64, exp int32) error {
	b.use("SetInt")
	d := b.rows[i]
	if b.whole[i] {
		return fmt.Errorf("series: PanelBuilder.SetInt: series %d was set whole by SetSeries: %w", i, ErrDuplicate)
	}
	return b.setInts(d, []Month{m}, []int64{coef}, exp)
}

// SetInts sets the values of series i for months[j] to coefs[j] × 10^exp,
// for each j: SetInt for every one, in one call, the way to fill a panel
// from columns. Its errors are SetInt's (a month in months twice is a
// [*DuplicateError] too), and leave series i as it was. It panics if i is
// out of range, months and coefs differ in length, or the panel was made.
func (b *PanelBuilder[U]) SetInts(i int, months []Month, coefs []int64, exp int32) error {
	b.use("SetInts")
	if len(months) != len(coefs) {
		panic(fmt.Sprintf("series: PanelBuilder.SetInts: %d months for %d coefficients", len(months), len(coefs)))
	}
	d := b.rows[i]
	if b.whole[i] {
		return fmt.Errorf("series: PanelBuilder.SetInts: series %d was set whole by SetSeries: %w", i, ErrDuplicate)
	}
	return b.setInts(d, months, coefs, exp)
}

// setInts is SetInt and SetInts on d, a series not set whole.
func (b *PanelBuilder[U]) setInts(d *store, months []Month, coefs []int64, exp int32) error {
	// What can be checked without changing d first, so that an error
	// leaves it as it was.
	first, last := b.period.First.n, b.period.Last.n
	for _, m := range months {
		if m.n < first || m.n > last {
			return &MonthError{m.String(), fmt.Sprintf("outside the panel's %v", b.period)}
		}
		if d.has(int(m.n - d.start.n)) {
			return &DuplicateError{m, MonthPeriod(m), MonthPeriod(m)}
		}
	}
	// Any int64 at an exponent from −40 to 21 is within MaxDigits.
	if exp < -MaxDigits || exp > MaxDigits-19 {
		for j, c := range coefs {
			if c == 0 && exp > 0 {
				continue // zero has no digits to scale, however it is written
			}
			if why := checkInt(c, exp); why != "" {
				return &LimitError{MonthPeriod(months[j]), describe(big.NewInt(c), exp), why}
			}
		}
	}
	if -exp > d.scale {
		// The values stay the same, in finer units.
		if anyBit(d.present) {
			rescale(d, -exp)
		} else {
			d.scale = -exp
		}
	}
	out := builder{d}
	sh := int(d.scale + exp)
	for j, m := range months {
		k := int(m.n - d.start.n)
		if d.present[k>>6]&(1<<(uint(k)&63)) != 0 {
			// A month given twice: take back what this call set, leaving
			// 0 where there is no value, as everywhere (fastAdd relies on
			// it).
			for _, m := range months[:j] {
				k := int(m.n - d.start.n)
				d.present[k>>6] &^= 1 << (uint(k) & 63)
				d.coef[k] = 0
				delete(d.wide, int32(k))
			}
			if len(d.wide) == 0 {
				d.wide = nil // none left: the fast paths stay open
			}
			return &DuplicateError{m, MonthPeriod(m), MonthPeriod(m)}
		}
		c := coefs[j]
		if sh > 0 && c != 0 {
			r, ok := fixed.MulPow10(c, sh)
			if !ok {
				out.setBig(k, new(big.Int).Mul(big.NewInt(c), fixed.BigPow10(sh)))
				continue
			}
			c = r
		}
		out.set(k, c)
	}
	return nil
}

// SetSeries makes s the i'th series, in place of what it had: the way to
// put in a series with combined observations, or values outside the
// builder's period. It panics if i is out of range or the panel was made.
func (b *PanelBuilder[U]) SetSeries(i int, s Series[U]) {
	b.use("SetSeries")
	b.rows[i], b.whole[i] = s.d, true
}

// Panel returns the panel built. A series whose values lie in less than
// half of the builder's period is copied into the months it covers, so
// that its panel and what is computed from it cost what the values need.
// The builder is then spent: any further call panics.
func (b *PanelBuilder[U]) Panel() Panel[U] {
	b.use("Panel")
	rows := b.rows
	short := func(i int, d *store) (lo, n int, ok bool) {
		if d == nil || b.whole[i] {
			return 0, 0, false
		}
		lo = d.firstIndex()
		n = d.lastIndex() - lo + 1
		return lo, n, 2*n <= len(d.coef)
	}
	coefs, words, stores := 0, 0, 0
	for i, d := range rows {
		if d != nil && !anyBit(d.present) {
			rows[i] = nil
		} else if _, n, ok := short(i, d); ok {
			coefs, words, stores = coefs+n, words+(n+63)>>6, stores+1
		}
	}
	if stores > 0 {
		var a arena
		a.reserve(coefs, words, stores)
		for i, d := range rows {
			if lo, n, ok := short(i, d); ok {
				rows[i] = d.copyInto(lo, n, a.builder(d.month(lo), n, d.scale))
			}
		}
	}
	b.rows, b.whole, b.spent = nil, nil, true
	return Panel[U]{rows: rows}
}

// copyInto copies the n months of d from index lo, single months, into
// out, and returns its store.
func (d *store) copyInto(lo, n int, out builder) *store {
	for k := lo; k < lo+n; k++ {
		if !d.has(k) {
			continue
		}
		if w, ok := d.wide[int32(k)]; ok {
			out.setBig(k-lo, w)
		} else {
			out.set(k-lo, d.coef[k])
		}
	}
	return out.d
}

// rescale raises d's scale to scale, multiplying its coefficients by the
// power of ten between (into big integers where they overflow).
func rescale(d *store, scale int32) {
	if scale <= d.scale {
		return
	}
	sh := int(scale - d.scale)
	d.scale = scale
	for k := range d.coef {
		if !d.has(k) {
			continue
		}
		if w, ok := d.wide[int32(k)]; ok {
			d.wide[int32(k)] = new(big.Int).Mul(w, fixed.BigPow10(sh))
			continue
		}
		if r, ok := fixed.MulPow10(d.coef[k], sh); ok {
			d.coef[k] = r
			continue
		}
		builder{d}.setBig(k, new(big.Int).Mul(big.NewInt(d.coef[k]), fixed.BigPow10(sh)))
	}
}

// An arena carves the stores of a panel out of a few large blocks: a
// panel's series cost no allocation each.
type arena struct {
	coef  []int64
	bits  []uint64
	hdrs  []store
	block int // the coefficients of the last block
	nhdrs int // the stores of the last block of them
}

// A block past what was reserved holds twice the last, from minBlock up to
// maxBlock coefficients (4 KiB to 256 KiB): a small result costs little,
// a large one few blocks.
const (
	minBlock = 1 << 9
	maxBlock = 1 << 15
)

// reserve makes room for coefs coefficients, words presence words and
// stores stores in one block of each.
func (a *arena) reserve(coefs, words, stores int) {
	a.coef, a.bits, a.hdrs = make([]int64, coefs), make([]uint64, words), make([]store, stores)
}

// builder is a maker: a store of n months from start, from the blocks.
func (a *arena) builder(start Month, n int, scale int32) builder {
	if len(a.hdrs) == 0 {
		a.nhdrs = min(max(2*a.nhdrs, 16), 256)
		a.hdrs = make([]store, a.nhdrs)
	}
	d := &a.hdrs[0]
	a.hdrs = a.hdrs[1:]
	w := (n + 63) >> 6
	if len(a.coef) < n {
		a.block = min(max(2*a.block, minBlock), maxBlock)
		a.coef = make([]int64, max(n, a.block))
	}
	if len(a.bits) < w {
		a.bits = make([]uint64, max(w, a.block>>5))
	}
	d.start, d.scale = start, scale
	d.coef, a.coef = a.coef[:n:n], a.coef[n:]
	d.present, a.bits = a.bits[:w:w], a.bits[w:]
	return builder{d}
}
