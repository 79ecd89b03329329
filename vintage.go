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
// figure that might not yet have been released on that date.
type Vintage struct {
	year  int16
	month int8
	day   int8 // 0 for a month-only vintage
}

// ParseVintage parses "2025-12-08" or "2025-12".
func ParseVintage(s string) (Vintage, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return VintageOf(t), nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return Vintage{int16(t.Year()), int8(t.Month()), 0}, nil
	}
	return Vintage{}, fmt.Errorf("invalid vintage %q: want a release date 2025-12-08 or a month 2025-12", s)
}

// VintageOf returns the vintage of the day t falls on.
func VintageOf(t time.Time) Vintage {
	return Vintage{int16(t.Year()), int8(t.Month()), int8(t.Day())}
}

// IsZero reports whether v is the zero Vintage, which means "unknown".
func (v Vintage) IsZero() bool { return v == Vintage{} }

// Date returns the release day, or the last day of the month for a
// month-only vintage.
func (v Vintage) Date() time.Time {
	if v.day == 0 {
		return time.Date(int(v.year), time.Month(v.month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(int(v.year), time.Month(v.month), int(v.day), 0, 0, 0, 0, time.UTC)
}

// Compare orders vintages by [Vintage.Date]; at the same date a dated
// vintage comes after a month-only one, as the more precise record.
func (v Vintage) Compare(o Vintage) int {
	if c := v.Date().Compare(o.Date()); c != 0 {
		return c
	}
	switch {
	case v.day == 0 && o.day != 0:
		return -1
	case v.day != 0 && o.day == 0:
		return 1
	}
	return 0
}

// String returns the vintage as parsed: "2025-12-08" or "2025-12".
func (v Vintage) String() string {
	if v.IsZero() {
		return ""
	}
	if v.day == 0 {
		return fmt.Sprintf("%04d-%02d", v.year, v.month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", v.year, v.month, v.day)
}
