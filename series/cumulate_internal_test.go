package series

import (
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// plainStore returns a random store of single months, none wide: the kind
// the fast paths of ytd and total take. Some start near 0001-01, some hold
// values whose sums overflow an int64, some span several words of bits.
func plainStore(rng *rand.Rand) *store {
	start := MustMonth(2020, time.Month(1+rng.IntN(12)))
	if rng.IntN(8) == 0 {
		start = MustMonth(1, time.Month(1+rng.IntN(12)))
	}
	n := 1 + rng.IntN(40)
	if rng.IntN(8) == 0 {
		n = 60 + rng.IntN(100)
	}
	b := newBuilder(start, n, int32(rng.IntN(3)))
	huge := rng.IntN(4) == 0 // values whose sums may overflow an int64
	for i := range n {
		if rng.IntN(6) == 0 {
			continue // missing
		}
		var c int64
		switch rng.IntN(8) {
		case 0:
			c = 0
		case 1:
			if huge {
				c = math.MaxInt64 - rng.Int64N(1000)
			}
		case 2:
			if huge {
				c = math.MinInt64 + rng.Int64N(1000)
			}
		default:
			c = rng.Int64N(2_000_000) - 1_000_000
		}
		b.set(i, c)
	}
	if d := b.done(); d != nil {
		return d
	}
	return plainStore(rng) // no observation: try again
}

// TestYTDSingleMatchesAny checks ytd's fast path for single months against
// the general loop, with and without AllowMissing, for calendar and fiscal
// years.
func TestYTDSingleMatchesAny(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	fast := 0
	n := trials(20_000)
	for range n {
		d := plainStore(rng)
		cfg := cumConfig{first: time.Month(1 + rng.IntN(12)), allowMissing: rng.IntN(2) == 0}
		want, wantGaps := ytdAny(d, cfg, newBuilder, nil)
		got, gotGaps := ytd(d, cfg)
		if _, _, ok := ytdSingle(d, cfg, newBuilder, nil); ok {
			fast++
		}
		if !(Series[USD]{d: got}).Equal(Series[USD]{d: want}) || !reflect.DeepEqual(gotGaps, wantGaps) {
			t.Fatalf("ytd of %v from %v (%+v):\ngot  %v %v\nwant %v %v", d.coef, d.start, cfg, got, gotGaps, want, wantGaps)
		}
	}
	// The fast path must be what was tested, and must also give way.
	if fast < n/2 || fast == n {
		t.Errorf("fast path taken for %d of %d stores", fast, n)
	}
}

// TestTotalSingleMatchesAny checks total's fast path for single months
// against the general loop, over periods inside, across and outside the
// store.
func TestTotalSingleMatchesAny(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	bigSums := 0
	for range trials(20_000) {
		d := plainStore(rng)
		first, ok := d.start.add(rng.IntN(len(d.coef)+4) - 2)
		if !ok {
			first = d.start // before 0001-01
		}
		p := Period{first, first.AddMonths(rng.IntN(len(d.coef) + 2))}
		skip := rng.IntN(2) == 0
		want, wg := asBig(d.totalAny(p, skip))
		got, gg := asBig(d.total(p, skip))
		if !want.IsInt64() {
			bigSums++
		}
		if got.Cmp(want) != 0 || !reflect.DeepEqual(gg, wg) {
			t.Fatalf("total of %v from %v over %v (skip %v):\ngot  %v %v\nwant %v %v", d.coef, d.start, p, skip, got, gg, want, wg)
		}
	}
	if bigSums == 0 {
		t.Error("no sum beyond int64 was tested")
	}
}

// asBig returns the sum total returns as one big integer.
func asBig(small int64, bigSum *big.Int, gaps Gaps) (*big.Int, Gaps) {
	if bigSum != nil {
		return bigSum, gaps
	}
	return big.NewInt(small), gaps
}

func TestAddUp(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want string
	}{
		{nil, "0"},
		{[]int64{-5, 3}, "-2"},
		{[]int64{math.MaxInt64, 1}, "9223372036854775808"},
		{[]int64{math.MinInt64, -1}, "-9223372036854775809"},
		{[]int64{math.MinInt64, math.MinInt64, math.MaxInt64, math.MaxInt64, 2}, "0"},
		{[]int64{math.MinInt64, math.MinInt64, math.MinInt64}, "-27670116110564327424"},
	} {
		small, bigSum := addUp(tc.in)
		got := "?"
		if bigSum != nil {
			got = bigSum.String()
			if bigSum.IsInt64() {
				t.Errorf("addUp(%v) = %v in a big integer, which an int64 holds", tc.in, got)
			}
		} else {
			got = decimalString(small)
		}
		if got != tc.want {
			t.Errorf("addUp(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// coefs returns d's coefficients (none for a nil store).
func (d *store) coefs() []int64 {
	if d == nil {
		return nil
	}
	return d.coef
}

func decimalString(c int64) string { return (&store{coef: []int64{c}}).decimal(0).String() }

// TestStoresZeroWhereEmpty checks the store invariant total's fast path
// relies on: a coefficient is 0 where no observation ends, in the result
// of every operation that builds a store.
func TestStoresZeroWhereEmpty(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	check := func(what string, d *store) {
		t.Helper()
		for i, c := range d.coefs() {
			if !d.has(i) && c != 0 {
				t.Fatalf("%s: coefficient %d at index %d, which has no observation", what, c, i)
			}
		}
	}
	for range trials(2_000) {
		s, _, _ := randomSeries(rng)
		o, _, _ := randomSeries(rng)
		check("random series", s.d)
		yoy, _ := YoY(s)
		check("YoY", yoy.d)
		mom, _ := MoM(s)
		check("MoM", mom.d)
		diff, _ := Diff(s, 3)
		check("Diff", diff.d)
		ytd, _ := YearToDate(s, AllowMissing())
		check("YearToDate", ytd.d)
		annual, _ := Annual(s, AllowMissing())
		check("Annual", annual.d)
		rolling, _ := Rolling(s, 3)
		check("Rolling", rolling.d)
		check("Round", s.Round(1).d)
		check("Slice", s.Slice(s.First().AddMonths(2), s.Last()).d)
		check("ZeroFill", ZeroFill(s, Period{s.First(), s.Last().AddMonths(3)}).d)
		sum, _ := Add(s, o)
		check("Add", sum.d)
		sub, _ := Sub(s, o)
		check("Sub", sub.d)
		share, _ := Share(s, o)
		check("Share", share.d)
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var dec Series[USD]
		if err := dec.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		check("UnmarshalBinary", dec.d)
	}
}
