package tradeflow

import (
	"hash/maphash"
	"sync/atomic"
)

// A keyTable maps the text of a row's key columns, in one of two forms
// (see worker.keyText: the bytes of side-by-side columns as the file has
// them, or each field trimmed and followed by a zero byte), to what a
// worker learnt from it the first time: its series, unit, flow and
// measure. A text is looked up with its form. The workers of a read share
// one table: looking up takes no lock, so a key text one worker has
// parsed is known to all, and only a new text takes the lock to be added.
//
// Entries are never removed or changed; they live in pages that never
// move, and the slot array and the page directory are replaced, whole,
// when they grow. Each worker fills pages of its own (see keyPage.n): it
// writes a new entry where no other worker writes, then takes a lock the
// caller holds (the dataset's) only to check that no other worker has
// added the text since, and to place it.
type keyTable struct {
	seed  maphash.Seed
	slots atomic.Pointer[[]atomic.Int32] // 1 + entry index; 0 is empty. len is a power of two
	dir   atomic.Pointer[[]*keyPage]
	// n, written with every new entry, lies a cache line away from what
	// every lookup reads: sharing one, each new key on one core made the
	// other core's next lookups miss it.
	_ [64]byte
	n int32 // entries placed in the slots (anonymous ones are not)
}

const (
	keyPageBits = 12
	keyPageSize = 1 << keyPageBits
)

// A page keeps what a lookup reads, for every row, apart from what only a
// new row's slow path needs: in a file sorted by period, rows meet the
// entries in the order they were added, and a compact array of what they
// compare keeps that walk in few cache lines.
type keyPage struct {
	ents  [keyPageSize]keyEnt
	infos [keyPageSize]keyInfo
	// n counts the entries written in full, the first n: the rest are
	// the filling worker's. Only that worker changes it, but a worker that
	// grows the slots reads every page's n, while another may be adding
	// an anonymous entry without the lock (worker.anon).
	n atomic.Int32

	succ [keyPageSize]atomic.Int32 // see follower
}

type keyEnt struct {
	text string
	hash uint64
	id   int32  // the series
	unit uint16 // the value's unit
	form uint8  // how text was written: see worker.keyText; formAnon for no text
}

// formAnon marks an entry that no text names: a series of a row other
// than the one its key text names (see worker.anon). It is never placed
// in the slots, so no lookup finds it.
const formAnon = 255

type keyInfo struct {
	key     Key
	edition Edition // the HS edition the key text's classification names
}

func newKeyTable() *keyTable {
	t := &keyTable{seed: maphash.MakeSeed()}
	slots := make([]atomic.Int32, 1024)
	t.slots.Store(&slots)
	dir := []*keyPage{}
	t.dir.Store(&dir)
	return t
}

func (t *keyTable) ent(e int32) *keyEnt {
	return &(*t.dir.Load())[e>>keyPageBits].ents[e&(keyPageSize-1)]
}

func (t *keyTable) info(e int32) *keyInfo {
	return &(*t.dir.Load())[e>>keyPageBits].infos[e&(keyPageSize-1)]
}

// follower returns the entry of a row that followed a row of entry e,
// as the first worker to see one recorded it (setFollower), or −1: a guess
// for a worker that has not seen e followed itself. Each worker guesses
// from what it has seen first (worker.next), which is right for its own
// blocks; in the next month of a file sorted by period, a row is often in
// a block the other worker had, and then this guess is right.
func (t *keyTable) follower(e int32) int32 {
	return (*t.dir.Load())[e>>keyPageBits].succ[e&(keyPageSize-1)].Load() - 1
}

// setFollower records f as the follower of e, unless e has one.
func (t *keyTable) setFollower(e, f int32) {
	if s := &(*t.dir.Load())[e>>keyPageBits].succ[e&(keyPageSize-1)]; s.Load() == 0 {
		s.Store(f + 1)
	}
}

func (t *keyTable) hash(text []byte, form uint8) uint64 {
	return maphash.Bytes(t.seed, text) ^ uint64(form)*0x9e3779b97f4a7c15
}

// find returns the entry for text written in form, or -1; it takes no
// lock.
func (t *keyTable) find(text []byte, form uint8) int32 {
	return t.findHash(text, form, t.hash(text, form))
}

// findHash is find for a text whose hash is h.
func (t *keyTable) findHash(text []byte, form uint8, h uint64) int32 {
	slots := *t.slots.Load()
	mask := uint64(len(slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := slots[i].Load()
		if s == 0 {
			return -1
		}
		if e := t.ent(s - 1); e.hash == h && e.form == form && e.text == string(text) {
			return s - 1
		}
	}
}

// A keyFill is where a worker writes its next new entry: the page it
// fills, by index, or −1 before its first. spare, if not nil, is the
// page next takes when it needs one: the worker makes it before taking
// the lock, so that the others do not wait while a page of 600 KB is
// zeroed.
type keyFill struct {
	page  int32
	spare *keyPage
}

// next returns the index of the entry the filler writes next, taking a new
// page if its own is full. The caller holds the lock that serialises
// adding.
func (t *keyTable) next(f *keyFill) int32 {
	dir := *t.dir.Load()
	if f.page < 0 || dir[f.page].n.Load() == keyPageSize {
		// A new page, in a new directory: readers keep the old one, which
		// has every entry they can have found. (Only the new directory
		// escapes: storing the address of dir itself would cost an
		// allocation every call.)
		p := f.spare
		if p == nil {
			p = new(keyPage)
		}
		f.spare = nil
		grown := append(dir[:len(dir):len(dir)], p)
		t.dir.Store(&grown)
		dir = grown
		f.page = int32(len(dir) - 1)
	}
	return f.page<<keyPageBits | dir[f.page].n.Load()
}

// add places entry i, written in full by the worker whose next entry it
// is, and whose text findHash does not find. The caller holds the lock
// that serialises adding.
func (t *keyTable) add(i int32) {
	if 2*(int(t.n)+1) > len(*t.slots.Load()) {
		t.grow()
	}
	(*t.dir.Load())[i>>keyPageBits].n.Add(1)
	t.n++
	t.place(*t.slots.Load(), i+1, t.ent(i).hash)
}

// entries calls fn with every entry a page counts, anonymous ones too,
// page by page.
func (t *keyTable) entries(fn func(e int32)) {
	for pi, p := range *t.dir.Load() {
		for k := range p.n.Load() {
			fn(int32(pi)<<keyPageBits | k)
		}
	}
}

// size returns one more than the largest entry index there can be.
func (t *keyTable) size() int32 { return int32(len(*t.dir.Load())) << keyPageBits }

func (t *keyTable) place(slots []atomic.Int32, s int32, h uint64) {
	mask := uint64(len(slots) - 1)
	i := h & mask
	for slots[i].Load() != 0 {
		i = (i + 1) & mask
	}
	slots[i].Store(s)
}

// grow makes the slots four times as many, not twice: it places every
// entry again while the other workers wait for the lock, and a file of
// many new keys, a month's detail file, grows the table again and again.
func (t *keyTable) grow() {
	slots := make([]atomic.Int32, 4*len(*t.slots.Load()))
	t.entries(func(e int32) {
		if t.ent(e).form != formAnon {
			t.place(slots, e+1, t.ent(e).hash)
		}
	})
	t.slots.Store(&slots)
}
