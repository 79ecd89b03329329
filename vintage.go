package tradeflow

import (
	"fmt"
	"time"
)

// A Vintage is the release date a figure was printed on: a day
// ("2025-12-08"), or only a month ("2023-02") when the source gives no day.
//
// A month-only vintage counts as released on the last day of its month, the
// latest it can have been: viewing a dataset as of a date then never shows a
// figure that might not yet have been released on that date. At the same
// day, a dated vintage comes after a month-only one, as the more precise
// record.
//
// A Vintage is one integer (a day count and whether the day is known), so
// comparing two is one integer comparison. The zero Vintage means
// "unknown".
type Vintage struct {
	v int32 // 2 × (days since 0000-12-31) + 1 if the day is known
}

// ParseVintage parses "2025-12-08" or "2025-12". Errors are a
// [*ParseError] wrapping [ErrVintage].
func ParseVintage(s string) (Vintage, error) {
	if v, ok := parseVintage([]byte(s)); ok {
		return v, nil
	}
	return Vintage{}, &ParseError{What: "vintage", Input: s, Err: ErrVintage, Want: "a release date 2025-12-08 or a month 2025-12"}
}

// parseVintage parses YYYY-MM-DD or YYYY-MM, years 0001–9999.
func parseVintage(b []byte) (Vintage, bool) {
	if len(b) != 7 && len(b) != 10 || b[4] != '-' {
		return Vintage{}, false
	}
	y, ok1 := atoi(b[0:4])
	m, ok2 := atoi(b[5:7])
	if !ok1 || !ok2 || y < 1 || m < 1 || m > 12 {
		return Vintage{}, false
	}
	if len(b) == 7 {
		return Vintage{2 * int32(daysFromCivil(y, m+1, 1)-1)}, true
	}
	d, ok := atoi(b[8:10])
	if b[7] != '-' || !ok || d < 1 || d > daysIn(y, m) {
		return Vintage{}, false
	}
	return Vintage{2*int32(daysFromCivil(y, m, d)) + 1}, true
}

// atoi reads a short run of decimal digits.
func atoi(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(b) > 0
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 0000-12-31 to y-m-d (proleptic
// Gregorian), so 0001-01-01 is day 1; m may be 13 (January of y+1).
func daysFromCivil(y, m, d int) int {
	if m > 12 {
		y, m = y+1, m-12
	}
	// Howard Hinnant's days_from_civil, shifted to start at year 1.
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 305
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 305
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// VintageOf returns the vintage of the day t falls on, in t's location. It
// panics if t's year is outside 1–9999, which no release date is.
func VintageOf(t time.Time) Vintage {
	if t.Year() < 1 || t.Year() > 9999 {
		panic(fmt.Sprintf("tradeflow: VintageOf(%v): year out of range", t))
	}
	return Vintage{2*int32(daysFromCivil(t.Year(), int(t.Month()), t.Day())) + 1}
}

// IsZero reports whether v is the zero Vintage, which means "unknown".
func (v Vintage) IsZero() bool { return v.v == 0 }

// HasDay reports whether the release day is known (2025-12-08), rather
// than only its month (2025-12).
func (v Vintage) HasDay() bool { return v.v&1 == 1 }

// day returns the release day, counted from 0000-12-31.
func (v Vintage) day() int { return int(v.v >> 1) }

// Date returns the release day, or the last day of the month for a
// month-only vintage, at midnight UTC. The zero Vintage gives the zero
// time.
func (v Vintage) Date() time.Time {
	if v.IsZero() {
		return time.Time{}
	}
	y, m, d := civilFromDays(v.day())
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// Compare returns -1, 0 or +1 as v is earlier than, the same as or later
// than o, by [Vintage.Date]; at the same date a month-only vintage comes
// first. The zero Vintage comes before every other.
func (v Vintage) Compare(o Vintage) int {
	switch {
	case v.v < o.v:
		return -1
	case v.v > o.v:
		return 1
	}
	return 0
}

// Before reports whether v is earlier than o (see [Vintage.Compare]).
func (v Vintage) Before(o Vintage) bool { return v.v < o.v }

// After reports whether v is later than o (see [Vintage.Compare]).
func (v Vintage) After(o Vintage) bool { return v.v > o.v }

// String returns the vintage as parsed: "2025-12-08" or "2025-12"; "" for
// the zero Vintage.
func (v Vintage) String() string {
	if v.IsZero() {
		return ""
	}
	y, m, d := civilFromDays(v.day())
	if !v.HasDay() {
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// MarshalText returns the form of [Vintage.String], so that a Vintage is a
// JSON string.
func (v Vintage) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText parses the form of [Vintage.String]; empty text is the
// zero Vintage.
func (v *Vintage) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*v = Vintage{}
		return nil
	}
	p, err := ParseVintage(string(b))
	if err != nil {
		return err
	}
	*v = p
	return nil
}

// ofVintage names a figure's vintage in an error, " vintage 2025-12-08",
// or nothing for a figure of no known release.
func ofVintage(v Vintage) string {
	if v.IsZero() {
		return ""
	}
	return " vintage " + v.String()
}
