package series

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// randomPanel returns up to eight series for a panel: random ones (combined
// observations, values beyond int64, missing months), empty ones, and
// plain ones over one shared period, the dataset's case.
func randomPanel(rng *rand.Rand) []Series[USD] {
	ss := make([]Series[USD], rng.IntN(9))
	start := MustMonth(2020+rng.IntN(3), time.Month(1+rng.IntN(12)))
	for i := range ss {
		switch rng.IntN(4) {
		case 0: // empty
		case 1:
			ss[i], _, _ = randomSeries(rng)
		default:
			var b Builder[USD]
			n := 36
			if rng.IntN(8) == 0 {
				n = 100 + rng.IntN(60) // more than a word of presence bits
			}
			for k := range n {
				if rng.IntN(30) != 0 {
					b.SetInt(start.AddMonths(k), randCoef(rng)>>uint(rng.IntN(64)), -2)
				}
			}
			s, err := b.Series()
			if err != nil {
				panic(err)
			}
			ss[i] = s
		}
	}
	return ss
}

// TestPanelMatchesSeries checks the promise of Panel: each operation's row
// i is the series operation of the same name on series i, and Total is
// the sum of the series' totals, on random panels and on panels that are
// results of panel operations (whose series are carved out of blocks).
func TestPanelMatchesSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 36))
	for range trials(3000) {
		ss := randomPanel(rng)
		p := NewPanel(ss...)
		if p.Len() != len(ss) {
			t.Fatalf("Len %d, want %d", p.Len(), len(ss))
		}
		lag := 1 + rng.IntN(13)
		if rng.IntN(8) == 0 {
			lag = 1 + rng.IntN(150) // past a word of presence bits
		}
		places := int32(rng.IntN(6) - 1)
		var opts []CumOption
		if rng.IntN(2) == 0 {
			opts = append(opts, AllowMissing())
		}
		if rng.IntN(3) == 0 {
			opts = append(opts, YearStartingIn(time.Month(1+rng.IntN(12))))
		}
		first := MustMonth(2020+rng.IntN(4), time.Month(1+rng.IntN(12)))
		per := Period{first, first.AddMonths(rng.IntN(40))}
		group := make([]int, len(ss))
		for i := range group {
			group[i] = rng.IntN(min(len(ss), 3)+1) - 1 // -1 (left out) to at most len-1
		}

		change := p.Change(lag)
		diff := p.Diff(lag)
		mom := p.MoM()
		yoy := p.YoY()
		ytd := p.YearToDate(opts...)
		rounded := change.Round(places)
		filled := p.ZeroFill(per)
		sums := filled.Aggregate(group)
		for i, s := range ss {
			c, _ := Change(s, lag)
			same(t, "Change", i, change.Series(i), c, s)
			y, _ := YoY(s)
			same(t, "YoY", i, yoy.Series(i), y, s)
			df, _ := Diff(s, lag)
			same(t, "Diff", i, diff.Series(i), df, s)
			mm, _ := MoM(s)
			same(t, "MoM", i, mom.Series(i), mm, s)
			d, _ := YearToDate(s, opts...)
			same(t, "YearToDate", i, ytd.Series(i), d, s)
			same(t, "Round", i, rounded.Series(i), c.Round(places), s)
			same(t, "ZeroFill", i, filled.Series(i), ZeroFill(s, per), s)
		}
		for g := range sums.Len() {
			var members []Series[USD]
			for i, gi := range group {
				if gi == g {
					members = append(members, ZeroFill(ss[i], per))
				}
			}
			var want Series[USD]
			if len(members) > 0 {
				want, _ = Add(members[0], members[1:]...)
			}
			same(t, "Aggregate", g, sums.Series(g), want, Series[USD]{})
		}
		for _, q := range []Panel[USD]{p, ytd, filled, sums} {
			got, gotErr := q.Total(per, opts...)
			want, wantErr := decimal.Zero, error(nil)
			for i := range q.Len() {
				v, err := Total(q.Series(i), per, opts...)
				if err != nil {
					wantErr = err
					break
				}
				want = want.Add(v)
			}
			if (gotErr != nil) != (wantErr != nil) || gotErr == nil && !got.Equal(want) {
				t.Fatalf("Total over %v: got %v, %v; want %v, %v", per, got, gotErr, want, wantErr)
			}
			if gotErr != nil && !errors.Is(gotErr, ErrIncomplete) {
				t.Fatalf("Total's error %v does not wrap ErrIncomplete", gotErr)
			}
		}
	}
}

func same[U, V Unit](t *testing.T, op string, i int, got, want Series[U], of Series[V]) {
	t.Helper()
	if !got.Equal(want) {
		t.Fatalf("%s of series %d %v:\ngot  %v\nwant %v", op, i, of, got, want)
	}
}

// TestPanelBuilderMatchesFromCoefficients builds the same series with a
// PanelBuilder and with FromCoefficients, from random integers at random
// exponents (a later, finer exponent rescales what is there, into big
// integers where it overflows), and checks the builder's errors.
func TestPanelBuilderMatchesFromCoefficients(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 12))
	start := MustMonth(2023, time.January)
	per := Period{start, start.AddMonths(35)}
	for range trials(3000) {
		n := rng.IntN(6)
		b := NewPanelBuilder[USD](per, n)
		want := make([]Series[USD], n)
		for i := range n {
			var offs []int32
			var coefs []int64
			var exps []int32
			for k := range 36 {
				if rng.IntN(4) == 0 {
					continue
				}
				c, e := randCoef(rng), int32(rng.IntN(7)-4)
				if rng.IntN(50) == 0 {
					e = int32(rng.IntN(100) - 50) // past the limit, sometimes
				}
				err := b.SetInt(i, start.AddMonths(k), c, e)
				var le *LimitError
				if errors.As(err, &le) {
					continue // FromCoefficients refuses it too: checked below
				}
				if err != nil {
					t.Fatalf("SetInt(%d, %v, %d, %d): %v", i, start.AddMonths(k), c, e, err)
				}
				offs, coefs, exps = append(offs, int32(k)), append(coefs, c), append(exps, e)
			}
			s, err := FromCoefficients[USD](start, offs, coefs, exps)
			if err != nil {
				t.Fatalf("FromCoefficients: %v", err)
			}
			want[i] = s
			if len(offs) > 0 {
				m := start.AddMonths(int(offs[0]))
				if err := b.SetInt(i, m, 1, 0); !errors.As(err, new(*DuplicateError)) {
					t.Fatalf("SetInt of %v twice: %v, want a *DuplicateError", m, err)
				}
			}
			if err := b.SetInt(i, per.Last.AddMonths(1), 1, 0); !errors.As(err, new(*MonthError)) {
				t.Fatalf("SetInt after the period: %v, want a *MonthError", err)
			}
		}
		if n > 0 && rng.IntN(3) == 0 {
			s, _, _ := randomSeries(rng)
			b.SetSeries(0, s)
			want[0] = s
			if err := b.SetInt(0, start, 1, 0); !errors.Is(err, ErrDuplicate) {
				t.Fatalf("SetInt after SetSeries: %v, want ErrDuplicate", err)
			}
		}
		p := b.Panel()
		for i, s := range want {
			same(t, "PanelBuilder", i, p.Series(i), s, s)
		}
	}
}

// TestPanelBuilderSetInts: SetInts is SetInt for each value, on random
// runs at random exponents over series already holding some values; and a
// call with a month outside the period, a month set before, a month given
// twice or a value past the limit returns SetInt's error and leaves the
// series as it was.
func TestPanelBuilderSetInts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 36))
	start := MustMonth(2023, time.January)
	per := Period{start, start.AddMonths(35)}
	for range trials(3000) {
		n := 1 + rng.IntN(4)
		got, want := NewPanelBuilder[USD](per, n), NewPanelBuilder[USD](per, n)
		for i := range n {
			ks := rng.Perm(36)[:rng.IntN(37)]
			for len(ks) > 0 {
				run := ks[:1+rng.IntN(len(ks))]
				ks = ks[len(run):]
				e := int32(rng.IntN(7) - 4)
				months, coefs := make([]Month, len(run)), make([]int64, len(run))
				for j, k := range run {
					months[j], coefs[j] = start.AddMonths(k), randCoef(rng)>>uint(rng.IntN(64))
				}
				var wantErr any
				switch rng.IntN(12) {
				case 0:
					months[rng.IntN(len(months))] = per.Last.AddMonths(1)
					wantErr = new(*MonthError)
				case 1:
					months[len(months)-1] = months[0]
					wantErr = new(*DuplicateError)
					if len(months) == 1 {
						wantErr = nil
					}
				case 2:
					e = MaxDigits
					coefs[rng.IntN(len(coefs))] = 123
					wantErr = new(*LimitError)
				}
				err := got.SetInts(i, months, coefs, e)
				if wantErr != nil {
					if err == nil || !errors.As(err, wantErr) {
						t.Fatalf("SetInts(%d, %v, %v, %d): %v, want %T", i, months, coefs, e, err, wantErr)
					}
					// A month without a value holds 0, as everywhere
					// (fastAdd relies on it).
					d := got.rows[i]
					for k, c := range d.coef {
						if !d.has(k) && c != 0 {
							t.Fatalf("after %v, month %d has no value but holds %d", err, k, c)
						}
					}
					continue // and want is left as it was, too
				}
				if err != nil {
					t.Fatalf("SetInts(%d, %v, %v, %d): %v", i, months, coefs, e, err)
				}
				for j, m := range months {
					if err := want.SetInt(i, m, coefs[j], e); err != nil {
						t.Fatalf("SetInt(%d, %v, %d, %d): %v", i, m, coefs[j], e, err)
					}
				}
				if err := got.SetInts(i, months[:1], coefs[:1], e); !errors.As(err, new(*DuplicateError)) {
					t.Fatalf("SetInts of %v again: %v, want a *DuplicateError", months[0], err)
				}
			}
		}
		gp, wp := got.Panel(), want.Panel()
		// And what is computed from them, which reads their blocks whole
		// (a value taken back must leave nothing behind).
		all := make([]int, n)
		gs, ws := gp.ZeroFill(per).Aggregate(all), wp.ZeroFill(per).Aggregate(all)
		same(t, "SetInts, summed", 0, gs.Series(0), ws.Series(0), ws.Series(0))
		gs, ws = gp.Aggregate(all).ZeroFill(per), wp.Aggregate(all).ZeroFill(per)
		same(t, "SetInts, summed and filled", 0, gs.Series(0), ws.Series(0), ws.Series(0))
		for i := range n {
			same(t, "SetInts", i, gp.Series(i), wp.Series(i), wp.Series(i))
			same(t, "SetInts, YoY", i, gp.YoY().Series(i), wp.YoY().Series(i), wp.Series(i))
		}
	}
	b := NewPanelBuilder[USD](per, 1)
	b.SetSeries(0, Series[USD]{})
	if err := b.SetInts(0, []Month{start}, []int64{1}, 0); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("SetInts after SetSeries: %v, want ErrDuplicate", err)
	}
}

// TestPanelBuilderLimits: the limit check of FromCoefficients, and an
// overflow on rescaling going to big integers.
func TestPanelBuilderLimits(t *testing.T) {
	m := MustMonth(2025, time.March)
	b := NewPanelBuilder[USD](MonthPeriod(m), 2)
	if err := b.SetInt(0, m, 123, MaxDigits); !errors.As(err, new(*LimitError)) {
		t.Fatalf("a value of %d digits: %v, want a *LimitError", MaxDigits+3, err)
	}
	if err := b.SetInt(0, m, 0, MaxDigits); err != nil {
		t.Fatalf("zero at any exponent: %v", err)
	}
	if err := b.SetInt(1, m, math.MaxInt64, 3); err != nil {
		t.Fatal(err)
	}
	p := b.Panel()
	want := decimal.NewFromBigInt(new(big.Int).Mul(big.NewInt(math.MaxInt64), fixed.BigPow10(3)), 0)
	if v, ok := p.Series(1).At(m); !ok || !v.Equal(want) {
		t.Fatalf("MaxInt64 thousand: %v, %v; want %v", v, ok, want)
	}
	if v, ok := p.Series(0).At(m); !ok || !v.IsZero() {
		t.Fatalf("zero: %v, %v", v, ok)
	}
}

// TestPanelBuilderShortSeries: series whose values lie in a small part of
// the builder's period keep only the months they cover, and hold the same
// values.
func TestPanelBuilderShortSeries(t *testing.T) {
	per := Period{MustMonth(2000, time.January), MustMonth(2025, time.December)}
	b := NewPanelBuilder[USD](per, 3)
	at := func(y int, m time.Month) Month { return MustMonth(y, m) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.SetInt(0, at(2025, time.March), 7, -2))
	must(b.SetInt(0, at(2025, time.May), math.MaxInt64, -1)) // rescaled past int64: big
	must(b.SetInt(1, at(2000, time.January), 1, 0))
	must(b.SetInt(1, at(2025, time.December), 2, 0))
	p := b.Panel()
	if n := len(p.rows[0].coef); n != 3 {
		t.Errorf("series 0 keeps %d months, want 3 (2025-03 to 2025-05)", n)
	}
	if n := len(p.rows[1].coef); n != per.Len() {
		t.Errorf("series 1 keeps %d months, want the period's %d", n, per.Len())
	}
	if p.Series(2).Len() != 0 {
		t.Errorf("series 2 has values: %v", p.Series(2))
	}
	want, err := FromCoefficients[USD](at(2025, time.March), []int32{0, 2}, []int64{7, math.MaxInt64}, []int32{-2, -1})
	must(err)
	same(t, "short series", 0, p.Series(0), want, want)
	y, _ := YoY(want)
	same(t, "its YoY", 0, p.YoY().Series(0), y, want)
}

// TestPanelMisuse: what a program does wrong panics, with a message that
// says what.
func TestPanelMisuse(t *testing.T) {
	per := MonthPeriod(MustMonth(2025, time.March))
	b := NewPanelBuilder[USD](per, 2)
	b.Panel()
	for name, f := range map[string]func(){
		"Panel twice":       func() { b.Panel() },
		"SetInt after":      func() { b.SetInt(0, per.First, 1, 0) },
		"SetInts after":     func() { b.SetInts(0, nil, nil, 0) },
		"SetInts lengths":   func() { NewPanelBuilder[USD](per, 1).SetInts(0, []Month{per.First}, nil, 0) },
		"SetSeries after":   func() { b.SetSeries(0, Series[USD]{}) },
		"Aggregate group 2": func() { NewPanel(Series[USD]{}, Series[USD]{}).Aggregate([]int{0, 2}) },
		"Aggregate short":   func() { NewPanel(Series[USD]{}).Aggregate(nil) },
		"Change lag 0":      func() { NewPanel(Series[USD]{}).Change(0) },
	} {
		func() {
			defer func() {
				r := recover()
				if s, ok := r.(string); !ok || len(s) < len("series: ") || s[:8] != "series: " {
					t.Errorf("%s: recovered %v, want a panic of package series saying why", name, r)
				}
			}()
			f()
		}()
	}
}
