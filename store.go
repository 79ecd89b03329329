package tradeflow

import (
	"math"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// The dataset keeps its figures in columns, in the order they were added,
// cut into pages of pageSize rows so that growing never copies what is
// there. A row is a few integers in a few columns; it is never an object of
// its own. Columns whose value rarely changes (the unit, the vintage, the
// source, the number of decimals) hold one value a page until a row
// differs, so a file of one vintage and one source stores them once a page.

const (
	pageBits = 16
	pageSize = 1 << pageBits
)

// epoch is month 0 of the month column.
var epoch = series.MustMonth(1, time.January)

func monthAt(off int32) series.Month { return epoch.AddMonths(int(off)) }
func monthOff(m series.Month) int32  { return int32(m.MonthsSince(epoch)) }

// sparse is a column that holds one value for every row until a row
// differs.
type sparse[T comparable] struct {
	c     T
	v     []T // nil while every row holds c
	spare []T // storage for v, kept from a reset
}

func (s *sparse[T]) at(i int) T {
	if s.v == nil {
		return s.c
	}
	return s.v[i]
}

// append adds x as row n (the column's current length).
func (s *sparse[T]) append(x T, n int) {
	switch {
	case s.v != nil:
		s.v = append(s.v, x)
	case n == 0:
		s.c = x
	case x != s.c:
		s.dense(n, 2*n)
		s.v = append(s.v, x)
	}
}

// dense makes the first n rows of the column a slice of capacity c or
// more, each row holding s.c.
func (s *sparse[T]) dense(n, c int) {
	if cap(s.spare) >= n {
		s.v, s.spare = s.spare[:n], nil
	} else {
		s.v = make([]T, n, max(c, 16))
	}
	for i := range s.v {
		s.v[i] = s.c
	}
}

// appendRun adds rows i to j of src as rows n onwards.
func (s *sparse[T]) appendRun(src *sparse[T], i, j, n int) {
	switch {
	case src.v == nil && s.v == nil && (n == 0 || s.c == src.c):
		s.c = src.c
	case src.v == nil:
		for k := i; k < j; k++ {
			s.append(src.c, n+k-i)
		}
	default:
		if s.v == nil {
			if n == 0 {
				s.c = src.v[i]
			}
			s.dense(n, pageSize)
		}
		s.v = append(s.v, src.v[i:j]...)
	}
}

// set sets row i of a column of n rows.
func (s *sparse[T]) set(i int, x T, n int) {
	if s.v == nil {
		if x == s.c {
			return
		}
		s.v = make([]T, n)
		for k := range s.v {
			s.v[k] = s.c
		}
	}
	s.v[i] = x
}

// lines is the line column: while each row is on the line after the one
// before, it is only the first row's line.
type lines struct {
	first int32
	v     []int32 // nil while row i is on line first+i
	spare []int32 // storage for v, kept from a reset
}

func (l *lines) at(i int) int32 {
	if l.v == nil {
		return l.first + int32(i)
	}
	return l.v[i]
}

func (l *lines) append(x int32, n int) {
	switch {
	case l.v != nil:
		l.v = append(l.v, x)
	case n == 0:
		l.first = x
	case x != l.first+int32(n):
		if cap(l.spare) > n {
			l.v, l.spare = l.spare[:n], nil
		} else {
			l.v = make([]int32, n, max(2*n, 16))
		}
		for i := range l.v {
			l.v[i] = l.first + int32(i)
		}
		l.v = append(l.v, x)
	}
}

// cols is a run of rows: a page of the dataset, or the rows one block of a
// file gives.
type cols struct {
	n     int
	key   []int32 // the series (while a simple schema's file is read, the key entry: see Dataset.entrySeries)
	month []int32 // the period's last month, as months since epoch (see below)
	line  lines
	attr  sparse[rowAttr]

	// Months and coefficients are kept narrow, up to eight bytes a row
	// fewer. Months go in runs of rows while there are few (a page of a
	// file sorted by period has one or two), so that reading a row's
	// month reads no column at all; past that, as offsets from month0 in
	// 16 bits while they fit (a month that does not widens the column into
	// month). A value is coef × 10^exp in the printed unit, unless big; its
	// coefficient goes in 32 bits, or, if it does not fit, in coefX (trade
	// values are heavy-tailed: a page of a real file nearly always has a
	// few).
	runs    []monthRun
	month16 []uint16
	month0  int32
	coef32  []int32
	coefX   map[int32]int64 // by row in the page, where coef32 holds wideCoef
}

// wideCoef in coef32 marks a coefficient kept in coefX.
const wideCoef = math.MinInt32

// A monthRun says that the rows from row from on, up to the next run's,
// have month m.
type monthRun struct{ from, m int32 }

// maxRuns is the most runs a page keeps before it keeps each row's month.
const maxRuns = 8

// monthAt returns row i's month.
func (c *cols) monthAt(i int) int32 {
	if r := c.runs; r != nil {
		k := len(r) - 1
		for k > 0 && int(r[k].from) > i {
			k--
		}
		return r[k].m
	}
	if c.month16 != nil {
		return c.month0 + int32(c.month16[i])
	}
	return c.month[i]
}

// coefAt returns row i's coefficient.
func (c *cols) coefAt(i int) int64 {
	if v := c.coef32[i]; v != wideCoef {
		return int64(v)
	}
	return c.coefX[int32(i)]
}

// setCoef sets row i's coefficient.
func (c *cols) setCoef(i int, v int64) {
	delete(c.coefX, int32(i))
	c.coef32[i] = c.narrowCoef(i, v)
}

// narrowCoef returns what coef32 holds for v at row i, keeping v in coefX
// if it does not fit.
func (c *cols) narrowCoef(i int, v int64) int32 {
	if v != wideCoef && int64(int32(v)) == v {
		return int32(v)
	}
	if c.coefX == nil {
		c.coefX = map[int32]int64{}
	}
	c.coefX[int32(i)] = v
	return wideCoef
}

func (c *cols) widenMonth() {
	w := make([]int32, len(c.month16), cap(c.month16))
	for i, v := range c.month16 {
		w[i] = c.month0 + int32(v)
	}
	c.month, c.month16 = w, nil
}

// blockCols returns empty columns for about n rows of a block, kept
// narrow as a page keeps them, so that appendCols copies them whole.
func blockCols(n int) cols {
	return cols{key: make([]int32, 0, n), coef32: make([]int32, 0, n), runs: make([]monthRun, 0, maxRuns)}
}

// appendNarrowCols appends the months and coefficients of rows i to i+k of
// src, a block's rows kept narrow as a page's are, to a page: the
// coefficients copied whole, the months run by run while the page keeps
// runs.
func (c *cols) appendNarrowCols(src *cols, i, k int) {
	if !c.appendRuns(src, i, k) {
		m := make([]int32, k)
		for j := range m {
			m[j] = src.monthAt(i + j)
		}
		c.appendMonths(m)
	}
	n := len(c.coef32)
	c.coef32 = append(c.coef32, src.coef32[i:i+k]...)
	for j, v := range src.coefX {
		if int(j) >= i && int(j) < i+k {
			if c.coefX == nil {
				c.coefX = map[int32]int64{}
			}
			c.coefX[int32(n+int(j)-i)] = v
		}
	}
}

// appendRuns appends the month runs of rows i to i+k of src to a page,
// and reports whether it could: both must keep runs, and the page no more
// than maxRuns.
func (c *cols) appendRuns(src *cols, i, k int) bool {
	if src.runs == nil || c.runs == nil {
		return false
	}
	var add [maxRuns]monthRun
	n, last := 0, int32(-1)
	if l := len(c.runs); l > 0 {
		last = c.runs[l-1].m
	}
	for j, r := range src.runs {
		from, to := max(int(r.from), i), i+k
		if j+1 < len(src.runs) {
			to = min(to, int(src.runs[j+1].from))
		}
		if from >= to || (n == 0 && len(c.runs) > 0 && r.m == last) || (n > 0 && add[n-1].m == r.m) {
			continue
		}
		if len(c.runs)+n == maxRuns {
			return false
		}
		add[n] = monthRun{int32(c.n + from - i), r.m}
		n++
	}
	c.runs = append(c.runs, add[:n]...)
	return true
}

// appendMonths appends the months of rows c.n on to a page.
func (c *cols) appendMonths(month []int32) {
	if c.runs == nil {
		c.appendMonths16(month)
		return
	}
	for j, m := range month {
		if k := len(c.runs); k > 0 && c.runs[k-1].m == m {
			continue
		}
		if len(c.runs) < maxRuns {
			c.runs = append(c.runs, monthRun{int32(c.n + j), m})
			continue
		}
		// Too many runs: each row's month, from now on.
		before := make([]int32, c.n+j)
		for i := range before {
			before[i] = c.monthAt(i)
		}
		c.runs, c.month16 = nil, make([]uint16, 0, cap(c.coef32))
		c.appendMonths16(before)
		c.appendMonths16(month[j:])
		return
	}
}

// appendMonths16 appends months to a page that keeps each row's.
func (c *cols) appendMonths16(month []int32) {
	if c.month16 != nil {
		if len(c.month16) == 0 && len(month) > 0 {
			c.month0 = month[0] - 1<<15 // room either side of the first
		}
		for j, m := range month {
			d := m - c.month0
			if d < 0 || d > 1<<16-1 {
				c.widenMonth()
				c.month = append(c.month, month[j:]...)
				break
			}
			c.month16 = append(c.month16, uint16(d))
		}
	} else {
		c.month = append(c.month, month...)
	}
}

// rowAttr is what rows of one file mostly share: kept once for a page of
// rows until one differs.
type rowAttr struct {
	span    uint16 // the period's length less one
	exp     int8
	flags   Flags
	unit    uint16 // index into Dataset.units
	edition Edition
	vint    Vintage
	src     int32 // index into Dataset.strs
	note    int32
}

// row is one row's values, for appending.
type row struct {
	key   int32
	month int32
	coef  int64
	line  int32
	rowAttr
}

func (c *cols) append(r *row) {
	n := c.n
	c.key = append(c.key, r.key)
	if k := len(c.runs); k == 0 || c.runs[k-1].m != r.month {
		c.appendMonths([]int32{r.month})
	}
	c.coef32 = append(c.coef32, c.narrowCoef(n, r.coef))
	c.line.append(r.line, n)
	// sparse.append, written out: a comparison of a type parameter's
	// values is a call, of rowAttrs a few instructions.
	switch a := &c.attr; {
	case a.v != nil:
		a.v = append(a.v, r.rowAttr)
	case n == 0:
		a.c = r.rowAttr
	case r.rowAttr != a.c:
		a.dense(n, 2*n)
		a.v = append(a.v, r.rowAttr)
	}
	c.n++
}

func (c *cols) get(i int) row {
	key := int32(-1) // a read dataset's pages keep no keys: the index has them
	if c.key != nil {
		key = c.key[i]
	}
	return row{key: key, month: c.monthAt(i), coef: c.coefAt(i), line: c.line.at(i), rowAttr: c.attr.at(i)}
}

func (c *cols) reset() {
	c.n = 0
	// The months in runs again, until there are too many.
	c.key, c.coef32, c.runs, c.month16, c.month, c.month0, c.coefX = c.key[:0], c.coef32[:0], c.runs[:0], nil, nil, 0, nil
	if c.runs == nil {
		c.runs = make([]monthRun, 0, maxRuns)
	}
	lspare := c.line.v
	if lspare == nil {
		lspare = c.line.spare
	}
	c.line = lines{spare: lspare[:0]}
	spare := c.attr.v
	if spare == nil {
		spare = c.attr.spare
	}
	c.attr = sparse[rowAttr]{spare: spare[:0]}
}

// table is the rows of a dataset: pages of pageSize rows, the last one
// filling.
type table struct {
	pages []*cols
	n     int
	bigs  map[int32]*big.Int // coefficients beyond int64, by row
	dead  []uint64           // rows dropped (duplicates summed into another), a bit each

	// Once a read has built its index, the pages' keys are dropped: the
	// index has every live row by series, four bytes a row fewer. Adding
	// a row restores them.
	keysDropped bool
}

// dropKeys drops the pages' keys, which ix, built from every row, holds.
func (t *table) dropKeys(ix *index) {
	if t.keysDropped || ix.rows != t.n {
		return
	}
	for _, p := range t.pages {
		p.key = nil
	}
	t.keysDropped = true
}

// restoreKeys gives the pages their keys back from ix, the index of every
// row, so that rows can be added. A dead row gets key 0: it is in no
// series, and counted and placed nowhere.
func (t *table) restoreKeys(ix *index) {
	for _, p := range t.pages {
		p.key = make([]int32, p.n, max(p.n, cap(p.month16), cap(p.month), cap(p.coef32)))
	}
	for s := range int32(len(ix.start) - 1) {
		for _, r := range ix.rowsOf(s) {
			p, i := t.page(r)
			p.key[i] = s
		}
	}
	t.keysDropped = false
}

func (t *table) page(r int32) (*cols, int) { return t.pages[r>>pageBits], int(r & (pageSize - 1)) }

// newPage starts a page for about rows more rows. The first page starts
// small and grows, so that a small dataset does not cost a whole page;
// the others start whole, so that growing never copies.
func (t *table) newPage(rows int) {
	n := pageSize
	if len(t.pages) == 0 {
		n = min(pageSize, max(rows, 64))
	}
	t.pages = append(t.pages, &cols{
		key:    make([]int32, 0, n),
		runs:   make([]monthRun, 0, maxRuns),
		coef32: make([]int32, 0, n),
	})
}

func (t *table) append(r *row) int32 {
	if t.keysDropped {
		panic("tradeflow: internal error: a row appended to pages without keys")
	}
	if t.n&(pageSize-1) == 0 {
		t.newPage(1)
	}
	t.pages[len(t.pages)-1].append(r)
	t.n++
	return int32(t.n - 1)
}

// appendCols appends the rows of c, a block's (see blockCols), with their
// keys, units, sources and notes already the dataset's, copying a page's
// worth at a time.
func (t *table) appendCols(c *cols, bigs map[int]*big.Int) {
	for i := 0; i < c.n; {
		if t.n&(pageSize-1) == 0 {
			t.newPage(c.n - i)
		}
		p := t.pages[len(t.pages)-1]
		k := min(c.n-i, pageSize-p.n)
		p.key = append(p.key, c.key[i:i+k]...)
		p.appendNarrowCols(c, i, k)
		if c.line.v == nil && p.line.v == nil && (p.n == 0 || p.line.first+int32(p.n) == c.line.first+int32(i)) {
			if p.n == 0 {
				p.line.first = c.line.first + int32(i)
			}
		} else {
			if p.line.v == nil && p.line.spare == nil {
				p.line.spare = make([]int32, 0, cap(p.key))
			}
			for j := i; j < i+k; j++ {
				p.line.append(c.line.at(j), p.n+j-i)
			}
		}
		p.attr.appendRun(&c.attr, i, i+k, p.n)
		for j, b := range bigs {
			if j >= i && j < i+k {
				if t.bigs == nil {
					t.bigs = map[int32]*big.Int{}
				}
				t.bigs[int32(t.n+j-i)] = b
			}
		}
		p.n += k
		t.n += k
		i += k
	}
}

func (t *table) get(r int32) row {
	p, i := t.page(r)
	return p.get(i)
}

func (t *table) key(r int32) int32   { p, i := t.page(r); return p.key[i] }
func (t *table) month(r int32) int32 { p, i := t.page(r); return p.monthAt(i) }
func (t *table) span(r int32) uint16 { p, i := t.page(r); return p.attr.at(i).span }
func (t *table) line(r int32) int32  { p, i := t.page(r); return p.line.at(i) }
func (t *table) vint(r int32) Vintage {
	p, i := t.page(r)
	return p.attr.at(i).vint
}

func (t *table) period(r int32) series.Period {
	p, i := t.page(r)
	last := p.monthAt(i)
	return series.Period{First: monthAt(last - int32(p.attr.at(i).span)), Last: monthAt(last)}
}

// value returns row r's value in its printed unit.
func (t *table) value(r int32) decimal.Decimal {
	p, i := t.page(r)
	if b, ok := t.bigs[r]; ok {
		return decimal.NewFromBigInt(b, int32(p.attr.at(i).exp))
	}
	return decimal.New(p.coefAt(i), int32(p.attr.at(i).exp))
}

// setValue replaces row r's value, keeping its unit.
func (t *table) setValue(r int32, v decimal.Decimal) {
	p, i := t.page(r)
	delete(t.bigs, r)
	a := p.attr.at(i)
	a.exp = int8(v.Exponent())
	p.attr.set(i, a, p.n)
	if c := v.Coefficient(); c.IsInt64() {
		p.setCoef(i, c.Int64())
	} else {
		p.setCoef(i, 0)
		if t.bigs == nil {
			t.bigs = map[int32]*big.Int{}
		}
		t.bigs[r] = c
	}
}

func (t *table) kill(r int32) {
	if t.dead == nil {
		t.dead = make([]uint64, (t.n+63)>>6)
	}
	for len(t.dead) < (t.n+63)>>6 {
		t.dead = append(t.dead, 0)
	}
	t.dead[r>>6] |= 1 << (uint(r) & 63)
}

func (t *table) isDead(r int32) bool {
	return t.dead != nil && int(r>>6) < len(t.dead) && t.dead[r>>6]&(1<<(uint(r)&63)) != 0
}

func (t *table) deadCount() int {
	n := 0
	for _, w := range t.dead {
		n += bits.OnesCount64(w)
	}
	return n
}

// rowBefore orders two rows of one series: by the period's last month,
// then a longer period first, then by vintage, then as added.
func (t *table) rowBefore(a, b int32) int {
	ma, mb := t.month(a), t.month(b)
	if ma != mb {
		if ma < mb {
			return -1
		}
		return 1
	}
	sa, sb := t.span(a), t.span(b)
	if sa != sb {
		if sa > sb {
			return -1
		}
		return 1
	}
	if c := t.vint(a).Compare(t.vint(b)); c != 0 {
		return c
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// An index groups the rows by series and orders each series' rows with
// rowBefore. It is built with one counting pass over the rows, not a sort
// of them: rows are grouped by series in file order, and only a series
// whose rows are out of order is sorted, on its own.
type index struct {
	rows  int      // the rows indexed: the first rows of the table
	perm  []int32  // the rows, series by series
	start []int32  // series s has perm[start[s]:start[s+1]]
	mixed []uint64 // a bit a series: see isMixed

	// The series with rows in the order of their keys, made by the first
	// caller that needs it (Dataset.sorted).
	sortOnce sync.Once
	sorted   []int32

	// The months the rows cover, worked out by the first caller that
	// needs them (Dataset.Months).
	monthsOnce sync.Once
	months     series.Period
}

func buildIndex(t *table, nseries int) *index {
	if t.keysDropped {
		panic("tradeflow: internal error: an index built from pages without keys")
	}
	// Pages are shared out among the cores in runs, each counting and then
	// placing its own rows: run g's rows of a series go after run g−1's, so
	// each series' rows stay in file order.
	runs := min(runtime.GOMAXPROCS(0), len(t.pages))
	if t.n < 1<<16 || runs < 1 {
		runs = 1
	}
	counts := make([][]int32, runs)
	parallel(runs, func(g int) {
		c := make([]int32, nseries)
		lo, hi := len(t.pages)*g/runs, len(t.pages)*(g+1)/runs
		for pi := lo; pi < hi; pi++ {
			p := t.pages[pi]
			for _, k := range p.key[:p.n] {
				c[k]++
			}
		}
		if t.dead != nil {
			for r := int32(lo << pageBits); r < int32(min(hi<<pageBits, t.n)); r++ {
				if t.isDead(r) {
					c[t.key(r)]--
				}
			}
		}
		counts[g] = c
	})
	// Rows of one series are far apart in a file sorted by period, and
	// placing each one is then a miss of the cache. With many series and
	// rows, they are placed in two passes: by bucket (a run of series),
	// which has few enough ends to stay in cache, then each bucket's rows
	// by series, in a part of perm that stays in cache.
	byBucket := nseries >= 1<<12 && t.n >= 1<<20
	var buckets [][]int32 // run g's rows of bucket b
	if byBucket {
		nb := (nseries + 1<<bucketBits - 1) >> bucketBits
		buckets = make([][]int32, runs)
		for g := range runs {
			buckets[g] = make([]int32, nb)
			for s, c := range counts[g] {
				buckets[g][s>>bucketBits] += c
			}
		}
	}
	start := make([]int32, nseries+1)
	for s := range nseries {
		n := start[s]
		for g := range runs {
			c := counts[g][s]
			counts[g][s] = n // becomes run g's next place for series s
			n += c
		}
		start[s+1] = n
	}
	perm := make([]int32, start[nseries])
	if byBucket {
		t.placeByBucket(perm, start, buckets, runs, nseries)
	} else {
		parallel(runs, func(g int) { t.place(perm, counts[g], len(t.pages)*g/runs, len(t.pages)*(g+1)/runs) })
	}
	ix := &index{rows: t.n, perm: perm, start: start, mixed: make([]uint64, (nseries+63)>>6)}
	// Each run orders its own series, in whole words of the mixed bits.
	words := len(ix.mixed)
	parallel(runs, func(g int) {
		for s := words * g / runs * 64; s < min(words*(g+1)/runs*64, nseries); s++ {
			ix.order(t, s)
		}
	})
	return ix
}

// place puts the live rows of pages lo to hi into perm, each at next[its
// series], then next[its series]++.
func (t *table) place(perm, next []int32, lo, hi int) {
	for pi := lo; pi < hi; pi++ {
		p := t.pages[pi]
		base := int32(pi << pageBits)
		for i, k := range p.key[:p.n] {
			r := base + int32(i)
			if t.dead != nil && t.isDead(r) {
				continue
			}
			perm[next[k]] = r
			next[k]++
		}
	}
}

// bucketBits is the number of series a bucket of placeByBucket holds, in bits.
const bucketBits = 10

// placeByBucket places the rows in two passes: by bucket of series, then
// by series. buckets[g][b] is run g's number of rows in bucket b.
func (t *table) placeByBucket(perm, start []int32, buckets [][]int32, runs, nseries int) {
	nb := len(buckets[0])
	// Run g's rows of bucket b follow the runs' before it, as their rows
	// of each series do.
	next := make([][]int32, runs)
	for g := range runs {
		next[g] = make([]int32, nb)
	}
	for b := range nb {
		n := start[b<<bucketBits]
		for g := range runs {
			next[g][b] = n
			n += buckets[g][b]
		}
	}
	// The buckets go in chunks of about a quarter of the rows each, so
	// that the rows in transit take a quarter of perm's size, not all of
	// it (eight bytes a row: the row and its series' place in the bucket):
	// each chunk costs one more scan of the keys, about 20 ms of CPU for ten
	// million rows.
	chunk := max(len(perm)/4, 1<<16)
	tmp := make([]uint64, 0, chunk)
	for b0 := 0; b0 < nb; {
		base := bucketStart(start, b0, nseries)
		b1 := b0 + 1
		for b1 < nb && int(bucketStart(start, b1+1, nseries)-base) <= chunk {
			b1++
		}
		if n := int(bucketStart(start, b1, nseries) - base); n <= cap(tmp) {
			tmp = tmp[:n]
		} else {
			tmp = make([]uint64, n) // one bucket beyond a chunk
		}
		parallel(runs, func(g int) {
			t.placeBuckets(tmp, base, next[g], len(t.pages)*g/runs, len(t.pages)*(g+1)/runs, int32(b0), int32(b1))
		})
		// Within a bucket, rows are in file order: place them by series.
		parallel(runs, func(g int) {
			pos := make([]int32, 1<<bucketBits)
			for b := b0 + (b1-b0)*g/runs; b < b0+(b1-b0)*(g+1)/runs; b++ {
				s0 := b << bucketBits
				s1 := min(s0+1<<bucketBits, nseries)
				copy(pos, start[s0:s1])
				for _, v := range tmp[start[s0]-base : start[s1]-base] {
					k := v & (1<<bucketBits - 1)
					perm[pos[k]] = int32(v >> bucketBits)
					pos[k]++
				}
			}
		})
		b0 = b1
	}
}

// bucketStart returns where bucket b's rows begin in perm.
func bucketStart(start []int32, b, nseries int) int32 {
	return start[min(b<<bucketBits, nseries)]
}

// placeBuckets puts the live rows of pages lo to hi whose bucket is b0 to
// b1 (not included) into tmp, each at next[its bucket] − base, then
// next[its bucket]++. Each goes with its series' place in the bucket, so
// that placing it by series reads its page no more: r<<bucketBits | s%bucket.
func (t *table) placeBuckets(tmp []uint64, base int32, next []int32, lo, hi int, b0, b1 int32) {
	for pi := lo; pi < hi; pi++ {
		p := t.pages[pi]
		r0 := int32(pi << pageBits)
		for i, k := range p.key[:p.n] {
			b := k >> bucketBits
			if b < b0 || b >= b1 {
				continue
			}
			r := r0 + int32(i)
			if t.dead != nil && t.isDead(r) {
				continue
			}
			tmp[next[b]-base] = uint64(r)<<bucketBits | uint64(k&(1<<bucketBits-1))
			next[b]++
		}
	}
}

// order sorts series s's rows if they are out of order, and marks the
// series mixed if two of its rows may cover one month.
func (ix *index) order(t *table, s int) {
	seg := ix.perm[ix.start[s]:ix.start[s+1]]
	sorted, mixed := true, false
	prev, pm := int32(-1), int32(-1)
	for _, r := range seg {
		p, i := t.page(r)
		m := p.monthAt(i)
		if p.attr.at(i).span > 0 {
			mixed = true
		}
		if prev >= 0 && m <= pm {
			mixed = true
			if m < pm || t.rowBefore(prev, r) > 0 {
				sorted = false
				break
			}
		}
		prev, pm = r, m
	}
	if !sorted {
		slices.SortFunc(seg, t.rowBefore)
	}
	if mixed || !sorted {
		ix.mixed[s>>6] |= 1 << (uint(s) & 63)
	}
}

// parallel runs fn(0) … fn(n−1) on goroutines of their own and waits.
func parallel(n int, fn func(g int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(g)
		}()
	}
	wg.Wait()
}

// isMixed reports whether series s may have two figures for one month:
// rows that share a month, or a period longer than a month. Only such
// series need checking for duplicates and overlaps.
func (ix *index) isMixed(s int32) bool { return ix.mixed[s>>6]&(1<<(uint(s)&63)) != 0 }

func (ix *index) rowsOf(s int32) []int32 {
	if int(s)+1 >= len(ix.start) {
		return nil
	}
	return ix.perm[ix.start[s]:ix.start[s+1]]
}

// months returns the months the first n rows cover: from the first month
// of the earliest period to the last month of the latest, or the zero
// Period for no rows. A page whose rows share their attributes and keep
// their months in runs is read a run at a time.
func (t *table) months(n int) series.Period {
	if n == 0 {
		return series.Period{}
	}
	lo, hi := int32(1<<31-1), int32(-1<<31)
	for _, p := range t.pages {
		rows := min(p.n, n)
		if rows <= 0 {
			break
		}
		n -= rows
		if p.runs != nil && p.attr.v == nil {
			span := int32(p.attr.c.span)
			for _, r := range p.runs {
				if int(r.from) < rows {
					hi = max(hi, r.m)
					lo = min(lo, r.m-span)
				}
			}
			continue
		}
		for i := range rows {
			m := p.monthAt(i)
			hi = max(hi, m)
			lo = min(lo, m-int32(p.attr.at(i).span))
		}
	}
	return series.Period{First: monthAt(lo), Last: monthAt(hi)}
}
