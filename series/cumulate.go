package series

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// A CumOption changes how [YearToDate], [YTDChange], [Annual] and [Total]
// count.
type CumOption func(*cumConfig)

type cumConfig struct {
	first        time.Month
	allowMissing bool
}

func newCumConfig(opts []CumOption) cumConfig {
	c := cumConfig{first: time.January}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// YearStartingIn makes the year begin in month m (a fiscal year), instead
// of January. It panics if m is not a month.
func YearStartingIn(m time.Month) CumOption {
	if m < time.January || m > time.December {
		panic("series: YearStartingIn needs a month from January to December")
	}
	return func(c *cumConfig) { c.first = m }
}

// AllowMissing makes a cumulation add up the observations it has when a
// month is missing, instead of giving no value. Each such value of
// [YearToDate] and [Annual] is still reported, with reason [Partial] and the
// first missing month, so a partial total can be told from a complete one;
// [Total], which returns one value, returns it without comment.
func AllowMissing() CumOption { return func(c *cumConfig) { c.allowMissing = true } }

// isYearStart reports whether m is the first month of a year.
func (c cumConfig) isYearStart(m Month) bool { return m.Month() == c.first }

// YearToDate returns the running total of s from the first month of each
// year (January, unless [YearStartingIn] says otherwise):
//
//	ytd(t) = s(y₀) + s(y₀+1) + … + s(t)
//
// exactly, where y₀ is the first month of t's year. A combined observation
// adds in once, at its last month: with January–February combined, the
// total to February is the combined figure and January has no total of its
// own. A combined observation that crosses the start of a year cannot be
// split, so that year has no totals (reason [Combined]).
//
// If a month of the year up to t is missing, t has no total and Gaps names
// the first missing month ([MonthMissing]); with [AllowMissing] t gets the
// sum of what is there and a gap with reason [Partial]. A series that starts
// after a year's first month is missing the months before its start.
func YearToDate[U Unit](s Series[U], opts ...CumOption) (Series[U], Gaps) {
	d, g := ytd(s.d, newCumConfig(opts))
	return wrap[U](d), g
}

func ytd(d *store, cfg cumConfig) (*store, Gaps) {
	if d == nil {
		return nil, nil
	}
	out := newBuilder(d.start, len(d.coef), d.scale)
	var gaps Gaps
	var (
		run       int64
		runBig    *big.Int
		missing   Month // first missing month of the year, or zero
		broken    Period
		yearFirst Month
	)
	// The months of the first year before the series starts are missing.
	yearFirst = d.start
	for !cfg.isYearStart(yearFirst) {
		yearFirst = yearFirst.AddMonths(-1)
	}
	if yearFirst != d.start {
		missing = yearFirst
	}
	// pos is the month's place in its year, 0 for the first month; kept as a
	// counter so the loop does no calendar arithmetic.
	pos := (int(d.start.Month()) - int(cfg.first) + 12) % 12
	spans, wide := len(d.spans) != 0, d.wide != nil
	for i := range d.coef {
		if pos == 0 && i > 0 {
			run, runBig, missing, broken = 0, nil, Month{}, Period{}
		}
		if pos++; pos == 12 {
			pos = 0
		}
		if !d.has(i) {
			if spans && d.inSpan(i) {
				continue // its combined observation adds in at its last month
			}
			if missing.IsZero() {
				missing = d.month(i)
			}
			continue
		}
		if spans {
			if p := d.period(i); !p.IsMonth() && crossesStart(p, cfg) {
				broken = p
			}
			if broken.Valid() {
				gaps = append(gaps, Gap{MonthPeriod(d.month(i)), Combined, broken})
				continue
			}
		}
		isWide := wide && d.isWide(i)
		if runBig == nil && !isWide {
			if r, ok := fixed.Add(run, d.coef[i]); ok {
				run = r
			} else {
				runBig = big.NewInt(run)
			}
		}
		if runBig != nil || isWide {
			if runBig == nil {
				runBig = big.NewInt(run)
			}
			runBig.Add(runBig, d.bigCoef(i))
		}
		if !missing.IsZero() {
			m := MonthPeriod(d.month(i))
			if !cfg.allowMissing {
				gaps = append(gaps, Gap{m, MonthMissing, MonthPeriod(missing)})
				continue
			}
			gaps = append(gaps, Gap{m, Partial, MonthPeriod(missing)})
		}
		if runBig != nil {
			out.setBig(i, new(big.Int).Set(runBig))
		} else {
			out.set(i, run)
		}
	}
	return out.done(), gaps
}

// crossesStart reports whether a combined period spans the first month of a
// year somewhere after its own first month.
func crossesStart(p Period, cfg cumConfig) bool {
	for m := p.First.AddMonths(1); !m.After(p.Last); m = m.AddMonths(1) {
		if cfg.isYearStart(m) {
			return true
		}
	}
	return false
}

// YTDChange returns the year-on-year percent change of the year-to-date
// total: [YoY] of [YearToDate]. The total to February 2025 (a combined
// January–February figure, say) is compared with the total to February
// 2024, however 2024 was released. Gaps from both steps are returned.
func YTDChange[U Unit](s Series[U], opts ...CumOption) (Series[Percent], Gaps) {
	y, g1 := YearToDate(s, opts...)
	c, g2 := YoY(y)
	return c, mergeGaps(g1, g2)
}

// Rolling returns the sum over the n months ending at each month,
//
//	r(t) = s(t−n+1) + … + s(t),
//
// exactly. A window with a missing month has no value ([MonthMissing]), and
// so has one that would cut a combined observation in two ([Combined]).
// Rolling panics if n < 1.
func Rolling[U Unit](s Series[U], n int) (Series[U], Gaps) {
	if n < 1 {
		panic("series: Rolling needs a window of at least one month")
	}
	d := s.d
	if d == nil {
		return s, nil
	}
	out := newBuilder(d.start, len(d.coef), d.scale)
	var gaps Gaps
	for i := range d.coef {
		if !d.has(i) {
			continue
		}
		w := Period{d.month(i - n + 1), d.month(i)}
		v, vb, g := d.total(w)
		if len(g) > 0 {
			gaps = append(gaps, Gap{MonthPeriod(d.month(i)), g[0].Reason, g[0].Cause})
			continue
		}
		if vb != nil {
			out.setBig(i, vb)
		} else {
			out.set(i, v)
		}
	}
	return wrap[U](out.done()), gaps
}

// covers reports whether an observation covers a month of p.
func (d *store) covers(p Period) bool {
	for i := max(d.index(p.First), 0); i <= min(d.index(p.Last), len(d.coef)-1); i++ {
		if d.has(i) || len(d.spans) != 0 && d.inSpan(i) {
			return true
		}
	}
	return false
}

// total sums the observations of d within p, with a gap for each month of p
// that no observation within p covers. The sum is small, or big when it does
// not fit an int64 (then bigSum is non-nil and small is meaningless).
func (d *store) total(p Period) (small int64, bigSum *big.Int, gaps Gaps) {
	lo, hi := d.index(p.First), d.index(p.Last)
	for i := lo; i <= hi; i++ {
		if len(d.spans) != 0 {
			if sp, ok := d.spanAt(i); ok {
				if int(sp.first) < lo || int(sp.last) > hi {
					gaps = append(gaps, Gap{p, Combined, Period{d.month(int(sp.first)), d.month(int(sp.last))}})
					i = int(sp.last) // one gap for the whole combined observation
					continue
				}
			}
		}
		if !d.has(i) {
			if len(d.spans) == 0 || !d.inSpan(i) {
				gaps = append(gaps, Gap{p, MonthMissing, MonthPeriod(d.month(i))})
			}
			continue
		}
		if bigSum == nil && (d.wide == nil || !d.isWide(i)) {
			if r, ok := fixed.Add(small, d.coef[i]); ok {
				small = r
				continue
			}
		}
		if bigSum == nil {
			bigSum = big.NewInt(small)
		}
		bigSum.Add(bigSum, d.bigCoef(i))
	}
	return small, bigSum, gaps
}

// Total returns the sum of the observations of s within period p, exactly:
// the observation for exactly p if there is one (a combined January–February
// figure, say), or else the sum of the observations that make p up.
//
// Every month of p must be covered by an observation within p, which may be
// zero: a missing month, or a combined observation that straddles a bound
// of p, gives an [*IncompleteError] (wrapping [ErrIncomplete]) that lists
// each one, and no sum. With [AllowMissing], missing months add nothing
// and are no error; a straddling observation still is. An invalid p (see
// [Period.Valid]) is a [*PeriodError].
func Total[U Unit](s Series[U], p Period, opts ...CumOption) (decimal.Decimal, error) {
	if !p.Valid() {
		return decimal.Decimal{}, &PeriodError{p.String(), "not a valid period"}
	}
	cfg := newCumConfig(opts)
	if s.d == nil {
		if cfg.allowMissing {
			return decimal.Zero, nil
		}
		var gaps Gaps
		for m := p.First; !m.After(p.Last); m = m.AddMonths(1) {
			gaps = append(gaps, Gap{p, MonthMissing, MonthPeriod(m)})
		}
		return decimal.Decimal{}, &IncompleteError{p, gaps}
	}
	v, vb, g := s.d.total(p)
	if cfg.allowMissing {
		g = slices.DeleteFunc(g, func(x Gap) bool { return x.Reason == MonthMissing })
	}
	if len(g) > 0 {
		return decimal.Decimal{}, &IncompleteError{p, g}
	}
	if vb != nil {
		return decimal.NewFromBigInt(vb, -s.d.scale), nil
	}
	return decimal.New(v, -s.d.scale), nil
}

// ErrIncomplete is wrapped by errors about a sum over a period whose months
// are not all there.
var ErrIncomplete = errors.New("incomplete period")

// An IncompleteError reports a sum over a period that could not be made,
// because months of the period have no observation or belong to a combined
// observation that straddles its bounds. Missing is not zero: nothing is
// summed over a gap.
type IncompleteError struct {
	Period Period // the months to be summed
	Gaps   Gaps   // each missing month ([MonthMissing]) and straddling observation ([Combined])
}

func (e *IncompleteError) Error() string {
	msg := fmt.Sprintf("series: cannot sum %v", e.Period)
	if len(e.Gaps) == 0 {
		return msg
	}
	// Gap.String starts with the result period, which is e.Period.
	g := e.Gaps[0]
	msg += ": " + strings.TrimPrefix(g.String(), g.Period.String()+": ")
	if n := len(e.Gaps) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// Unwrap returns [ErrIncomplete].
func (e *IncompleteError) Unwrap() error { return ErrIncomplete }

// Annual returns the total of each year in which s has an observation, as a
// combined observation of the year's twelve months: from January (or the
// month [YearStartingIn] names) to the following December (or the month
// before it). A year has a total as [Total] gives one: if a month of it is
// missing, or a combined observation crosses its start or end, it has none
// and Gaps says why ([MonthMissing], naming the first missing month, or
// [Combined]). With [AllowMissing] a year with missing months gets the sum
// of the observations it has, and a gap with reason [Partial].
//
// Since each total is a combined observation, [YoY] of the result compares
// each year with the year before.
func Annual[U Unit](s Series[U], opts ...CumOption) (Series[U], Gaps) {
	if s.d == nil {
		return s, nil
	}
	cfg := newCumConfig(opts)
	first := s.First()
	for !cfg.isYearStart(first) {
		first = first.AddMonths(-1)
	}
	var b Builder[U]
	var gaps Gaps
	for y := first; !y.After(s.Last()); y = y.AddMonths(12) {
		p := Period{y, y.AddMonths(11)}
		if !s.d.covers(p) {
			continue // no observation in the year: no total, as for a missing month
		}
		v, vb, g := s.d.total(p)
		if len(g) > 0 {
			// Missing months may be allowed; a combined observation cut in
			// two never is.
			k := slices.IndexFunc(g, func(x Gap) bool { return x.Reason == Combined })
			switch {
			case !cfg.allowMissing:
				gaps = append(gaps, Gap{p, g[0].Reason, g[0].Cause})
				continue
			case k >= 0:
				gaps = append(gaps, Gap{p, Combined, g[k].Cause})
				continue
			}
			gaps = append(gaps, Gap{p, Partial, g[0].Cause})
		}
		val := decimal.New(v, -s.d.scale)
		if vb != nil {
			val = decimal.NewFromBigInt(vb, -s.d.scale)
		}
		b.SetCombined(p, val)
	}
	r, err := b.Series()
	if err != nil {
		panic("series: Annual: " + err.Error()) // the years do not overlap
	}
	return r, gaps
}
