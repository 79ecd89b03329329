package series

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"iter"
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

// Months returns p's months, First to Last; none for an invalid Period.
// Unlike a loop that adds a month until it passes Last, it stops at
// 9999-12, the last month there is.
func (p Period) Months() iter.Seq[Month] {
	return func(yield func(Month) bool) {
		for i := range p.Len() {
			if !yield(p.First.AddMonths(i)) {
				return
			}
		}
	}
}

// IsMonth reports whether p is a single month.
func (p Period) IsMonth() bool { return p.First == p.Last && !p.First.IsZero() }

// Contains reports whether month m lies in p.
func (p Period) Contains(m Month) bool { return !m.Before(p.First) && !m.After(p.Last) }

// Shift returns p moved n months later (earlier for negative n). It panics
// if a bound would leave 0001-01–9999-12, as [Month.AddMonths] does.
func (p Period) Shift(n int) Period { return Period{p.First.AddMonths(n), p.Last.AddMonths(n)} }

// String returns "2025-11" for a single month and "2025-01/2025-02" for a span.
func (p Period) String() string {
	var buf [15]byte
	return string(p.appendText(buf[:0]))
}

func (p Period) appendText(b []byte) []byte {
	b = p.First.appendText(b)
	if p.First != p.Last {
		b = append(b, '/')
		b = p.Last.appendText(b)
	}
	return b
}

// AppendText appends the form of [Period.String] to b, as
// [encoding.TextAppender] asks. A period that is neither the zero Period
// nor [Period.Valid] is an error: its text would not parse back.
func (p Period) AppendText(b []byte) ([]byte, error) {
	if !p.Valid() && p != (Period{}) {
		return b, &PeriodError{p.String(), "not a valid period"}
	}
	return p.appendText(b), nil
}

// MarshalText returns the form of [Period.String], as [Period.AppendText]
// does. JSON uses it, so a Period is a JSON string.
func (p Period) MarshalText() ([]byte, error) { return p.AppendText(nil) }

// UnmarshalText parses any form [ParsePeriod] accepts, and "0000-00", the
// text of the zero Period, which ParsePeriod refuses as data.
func (p *Period) UnmarshalText(b []byte) error {
	if string(b) == "0000-00" {
		*p = Period{}
		return nil
	}
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Value returns the period as text ("2025-01/2025-02") for a database
// column, or NULL for the zero Period. It implements [driver.Valuer]. A
// period that is not zero but not [Period.Valid] either is an error: it
// would not scan back.
func (p Period) Value() (driver.Value, error) {
	switch {
	case p == Period{}:
		return nil, nil
	case !p.Valid():
		return nil, &PeriodError{p.String(), "not a valid period"}
	}
	return p.String(), nil
}

// Scan reads a period from a database column, implementing [database/sql.Scanner]:
// text in any form [ParsePeriod] accepts. NULL is the zero Period.
func (p *Period) Scan(src any) error {
	var v Period
	var err error
	switch x := src.(type) {
	case nil:
	case string:
		v, err = ParsePeriod(x)
	case []byte:
		v, err = ParsePeriod(string(x))
	default:
		return &PeriodError{fmt.Sprintf("%v", src), fmt.Sprintf("cannot scan a %T into a period", src)}
	}
	if err != nil {
		return err
	}
	*p = v
	return nil
}
