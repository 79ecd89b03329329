package series

import (
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// A CumOption changes how [YearToDate], [YTDChange], [Annual] and [Total]
// count.
type CumOption func(cumConfig) cumConfig

type cumConfig struct {
	first        time.Month
	allowMissing bool
}

func newCumConfig(opts []CumOption) cumConfig {
	c := cumConfig{first: time.January}
	for _, o := range opts {
		c = o(c)
	}
	return c
}

// YearStartingIn makes the year begin in month m (a fiscal year), instead
// of January. It panics if m is not a month.
func YearStartingIn(m time.Month) CumOption {
	if m < time.January || m > time.December {
		panic("series: YearStartingIn needs a month from January to December")
	}
	return func(c cumConfig) cumConfig { c.first = m; return c }
}

// AllowMissing makes a cumulation add up the observations it has when a
// month is missing, instead of giving no value. Each such value of
// [YearToDate] and [Annual] is still reported, with reason [Partial] and the
// first missing month, so a partial total can be told from a complete one;
// [Total], which returns one value, returns it without comment.
func AllowMissing() CumOption {
	return func(c cumConfig) cumConfig { c.allowMissing = true; return c }
}

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
// after a year's first month is missing the months before its start. A
// year that begins before 0001-01 (a fiscal year, in 0001) has no totals
// even with AllowMissing (reason [OutOfRange]): its first months cannot
// exist.
func YearToDate[U Unit](s Series[U], opts ...CumOption) (Series[U], Gaps) {
	d, g := ytd(s.d, newCumConfig(opts))
	return wrap[U](d), g
}

func ytd(d *store, cfg cumConfig) (*store, Gaps) { return ytdWith(d, cfg, newBuilder, nil) }

// ytdWith is ytd with the result's builder from mk, appending the gaps to
// gaps (whose room a caller may reuse).
func ytdWith(d *store, cfg cumConfig, mk maker, gaps Gaps) (*store, Gaps) {
	if d == nil {
		return nil, gaps
	}
	if len(d.spans) == 0 && d.wide == nil {
		if out, g, ok := ytdSingle(d, cfg, mk, gaps); ok {
			return out, g
		}
	}
	return ytdAny(d, cfg, mk, gaps)
}

// yearPlace returns the place of d's first month in its year (0 for the
// year's first month), and the first missing month of that year: the
// year's first month when d starts after it, zero when d starts on it.
// inCalendar is false when that year begins before 0001-01.
func yearPlace(d *store, cfg cumConfig) (pos int, missing Month, inCalendar bool) {
	pos = (int(d.start.Month()) - int(cfg.first) + 12) % 12
	yearFirst, inCalendar := d.start.add(-pos)
	if inCalendar && pos != 0 {
		missing = yearFirst
	}
	return pos, missing, inCalendar
}

// ytdSingle is ytd for a store of single months, none wide, whose first
// year begins within the calendar: the common case, without the general
// loop's checks. It reports false when a running total does not fit an
// int64 (ytdAny then starts again in big integers).
func ytdSingle(d *store, cfg cumConfig, mk maker, gaps Gaps) (*store, Gaps, bool) {
	pos, missing, inCalendar := yearPlace(d, cfg)
	if !inCalendar {
		return nil, nil, false
	}
	out := mk(d.start, len(d.coef), d.scale)
	from := len(gaps)
	var run int64
	for i, c := range d.coef {
		if pos == 0 {
			run, missing = 0, Month{}
		}
		if pos++; pos == 12 {
			pos = 0
		}
		if d.present[i>>6]&(1<<(uint(i)&63)) == 0 {
			if missing.IsZero() {
				missing = d.month(i)
			}
			continue
		}
		r, ok := fixed.Add(run, c)
		if !ok {
			return nil, gaps[:from], false
		}
		run = r
		if !missing.IsZero() {
			if cap(gaps) == 0 {
				// Every later observation of the year may have a gap.
				gaps = make(Gaps, 0, min(len(d.coef)-i, 12))
			}
			if !cfg.allowMissing {
				gaps = append(gaps, Gap{MonthPeriod(d.month(i)), MonthMissing, MonthPeriod(missing)})
				continue
			}
			gaps = append(gaps, Gap{MonthPeriod(d.month(i)), Partial, MonthPeriod(missing)})
		}
		out.set(i, run)
	}
	return out.done(), gaps, true
}

// ytdAny is ytd for any store.
func ytdAny(d *store, cfg cumConfig, mk maker, gaps Gaps) (*store, Gaps) {
	out := mk(d.start, len(d.coef), d.scale)
	var (
		run    int64
		runBig *big.Int
		broken Period
	)
	// pos is the month's place in its year, 0 for the first month; kept as a
	// counter so the loop does no calendar arithmetic. missing is the first
	// missing month of the year, or zero; the months of the first year
	// before the series starts are missing, or, before 0001-01, cannot
	// exist.
	pos, missing, inCalendar := yearPlace(d, cfg)
	spans, wide := len(d.spans) != 0, d.wide != nil
	for i := range d.coef {
		if pos == 0 && i > 0 {
			run, runBig, missing, broken, inCalendar = 0, nil, Month{}, Period{}, true
		}
		if pos++; pos == 12 {
			pos = 0
		}
		if !inCalendar {
			if d.has(i) {
				gaps = append(gaps, Gap{MonthPeriod(d.month(i)), OutOfRange, Period{}})
			}
			continue
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
	// The next year begins k months after p.First (1 ≤ k ≤ 12).
	k := (int(cfg.first)-int(p.First.Month())+11)%12 + 1
	return k < p.Len()
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
// exactly. A window with a missing month has no value ([MonthMissing],
// naming the first), and so has one that would cut a combined observation
// in two ([Combined]) or that begins before 0001-01 ([OutOfRange]).
//
// Rolling makes one pass over s whatever n is: any window of any length,
// a window longer than the series among them, costs the same. It panics if
// n < 1.
func Rolling[U Unit](s Series[U], n int) (Series[U], Gaps) {
	if n < 1 {
		panic("series: Rolling needs a window of at least one month")
	}
	if s.d == nil {
		return s, nil
	}
	d, gaps := s.d.rolling(n)
	return wrap[U](d), gaps
}

// rolling is Rolling on the store. The window of the observation ending at
// index i is lo..i, lo = i−n+1. Its sum is a difference of prefix sums; its
// first problem, the gap Total would report first, is a combined
// observation straddling lo or else the first month at or after lo that
// nothing covers, found in a table of the next such month.
func (d *store) rolling(n int) (*store, Gaps) {
	size := len(d.coef)
	// next[k] is the first index ≥ k that no observation covers (size if
	// none); before the store every month is uncovered.
	next := make([]int32, size+1)
	next[size] = int32(size)
	for k := size - 1; k >= 0; k-- {
		next[k] = next[k+1]
		if !d.has(k) && (len(d.spans) == 0 || !d.inSpan(k)) {
			next[k] = int32(k)
		}
	}
	pre, preBig := d.prefixSums()
	out := newBuilder(d.start, size, d.scale)
	var gaps Gaps
	for w, word := range d.present {
		for word != 0 {
			i := w<<6 + bits.TrailingZeros64(word)
			word &= word - 1
			at := MonthPeriod(d.month(i))
			if n > int(d.start.n)+i+1-minMonthN { // the window would begin before 0001-01
				gaps = append(gaps, Gap{at, OutOfRange, Period{}})
				continue
			}
			lo := i - n + 1
			if lo < 0 {
				gaps = append(gaps, Gap{at, MonthMissing, MonthPeriod(d.month(lo))})
				continue
			}
			if sp, ok := d.spanAt(lo); ok && int(sp.first) < lo {
				gaps = append(gaps, Gap{at, Combined, Period{d.month(int(sp.first)), d.month(int(sp.last))}})
				continue
			}
			if k := int(next[lo]); k <= i {
				gaps = append(gaps, Gap{at, MonthMissing, MonthPeriod(d.month(k))})
				continue
			}
			if preBig == nil {
				// Both prefix sums fit an int64; their difference need not.
				if v, ok := fixed.Sub(pre[i+1], pre[lo]); ok {
					out.set(i, v)
				} else {
					out.setBig(i, new(big.Int).Sub(big.NewInt(pre[i+1]), big.NewInt(pre[lo])))
				}
			} else {
				out.setBig(i, new(big.Int).Sub(preBig[i+1], preBig[lo]))
			}
		}
	}
	return out.done(), gaps
}

// prefixSums returns the sums of d's values before each index, sum[k] =
// Σ values at indices < k, as int64s, or as big integers (pre nil) when a
// value or a sum does not fit.
func (d *store) prefixSums() (pre []int64, preBig []*big.Int) {
	pre = make([]int64, len(d.coef)+1)
	fits := d.wide == nil
	for k := 0; fits && k < len(d.coef); k++ {
		pre[k+1], fits = fixed.Add(pre[k], d.coef[k]) // coef is 0 where there is no value
	}
	if fits {
		return pre, nil
	}
	preBig = make([]*big.Int, len(d.coef)+1)
	sum := new(big.Int)
	preBig[0] = new(big.Int)
	for k := range d.coef {
		if d.has(k) {
			if d.isWide(k) {
				sum.Add(sum, d.wide[int32(k)])
			} else {
				sum.Add(sum, big.NewInt(d.coef[k]))
			}
		}
		preBig[k+1] = new(big.Int).Set(sum)
	}
	return nil, preBig
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
// that no observation within p covers (unless skipMissing: a caller that
// allows missing months need not pay for their gaps). The sum is small, or big when it does
// not fit an int64 (then bigSum is non-nil and small is meaningless).
func (d *store) total(p Period, skipMissing bool) (small int64, bigSum *big.Int, gaps Gaps) {
	lo, hi := d.index(p.First), d.index(p.Last)
	if len(d.spans) == 0 && d.wide == nil {
		if in := d.within(lo, hi); skipMissing || in == hi-lo+1 {
			// Single months in 64 bits, and no gaps to report.
			if in == 0 {
				return 0, nil, nil
			}
			small, bigSum = addUp(d.coef[max(lo, 0) : min(hi, len(d.coef)-1)+1])
			return small, bigSum, nil
		}
	}
	return d.totalAny(p, skipMissing)
}

// totalAny is total for any store.
func (d *store) totalAny(p Period, skipMissing bool) (small int64, bigSum *big.Int, gaps Gaps) {
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
			if !skipMissing && (len(d.spans) == 0 || !d.inSpan(i)) {
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

// within returns the number of observations at indices lo … hi.
func (d *store) within(lo, hi int) int {
	lo, hi = max(lo, 0), min(hi, len(d.coef)-1)
	n := 0
	for w := lo >> 6; w <= hi>>6 && lo <= hi; w++ {
		n += bits.OnesCount64(d.present[w] & wordMask(w, lo, hi))
	}
	return n
}

// addUp returns the sum of cs: small when it fits an int64, else bigSum. It
// adds in 128 bits, without a branch a value: the sum of a series' values
// is far from 2^127, for a series has at most 12 × 9999 months.
func addUp(cs []int64) (small int64, bigSum *big.Int) {
	var lo uint64
	var hi int64
	for _, c := range cs {
		var carry uint64
		lo, carry = bits.Add64(lo, uint64(c), 0)
		hi += c>>63 + int64(carry) // c>>63 is −1 for a negative c: its sign extension
	}
	if hi == int64(lo)>>63 {
		return int64(lo), nil
	}
	bigSum = new(big.Int).Lsh(big.NewInt(hi), 64)
	return 0, bigSum.Add(bigSum, new(big.Int).SetUint64(lo))
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
		gaps := make(Gaps, p.Len())
		for k := range gaps {
			gaps[k] = Gap{p, MonthMissing, MonthPeriod(p.First.AddMonths(k))}
		}
		return decimal.Decimal{}, &IncompleteError{p, gaps}
	}
	v, vb, g := s.d.total(p, cfg.allowMissing)
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
// of the observations it has, and a gap with reason [Partial]. A fiscal
// year that begins before 0001-01 or ends after 9999-12 has no total, even
// with AllowMissing: its gap (reason [OutOfRange]) has as its period the
// year's months within the calendar.
//
// Since each total is a combined observation, [YoY] of the result compares
// each year with the year before.
func Annual[U Unit](s Series[U], opts ...CumOption) (Series[U], Gaps) {
	if s.d == nil {
		return s, nil
	}
	cfg := newCumConfig(opts)
	first, last := s.First(), s.Last()
	// y counts months as Month.n does; a fiscal year may begin before
	// 0001-01 or end after 9999-12, where no Month exists.
	y := int(first.n) - (int(first.Month())-int(cfg.first)+12)%12
	var b Builder[U]
	b.allowUnbounded() // a year's total is a result
	var gaps Gaps
	for ; y <= int(last.n); y += 12 {
		if y < minMonthN || y+11 > maxMonthN {
			p := Period{Month{int32(max(y, minMonthN))}, Month{int32(min(y+11, maxMonthN))}}
			if s.d.covers(p) {
				gaps = append(gaps, Gap{p, OutOfRange, Period{}})
			}
			continue
		}
		p := Period{Month{int32(y)}, Month{int32(y + 11)}}
		if !s.d.covers(p) {
			continue // no observation in the year: no total, as for a missing month
		}
		v, vb, g := s.d.total(p, false)
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
