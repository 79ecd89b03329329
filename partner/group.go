package partner

import (
	_ "embed"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/tradeflow-go/tradeflow/series"
)

// A Membership says that a partner belongs to a group from one month to
// another, both included. A zero From means from the start of the records;
// a zero Last means still a member.
//
// In JSON a Membership is {"code": "GBR", "from": "1973-01", "last":
// "2020-01"}, an open bound left out.
type Membership struct {
	Code Code         `json:"code"`
	From series.Month `json:"from,omitzero"` // first month counted; zero: no start
	Last series.Month `json:"last,omitzero"` // last month counted; zero: no end
}

// Contains reports whether ms counts for month m: From ≤ m ≤ Last, where a
// zero bound is no bound.
func (ms Membership) Contains(m series.Month) bool {
	return (ms.From.IsZero() || !m.Before(ms.From)) && (ms.Last.IsZero() || !m.After(ms.Last))
}

// String returns the membership as "GBR 1973-01…2020-01", with "…" alone
// for an open bound: "HRV 2013-07…".
func (ms Membership) String() string {
	var b strings.Builder
	b.WriteString(ms.Code.String())
	b.WriteByte(' ')
	if !ms.From.IsZero() {
		b.WriteString(ms.From.String())
	}
	b.WriteString("…")
	if !ms.Last.IsZero() {
		b.WriteString(ms.Last.String())
	}
	return b.String()
}

// A Group is a named set of partners whose membership may change over time,
// such as the EU or ASEAN. Which partners belong to it is asked of a month:
// [Group.Members]. A Group is immutable and safe for concurrent use. The
// zero Group has no name and no members.
type Group struct {
	name string
	ms   []Membership // sorted by Code, then From
}

// ErrGroup is wrapped by every error about an invalid group definition.
var ErrGroup = errors.New("invalid group")

// A GroupError reports a group definition that cannot be used.
type GroupError struct {
	Group  string     // the group's name
	Member Membership // the membership at fault; zero if none
	Reason string
}

func (e *GroupError) Error() string {
	if e.Member == (Membership{}) {
		return fmt.Sprintf("partner: group %q: %s", e.Group, e.Reason)
	}
	return fmt.Sprintf("partner: group %q: %v: %s", e.Group, e.Member, e.Reason)
}

// Unwrap returns [ErrGroup].
func (e *GroupError) Unwrap() error { return ErrGroup }

// NewGroup returns the group called name with the given memberships. A
// partner may have several memberships (it left and joined again) as long
// as they do not overlap. It is an error (a [*GroupError], wrapping
// [ErrGroup]) if name is empty, a membership has the zero Code or [World],
// runs backwards (From after Last), or overlaps another of the same partner.
func NewGroup(name string, ms ...Membership) (Group, error) {
	if name == "" {
		return Group{}, &GroupError{Reason: "a group needs a name"}
	}
	sorted := slices.Clone(ms)
	slices.SortFunc(sorted, func(a, b Membership) int {
		if c := a.Code.Compare(b.Code); c != 0 {
			return c
		}
		return compareFrom(a.From, b.From)
	})
	for k, m := range sorted {
		switch {
		case m.Code.IsZero():
			return Group{}, &GroupError{name, m, "no partner code"}
		case m.Code == World():
			return Group{}, &GroupError{name, m, "World cannot be a member"}
		case !m.From.IsZero() && !m.Last.IsZero() && m.From.After(m.Last):
			return Group{}, &GroupError{name, m, "membership ends before it starts"}
		}
		if k > 0 {
			p := sorted[k-1]
			if p.Code == m.Code && (p.Last.IsZero() || m.From.IsZero() || !m.From.After(p.Last)) {
				return Group{}, &GroupError{name, m, fmt.Sprintf("overlaps %v", p)}
			}
		}
	}
	return Group{name: name, ms: sorted}, nil
}

// compareFrom orders start months with the zero Month ("no start") first.
func compareFrom(a, b series.Month) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return -1
	case b.IsZero():
		return 1
	}
	return a.Compare(b)
}

// MustGroup is like [NewGroup] but panics on error. It is meant for
// literals in programs and tests.
func MustGroup(name string, ms ...Membership) Group {
	g, err := NewGroup(name, ms...)
	if err != nil {
		panic(err)
	}
	return g
}

// Name returns the group's name, such as "EU".
func (g Group) Name() string { return g.name }

// String returns the group's name.
func (g Group) String() string { return g.name }

// Members returns the partners that belong to g in month m, in alpha-3
// order. The slice is new; the caller may keep or change it.
func (g Group) Members(m series.Month) []Code {
	var cs []Code
	for _, ms := range g.ms {
		if ms.Contains(m) && (len(cs) == 0 || cs[len(cs)-1] != ms.Code) {
			cs = append(cs, ms.Code)
		}
	}
	return cs
}

// Stable reports whether g has the same members in every month of p: a
// sum over p of its members' figures (a combined release, a year to date)
// is then the sum of the group's. Membership changes only where one
// starts or ends, so only those months are compared.
func (g Group) Stable(p series.Period) bool {
	changes := func(m series.Month) bool { // the members of m differ from those of the month before
		return m.After(p.First) && !m.After(p.Last) && !slices.Equal(g.Members(m), g.Members(m.AddMonths(-1)))
	}
	for _, ms := range g.ms {
		if !ms.From.IsZero() && changes(ms.From) {
			return false
		}
		if !ms.Last.IsZero() && ms.Last.Before(p.Last) && changes(ms.Last.AddMonths(1)) {
			return false
		}
	}
	return true
}

// Contains reports whether partner c belongs to g in month m.
func (g Group) Contains(c Code, m series.Month) bool {
	for _, ms := range g.ms {
		if ms.Code == c && ms.Contains(m) {
			return true
		}
	}
	return false
}

// Memberships returns g's memberships in alpha-3 order of their partners,
// and by start month for a partner with several.
func (g Group) Memberships() iter.Seq[Membership] {
	return func(yield func(Membership) bool) {
		for _, ms := range g.ms {
			if !yield(ms) {
				return
			}
		}
	}
}

// Fixed returns a group called name whose members are g's members in
// month m, held for every month: "the EU-27 throughout" is
//
//	partner.EU().Fixed("EU-27", series.MustParseMonth("2020-02"))
//
// Aggregating a fixed group gives a series with a constant composition,
// free of the jumps that accessions and departures make.
func (g Group) Fixed(name string, m series.Month) Group {
	members := g.Members(m)
	ms := make([]Membership, len(members))
	for i, c := range members {
		ms[i] = Membership{Code: c}
	}
	return Group{name: name, ms: ms}
}

// EU returns the European Union with its membership since the European
// Economic Community began on 1958-01-01: the six founders (Belgium, France,
// Germany, Italy, Luxembourg, the Netherlands); Denmark, Ireland and the
// United Kingdom from 1973-01; Greece from 1981-01; Spain and Portugal from
// 1986-01; Austria, Finland and Sweden from 1995-01; ten states from
// 2004-05; Bulgaria and Romania from 2007-01; Croatia from 2013-07. The
// United Kingdom left on 2020-02-01, so it counts through 2020-01: the EU
// has 28 members in January 2020 and 27 from February 2020.
//
// A partner counts for a month if it was a member on the first day of that
// month. Only member states are listed; see data/groups.csv for the sources
// and for what is left out (Greenland, overseas regions with codes of their
// own). Before 1958 the group has no members.
func EU() Group { return builtin.eu }

// ASEAN returns the Association of Southeast Asian Nations: Indonesia,
// Malaysia, the Philippines, Singapore and Thailand from its founding on
// 1967-08-08; Brunei (joined 1984-01-07); Vietnam (1995-07-28); Laos and
// Myanmar (1997-07-23); Cambodia (1999-04-30); Timor-Leste (2025-10-26).
//
// A partner counts for a month if it was a member on the first day of that
// month, the same rule that ends the United Kingdom's EU membership with
// January 2020. So Timor-Leste counts from November 2025: ASEAN has ten
// members in October 2025, whose first 25 days Timor-Leste was outside, and
// eleven from November 2025. Likewise the founders count from 1967-09.
func ASEAN() Group { return builtin.asean }

//go:embed data/groups.csv
var groupsCSV []byte

var builtin = mustLoadGroups(groupsCSV)

type builtinGroups struct{ eu, asean Group }

func mustLoadGroups(data []byte) builtinGroups {
	gs, err := loadGroups(data)
	if err != nil {
		panic("partner: embedded data/groups.csv: " + err.Error())
	}
	eu, asean := gs["EU"], gs["ASEAN"]
	if eu.name == "" || asean.name == "" {
		panic("partner: embedded data/groups.csv lacks EU or ASEAN")
	}
	return builtinGroups{eu, asean}
}

// loadGroups reads group,code,joined,left rows; joined and left are dates.
func loadGroups(data []byte) (map[string]Group, error) {
	recs, err := readRows(data, "group", "code", "joined", "left")
	if err != nil {
		return nil, err
	}
	byGroup := make(map[string][]Membership)
	var order []string
	for _, rec := range recs {
		c, err := ParseCode(rec[1])
		if err != nil {
			return nil, err
		}
		joined, err := time.Parse(time.DateOnly, rec[2])
		if err != nil {
			return nil, err
		}
		var left time.Time
		if rec[3] != "" {
			if left, err = time.Parse(time.DateOnly, rec[3]); err != nil {
				return nil, err
			}
		}
		ms := Dated(c, joined, left)
		if _, ok := byGroup[rec[0]]; !ok {
			order = append(order, rec[0])
		}
		byGroup[rec[0]] = append(byGroup[rec[0]], ms)
	}
	gs := make(map[string]Group, len(order))
	for _, name := range order {
		g, err := NewGroup(name, byGroup[name]...)
		if err != nil {
			return nil, err
		}
		gs[name] = g
	}
	return gs, nil
}

// Dated returns the membership of c from the day it joined to the day it
// left — its first day outside the group; the zero Time if it has not left.
// A partner counts for a month if it was a member on the first day of the
// month, so
//
//	joined 2013-07-01 → From 2013-07
//	joined 2025-10-26 → From 2025-11
//	left   2020-02-01 → Last 2020-01
//	left   2020-02-15 → Last 2020-02
//
// Dates beyond the months a Month holds count as far as the calendar goes:
// a partner that joined before year 1 has a zero From (from the start of
// the records), and one that left after 9999 counts through 9999-12. A
// membership that counts no month of 0001-01 … 9999-12 — the partner left
// before its first counted month (it joined and left within a month), or
// joined after 9999-12-01, or left before 0001-02-01 — runs backwards (its
// From is after its Last), and [NewGroup] refuses it.
//
// Dated panics if joined is the zero Time: a membership needs a start date.
func Dated(c Code, joined, left time.Time) Membership {
	if joined.IsZero() {
		panic("partner: Dated with a zero joining date")
	}
	first, last := series.MustMonth(1, time.January), series.MustMonth(9999, time.December)
	// counted returns the number of months from 0001-01 to the first month
	// whose first day is on or after t's day (t's month if t is on its
	// first day, else the next), in t's location; it may lie outside the
	// calendar.
	counted := func(t time.Time) int {
		n := (t.Year()-1)*12 + int(t.Month()) - 1
		if t.Day() != 1 {
			n++
		}
		return n
	}
	from := counted(joined) // the first month counted
	end := -1 << 62         // the first month not counted; none
	if !left.IsZero() {
		end = counted(left)
	}
	maxN := last.MonthsSince(first)
	if from > maxN || !left.IsZero() && (end <= 0 || end <= from) {
		// No month of the calendar counts: a membership that runs backwards.
		f := max(min(from, maxN), 1)
		return Membership{Code: c, From: first.AddMonths(f), Last: first.AddMonths(f - 1)}
	}
	ms := Membership{Code: c}
	if from >= 0 {
		ms.From = first.AddMonths(from)
	}
	if !left.IsZero() {
		ms.Last = first.AddMonths(min(end-1, maxN))
	}
	return ms
}
