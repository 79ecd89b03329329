package series

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// A Target is an amount to reach, cumulatively, over a window of months,
// such as a promise to buy 12 million tonnes of U.S. soybeans from
// November to the end of 2025:
//
//	series.Target[series.MillionTonnes]{
//		Amount: decimal.NewFromInt(12),
//		Window: series.Period{First: nov2025, Last: dec2025},
//	}
//
// The unit is part of the type, so a target in million tonnes is measured
// against a series in million tonnes; [Rescale] converts a series in
// tonnes exactly. A target is any cumulative amount, not only of goods: a
// promise of purchases worth USD 200 billion is a Target[USDBillion].
type Target[U Unit] struct {
	Amount decimal.Decimal // the amount to reach over Window, in U; positive
	Window Period          // the months that count
}

// Progress returns how far s has come toward t by month asOf (the latest
// month with data, say): the observations of s in t.Window from its first
// month up to asOf are summed, exactly. Months of the window after asOf are
// still to come. An asOf before the window counts nothing; one after it
// counts the whole window.
//
// Every month counted must have an observation, which may be zero; a
// missing month, or a combined observation that straddles the counted
// months' bounds, gives an [*IncompleteError] wrapping [ErrIncomplete], as
// [Total] does.
//
// Progress panics if t.Amount is not positive, t.Window is not
// [Period.Valid] or asOf is the zero Month: those are bugs in the
// calling program.
func (t Target[U]) Progress(s Series[U], asOf Month) (Progress[U], error) {
	switch {
	case t.Amount.Sign() <= 0:
		panic(fmt.Sprintf("series: Target.Progress: amount %v is not positive", t.Amount))
	case !t.Window.Valid():
		panic(fmt.Sprintf("series: Target.Progress: invalid window %v", t.Window))
	case asOf.IsZero():
		panic("series: Target.Progress: zero as-of month")
	}
	p := Progress[U]{Target: t, MonthsLeft: t.Window.Len()}
	if asOf.Before(t.Window.First) {
		return p, nil
	}
	last := asOf
	if last.After(t.Window.Last) {
		last = t.Window.Last
	}
	p.Counted = Period{First: t.Window.First, Last: last}
	p.MonthsLeft = t.Window.Last.MonthsSince(last)
	done, err := Total(s, p.Counted)
	if err != nil {
		return Progress[U]{}, err
	}
	p.Done = done
	return p, nil
}

// A Progress is how far a series has come toward a [Target].
type Progress[U Unit] struct {
	Target     Target[U]
	Counted    Period          // the window's months counted so far; the zero Period if none
	Done       decimal.Decimal // the sum of the observations in Counted, exactly
	MonthsLeft int             // the months of the window after Counted
}

// PercentDone returns Done as a percentage of the target's amount,
//
//	100 × Done ÷ Target.Amount,
//
// rounded as [DivisionRounding] says to [DivisionPlaces] places. It
// exceeds 100 when the target was overshot.
func (p Progress[U]) PercentDone() decimal.Decimal {
	q, _ := Quo(p.Done.Shift(2), p.Target.Amount) // Progress refuses a zero amount
	return q
}

// Remaining returns what is left to reach the target,
//
//	max(Target.Amount − Done, 0),
//
// exactly.
func (p Progress[U]) Remaining() decimal.Decimal {
	r := p.Target.Amount.Sub(p.Done)
	if r.Sign() < 0 {
		return decimal.Zero
	}
	return r
}

// Pace returns the amount needed in each month left to reach the target,
//
//	Remaining ÷ MonthsLeft,
//
// rounded as [DivisionRounding] says to [DivisionPlaces]
// places. It reports false when no month is left.
func (p Progress[U]) Pace() (decimal.Decimal, bool) {
	if p.MonthsLeft <= 0 {
		return decimal.Decimal{}, false
	}
	q, _ := Quo(p.Remaining(), decimal.NewFromInt(int64(p.MonthsLeft)))
	return q, true
}

// String reports the progress for reading, with the percentage done rounded to one
// place, such as "0 of 12 Mt (0.0%) in 2025-09/2025-11; 12 Mt to go in 1
// month, 12 Mt a month".
func (p Progress[U]) String() string {
	var u U
	sym := u.Symbol()
	counted := "no month yet"
	if p.Counted.Valid() {
		counted = p.Counted.String()
	}
	s := fmt.Sprintf("%v of %v %s (%s%%) in %s; %v %s to go",
		p.Done, p.Target.Amount, sym, DisplayRounding.Round(p.PercentDone(), 1).StringFixed(1), counted, p.Remaining(), sym)
	pace, ok := p.Pace()
	if !ok {
		return s + ", no month left"
	}
	months := "months"
	if p.MonthsLeft == 1 {
		months = "month"
	}
	return s + fmt.Sprintf(" in %d %s, %v %s a month", p.MonthsLeft, months, pace, sym)
}
