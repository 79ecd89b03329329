package series

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// A Month is a calendar month: a year and a month, with no day and no time
// zone. It is not an instant; it names the period a customs figure covers.
//
// Months are comparable with == and ordered by [Month.Compare]. The zero
// Month is not a calendar month: it means "no month" (see [Month.IsZero]),
// prints as "0000-00", and is what functions return when there is no answer.
// Valid months run from 0001-01 to 9999-12.
type Month struct {
	// n counts months from January of year 0, so January of year 1 is 12 and
	// the zero value can mean "no month".
	n int32
}

const (
	minMonthN = 1*12 + 0
	maxMonthN = 9999*12 + 11
)

// ErrMonth is wrapped by every error about a malformed or out-of-range month.
var ErrMonth = errors.New("invalid month")

// A MonthError reports text that is not a month.
type MonthError struct {
	Input  string // the text as given
	Reason string // what is wrong with it
}

func (e *MonthError) Error() string {
	return fmt.Sprintf("series: invalid month %q: %s", e.Input, e.Reason)
}

// Unwrap returns [ErrMonth].
func (e *MonthError) Unwrap() error { return ErrMonth }

// NewMonth returns the month m of year, or an error (a [*MonthError]
// wrapping [ErrMonth]) if year is outside 1–9999 or m outside
// January–December.
func NewMonth(year int, m time.Month) (Month, error) {
	if year < 1 || year > 9999 || m < time.January || m > time.December {
		return Month{}, &MonthError{fmt.Sprintf("%d-%d", year, int(m)), "want a year from 1 to 9999 and a month from 1 to 12"}
	}
	return Month{int32(year*12 + int(m) - 1)}, nil
}

// MustMonth is like [NewMonth] but panics on error. It is meant for
// months a program computes and knows to be in range.
func MustMonth(year int, m time.Month) Month {
	v, err := NewMonth(year, m)
	if err != nil {
		panic(err)
	}
	return v
}

// MonthOf returns the month in which t occurs, in t's location. It panics if t's year is outside 1–9999, the
// years a Month holds; a time from data is checked with [NewMonth].
func MonthOf(t time.Time) Month { return MustMonth(t.Year(), t.Month()) }

// ParseMonth parses a month written as "2025-11", "202511" (UN Comtrade's
// form) or "2025M11". "0000-00" parses to the zero Month, so that
// [Month.String] and ParseMonth are inverse for every Month. Errors wrap
// [ErrMonth] and quote the input.
func ParseMonth(s string) (Month, error) {
	if s == "0000-00" {
		return Month{}, nil
	}
	var ys, ms string
	switch {
	case len(s) == 7 && s[4] == '-':
		ys, ms = s[:4], s[5:]
	case len(s) == 7 && (s[4] == 'M' || s[4] == 'm'):
		ys, ms = s[:4], s[5:]
	case len(s) == 6:
		ys, ms = s[:4], s[4:]
	default:
		return Month{}, &MonthError{s, `want "YYYY-MM", "YYYYMM" or "YYYYMmm"`}
	}
	y, ok1 := digits(ys)
	mo, ok2 := digits(ms)
	if !ok1 || !ok2 {
		return Month{}, &MonthError{s, `want "YYYY-MM", "YYYYMM" or "YYYYMmm"`}
	}
	if y < 1 {
		return Month{}, &MonthError{s, "year 0000 is out of range"}
	}
	if mo < 1 || mo > 12 {
		return Month{}, &MonthError{s, "month " + strconv.Itoa(mo) + " is out of range"}
	}
	return Month{int32(y*12 + mo - 1)}, nil
}

// MustParseMonth is like [ParseMonth] but panics on error. It is meant for
// literals in programs and tests.
func MustParseMonth(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// digits parses a short run of ASCII digits; signs and spaces are refused.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// Year returns the month's year (0 for the zero Month).
func (m Month) Year() int {
	if m.n == 0 {
		return 0
	}
	return int(m.n / 12)
}

// Month returns the month of the year (0 for the zero Month).
func (m Month) Month() time.Month {
	if m.n == 0 {
		return 0
	}
	return time.Month(m.n%12 + 1)
}

// IsZero reports whether m is the zero Month, which means "no month".
func (m Month) IsZero() bool { return m.n == 0 }

// AddMonths returns the month n months after m (before it, for negative n).
// It is the inverse of [Month.MonthsSince]: m.AddMonths(n).MonthsSince(m) == n.
// The zero Month stays zero. It panics if the result leaves 0001-01–9999-12.
func (m Month) AddMonths(n int) Month {
	if m.n == 0 {
		return m
	}
	r, ok := m.add(n)
	if !ok {
		panic(fmt.Sprintf("series: %v.AddMonths(%d) leaves years 0001-9999", m, n))
	}
	return r
}

// add returns the month n months after m, and false when m is the zero
// Month or the result leaves 0001-01–9999-12. The arithmetic is in int64,
// so no n wraps.
func (m Month) add(n int) (Month, bool) {
	r := int64(m.n) + int64(n)
	if m.n == 0 || r < minMonthN || r > maxMonthN {
		return Month{}, false
	}
	return Month{int32(r)}, true
}

// MonthsSince returns the number of months from o to m: positive when m is
// after o. 2025-11 is 12 months since 2024-11.
func (m Month) MonthsSince(o Month) int { return int(m.n - o.n) }

// Before reports whether m is before o.
func (m Month) Before(o Month) bool { return m.n < o.n }

// After reports whether m is after o.
func (m Month) After(o Month) bool { return m.n > o.n }

// Equal reports whether m and o are the same month; it is the same as ==.
func (m Month) Equal(o Month) bool { return m.n == o.n }

// Compare returns -1 if m is before o, 0 if they are equal, +1 if m is after
// o, so that slices.SortFunc(ms, Month.Compare) sorts months.
func (m Month) Compare(o Month) int {
	switch {
	case m.n < o.n:
		return -1
	case m.n > o.n:
		return 1
	}
	return 0
}

// String returns the month as "2025-11"; the zero Month is "0000-00".
func (m Month) String() string {
	var buf [7]byte
	return string(m.appendText(buf[:0]))
}

func (m Month) appendText(b []byte) []byte {
	y, mo := m.Year(), int(m.Month())
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+mo/10), byte('0'+mo%10))
}

// AppendText appends the form of [Month.String] to b, as
// [encoding.TextAppender] asks; the error is always nil.
func (m Month) AppendText(b []byte) ([]byte, error) { return m.appendText(b), nil }

// MarshalText returns the form of [Month.String]. JSON uses it, so a Month
// is a JSON string.
func (m Month) MarshalText() ([]byte, error) { return m.appendText(nil), nil }

// UnmarshalText parses any form [ParseMonth] accepts.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Value returns the month as text ("2025-11") for a database column, or
// NULL for the zero Month, which means "no month". It implements
// [driver.Valuer].
func (m Month) Value() (driver.Value, error) {
	if m.IsZero() {
		return nil, nil
	}
	return m.String(), nil
}

// Scan reads a month from a database column, implementing [database/sql.Scanner]: text
// in any form [ParseMonth] accepts, an integer YYYYMM (202511, as UN
// Comtrade stores periods), or a date or timestamp, whose month it takes in
// the time's location. NULL is the zero Month.
func (m *Month) Scan(src any) error {
	var v Month
	var err error
	switch x := src.(type) {
	case nil:
	case string:
		v, err = ParseMonth(x)
	case []byte:
		v, err = ParseMonth(string(x))
	case int64:
		// Years before 1000 have fewer digits: 0999-12 is 99912.
		if x < 101 || x > 999912 || x%100 < 1 || x%100 > 12 {
			return &MonthError{strconv.FormatInt(x, 10), "want an integer YYYYMM"}
		}
		v, err = NewMonth(int(x/100), time.Month(x%100))
	case time.Time:
		v, err = NewMonth(x.Year(), x.Month())
	default:
		return &MonthError{fmt.Sprintf("%v", src), fmt.Sprintf("cannot scan a %T into a month", src)}
	}
	if err != nil {
		return err
	}
	*m = v
	return nil
}
