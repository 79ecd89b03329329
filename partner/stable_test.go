package partner_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Stable agrees with comparing the members of every month of the period,
// for random groups (a partner leaving and rejoining, back to back too) and
// periods at both ends of the calendar.
func TestGroupStable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	codes := []string{"DE", "FR", "GB", "IT"}
	first := series.MustParseMonth("0001-01")
	last := series.MustParseMonth("9999-12")
	month := func() series.Month {
		switch rng.IntN(10) {
		case 0:
			return first.AddMonths(rng.IntN(3))
		case 1:
			return last.AddMonths(-rng.IntN(3))
		}
		return series.MustParseMonth("2020-01").AddMonths(rng.IntN(24) - 12)
	}
	for range 5000 {
		var ms []partner.Membership
		for _, c := range codes[:1+rng.IntN(len(codes))] {
			from := month()
			for range 1 + rng.IntN(2) { // one membership, or two in turn
				m := partner.Membership{Code: partner.MustParseCode(c)}
				if rng.IntN(4) > 0 {
					m.From = from
				}
				end := from.AddMonths(min(rng.IntN(12), last.MonthsSince(from)))
				if rng.IntN(4) > 0 {
					m.Last = end
				}
				ms = append(ms, m)
				if m.Last.IsZero() || last.MonthsSince(m.Last) < 2 {
					break
				}
				from = end.AddMonths(1 + rng.IntN(2)) // back to back, or a month apart
			}
		}
		g, err := partner.NewGroup("g", ms...)
		if err != nil {
			continue // overlapping memberships: not a group
		}
		a, b := month(), month()
		if b.Before(a) {
			a, b = b, a
		}
		p := series.Period{First: a, Last: b}
		want := true
		for m := range p.Months() {
			if !slices.Equal(g.Members(m), g.Members(a)) {
				want = false
				break
			}
		}
		if got := g.Stable(p); got != want {
			t.Fatalf("%v over %v: Stable %v, want %v", slices.Collect(g.Memberships()), p, got, want)
		}
	}
}
