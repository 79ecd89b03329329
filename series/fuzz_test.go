package series_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// FuzzParseMonth: no panic; an error wraps ErrMonth and quotes the input;
// a month that parses prints in a form that parses back to it.
func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2025-11", "202511", "2025M11", "2025m11", "0000-00", "2025-13", "2025-00",
		"0000-01", "9999-12", "2025-1", "", "2025/11", "-2025-11", "2025-+1", "２０２５-11", "2025M1a", "20251", "2025-11\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := series.ParseMonth(s)
		if err != nil {
			if !errors.Is(err, series.ErrMonth) || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ParseMonth(%q): error %q must wrap ErrMonth and quote the input", s, err)
			}
			return
		}
		back, err := series.ParseMonth(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMonth(%q) = %v, which parses back as %v, %v", s, m, back, err)
		}
		if !m.IsZero() && (m.Year() < 1 || m.Year() > 9999) {
			t.Fatalf("ParseMonth(%q) = year %d", s, m.Year())
		}
	})
}

// FuzzParsePeriod: no panic; errors wrap ErrPeriod and quote the input; a
// period that parses is valid and round-trips.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-11", "2025-01/2025-11", "202501/202511", "2025-11/2025-01", "2025-01/",
		"/2025-01", "2025-01/2025-02/2025-03", "0000-00", "0000-00/2025-01", "2025-13/2026-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := series.ParsePeriod(s)
		if err != nil {
			if !errors.Is(err, series.ErrPeriod) || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ParsePeriod(%q): error %q must wrap ErrPeriod and quote the input", s, err)
			}
			return
		}
		if !p.Valid() || p.Len() < 1 {
			t.Fatalf("ParsePeriod(%q) = %v, not a valid period", s, p)
		}
		back, err := series.ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %v, which parses back as %v, %v", s, p, back, err)
		}
	})
}

// FuzzSeriesOps builds a series from fuzzed values (empty strings are
// missing months) and runs the operations over it: no panic, every
// observation either gets a change or a gap, and year to date at the last
// month of a complete year equals the year's total.
func FuzzSeriesOps(f *testing.F) {
	f.Add("1,2,3,,5,6,7,8,9,10,11,12,13,0,15", uint8(12))
	f.Add("0,0,0", uint8(1))
	f.Add("-1e30,1e-30,,9223372036854775807,-9223372036854775808,1", uint8(2))
	f.Add("1.5,NaN,2", uint8(1))
	f.Add(",,,", uint8(3))
	f.Fuzz(func(t *testing.T, csv string, lag uint8) {
		vals := strings.Split(csv, ",")
		if len(vals) > 400 {
			vals = vals[:400]
		}
		s, err := series.FromStrings[series.USD](series.MustParseMonth("2024-01"), vals...)
		if err != nil {
			if !errors.Is(err, series.ErrValue) {
				t.Fatalf("FromStrings: %v does not wrap ErrValue", err)
			}
			return
		}
		k := int(lag%24) + 1
		ch, gaps := series.Change(s, k)
		if ch.Len()+len(gaps) != s.Len() {
			t.Fatalf("lag %d: %d values + %d gaps for %d observations", k, ch.Len(), len(gaps), s.Len())
		}
		d, _ := series.Diff(s, k)
		for p, v := range d.All() {
			_, a, _ := s.Covering(p.Last)
			_, b, _ := s.Covering(p.First.AddMonths(-k))
			if !a.Sub(b).Equal(v) {
				t.Fatalf("diff at %v: %v - %v != %v", p, a, b, v)
			}
		}
		ytd, _ := series.YearToDate(s)
		years, _ := series.Annual(s)
		for p, total := range years.All() {
			if v, ok := ytd.At(p.Last); !ok || !v.Equal(total) {
				t.Fatalf("%v: ytd %v (%v), annual %v", p, v, ok, total)
			}
		}
		series.Rolling(s, k)
		series.Streak(s, s.Last(), func(v decimal.Decimal) bool { return v.IsPositive() })
	})
}
