package tradeflow

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/partner"
)

// TestSeriesIndexCollision checks the path no real key set is likely to
// take: two keys with one hash.
func TestSeriesIndexCollision(t *testing.T) {
	a := seriesKey{MustParseKey("CN X US 1201 value"), "USD"}
	b := seriesKey{MustParseKey("CN X JP 1201 value"), "USD"}
	var series seriesTable
	series.add(a)
	series.add(b)
	x := newSeriesIndex(2)
	x.put(&series, a, x.hash(a), 0)
	// Make b's hash a's: b must then live in the second map.
	hb := maphash.Comparable(x.seed, b)
	*x.slot(hb) = seriesSlot{uint32(hb), 1}
	x.n++
	if _, ok := x.get(&series, b); ok {
		t.Fatal("b found before it was put")
	}
	x.put(&series, b, x.hash(b), 1)
	if x.more == nil {
		t.Fatal("a key whose hash is taken must go to the second map")
	}
	for want, sk := range []seriesKey{a, b} {
		if got, ok := x.get(&series, sk); !ok || got != int32(want) {
			t.Errorf("get(%v) = %d, %v; want %d", sk, got, ok, want)
		}
	}
	if _, ok := x.get(&series, seriesKey{MustParseKey("CN X DE 1201 value"), "USD"}); ok {
		t.Error("a key never put was found")
	}
}

// TestSeriesIndexGrows checks that every series is found again after the
// table has doubled many times, and that a key never put is not.
func TestSeriesIndexGrows(t *testing.T) {
	var series seriesTable
	x := newSeriesIndex(0)
	keys := make([]seriesKey, 5000)
	for i := range keys {
		c, err := OtherCode("PANEL", strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		keys[i] = seriesKey{Key{Reporter: MustParseKey("CN X US 1201 value").Reporter, Commodity: c}, "USD"}
		if _, ok := x.get(&series, keys[i]); ok {
			t.Fatalf("%v found before it was put", keys[i])
		}
		x.put(&series, keys[i], x.hash(keys[i]), series.add(keys[i]))
	}
	if len(x.slots) < 2*len(keys) {
		t.Errorf("%d slots for %d series: more than half full", len(x.slots), len(keys))
	}
	for want, sk := range keys {
		if got, ok := x.get(&series, sk); !ok || got != int32(want) {
			t.Fatalf("get(%v) = %d, %v; want %d", sk, got, ok, want)
		}
	}
	if _, ok := x.get(&series, seriesKey{keys[0].Key, "kg"}); ok {
		t.Error("a key never put was found")
	}
}

// TestSeriesIndexPlaceAll checks placing many keys at once against
// adding them one by one: each key gets the series of its first entry,
// numbered in the order of the entries, with repeated keys, two keys
// sharing the 32 bits of hash a slot keeps (the second map), and keys
// whose slots wrap round the end of the table.
func TestSeriesIndexPlaceAll(t *testing.T) {
	keyOf := func(i int) seriesKey {
		c, err := OtherCode("PANEL", strconv.Itoa(i))
		if err != nil {
			t.Fatal(err)
		}
		return seriesKey{Key{Reporter: MustParseKey("CN X US 1201 value").Reporter, Commodity: c}, "USD"}
	}
	t.Run("small", func(t *testing.T) {
		k := []seriesKey{keyOf(0), keyOf(1), keyOf(0), keyOf(2), keyOf(2), keyOf(3)}
		x := newSeriesIndex(len(k))
		last := uint64(len(x.slots) - 1)
		h := []uint64{5, 1<<40 | last, 5, 7<<32 | 5, 7<<32 | 5, 2*last + 1} // the last wraps round
		var series seriesTable
		ids := x.placeAll(h, func(i int32) seriesKey { return k[i] }, func(i int32) int32 { return series.add(k[i]) })
		if want := []int32{0, 1, 0, 2, 2, 3}; !slices.Equal(ids, want) {
			t.Fatalf("series %v, want %v", ids, want)
		}
		if x.more == nil {
			t.Fatal("a key whose 32 bits of hash are taken must go to the second map")
		}
		for i := range k {
			if got, ok := x.find(&series, k[i], h[i]); !ok || got != ids[i] {
				t.Errorf("find(%v) = %d, %v; want %d", k[i], got, ok, ids[i])
			}
		}
		if _, ok := x.find(&series, keyOf(9), 7<<32|5); ok {
			t.Error("a key never placed was found")
		}
	})
	t.Run("many", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 6))
		const n = 50000
		k := make([]seriesKey, n)
		for i := range k {
			k[i] = keyOf(rng.IntN(n * 3 / 4)) // about a third repeated
		}
		var one seriesTable
		ox := newSeriesIndex(n)
		want := make([]int32, n)
		for i, sk := range k {
			if s, ok := ox.get(&one, sk); ok {
				want[i] = s
				continue
			}
			want[i] = one.add(sk)
			ox.put(&one, sk, ox.hash(sk), want[i])
		}
		x := newSeriesIndex(n)
		h := make([]uint64, n)
		for i, sk := range k {
			h[i] = x.hash(sk)
		}
		var series seriesTable
		ids := x.placeAll(h, func(i int32) seriesKey { return k[i] }, func(i int32) int32 { return series.add(k[i]) })
		if !slices.Equal(ids, want) {
			t.Fatal("series numbered otherwise than one by one")
		}
		if x.n+len(x.more) != one.len() {
			t.Errorf("%d slots filled and %d keys in the second map for %d series", x.n, len(x.more), one.len())
		}
		for i, sk := range k {
			if got, ok := x.get(&series, sk); !ok || got != ids[i] {
				t.Fatalf("get(%v) = %d, %v; want %d", sk, got, ok, ids[i])
			}
		}
	})
}

// TestBuildIndexByBucket checks that the two-pass placing of a large
// table gives the same index as placing each row at once: every series'
// rows in file order.
func TestBuildIndexByBucket(t *testing.T) {
	const nseries, rows = 5000, 1<<20 + 1000
	rng := rand.New(rand.NewPCG(3, 4))
	for name, key := range map[string]func() int32{
		"uniform": func() int32 { return int32(rng.IntN(nseries)) },
		// Most rows in the first bucket of series: more than a chunk.
		"skewed": func() int32 {
			if rng.IntN(10) > 0 {
				return int32(rng.IntN(1 << bucketBits))
			}
			return int32(rng.IntN(nseries))
		},
	} {
		var tb table
		for i := range rows {
			r := row{key: key(), month: int32(i / 1000)}
			tb.append(&r)
		}
		tb.kill(17) // a dead row is left out
		ix := buildIndex(&tb, nseries)
		if len(ix.perm) != rows-1 {
			t.Fatalf("%s: %d rows indexed, want %d", name, len(ix.perm), rows-1)
		}
		for s := range int32(nseries) {
			prev := int32(-1)
			for _, r := range ix.rowsOf(s) {
				if tb.key(r) != s || r <= prev || r == 17 {
					t.Fatalf("%s: series %d: row %d (key %d) after %d", name, s, r, tb.key(r), prev)
				}
				prev = r
			}
		}
	}
}

// sortParallel sorts as slices.SortFunc does, at sizes on both sides of
// where it splits the work.
func TestSortParallel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 1<<14 - 1, 1 << 14, 1<<15 + 3} {
		ids := make([]int32, n)
		for i := range ids {
			ids[i] = int32(rng.IntN(n/2 + 1)) // with repeats
		}
		want := slices.Clone(ids)
		slices.Sort(want)
		got := sortParallel(ids, func(a, b int32) int { return cmp.Compare(a, b) })
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: not sorted as slices.Sort sorts", n)
		}
	}
}

// A page keeps its months and coefficients narrow while they fit, and
// widens a column when one does not, without changing a row.
func TestNarrowPages(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var tb table
	var want []row
	add := func(n int, month func(i int) int32, coef func(i int) int64) {
		c := blockCols(0)
		for i := range n {
			r := row{key: int32(i % 7), month: month(i), coef: coef(i), line: int32(len(want) + 2)}
			c.append(&r)
			want = append(want, r)
		}
		tb.appendCols(&c, nil)
	}
	small := func(int) int64 { return rng.Int64N(1<<31) - 1<<30 }
	near := func(int) int32 { return 24000 + rng.Int32N(40) }
	add(pageSize-10, near, small)                                           // narrow, nearly a page
	add(20, near, func(i int) int64 { return int64(i) << 40 })              // coefficients beyond 32 bits, but the first: 9 on the first page, 10 on a second
	add(pageSize, func(i int) int32 { return int32(i % 3 * 60000) }, small) // months too far apart for 16 bits
	add(100, near, small)                                                   // a narrow page again
	tb.setValue(int32(len(want)-1), decimal.New(1<<50, 0))                  // kept wide: set later
	want[len(want)-1].coef = 1 << 50
	if tb.n != len(want) {
		t.Fatalf("%d rows, want %d", tb.n, len(want))
	}
	for r, w := range want {
		got := tb.get(int32(r))
		if got.key != w.key || got.month != w.month || got.coef != w.coef || got.line != w.line {
			t.Fatalf("row %d: %+v, want %+v", r, got, w)
		}
	}
	if p := tb.pages[0]; len(p.coefX) != 9 || p.month16 == nil {
		t.Errorf("first page: %d coefficients kept wide, months narrow %v; want 9, true", len(p.coefX), p.month16 != nil)
	}
	if p := tb.pages[2]; p.month16 != nil {
		t.Errorf("third page: months narrow, yet 0 and 120,000 months since the epoch are in it")
	}
	tb.setValue(int32(len(want)-1), decimal.New(5, 0)) // narrow again
	if p := tb.pages[len(tb.pages)-1]; len(p.coefX) != 0 || tb.get(int32(len(want)-1)).coef != 5 {
		t.Errorf("last page: a value set narrow is still kept wide")
	}
}

// A page whose rows come in few runs of one month (a file sorted by
// period) keeps the runs, not a month a row; one run too many, added in
// any batch, and it keeps each row's month, with every row as it was. A
// batch is a block's rows as the reader keeps them (narrow, months in runs
// too, coefficients in 32 bits and the rest aside).
func TestMonthRuns(t *testing.T) {
	for _, batch := range []int{1, 7, 1000} {
		for _, runs := range []int{1, 2, maxRuns, maxRuns + 1, 3 * maxRuns} {
			var tb table
			var want []int32
			var coefs []int64
			n := 5000
			if batch == 1000 {
				n = pageSize + 5000 // a batch across two pages
			}
			for len(want) < n {
				c := blockCols(0)
				for range min(batch, n-len(want)) {
					m := int32(24000 + len(want)*runs/n)
					if runs == 2 && len(want) > n/2 || runs == maxRuns+1 && m == 24000+maxRuns {
						m = 0 // a month far from the others: 16 bits do not span them
					}
					coef := int64(len(want))
					if len(want)%97 == 0 {
						coef = 1<<40 + coef // beyond 32 bits
					}
					c.append(&row{key: 1, month: m, coef: coef})
					want = append(want, m)
					coefs = append(coefs, coef)
				}
				tb.appendCols(&c, nil)
			}
			for r, w := range want {
				if got := tb.month(int32(r)); got != w {
					t.Fatalf("batch %d, %d runs: row %d: month %d, want %d", batch, runs, r, got, w)
				}
				if p, i := tb.page(int32(r)); p.coefAt(i) != coefs[r] {
					t.Fatalf("batch %d, %d runs: row %d: coefficient %d, want %d", batch, runs, r, p.coefAt(i), coefs[r])
				}
			}
			p := tb.pages[0]
			if kept := p.runs != nil; kept != (runs <= maxRuns) {
				t.Errorf("batch %d, %d runs: runs kept %v", batch, runs, kept)
			}
		}
	}
}

// A block of rows across two pages, its months changing in the part that
// goes on the second, keeps its runs where its rows go.
func TestMonthRunsAcrossPages(t *testing.T) {
	var tb table
	var want []int32
	for b := range 70 { // blocks of 1000 rows: the 66th is on both pages
		c := blockCols(0)
		for range 1000 {
			r := len(want)
			m := int32(24000 + b/20)
			if r >= pageSize+200 && r < 66000 { // in the 66th block only
				m += 10 + int32(r-pageSize-200)/100%3
			}
			c.append(&row{key: 1, month: m, coef: int64(r)})
			want = append(want, m)
		}
		tb.appendCols(&c, nil)
	}
	for r, w := range want {
		if got := tb.month(int32(r)); got != w {
			t.Fatalf("row %d: month %d, want %d", r, got, w)
		}
	}
	if tb.pages[1].runs == nil {
		t.Error("the second page keeps no runs")
	}
}

// TestSortKeys checks that sortKeys orders series as sorting by
// Key.Compare and then dimension does, over keys that differ in every
// field, including keys that differ only after the packed fields.
func TestSortKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	codes := []string{"CHN", "USA", "DEU", "FRA", "VNM", "0", "EU", "AA", "ZZ"}
	code := func() partner.Code {
		s := pick(codes)
		c, err := partner.ParseCode(s)
		if err != nil {
			c, err = partner.ParseUnlisted(s)
		}
		require.NoError(t, err, s)
		return c
	}
	manyClasses := false // more classifications than sortKeys ranks
	goods := func() Commodity {
		if manyClasses && rng.IntN(2) == 0 {
			c, err := OtherCode("K"+strconv.Itoa(rng.IntN(3000)), pick([]string{"1", "20", "3"}))
			require.NoError(t, err)
			return c
		}
		switch rng.IntN(5) {
		case 0:
			return Commodity{}
		case 1:
			c, err := ProductGroup(pick([]string{"SOYBEANS", "SOY", "SO", "SOYA", "RAREEARTHS", "RAREEARTHSA", "RAREEARTHA", "CHIPS"}))
			require.NoError(t, err)
			return c
		case 2:
			c, err := OtherCode(pick([]string{"PANEL", "PAX", "SITC"}), pick([]string{"207814", "2078", "20", "2", "0001", "9", "90", "91", "20781400", "207814001", "207814002"}))
			require.NoError(t, err)
			return c
		}
		return HS(commodity.MustParseCode(pick([]string{"12", "1201", "120190", "12019010", "1201901000", "120100", "2846", "284690", "28", "01", "010121", "97"})))
	}
	for _, n := range []int{100, 5000, 40000, -5000} { // the fallback, packed keys on one or two goroutines, and many classifications
		manyClasses = n < 0
		n = max(n, -n)
		var ds Dataset
		ids := make([]int32, n)
		for i := range ids {
			k := Key{Reporter: code(), Partner: code(), Commodity: goods(), Flow: Flow(1 + rng.IntN(2)), Measure: Measure(1 + rng.IntN(2))}
			if rng.IntN(4) == 0 {
				b, err := ParseBreakdown(pick([]string{"mot=2100", "mot=1000", "cc=D"}))
				require.NoError(t, err)
				k.Breakdown = b
			}
			ids[i] = ds.series.add(seriesKey{k, pick([]string{"money", "mass"})})
		}
		want := slices.Clone(ids)
		slices.SortStableFunc(want, func(a, b int32) int {
			ka, kb := ds.series.at(a), ds.series.at(b)
			return cmp.Or(ka.Compare(kb.Key), strings.Compare(ka.dim, kb.dim))
		})
		got := ds.sortKeys(slices.Clone(ids))
		require.Len(t, got, n)
		for i := range got {
			if a, b := ds.series.at(got[i]), ds.series.at(want[i]); *a != *b {
				t.Fatalf("n=%d: place %d: %v %s, want %v %s", n, i, a.Key, a.dim, b.Key, b.dim)
			}
		}
	}
}

// BenchmarkSortKeys sorts 200,000 keys as a dataset's first ordered read
// does: one reporter, two flows, 60 partners and six-digit commodity codes,
// HS or another classification's (the trade panel's), shuffled.
func BenchmarkSortKeys(b *testing.B) {
	for _, class := range []string{"HS", "PANEL"} {
		b.Run(class, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			var ds Dataset
			reporter := partner.MustParseCode("CN")
			var ids []int32
			for len(ids) < 200_000 {
				p, err := partner.ParseUnlisted(string([]byte{'A' + byte(rng.IntN(6)), 'A' + byte(rng.IntN(10))}))
				require.NoError(b, err)
				digits := fmt.Sprintf("%02d%02d%02d", 1+rng.IntN(76), 1+rng.IntN(99), 1+rng.IntN(99))
				goods := HS(commodity.MustParseCode(digits))
				if class != "HS" {
					goods, err = OtherCode(class, digits)
					require.NoError(b, err)
				}
				ids = append(ids, ds.series.add(seriesKey{Key{Reporter: reporter, Partner: p, Commodity: goods, Flow: Flow(1 + rng.IntN(2)), Measure: Value}, "money"}))
			}
			work := make([]int32, len(ids))
			b.ReportAllocs()
			for b.Loop() {
				copy(work, ids)
				ds.sortKeys(work)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ids)), "ns/key")
		})
	}
}

// TestRadixSort checks radixSort against a stable sort by (p, q), on
// integers that differ in a few bits or in all of them, the highest
// included, with many ties.
func TestRadixSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 100, 5000} {
		for _, masks := range [][2]uint64{{0, 0}, {1 << 63, 0}, {0, 1<<63 | 1}, {0xF0F0 << 28, 0xFF << 56}, {^uint64(0), ^uint64(0)}, {3, 3}} {
			base := packed{p: rng.Uint64(), q: rng.Uint64()}
			ps := make([]packed, n)
			for i := range ps {
				ps[i] = packed{p: base.p ^ rng.Uint64()&masks[0], q: base.q ^ rng.Uint64()&masks[1], id: int32(i)}
			}
			want := slices.Clone(ps)
			slices.SortStableFunc(want, func(a, b packed) int { return cmp.Or(cmp.Compare(a.p, b.p), cmp.Compare(a.q, b.q)) })
			require.Equal(t, want, radixSort(ps), "n=%d masks=%x", n, masks)
		}
	}
}
