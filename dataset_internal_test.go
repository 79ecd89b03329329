package tradeflow

import (
	"cmp"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"testing"
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
	x.m[maphash.Comparable(x.seed, b)] = 0
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

// TestBuildIndexByBucket checks that the two-pass placing of a large
// table gives the same index as placing each row at once: every series'
// rows in file order.
func TestBuildIndexByBucket(t *testing.T) {
	const nseries, rows = 5000, 1<<20 + 1000
	var tb table
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range rows {
		r := row{key: int32(rng.IntN(nseries)), month: int32(i / 1000)}
		tb.append(&r)
	}
	tb.kill(17) // a dead row is left out
	ix := buildIndex(&tb, nseries)
	if len(ix.perm) != rows-1 {
		t.Fatalf("%d rows indexed, want %d", len(ix.perm), rows-1)
	}
	for s := range int32(nseries) {
		prev := int32(-1)
		for _, r := range ix.rowsOf(s) {
			if tb.key(r) != s || r <= prev || r == 17 {
				t.Fatalf("series %d: row %d (key %d) after %d", s, r, tb.key(r), prev)
			}
			prev = r
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
