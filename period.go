package tradeflow

import (
	"bytes"
	"fmt"

	"github.com/tradeflow-go/tradeflow/series"
)

// Periods as files write them. A month: 2025-11, 202511, 2025M11,
// 2025/11, 11/2025, Nov 2025, November 2025. A span: two months of the
// first three layouts joined by a slash, 2025-01/2025-11. A year: 2025,
// meaning January to December.

var monthNames = [...]string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

// parsePeriod returns the first and last months of the period b writes,
// as months since epoch.
func parsePeriod(b []byte) (first, last int32, err error) {
	if y, m, ok := parseMonth(b); ok {
		o, err := monthIndex(b, y, m)
		return o, o, err
	}
	if len(b) == 4 {
		if y, ok := atoi(b); ok {
			o, err := monthIndex(b, y, 1)
			return o, o + 11, err
		}
	}
	if i := bytes.IndexByte(b, '/'); i > 0 {
		y1, m1, ok1 := parseMonth(b[:i])
		y2, m2, ok2 := parseMonth(b[i+1:])
		if ok1 && ok2 {
			f, err := monthIndex(b, y1, m1)
			if err != nil {
				return 0, 0, err
			}
			l, err := monthIndex(b, y2, m2)
			if err != nil {
				return 0, 0, err
			}
			if l < f {
				return 0, 0, &series.PeriodError{Input: string(b), Reason: "the span runs backwards"}
			}
			return f, l, nil
		}
	}
	return 0, 0, &series.PeriodError{Input: string(b), Reason: "want a month (2025-11, 202511, 2025M11, 2025/11, 11/2025, Nov 2025), a span (2025-01/2025-11) or a year (2025)"}
}

func monthIndex(b []byte, y, m int) (int32, error) {
	switch {
	case y < 1 || y > 9999:
		return 0, &series.MonthError{Input: string(b), Reason: fmt.Sprintf("year %d is outside 0001–9999", y)}
	case m < 1 || m > 12:
		return 0, &series.MonthError{Input: string(b), Reason: fmt.Sprintf("month %d does not exist", m)}
	}
	return int32((y-1)*12 + m - 1), nil
}

// parseMonth reads one month in any layout; ok is false if b is not one
// (a month number out of range is ok, for monthIndex to report).
func parseMonth(b []byte) (y, m int, ok bool) {
	n := len(b)
	digits := func(b []byte) (int, bool) { return atoi(b) }
	switch {
	case n == 7 && (b[4] == '-' || b[4] == 'M' || b[4] == 'm' || b[4] == '/'):
		y, ok1 := digits(b[:4])
		m, ok2 := digits(b[5:])
		return y, m, ok1 && ok2
	case n == 6 && b[4] == '/':
		y, ok1 := digits(b[:4])
		m, ok2 := digits(b[5:])
		return y, m, ok1 && ok2
	case n == 6 && (b[1] == '/' || b[2] == '/'):
		i := bytes.IndexByte(b, '/')
		m, ok1 := digits(b[:i])
		y, ok2 := digits(b[i+1:])
		return y, m, ok1 && ok2 && n-i-1 == 4
	case n == 7 && b[2] == '/':
		m, ok1 := digits(b[:2])
		y, ok2 := digits(b[3:])
		return y, m, ok1 && ok2
	case n == 6:
		y, ok1 := digits(b[:4])
		m, ok2 := digits(b[4:])
		return y, m, ok1 && ok2
	case n >= 8 && (b[n-5] == ' ' || b[n-5] == '-') && isLetter(b[0]):
		y, ok := digits(b[n-4:])
		if !ok {
			return 0, 0, false
		}
		name := b[:n-5]
		for i, full := range monthNames {
			if (len(name) == 3 || len(name) == len(full)) && bytes.EqualFold(name, []byte(full[:len(name)])) {
				return y, i + 1, true
			}
		}
	}
	return 0, 0, false
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
