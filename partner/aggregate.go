package partner

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/unbound"
	"github.com/tradeflow-go/tradeflow/series"
)

// A MemberGap records a period for which [Aggregate] produced no value, and
// the member at fault: a [series.Gap] that names a partner.
//
// In JSON it is {"period": …, "partner": …, "reason": …, "cause": …}, as a
// series.Gap with the partner's alpha-3 code ("" for none).
type MemberGap struct {
	Period  series.Period `json:"period"`  // the period of the result
	Partner Code          `json:"partner"` // the member at fault; zero if the membership itself is at fault
	Reason  series.Reason `json:"reason"`  // MonthMissing or Combined
	Cause   series.Period `json:"cause"`   // the member's observation in the way, or the period it lacks
}

// String says what went wrong, such as "2025-11: DEU has no observation"
// or "2025-01/2025-02: FRA reports 2025-02 separately".
func (g MemberGap) String() string {
	switch {
	case g.Partner.IsZero():
		return fmt.Sprintf("%v: membership changes within the period", g.Period)
	case g.Reason == series.MonthMissing:
		return fmt.Sprintf("%v: %v has no observation", g.Period, g.Partner)
	case g.Cause.IsMonth():
		return fmt.Sprintf("%v: %v reports %v separately", g.Period, g.Partner, g.Cause)
	}
	return fmt.Sprintf("%v: %v reports it within %v", g.Period, g.Partner, g.Cause)
}

// MemberGaps lists the periods [Aggregate] could not compute, in month
// order and by partner within a period. A nil MemberGaps means every period
// got a value.
type MemberGaps []MemberGap

// String returns one gap a line.
func (gs MemberGaps) String() string {
	var b strings.Builder
	for i, g := range gs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(g.String())
	}
	return b.String()
}

// Aggregate returns the total of group g's members, period by period:
//
//	r(p) = Σ data[c](p) over the partners c that belong to g in p
//
// exactly. Membership is that of each period, so an EU series drops the
// United Kingdom from February 2020; for a constant composition aggregate a
// [Group.Fixed] group. Entries of data for partners outside g are ignored.
//
// The periods are those of the members' observations: single months, or
// combined ones such as China's January–February release. A period has a
// value only if g has the same members in each of its months and every
// one of them has an observation for exactly that period. Otherwise it has
// none, and Gaps names the member that has no observation (reason
// MonthMissing) or splits or combines the period differently (reason
// Combined), or reports that the membership changes within the period
// (zero Partner). Missing is never taken as zero. Months in which g has no
// members, or no member has data, have no value and no gap.
func Aggregate[U series.Unit](g Group, data map[Code]series.Series[U]) (series.Series[U], MemberGaps) {
	// Candidate periods: every observation of a partner while a member.
	seen := make(map[series.Period]bool)
	var periods []series.Period
	for _, ms := range g.ms {
		s, ok := data[ms.Code]
		if !ok {
			continue
		}
		for p := range s.All() {
			if !seen[p] && (ms.Contains(p.First) || ms.Contains(p.Last)) {
				seen[p] = true
				periods = append(periods, p)
			}
		}
	}
	slices.SortFunc(periods, func(a, b series.Period) int {
		if c := a.First.Compare(b.First); c != 0 {
			return c
		}
		return a.Last.Compare(b.Last)
	})

	var b series.Builder[U]
	unbound.Allow(&b) // a sum of members may have more digits than any of them
	var gaps MemberGaps
	for _, p := range periods {
		if !g.Stable(p) {
			gaps = append(gaps, MemberGap{Period: p, Reason: series.Combined, Cause: p})
			continue
		}
		sum, ok := decimal.Zero, true
		for _, c := range g.Members(p.First) {
			q, v, found := data[c].Covering(p.Last)
			switch {
			case !found:
				gaps = append(gaps, MemberGap{p, c, series.MonthMissing, p})
				ok = false
			case q != p:
				gaps = append(gaps, MemberGap{p, c, series.Combined, q})
				ok = false
			default:
				sum = sum.Add(v)
			}
		}
		if !ok {
			continue
		}
		if p.IsMonth() {
			b.Set(p.Last, sum)
		} else {
			b.SetCombined(p, sum)
		}
	}
	r, err := b.Series()
	if err != nil {
		// Two periods with values cannot overlap: both would need the same
		// members (membership is stable across each), and a member's series
		// cannot hold two overlapping observations.
		panic("partner: Aggregate: " + err.Error())
	}
	slices.SortStableFunc(gaps, func(x, y MemberGap) int {
		if c := x.Period.First.Compare(y.Period.First); c != 0 {
			return c
		}
		if c := x.Period.Last.Compare(y.Period.Last); c != 0 {
			return c
		}
		return cmp.Compare(x.Partner.i, y.Partner.i)
	})
	return r, gaps
}
