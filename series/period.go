package series

import (
	"errors"
	"fmt"
	"strings"
)

// A Period is a run of consecutive months, First to Last inclusive. A single
// month is a Period whose First and Last are equal; a combined release such
// as China's January–February figure is the Period 2025-01/2025-02.
//
// The zero Period has zero months and is not valid; see [Period.Valid].
type Period struct {
	First, Last Month
}

// ErrPeriod is wrapped by every error about a malformed period.
var ErrPeriod = errors.New("invalid period")

// A PeriodError reports text or bounds that do not make a period.
type PeriodError struct {
	Input  string
	Reason string
}

func (e *PeriodError) Error() string {
	return fmt.Sprintf("series: invalid period %q: %s", e.Input, e.Reason)
}

// Unwrap returns [ErrPeriod].
func (e *PeriodError) Unwrap() error { return ErrPeriod }

// MonthPeriod returns the period made of the single month m.
func MonthPeriod(m Month) Period { return Period{m, m} }

// NewPeriod returns the period first–last, or an error if either bound is
// the zero Month or the period runs backwards.
func NewPeriod(first, last Month) (Period, error) {
	p := Period{first, last}
	if err := p.check(); err != nil {
		return Period{}, err
	}
	return p, nil
}

func (p Period) check() error {
	switch {
	case p.First.IsZero() || p.Last.IsZero():
		return &PeriodError{p.String(), "a bound is the zero month"}
	case p.Last.Before(p.First):
		return &PeriodError{p.String(), "it runs backwards"}
	}
	return nil
}

// ParsePeriod parses a single month in any form [ParseMonth] accepts, or a
// span "2025-01/2025-11". A span that runs backwards is an error.
func ParsePeriod(s string) (Period, error) {
	a, b, isSpan := strings.Cut(s, "/")
	first, err := ParseMonth(a)
	if err != nil || first.IsZero() {
		return Period{}, &PeriodError{s, "bad first month"}
	}
	if !isSpan {
		return MonthPeriod(first), nil
	}
	last, err := ParseMonth(b)
	if err != nil || last.IsZero() {
		return Period{}, &PeriodError{s, "bad last month"}
	}
	if last.Before(first) {
		return Period{}, &PeriodError{s, "it runs backwards"}
	}
	return Period{first, last}, nil
}

// Valid reports whether p has non-zero bounds and does not run backwards.
func (p Period) Valid() bool {
	return !p.First.IsZero() && !p.Last.IsZero() && !p.Last.Before(p.First)
}

// Len returns the number of months in p (0 for an invalid period).
func (p Period) Len() int {
	if !p.Valid() {
		return 0
	}
	return p.Last.MonthsSince(p.First) + 1
}

// IsMonth reports whether p is a single month.
func (p Period) IsMonth() bool { return p.First == p.Last && !p.First.IsZero() }

// Contains reports whether month m lies in p.
func (p Period) Contains(m Month) bool { return !m.Before(p.First) && !m.After(p.Last) }

// Shift returns p moved n months later (earlier for negative n).
func (p Period) Shift(n int) Period { return Period{p.First.AddMonths(n), p.Last.AddMonths(n)} }

// String returns "2025-11" for a single month and "2025-01/2025-02" for a span.
func (p Period) String() string {
	if p.First == p.Last {
		return p.First.String()
	}
	return p.First.String() + "/" + p.Last.String()
}

// MarshalText returns the form of [Period.String].
func (p Period) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText parses any form [ParsePeriod] accepts.
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
