package tradeflow

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"runtime"
	"slices"
	"strings"

	"github.com/tradeflow-go/tradeflow/internal/fixed"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A result is what one block gives: its figures as columns, its errors
// and counts.
type result struct {
	seq       int
	cols      cols
	bigs      map[int]*big.Int
	rows      int
	blank     int
	bytes     int
	lines     int // the lines the block holds
	skipped   []int
	skipFirst []int
	left      []int // figures left out, by reason (plan.leftOut)
	leftFirst []int
	errs      []*RowError
	badParts  []badPart // in a read that adds parts up: see worker.got
}

// A badPart is a bad row of a file whose parts a read adds up into
// totals, with what is known of it: its key, period and vintage (if its
// vintage was read), so that the total it was a part of is left out, not
// summed from the other parts (Dataset.sumParts).
type badPart struct {
	key     Key
	per     period
	vint    Vintage
	anyVint bool // the row's vintage is not known: every vintage's total
	line    int
}

// rebase turns the lines of a result, counted from its block's start (0),
// into lines of the file, the block starting at line first.
func (r *result) rebase(first int) {
	c := &r.cols
	if c.line.v == nil {
		c.line.first += int32(first)
	} else {
		for i := range c.line.v {
			c.line.v[i] += int32(first)
		}
	}
	for i := range r.badParts {
		r.badParts[i].line += first
	}
	for _, e := range r.errs {
		e.Line += first
		if e.EndLine > 0 {
			e.EndLine += first
		}
	}
	for i := range r.skipFirst {
		r.skipFirst[i] += first
	}
	for i := range r.leftFirst {
		r.leftFirst[i] += first
	}
}

// A worker parses blocks.
//
// A row's series is found from the text of its key columns, in a table
// the workers share (keyTable): a key text is parsed once per read, not
// once per row. Before even that lookup, the worker guesses that the row
// follows the same series as it did the last time the row before's series
// was met — in a file sorted by period, every month lists the series in
// the same order, so the guess is right for nearly every row.
//
// Other attributes (the period, the vintage, the source) go through a
// cache each: the value of the row before, then a map of the values seen.
type worker struct {
	p   *plan
	ds  *Dataset
	rec record
	num fixed.Format

	per cache[period]
	mon cache[int] // Schema.Month's cells
	// passed is, for each of the plan's period checks, the last period
	// and text it passed: rows of a file mostly repeat both.
	passed []passedCheck
	rep    cache[partner.Code]
	par    cache[partner.Code]
	flow   cache[Flow]
	com    cache[Commodity]
	meas   cache[Measure]
	unit   cache[unitInfo]
	vint   cache[Vintage]
	src    cache[int32]
	note   cache[int32]
	qunt   []cache[unitInfo]
	// qconst holds the units of quantities whose unit is a constant,
	// parsed once (ok false for the others).
	qconst []struct {
		u  unitInfo
		ok bool
	}
	svc cache[bool]
	// matchArgs holds the values handed to skip rules' Match, which takes
	// a string: a string made for each row would be a heap object a row.
	matchArgs arena

	// Codes of other classifications than HS, a cache each.
	other     map[string]*cache[Commodity]
	lastClass []byte
	lastOther *cache[Commodity]
	edition   Edition // the edition of the last commodity parsed

	// Series of the figures other than a row's main value, by key and
	// unit: a wide file's columns, and, in a read that is not deferred,
	// the quantities of a row without a key entry (see quantitySeries).
	keys map[wkey]int32

	keyCols []*ref  // the columns of the key text
	raw     []byte  // the row's key text, once built
	next    []int32 // key entry → the entry of the row that followed it, or -1
	prev    int32   // the key entry of the row before, or -1
	figs    []pendingFig
	tallied []int   // the reasons the current row has left figures out for
	qids    [][]qid // the quantities' series by key entry, a page of entries a slice: see quantitySeries

	simple   bool    // a deferred read whose rows have one value, in a column (see plan.simple)
	deferred bool    // rows carry key entries, not series (see plan.deferred)
	fill     keyFill // the key table's page this worker writes its new entries in
	entry    int32   // the key entry this worker writes next, or -1
	texts    arena   // the key entries' texts
	fast     bool    // fastRow may be tried: see there
	fastNew  bool    // fastRow may read a new key text's row too (newRow)
	// unitConst is a constant unit as newRow has parsed it, once unitKnown.
	unitConst unitInfo
	unitKnown bool

	ends []int
	base row // the row's attributes other than its key, period and value (fastRow)

	// got is what row has read of the row so far, once its key and
	// period are known (ok): in a read that adds parts up, a bad row's
	// total is then known.
	got struct {
		badPart
		ok bool
	}
}

type period struct {
	last int32
	span uint16
}

type unitInfo struct {
	id   uint16
	u    UnitCode
	none bool // a quantity's unit that says the file has no quantity
}

// wkey is a series as a worker looks it up: the key and the unit.
type wkey struct {
	Key
	unit uint16
}

type pendingFig struct {
	row
	big *big.Int
}

// An arena keeps many short strings in a few chunks: a month of a detail
// file has a new key text every row, and a string of its own each would be
// an allocation a row. A Builder never changes what it has written, and a
// new one is started when the chunk is full, so each string stays as it
// was; a chunk is freed when none of its strings is referred to.
type arena struct{ b strings.Builder }

// keep returns text as a string.
func (a *arena) keep(text []byte) string {
	if a.b.Cap()-a.b.Len() < len(text) {
		a.b = strings.Builder{}
		a.b.Grow(max(len(text), 16<<10))
	}
	n := a.b.Len()
	a.b.Write(text)
	return a.b.String()[n:]
}

// A cache remembers parsed values by their text.
type cache[T any] struct {
	parse func(string) (T, error)
	last  []byte
	lastV T
	has   bool
	m     map[string]T
	// lastOnly keeps only the last value: for attributes with many
	// values, each met in few rows, such as commodity codes, whose key
	// text the key table remembers anyway. Their texts are parsed from
	// an arena, not a string each.
	lastOnly bool
	texts    arena
}

func (c *cache[T]) get(b []byte) (T, error) {
	if c.has && bytes.Equal(b, c.last) {
		return c.lastV, nil
	}
	var v T
	ok := false
	if !c.lastOnly {
		v, ok = c.m[string(b)]
	}
	if !ok {
		s := ""
		if c.lastOnly {
			s = c.texts.keep(b)
		} else {
			s = string(b)
		}
		var err error
		if v, err = c.parse(s); err != nil {
			return v, err
		}
		switch {
		case c.lastOnly:
		case c.m == nil:
			c.m = map[string]T{s: v}
		case len(c.m) < 1<<16:
			c.m[s] = v
		}
	}
	c.last, c.lastV, c.has = append(c.last[:0], b...), v, true
	return v, nil
}

func newWorker(p *plan, ds *Dataset) *worker {
	w := &worker{p: p, ds: ds, keys: map[wkey]int32{}, prev: -1, entry: -1, fill: keyFill{page: -1},
		num: fixed.Format{Point: p.point, Thousands: p.thousands, MaxDigits: series.MaxDigits}}
	w.per.parse = mapped(&p.period, parsePeriodText)
	w.mon.parse = mapped(&p.month, parseMonthOfYear)
	w.passed = make([]passedCheck, len(p.periodChecks))
	w.rep.parse = mapped(&p.reporter, p.parseReporter)
	w.par.parse = mapped(&p.partner, p.parsePartner)
	w.flow.parse = mapped(&p.flow, ParseFlow)
	w.com.parse = mapped(&p.commodity, p.parseCommodity)
	w.com.lastOnly = true
	w.meas.parse = mapped(&p.measure, ParseMeasure)
	w.unit.parse = mapped(&p.unit, w.parseUnit)
	w.vint.parse = mapped(&p.vintage, ParseVintage)
	intern := func(s string) (int32, error) {
		ds.mu.Lock()
		defer ds.mu.Unlock()
		return ds.intern(s), nil
	}
	w.src.parse, w.note.parse = intern, intern
	w.qunt = make([]cache[unitInfo], len(p.quantities))
	for i := range w.qunt {
		r := &p.quantities[i].unit
		w.qunt[i].parse = func(s string) (unitInfo, error) {
			t, err := r.field.translate(s, r.role)
			if err != nil {
				return unitInfo{}, err
			}
			if t == "" && (r.field.mapping != nil || r.field.rename != nil) {
				return unitInfo{none: true}, nil
			}
			return w.parseUnit(t)
		}
	}
	w.qconst = make([]struct {
		u  unitInfo
		ok bool
	}, len(p.quantities))
	for i := range p.quantities {
		if r := &p.quantities[i].unit; r.col < 0 && r.has && len(r.kb) > 0 {
			if u, err := w.qunt[i].parse(r.konst); err == nil {
				w.qconst[i].u, w.qconst[i].ok = u, true
			}
		}
	}
	w.svc.parse = func(s string) (bool, error) {
		t, err := p.services.field.translate(s, p.services.role)
		if err != nil {
			return false, err
		}
		return parseBool([]byte(t))
	}
	w.keyCols = p.keyRefs()
	w.simple = p.simple()
	w.deferred = p.deferred()
	w.fast = w.simple && p.spanFirst >= 0 && p.period.col >= 0 && !p.month.has && len(p.skips) == 0 && len(p.periodChecks) == 0 &&
		p.vintage.col < 0 && p.source.col < 0 && p.note.col < 0 && p.ncols <= 64
	// A row of a new key text through newRow takes the general path's
	// steps for a fast schema, less services and parts summed into totals.
	w.fastNew = w.fast && !p.services.has && !p.summed
	if w.fast {
		w.ends = make([]int, p.ncols)
		if p.vintage.has {
			w.base.vint, _ = ParseVintage(p.vintage.konst) // checked by newPlan
		}
		w.base.src, w.base.note, w.base.edition = p.srcID, p.noteID, p.edition
	}
	return w
}

// fastRow reads the record at b[i:] if it is of the commonest kind: no
// quote, the right number of fields, a key text and a period met before,
// and a plain value. It returns the index after the record, or false for
// anything else, which the general path then reads (and so reports, if it
// is bad); unseen, with false, says that it looked the row's key text up
// and found it new, so that the general path need not, and that it has
// split the record into w.rec, which ends at next. It is tried only
// for a schema whose key columns lie side by side and whose vintage,
// source and note are constants.
func (w *worker) fastRow(res *result, b []byte, i int, line int32) (next int, ok, unseen bool) {
	p := w.p
	// The end of the line and of each field, eight bytes at a time, in one
	// pass: the high bit of a byte of dm is set exactly where the word has
	// the delimiter (the test that carries no borrow from one byte to the
	// next, so no byte needs checking again). For the newline and quotes
	// only the lowest set bit matters, and the cheaper test gets that one
	// right: a false bit can only lie above a true one.
	ends := w.ends
	n := 0
	const (
		ones = 0x0101010101010101
		low7 = 0x7f7f7f7f7f7f7f7f
		high = 0x8080808080808080
	)
	d, q, nl := ones*uint64(p.delim), ones*uint64('"'), ones*uint64('\n')
	end := -1 // of the line, from i
	k := 0
	for ; i+k+8 <= len(b); k += 8 {
		word := binary.LittleEndian.Uint64(b[i+k:])
		x, y, z := word^d, word^q, word^nl
		dm := ^((x&low7 + low7) | x) & high
		qm := (y - ones) &^ y & high
		if nm := (z - ones) &^ z & high; nm != 0 {
			below := nm&-nm - 1
			dm, qm = dm&below, qm&below
			end = k + bits.TrailingZeros64(nm)>>3
		}
		if qm != 0 {
			return 0, false, false
		}
		for ; dm != 0; dm &= dm - 1 {
			if n == len(ends) {
				return 0, false, false
			}
			ends[n] = k + bits.TrailingZeros64(dm)>>3
			n++
		}
		if end >= 0 {
			break
		}
		if k > p.maxLine {
			return 0, false, false
		}
	}
	if end < 0 {
		for ; i+k < len(b); k++ {
			switch b[i+k] {
			case p.delim:
				if n == len(ends) {
					return 0, false, false
				}
				ends[n] = k
				n++
			case '"':
				return 0, false, false
			}
			if b[i+k] == '\n' {
				end = k
				break
			}
		}
	}
	next = i + end + 1
	if end < 0 {
		end, next = len(b)-i, len(b)
	}
	if next-i > p.maxLine {
		return 0, false, false
	}
	if end > 0 && b[i+end-1] == '\r' {
		end--
	}
	rec := b[i : i+end]
	if len(rec) == 0 || n != len(ends)-1 {
		return 0, false, false
	}
	ends[n] = len(rec)
	field := func(c int) []byte {
		if c == 0 {
			return rec[:ends[0]]
		}
		return rec[ends[c-1]+1 : ends[c]]
	}
	// The period: the row before's, nearly always.
	pt := field(p.period.col)
	if !w.per.has || string(pt) != string(w.per.last) {
		return 0, false, false
	}
	// The value: at most 18 digits and a point; anything else goes the
	// long way.
	v := field(p.value.col)
	if len(v) == 0 || len(v) > 19 {
		return 0, false, false
	}
	var coef int64
	dot, digits := -1, 0
	for j, c := range v {
		if c-'0' <= 9 {
			coef = coef*10 + int64(c-'0')
			digits++
		} else if c == p.point && dot < 0 {
			dot = j
		} else {
			return 0, false, false
		}
	}
	exp := int8(0)
	if dot >= 0 {
		exp = int8(dot - len(v) + 1)
	}
	if digits == 0 || digits > 18 {
		return 0, false, false
	}
	// The key text, from the first key column to the last.
	from := 0
	if p.spanFirst > 0 {
		from = ends[p.spanFirst-1] + 1
	}
	text := rec[from:ends[p.spanLast]]
	t := p.keys
	ke, skip := int32(-1), false
	if w.prev >= 0 {
		if g := w.after(w.prev); g >= 0 {
			if ent := t.ent(g); ent.form == 1 && ent.text == string(text) {
				ke = g
			} else if g2 := w.after(g); g2 >= 0 {
				if ent := t.ent(g2); ent.form == 1 && ent.text == string(text) {
					ke, skip = g2, true
				}
			}
		}
	}
	if ke < 0 {
		if ke = t.find(text, 1); ke < 0 {
			// The fields as splitRecord would give them: the general
			// path reads the row from them.
			r := &w.rec
			r.b, r.start, r.end, r.plain = b, r.start[:0], r.end[:0], true
			start := i
			for _, e := range ends {
				r.start, r.end = append(r.start, int32(start)), append(r.end, int32(i+e))
				start = i + e + 1
			}
			if w.fastNew && w.newRow(res, coef, exp, line) {
				return next, true, false
			}
			return next, false, true
		}
	}
	ent := t.ent(ke)
	r := &w.base
	r.key, r.month, r.span, r.coef, r.exp, r.unit, r.line = ke, w.per.lastV.last, w.per.lastV.span, coef, exp, ent.unit, line
	res.cols.append(r)
	w.follow(ke, skip)
	return next, true, false
}

// newRow reads a row of a new key text, which fastRow has split into
// w.rec and whose plain value it has read, as row would: the same steps,
// less those its schema has no use for (see fastNew). It returns false,
// having kept nothing, for a row it finds bad, which the general path
// then reads and reports.
func (w *worker) newRow(res *result, coef int64, exp int8, line int32) bool {
	p, f := w.p, &w.rec
	key, e := w.key(f)
	if e != nil {
		return false
	}
	r := w.base
	r.edition, r.vint = w.edition, Vintage{}
	if p.vintage.has {
		if b := w.text(f, &p.vintage); len(b) > 0 {
			v, err := w.vint.get(b)
			if err != nil {
				return false
			}
			r.vint = v
		} else if p.vintage.required {
			return false
		}
	}
	var u unitInfo
	if w.unitKnown {
		if checkUnit(key.Measure, w.unitConst.u) != nil {
			return false
		}
		u = w.unitConst
	} else {
		if u, e = w.unitOf(f, key, &p.unit, &w.unit); e != nil {
			return false
		}
		// A constant unit parses to the same every row.
		w.unitConst, w.unitKnown = u, p.unit.col < 0
	}
	// A plain value is no negative level, and nothing fails from here.
	ke := w.learn(f, key, u)
	r.key, r.month, r.span, r.coef, r.exp, r.unit, r.line = ke, w.per.lastV.last, w.per.lastV.span, coef, exp, p.keys.ent(ke).unit, line
	res.cols.append(&r)
	w.follow(ke, false)
	return true
}

func (w *worker) parseUnit(s string) (unitInfo, error) {
	u, err := ParseUnitCode(s)
	if err != nil {
		return unitInfo{}, err
	}
	w.ds.mu.Lock()
	defer w.ds.mu.Unlock()
	return unitInfo{id: w.ds.unitID(u), u: u}, nil
}

// keyText returns the text of the row's key columns and its form: for a
// row without quotes whose key columns are side by side, the bytes from
// the first to the last of them as the file has them (form 1); otherwise
// each field trimmed and followed by a zero byte (form 0). Two texts of one
// key in different forms are two entries of one series.
func (w *worker) keyText(f *record) ([]byte, uint8) {
	if f.plain && w.p.spanFirst >= 0 {
		return f.b[f.start[w.p.spanFirst]:f.end[w.p.spanLast]], 1
	}
	w.raw = w.raw[:0]
	for _, r := range w.keyCols {
		w.raw = append(w.raw, trim(f.field(r.col))...)
		w.raw = append(w.raw, 0)
	}
	return w.raw, 0
}

// fastKey returns the key table's entry for the row's key text, or -1 if
// the text is new; skip reports that the row skipped a series the guess
// expected (a series missing a month).
func (w *worker) fastKey(f *record) (e int32, skip bool) {
	t := w.p.keys
	text, form := w.keyText(f)
	if w.prev >= 0 {
		if g := w.after(w.prev); g >= 0 {
			if ent := t.ent(g); ent.form == form && ent.text == string(text) {
				return g, false
			}
			if g2 := w.after(g); g2 >= 0 {
				if ent := t.ent(g2); ent.form == form && ent.text == string(text) {
					return g2, true
				}
			}
		}
	}
	return t.find(text, form), false
}

// follow records that the row's key entry was e. A row that skipped a
// series leaves the guess for the next time as it was.
func (w *worker) follow(e int32, skip bool) {
	for int(e) >= len(w.next) {
		w.next = append(w.next, -1)
	}
	if w.prev >= 0 && !skip && w.next[w.prev] != e {
		w.next[w.prev] = e
		w.p.keys.setFollower(w.prev, e)
	}
	w.prev = e
}

// after returns the entry of the row after one of entry e, as this worker
// last saw it or else as the key table's follower says; −1 if neither
// knows.
func (w *worker) after(e int32) int32 {
	if int(e) < len(w.next) {
		if g := w.next[e]; g >= 0 {
			return g
		}
	}
	return w.p.keys.follower(e)
}

// learn adds the row's key text to the key table, with a new
// series for it, and returns its entry. Everything that can be is done
// before taking the dataset's lock, which the other workers wait for.
func (w *worker) learn(f *record, key Key, u unitInfo) int32 {
	text, form := w.keyText(f)
	t := w.p.keys
	th := t.hash(text, form)
	var sk seriesKey
	var h uint64
	if !w.deferred {
		sk = seriesKey{key, u.u.dim}
		h = w.ds.seriesIdx.hash(sk)
	}
	if w.entry < 0 {
		w.turnPage()
	}
	// The entry goes where this worker's next one does, which no other
	// worker writes or reads until it is placed.
	e := w.entry
	if e&(keyPageSize-1) == keyPageSize-1 && w.fill.spare == nil {
		w.fill.spare = new(keyPage) // the next entry needs a page
	}
	*t.ent(e) = keyEnt{text: w.texts.keep(text), hash: th, unit: u.id, form: form, id: -1}
	*t.info(e) = keyInfo{key: key, edition: w.edition}
	w.ds.mu.Lock()
	defer w.ds.mu.Unlock()
	if found := t.findHash(text, form, th); found >= 0 {
		return found // another worker was quicker; e is for the next key
	}
	if !w.deferred {
		// Different texts may name one series ("US" and "USA"): each
		// gets an entry of its own, for the same series. A deferred
		// read's entries get theirs once the file is read
		// (Dataset.entrySeries).
		t.ent(e).id = w.ds.seriesOf(sk, h)
	}
	t.add(e)
	w.entry = t.next(&w.fill)
	return e
}

// entrySeries gives the key entries of a deferred read (plan.deferred)
// their series, in the order of the entries, and the rows, which carry
// their key entries while the file is read, their series. Learning a key text is
// then only adding it to the key table, a short time under the lock: the
// series index, which a new key's series would cost a miss of the cache
// in, is built here, in one pass. The dataset is the read's own, which
// has no series yet.
func (ds *Dataset) entrySeries(t *keyTable) {
	if ds.series.len() != 0 {
		panic("tradeflow: internal error: entrySeries on a dataset with series")
	}
	all := make([]int32, 0, t.size()) // t.n counts no anonymous entry
	t.entries(func(e int32) { all = append(all, e) })
	ds.seriesIdx = newSeriesIndex(len(all)) // no growing on the way
	x := &ds.seriesIdx
	seriesKeyOf := func(e int32) seriesKey { return seriesKey{t.info(e).key, ds.units[t.ent(e).unit].dim} }
	hashes := make([]uint64, len(all))
	runs := max(min(runtime.GOMAXPROCS(0), len(all)>>12), 1)
	parallel(runs, func(g int) {
		for i := len(all) * g / runs; i < len(all)*(g+1)/runs; i++ {
			hashes[i] = x.hash(seriesKeyOf(all[i]))
		}
	})
	// The keys go into the index in the order of its slots, and get
	// their series in the order of the entries (see placeAll).
	keyOf := func(i int32) seriesKey { return seriesKeyOf(all[i]) }
	ids := x.placeAll(hashes, keyOf, func(i int32) int32 { return ds.series.add(keyOf(i)) })
	series := make([]int32, t.size())
	for i, e := range all {
		series[e] = ids[i]
		t.ent(e).id = ids[i]
	}
	pages := ds.rows.pages
	runs = max(min(runtime.GOMAXPROCS(0), len(pages)), 1)
	parallel(runs, func(g int) {
		for _, p := range pages[len(pages)*g/runs : len(pages)*(g+1)/runs] {
			for i, e := range p.key[:p.n] {
				p.key[i] = series[e]
			}
		}
	})
}

// parse parses a block into res, whose storage it reuses.
func (w *worker) parse(bl *block, res *result) *result {
	p := w.p
	res.cols.reset()
	*res = result{seq: bl.seq, bytes: len(bl.buf), cols: res.cols, errs: res.errs[:0], badParts: res.badParts[:0],
		skipped: resize(res.skipped, len(p.skips)), skipFirst: resize(res.skipFirst, len(p.skips)),
		left: resize(res.left, len(p.leftOut)), leftFirst: resize(res.leftFirst, len(p.leftOut))}
	// A guess at the rows a block holds, so that the columns rarely grow.
	// The columns of row attributes and lines are made when a row needs
	// them (most files need neither), and kept for the next block.
	if est := len(bl.buf)/32 + 16; cap(res.cols.key) < est {
		lines, attrs := res.cols.line, res.cols.attr
		res.cols = blockCols(est)
		res.cols.line, res.cols.attr = lines, attrs
	}
	if bl.long != nil {
		e := *bl.long
		res.rows, res.lines = 1, bl.lines
		res.errs = append(res.errs, &e)
		return res
	}
	b := bl.buf
	line := 0 // from the block's start: the reader adds where it starts
	defer func() { res.lines = line }()
	for i := 0; i < len(b); {
		unseen := false
		var next, nl int
		var err error
		if w.fast {
			var ok bool
			if next, ok, unseen = w.fastRow(res, b, i, int32(line)); ok {
				res.rows++
				line++
				i = next
				continue
			}
		}
		if !unseen { // else fastRow has split the record
			next, nl, err = splitRecord(b, i, p.delim, &w.rec)
		}
		if p.arrays {
			// A JSON table's string may hold a newline: its array is
			// still one line.
			nl = 0
		}
		size := next - i
		i = next
		at := line
		line += 1 + nl
		f := &w.rec
		if err == nil && f.n() == 1 && len(trim(f.field(0))) == 0 {
			res.blank++
			continue
		}
		res.rows++
		switch {
		case errors.Is(err, errQuote):
			last := at + nl
			if b[len(b)-1] == '\n' {
				last-- // the newline that ends the file's last line
			}

			res.errs = append(res.errs, &RowError{File: p.name, Line: at, EndLine: last,
				Err: fmt.Errorf("%w: %d lines are lost: %w", errQuote, last-at+1, ErrMalformed)})
			continue
		case size > p.maxLine:
			e := &RowError{File: p.name, Line: at,
				Err: fmt.Errorf("a record of %d bytes, longer than %d: %w", size, p.maxLine, ErrLimit)}
			if nl > 0 {
				e.EndLine = at + nl
			}
			res.errs = append(res.errs, e)
			continue
		case err != nil:
			res.errs = append(res.errs, &RowError{File: p.name, Line: at, Err: err})
			continue
		case f.n() != p.ncols:
			res.errs = append(res.errs, &RowError{File: p.name, Line: at,
				Err: fmt.Errorf("%d fields, the header has %d (the line: %q): %w", f.n(), p.ncols, clip(bytes.TrimRight(b[i-size:i], "\r\n")), ErrMalformed)})
			continue
		}
		if k := w.skip(f); k >= 0 {
			var e *RowError
			if w.p.skips[k].part != nil {
				e = w.part(f, k)
			}
			if e == nil {
				if res.skipped[k] == 0 {
					res.skipFirst[k] = at
				}
				res.skipped[k]++
				continue
			}
			res.errs = append(res.errs, w.rowError(f, e, at, nl))
			continue
		}
		w.got.ok = false
		if e := w.row(res, f, int32(at), unseen); e != nil {
			w.untally(res)
			res.errs = append(res.errs, w.rowError(f, e, at, nl))
			if p.summed && w.got.ok {
				bp := w.got.badPart
				bp.line = at
				res.badParts = append(res.badParts, bp)
			}
		}
	}
	return res
}

// rowError places e, the error of record f, at its line, at, which nl
// more lines continue. A record that is the header again, as files joined
// into one have, says so rather than naming its first bad cell.
func (w *worker) rowError(f *record, e *RowError, at, nl int) *RowError {
	if w.isHeader(f) {
		e = &RowError{File: w.p.name, Err: fmt.Errorf("the header again, as in files joined into one (a header is the first line only): %w", ErrMalformed)}
	}
	e.Line = at
	if nl > 0 {
		e.EndLine = at + nl
	}
	return e
}

// isHeader reports whether record f repeats the file's header, with or
// without a byte-order mark (files joined that each had one).
func (w *worker) isHeader(f *record) bool {
	if f.n() != len(w.p.header) {
		return false
	}
	for i, h := range w.p.header {
		v := trim(f.field(i))
		if i == 0 {
			v = bytes.TrimPrefix(v, []byte("\ufeff"))
		}
		if !strings.EqualFold(string(v), h) {
			return false
		}
	}
	return true
}

func resize(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// skip returns the index of the first skip rule the row meets, or -1.
func (w *worker) skip(f *record) int {
	for k, sk := range w.p.skips {
		v := trim(f.field(sk.col))
		if sk.match != nil {
			if sk.match(w.matchArgs.keep(v)) {
				return k
			}
			continue
		}
		if sk.part != nil {
			if !isTotal(v, sk.keep) {
				return k
			}
			continue
		}
		if !slices.ContainsFunc(sk.keep, func(keep []byte) bool { return bytes.Equal(v, keep) }) {
			return k
		}
	}
	return -1
}

// isTotal reports whether v, a breakdown's code, names the total: it is
// empty or one of totals, in any case, and a number whatever its leading
// zeros (UN Comtrade's motCode 0 may be written 00, partner2Code 000): a
// total taken for a part would be skipped, and a file of totals read as
// empty.
func isTotal(v []byte, totals [][]byte) bool {
	if len(v) == 0 {
		return true
	}
	for _, t := range totals {
		if bytes.EqualFold(v, t) || isDigits(v) && isDigits(t) && bytes.Equal(bytes.TrimLeft(v, "0"), bytes.TrimLeft(t, "0")) {
			return true
		}
	}
	return false
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// part checks a row that skip rule k skips for being a part of a total
// (a breakdown): it is skipped only if it would be a good row but for
// that, so that a row of bad codes or a second header (two files joined)
// is an error rather than a part. The part's code, the period, the key's
// attributes and the value are checked; no key is learnt, since the row
// gives no figure.
func (w *worker) part(f *record, k int) *RowError {
	p := w.p
	sk := &p.skips[k]
	v := w.text(f, sk.part)
	if sk.whole {
		if _, err := ParseBreakdown(string(v)); err != nil {
			return w.bad(f, sk.part, err)
		}
	} else if !validBreakdownCode(string(v)) {
		return w.bad(f, sk.part, fmt.Errorf("a breakdown code of letters, digits, dots, hyphens and underscores: %w", ErrBreakdown))
	}
	if p.period.has {
		if _, e := w.period(f); e != nil {
			return e
		}
	}
	if _, e := w.key(f); e != nil {
		return e
	}
	if p.value.has && p.value.col >= 0 {
		if vb := w.text(f, &p.value); len(vb) > 0 {
			if _, err := fixed.Parse(vb, w.num); err != nil {
				return w.bad(f, &p.value, &valueError{err.Error()})
			}
		}
	}
	return nil
}

// tally counts a figure the row at line leaves out, for reason i of
// plan.leftOut; the count stands only if the row is good (see untally).
func (w *worker) tally(res *result, i int, line int32) {
	if res.left[i] == 0 {
		res.leftFirst[i] = int(line)
	}
	res.left[i]++
	w.tallied = append(w.tallied, i)
}

// untally takes back the counts of a row that turned out bad.
func (w *worker) untally(res *result) {
	for _, i := range w.tallied {
		res.left[i]--
	}
	w.tallied = w.tallied[:0]
}

func (w *worker) text(f *record, r *ref) []byte {
	if r.col >= 0 {
		b := trim(f.field(r.col))
		for _, m := range r.missing {
			if bytes.Equal(b, m) {
				return nil
			}
		}
		return b
	}
	return r.kb
}

// boolean parses a flag column's cell, translated through its map.
func (w *worker) boolean(f *record, r *ref) (bool, *RowError) {
	b := w.text(f, r)
	var v bool
	var err error
	if m := r.field.mapping; m != nil {
		t, ok := m[string(b)]
		if !ok {
			_, err := r.field.translate(string(b), r.role)
			return false, w.bad(f, r, err)
		}
		v, err = parseBool([]byte(t))
	} else {
		v, err = parseBool(b)
	}
	if err != nil {
		return false, w.bad(f, r, err)
	}
	return v, nil
}

// trim drops spaces and tabs around b: files pad codes ("0 ").
func trim(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

func (w *worker) bad(f *record, r *ref, err error) *RowError {
	e := &RowError{File: w.p.name, Err: err}
	if r.col >= 0 {
		// The value as read: without the spaces around it, so that a
		// position in it (at byte 2) counts from its first byte.
		e.Column, e.Name, e.Value = r.col+1, r.name, clip(trim(f.field(r.col)))
	} else {
		e.Name, e.Value = r.role, r.konst
	}
	return e
}

func clip(b []byte) string {
	if len(b) > 100 {
		return string(b[:100]) + "…"
	}
	return string(b)
}

// mapped returns a parse function that translates through the field's map
// first.
func mapped[T any](r *ref, parse func(string) (T, error)) func(string) (T, error) {
	if r.field.mapping == nil && r.field.rename == nil {
		return parse
	}
	return func(s string) (T, error) {
		t, err := r.field.translate(s, r.role)
		if err != nil {
			var zero T
			return zero, err
		}
		return parse(t)
	}
}

// attr parses a key attribute, which no row may leave empty.
func attr[T any](w *worker, f *record, r *ref, c *cache[T]) (T, *RowError) {
	b := w.text(f, r)
	if len(b) == 0 {
		var zero T
		return zero, w.bad(f, r, fmt.Errorf("empty: every row needs its %s: %w", r.role, ErrMissing))
	}
	v, err := c.get(b)
	if err != nil {
		return v, w.bad(f, r, err)
	}
	return v, nil
}

// period returns a row's period: Period's, or with a Month column the
// month it names in Period's year, checked against the plan's period
// checks.
func (w *worker) period(f *record) (period, *RowError) {
	per, e := w.periodOf(f)
	if e == nil && len(w.p.periodChecks) > 0 {
		e = w.checkPeriod(f, per)
	}
	return per, e
}

func (w *worker) periodOf(f *record) (period, *RowError) {
	p := w.p
	per, e := attr(w, f, &p.period, &w.per)
	if e != nil || !p.month.has {
		return per, e
	}
	m, e := attr(w, f, &p.month, &w.mon)
	if e != nil {
		return per, e
	}
	switch first := per.last - int32(per.span); {
	case per.span == 11 && first%12 == 0: // a year
		return period{last: first + int32(m) - 1}, nil
	case per.span == 0:
		if got := int(per.last%12) + 1; got != m {
			of := p.period.name
			if p.period.col < 0 && of == "" {
				of = "the schema's period"
			}
			return per, w.bad(f, &p.month, fmt.Errorf("month %d, but %s is %v: %w", m, of, monthAt(per.last), series.ErrPeriod))
		}
		return per, nil
	default:
		return per, w.bad(f, &p.period, fmt.Errorf("a span of months, but column %s gives the month of a year: %w", p.month.name, series.ErrPeriod))
	}
}

// row parses one row into figures; nothing is kept from a bad row. With
// unseen (see fastRow) the key text is not looked up before it is learnt.
func (w *worker) row(res *result, f *record, line int32, unseen bool) *RowError {
	p := w.p
	w.tallied = w.tallied[:0]
	var per period
	var e *RowError
	if p.period.has {
		if per, e = w.period(f); e != nil {
			return e
		}
	}
	services := false
	if p.services.has {
		if b := w.text(f, &p.services); len(b) > 0 {
			v, err := w.svc.get(b)
			if err != nil {
				return w.bad(f, &p.services, err)
			}
			services = v
		}
		if services && !p.keepOther {
			return w.bad(f, &p.services, fmt.Errorf("a row of trade in services: the library reads goods; pass tradeflow.KeepOtherCodes to keep it under its own classification: %w", ErrCommodity))
		}
	}
	ke, skip := int32(-1), false
	if len(p.wide) == 0 && !unseen {
		ke, skip = w.fastKey(f)
	}
	var key Key
	base := row{line: line}
	if ke >= 0 {
		info := w.p.keys.info(ke)
		key = info.key
		base.edition = info.edition
	} else if key, e = w.key(f); e != nil {
		return e
	} else {
		base.edition = w.edition
	}
	if p.summed {
		w.got.badPart, w.got.ok = badPart{key: key, per: per, anyVint: true}, true
	}
	if services {
		if _, _, other := key.Commodity.Other(); !other && !key.Commodity.IsTotal() {
			return w.bad(f, &p.class, fmt.Errorf("a row of trade in services coded as HS goods: %w", ErrCommodity))
		}
	}
	if p.vintage.has {
		b := w.text(f, &p.vintage)
		if len(b) == 0 {
			if p.vintage.required {
				return w.bad(f, &p.vintage, fmt.Errorf("empty: every figure needs the release it was printed in: %w", ErrMissing))
			}
		} else {
			v, err := w.vint.get(b)
			if err != nil {
				return w.bad(f, &p.vintage, err)
			}
			base.vint = v
		}
	}
	if w.got.ok {
		w.got.vint, w.got.anyVint = base.vint, false
	}
	var err error
	if base.src, err = w.str(f, &p.source, &w.src, p.srcID); err != nil {
		return w.bad(f, &p.source, err)
	}
	if base.note, err = w.str(f, &p.note, &w.note, p.noteID); err != nil {
		return w.bad(f, &p.note, err)
	}
	for i := range p.flags {
		fl := &p.flags[i]
		if fl.flag == 0 {
			// The column names the flags.
			v, err := ParseFlags(string(w.text(f, &fl.ref)))
			if err != nil {
				return w.bad(f, &fl.ref, err)
			}
			base.flags |= v
			continue
		}
		on, e := w.boolean(f, &fl.ref)
		if e != nil {
			return e
		}
		if on {
			base.flags |= fl.flag
		}
	}
	base.span = per.span
	base.month = per.last

	if ke >= 0 && w.simple {
		// The common case: one value, of a key text seen before.
		ent := w.p.keys.ent(ke)
		if vb := trim(f.field(p.value.col)); len(vb) > 0 {
			n, err := fixed.Parse(vb, w.num)
			if err == nil && n.Big == nil && (n.Coef >= 0 || !isLevel(key)) {
				base.key, base.coef, base.exp, base.unit = ke, n.Coef, int8(n.Exp), ent.unit
				res.cols.append(&base)
				w.follow(ke, skip)
				return nil
			}
		}
	}

	w.figs = w.figs[:0]
	if len(p.wide) == 0 {
		if ke, e = w.mainFigure(res, f, &base, key, per, ke, skip); e != nil {
			return e
		}
	}
	for _, wc := range p.wide {
		k, pr := key, per
		if !wc.partner.IsZero() {
			k.Partner = wc.partner
		} else {
			pr = period{last: monthOff(wc.period.Last), span: uint16(wc.period.Len() - 1)}
		}
		r := ref{role: "value", col: wc.col, name: wc.name, has: true}
		if e := w.figure(f, &base, k, pr, &r, &p.unit, &w.unit); e != nil {
			return e
		}
	}
	for i := range p.quantities {
		if e := w.quantity(res, f, &base, key, per, i, ke); e != nil {
			return e
		}
	}
	for i := range w.figs {
		fg := &w.figs[i]
		if p.check != nil {
			fig := w.pendingFigure(fg)
			if col, err := p.check(&fig); err != nil {
				return w.bad(f, w.refByName(col), err)
			}
		}
		n := res.cols.n
		res.cols.append(&fg.row)
		if fg.big != nil {
			if res.bigs == nil {
				res.bigs = map[int]*big.Int{}
			}
			res.bigs[n] = fg.big
		}
	}
	return nil
}

// quantity parses the row's quantity i into a pending figure, or counts
// why the row gives none; ke is the key entry of the row's key text, or
// -1.
func (w *worker) quantity(res *result, f *record, base *row, key Key, per period, i int, ke int32) *RowError {
	q := &w.p.quantities[i]
	if !q.value.has {
		return nil
	}
	vb := w.text(f, &q.value)
	if len(vb) == 0 {
		w.tally(res, q.noValue, base.line)
		return nil
	}
	n, err := fixed.Parse(vb, w.num)
	if err != nil {
		return w.bad(f, &q.value, &valueError{err.Error()})
	}
	if q.unitless {
		// A quantity in no unit is no quantity: left out, and counted.
		w.tally(res, q.noUnitCol, base.line)
		return nil
	}
	zero := n.Big == nil && n.Coef == 0
	k := key
	k.Measure = q.measure
	var u unitInfo
	if c := &w.qconst[i]; c.ok {
		u = c.u
	} else {
		var e *RowError
		if u, e = attr(w, f, &q.unit, &w.qunt[i]); e != nil {
			return e
		}
	}
	if u.none {
		if !zero {
			return w.bad(f, &q.unit, fmt.Errorf("the unit says there is no quantity, and %s is %s: %w", q.value.name, vb, ErrUnitCode))
		}
		w.tally(res, q.noUnit, base.line)
		return nil
	}
	b := *base
	if q.est.has {
		est, e := w.boolean(f, &q.est)
		if e != nil {
			return e
		}
		if est && zero {
			w.tally(res, q.zeroEstim, base.line)
			return nil
		}
		if est {
			b.flags |= Estimated
		}
	}
	if err := checkUnit(k.Measure, u.u); err != nil {
		return w.bad(f, &q.unit, err)
	}
	if err := checkLevel(k, n.Coef < 0 || (n.Big != nil && n.Big.Sign() < 0)); err != nil {
		return w.bad(f, &q.value, err)
	}
	b.month, b.span = per.last, per.span
	fg := pendingFig{row: b, big: n.Big}
	fg.key, fg.coef, fg.exp, fg.unit = w.quantitySeries(ke, i, k, u), n.Coef, int8(n.Exp), u.id
	w.figs = append(w.figs, fg)
	return nil
}

// quantitySeries returns the series of quantity i of the row whose key
// entry is ke (or -1) in unit u, or, in a deferred read, the key entry
// that names it (see anon): remembered by entry, so that a row of a key
// text seen before finds it without hashing its key.
func (w *worker) quantitySeries(ke int32, i int, k Key, u unitInfo) int32 {
	if ke < 0 {
		if w.deferred {
			return w.anon(k, u) // no entry to remember it by: a row whose main value is empty
		}
		return w.lookup(k, u)
	}
	// By the page of key entries ke is in: a worker meets mostly the
	// entries of its own pages, and a table of them all, grown as entry
	// numbers rise, would be copied over and over.
	nq := len(w.p.quantities)
	pg, at := int(ke>>keyPageBits), int(ke&(keyPageSize-1))*nq+i
	for pg >= len(w.qids) {
		w.qids = append(w.qids, nil)
	}
	if w.qids[pg] == nil {
		w.qids[pg] = make([]qid, keyPageSize*nq)
	}
	if q := w.qids[pg][at]; q.set && q.unit == u.id {
		return q.id
	}
	// Not through lookup's map: remembered here, a key is looked up once
	// an entry, and the map of every new key's quantities only grows (in a
	// month's file of a UN Comtrade query nearly every row is a new key).
	var id int32
	if w.deferred {
		id = w.anon(k, u)
	} else {
		id = w.seriesFor(k, u)
	}
	w.qids[pg][at] = qid{id: id, unit: u.id, set: true}
	return id
}

// anon adds an entry that no key text names, for the series of key k in
// unit u, and returns it: in a deferred read, a row's quantity is a
// series other than the one its key text names, and gets an entry of its
// own, which Dataset.entrySeries gives a series with the others. It is an
// entry of this worker's page, counted there but placed in no slot, and so
// it takes no lock but for a new page.
func (w *worker) anon(k Key, u unitInfo) int32 {
	t := w.p.keys
	if w.entry < 0 {
		w.turnPage()
	}
	e := w.entry
	*t.ent(e) = keyEnt{unit: u.id, form: formAnon, id: -1}
	*t.info(e) = keyInfo{key: k, edition: w.edition}
	(*t.dir.Load())[e>>keyPageBits].n.Add(1) // after the entry is written: see keyPage.n
	if e&(keyPageSize-1) < keyPageSize-1 {
		w.entry = e + 1
	} else {
		w.turnPage()
	}
	return e
}

// turnPage gives the worker a new page of key entries to write in, its
// first or the next, under the lock; the page is made before, so that the
// other workers do not wait while it is zeroed.
func (w *worker) turnPage() {
	if w.fill.spare == nil {
		w.fill.spare = new(keyPage)
	}
	w.ds.mu.Lock()
	w.entry = w.p.keys.next(&w.fill)
	w.ds.mu.Unlock()
}

// A qid is a quantity's series, in the unit it was found for.
type qid struct {
	id   int32
	unit uint16
	set  bool
}

// key parses the row's key attributes.
func (w *worker) key(f *record) (Key, *RowError) {
	p := w.p
	var key Key
	var e *RowError
	if key.Reporter, e = attr(w, f, &p.reporter, &w.rep); e != nil {
		return key, e
	}
	if p.partner.has {
		if key.Partner, e = attr(w, f, &p.partner, &w.par); e != nil {
			return key, e
		}
	}
	if key.Flow, e = attr(w, f, &p.flow, &w.flow); e != nil {
		return key, e
	}
	if key.Commodity, e = w.commodity(f); e != nil {
		return key, e
	}
	if key.Measure, e = attr(w, f, &p.measure, &w.meas); e != nil {
		return key, e
	}
	if len(p.parts) > 0 {
		if key.Breakdown, e = w.breakdown(f); e != nil {
			return key, e
		}
	}
	return key, nil
}

// breakdown returns the part of a total the row's breakdown columns name.
func (w *worker) breakdown(f *record) (Breakdown, *RowError) {
	var sb []byte
	for i := range w.p.parts {
		pr := &w.p.parts[i]
		v := w.text(f, &pr.ref)
		if len(v) == 0 && pr.parts {
			// A file of parts only has no total row to take an empty
			// cell for, and the total is the parts' sum: an empty part
			// would be counted in it twice.
			return Breakdown{}, w.bad(f, &pr.ref, fmt.Errorf("empty: the file has no total rows, so every row needs its part (%s): %w", pr.reason, ErrMissing))
		}
		if isTotal(v, pr.total) {
			continue
		}
		if len(sb) > 0 {
			sb = append(sb, ',')
		}
		if pr.bname == "" {
			// The column holds whole breakdowns.
			if _, err := ParseBreakdown(string(v)); err != nil {
				return Breakdown{}, w.bad(f, &pr.ref, err)
			}
			sb = append(sb, v...)
			continue
		}
		if !validBreakdownCode(string(v)) {
			return Breakdown{}, w.bad(f, &pr.ref, fmt.Errorf("a breakdown code of letters, digits, dots, hyphens and underscores: %w", ErrBreakdown))
		}
		sb = append(sb, pr.bname...)
		sb = append(sb, '=')
		sb = append(sb, v...)
	}
	return Breakdown{string(sb)}, nil
}

// mainFigure parses a long row's value; ke is the key entry of its key
// text if fastKey found it, or -1.
func (w *worker) mainFigure(res *result, f *record, base *row, key Key, per period, ke int32, skip bool) (int32, *RowError) {
	p := w.p
	need := !p.value.optional
	if !need && len(w.text(f, &p.value)) == 0 {
		w.tally(res, p.noValue, base.line)
	}
	if ke < 0 {
		vb := w.text(f, &p.value)
		if len(vb) == 0 && !need {
			return -1, nil
		}
		u, e := w.unitOf(f, key, &p.unit, &w.unit)
		if e != nil {
			return -1, e
		}
		ke = w.learn(f, key, u)
	}
	ent := w.p.keys.ent(ke)
	n := len(w.figs)
	id := ent.id
	if w.deferred {
		id = ke // see plan.deferred
	}
	if e := w.value(f, base, key, &p.value, ent.unit, id, need); e != nil {
		return -1, e
	}
	if len(w.figs) > n {
		w.follow(ke, skip)
	}
	return ke, nil
}

// unitOf parses the unit of a value and checks it fits the measure.
func (w *worker) unitOf(f *record, key Key, ur *ref, uc *cache[unitInfo]) (unitInfo, *RowError) {
	u, e := attr(w, f, ur, uc)
	if e != nil {
		return u, e
	}
	if err := checkUnit(key.Measure, u.u); err != nil {
		return u, w.bad(f, ur, err)
	}
	return u, nil
}

// commodity parses the row's commodity in its classification, and sets
// w.edition to the HS edition that names.
func (w *worker) commodity(f *record) (Commodity, *RowError) {
	p := w.p
	w.edition = p.edition
	if !p.class.has {
		return w.hs(f)
	}
	cls := w.text(f, &p.class)
	if len(cls) == 0 {
		if p.class.optional {
			return w.hs(f)
		}
		return Commodity{}, w.bad(f, &p.class, fmt.Errorf("empty: every row needs its classification: %w", ErrMissing))
	}
	if e, ok := parseEdition(cls); ok {
		w.edition = e
		return w.hs(f)
	}
	if p.hsOnly && !p.keepOther {
		return Commodity{}, w.bad(f, &p.class, fmt.Errorf("not the Harmonized System: the library reads HS codes; pass tradeflow.KeepOtherCodes to keep this classification's codes apart from them: %w", ErrCommodity))
	}
	c := w.lastOther
	if c == nil || !bytes.Equal(cls, w.lastClass) {
		if c = w.other[string(cls)]; c == nil {
			class := string(cls)
			if _, err := OtherCode(class, "0"); err != nil {
				return Commodity{}, w.bad(f, &p.class, err)
			}
			c = &cache[Commodity]{lastOnly: true, parse: func(s string) (Commodity, error) {
				if strings.EqualFold(s, "TOTAL") {
					return OtherCode(class, "TOTAL")
				}
				return OtherCode(class, s)
			}}
			if w.other == nil {
				w.other = map[string]*cache[Commodity]{}
			}
			w.other[class] = c
		}
		w.lastClass, w.lastOther = append(w.lastClass[:0], cls...), c
	}
	return attr(w, f, &p.commodity, c)
}

// hs parses the commodity of a row of HS goods (or of a file without a
// classification column). A schema of HS only ([Schema.HSOnly]) takes
// TOTAL and HS codes: a product group's name is the library's own and no
// such file's, and another classification's code ("S4:776") is kept only
// with KeepOtherCodes, as a row of another classification is.
func (w *worker) hs(f *record) (Commodity, *RowError) {
	p := w.p
	c, e := attr(w, f, &p.commodity, &w.com)
	if e == nil && p.hsLen > 0 {
		if code, ok := c.Code(); !ok || code.Len() != p.hsLen {
			return Commodity{}, w.bad(f, &p.commodity, fmt.Errorf("not an HS code of %d digits, which every code of this file is: %w", p.hsLen, ErrCommodity))
		}
	}
	if e != nil || !p.hsOnly {
		return c, e
	}
	if _, ok := c.Group(); ok {
		return Commodity{}, w.bad(f, &p.commodity, fmt.Errorf("not an HS code: the schema reads HS codes and TOTAL: %w", ErrCommodity))
	}
	if _, _, ok := c.Other(); ok && !p.keepOther {
		return Commodity{}, w.bad(f, &p.commodity, fmt.Errorf("not an HS code but %v; pass tradeflow.KeepOtherCodes to keep it under that code: %w", c, ErrCommodity))
	}
	return c, nil
}

// parseMonthOfYear reads a Month column's cell: 1 to 12, 01 to 09, or an
// English month's name or its first three letters (and Sept), in any
// case.
func parseMonthOfYear(s string) (int, error) {
	if m, ok := atoi([]byte(s)); ok && len(s) <= 2 && m >= 1 && m <= 12 {
		return m, nil
	}
	if len(s) >= 3 {
		for i, name := range monthNames {
			if strings.EqualFold(s, name) || strings.EqualFold(s, name[:3]) || i == 8 && strings.EqualFold(s, "sept") {
				return i + 1, nil
			}
		}
	}
	return 0, &series.MonthError{Input: s, Reason: "want a month of the year: 1 to 12, 01 to 12, Mar or March"}
}

// checkPeriod checks the row's period, per, against the plan's period
// checks: an error names the check's column, or the period's for a value
// of the file's name.
func (w *worker) checkPeriod(f *record, per period) *RowError {
	p := w.p
	for i := range p.periodChecks {
		c, last := &p.periodChecks[i], &w.passed[i]
		v := w.text(f, &c.ref)
		if len(v) == 0 || last.ok && last.per == per && bytes.Equal(last.v, v) {
			continue
		}
		sp := series.Period{First: monthAt(per.last - int32(per.span)), Last: monthAt(per.last)}
		if err := c.check(v, w.text(f, &p.period), sp); err != nil {
			if c.col < 0 {
				return w.bad(f, &p.period, err)
			}
			return w.bad(f, &c.ref, err)
		}
		last.per, last.v, last.ok = per, append(last.v[:0], v...), true
	}
	return nil
}

type passedCheck struct {
	per period
	v   []byte
	ok  bool
}

func parsePeriodText(s string) (period, error) {
	f, l, err := parsePeriod([]byte(s))
	return period{last: l, span: uint16(l - f)}, err
}

// str returns the interned text of a source or note.
func (w *worker) str(f *record, r *ref, c *cache[int32], konst int32) (int32, error) {
	if r.col < 0 {
		return konst, nil
	}
	b := w.text(f, r)
	if len(b) == 0 {
		if r.required {
			return 0, fmt.Errorf("empty: every figure needs its %s: %w", r.role, ErrMissing)
		}
		return 0, nil
	}
	return c.get(b)
}

// figure parses a value other than a long row's main one (a quantity, a
// column of a wide file) into a pending figure. An empty value is no
// figure.
func (w *worker) figure(f *record, base *row, key Key, per period, vr, ur *ref, uc *cache[unitInfo]) *RowError {
	if len(w.text(f, vr)) == 0 {
		return nil
	}
	u, e := w.unitOf(f, key, ur, uc)
	if e != nil {
		return e
	}
	b := *base
	b.month, b.span = per.last, per.span
	return w.value(f, &b, key, vr, u.id, w.lookup(key, u), false)
}

// value parses a value whose series and unit are known into a pending
// figure. An empty value is an error when need is set, and otherwise no
// figure.
func (w *worker) value(f *record, base *row, key Key, vr *ref, unit uint16, id int32, need bool) *RowError {
	vb := w.text(f, vr)
	if len(vb) == 0 {
		if need {
			return w.bad(f, vr, fmt.Errorf("empty: a missing figure is left out of the file, not written empty (a schema whose file writes it empty makes its Value Optional): %w", ErrMissing))
		}
		return nil
	}
	n, err := fixed.Parse(vb, w.num)
	if err != nil {
		return w.bad(f, vr, &valueError{err.Error()})
	}
	if err := checkLevel(key, n.Coef < 0 || (n.Big != nil && n.Big.Sign() < 0)); err != nil {
		return w.bad(f, vr, err)
	}
	fg := pendingFig{row: *base, big: n.Big}
	fg.key, fg.coef, fg.exp, fg.unit = id, n.Coef, int8(n.Exp), unit
	w.figs = append(w.figs, fg)
	return nil
}

// lookup returns the series of a key in a unit's dimension.
func (w *worker) lookup(key Key, u unitInfo) int32 {
	k := wkey{key, u.id}
	id, ok := w.keys[k]
	if !ok {
		id = w.seriesFor(key, u)
		w.keys[k] = id
	}
	return id
}

// seriesFor returns the series of a key in a unit's dimension from the
// dataset's series index, made if new.
func (w *worker) seriesFor(key Key, u unitInfo) int32 {
	sk := seriesKey{key, u.u.dim}
	h := w.ds.seriesIdx.hash(sk)
	w.ds.mu.Lock()
	defer w.ds.mu.Unlock()
	return w.ds.seriesOf(sk, h)
}

func (w *worker) pendingFigure(fg *pendingFig) Figure {
	w.ds.mu.Lock()
	defer w.ds.mu.Unlock()
	f := Figure{Key: w.ds.series.at(fg.key).Key, Period: series.Period{First: monthAt(fg.month - int32(fg.span)), Last: monthAt(fg.month)},
		Unit: w.ds.units[fg.unit], Vintage: fg.vint, Source: w.ds.strs[fg.src], Note: w.ds.strs[fg.note], File: w.p.name, Line: int(fg.line)}
	f.Value = decimalOf(fg.coef, int32(fg.exp), fg.big)
	return f
}

func (w *worker) refByName(col string) *ref {
	p := w.p
	for _, r := range []*ref{&p.period, &p.reporter, &p.partner, &p.flow, &p.commodity, &p.measure, &p.value, &p.unit, &p.vintage, &p.source, &p.note} {
		if r.col >= 0 && (r.name == col || r.role == col) {
			return r
		}
	}
	return &ref{role: col, col: -1}
}

// A valueError reports text that is not a number.
type valueError struct{ reason string }

func (e *valueError) Error() string { return e.reason }
func (e *valueError) Unwrap() error { return ErrValue }
