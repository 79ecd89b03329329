package series_test

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/internal/exact"
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

// calendarMonths is the number of months from 0001-01 to 9999-12.
const calendarMonths = 9999 * 12

// FuzzSeriesOps builds a series from fuzzed text and runs every operation
// over it, each result checked against exact rational arithmetic
// (package internal/exact): percent changes are the exact quotient rounded
// to odd, sums and differences exact, and every observation without a
// result has the gap the documentation gives it.
//
// The text is a list of observations separated by commas, from the month
// start (anywhere in the calendar): an empty item is a missing month, "v"
// a value for one month, "v*k" one combined value for k months. The lag,
// window, fiscal year and a period for Total come from the other inputs;
// lags and windows run from 1 to beyond the calendar.
func FuzzSeriesOps(f *testing.F) {
	f.Add("1,2,3,,5,6,7,8,9,10,11,12,13,0,15", uint32(24288), uint32(12), uint32(3), uint8(4), uint32(0), uint16(5), int8(1))
	f.Add("0,0,0", uint32(0), uint32(1), uint32(1), uint8(1), uint32(0), uint16(1), int8(0))
	f.Add("-1e39,1e-40,,9223372036854775807,-9223372036854775808,1", uint32(calendarMonths-6), uint32(2), uint32(2), uint8(7), uint32(2), uint16(3), int8(-2))
	f.Add("5399.4*2,3139,3303.5,,7*3,8", uint32(24288), uint32(12), uint32(4), uint8(1), uint32(1), uint16(6), int8(1))
	f.Add("1,2,3*2,4", uint32(calendarMonths-5), uint32(1), uint32(2), uint8(12), uint32(0), uint16(6), int8(0))
	f.Add("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15", uint32(0), uint32(12), uint32(6), uint8(4), uint32(0), uint16(15), int8(3))
	f.Add("1.5,NaN,2", uint32(100), uint32(1), uint32(1), uint8(1), uint32(0), uint16(1), int8(0))
	f.Add(",,,", uint32(3), uint32(3), uint32(3), uint8(3), uint32(0), uint16(3), int8(0))
	f.Add("1,2,3", uint32(24288), uint32(1<<31), uint32(1<<31+1), uint8(1), uint32(0), uint16(3), int8(0))
	f.Add("9999999999999999999999999999999999999999.9999999999999999999999999999999999999999*12,1", uint32(120), uint32(12), uint32(13), uint8(2), uint32(0), uint16(13), int8(40))
	f.Fuzz(func(t *testing.T, text string, start, lag, window uint32, fiscal uint8, from uint32, months uint16, places int8) {
		items := strings.Split(text, ",")
		if len(items) > 400 {
			items = items[:400]
		}
		first := series.MustMonth(1, time.January).AddMonths(int(start % calendarMonths))
		var b series.Builder[series.USD]
		at := first
		for i, item := range items {
			v, k := item, 1
			if j := strings.LastIndexByte(item, '*'); j >= 0 {
				n, err := strconv.Atoi(item[j+1:])
				if err != nil || n < 1 || n > 36 {
					return
				}
				v, k = item[:j], n
			}
			if calendarMonths-1-at.MonthsSince(series.MustMonth(1, time.January)) < k-1 {
				break // the rest would run past 9999-12
			}
			p := series.Period{First: at, Last: at.AddMonths(k - 1)}
			if v != "" {
				if err := b.SetCombinedString(p, v); err != nil {
					if !errors.Is(err, series.ErrValue) && !errors.Is(err, series.ErrLimit) {
						t.Fatalf("SetCombinedString(%v, %q): %v wraps neither ErrValue nor ErrLimit", p, v, err)
					}
					return
				}
			}
			if p.Last == series.MustMonth(9999, time.December) || i == len(items)-1 {
				break
			}
			at = p.Last.AddMonths(1)
		}
		s, err := b.Series()
		if err != nil {
			t.Fatalf("Series: %v", err)
		}
		params := exact.Params{
			Lag:    1 + int(lag%(1<<31)),
			Window: 1 + int(window%(1<<31)),
			Fiscal: time.Month(1 + fiscal%12),
			Places: int32(places) % (series.MaxDigits + 1),
		}
		if !s.IsEmpty() {
			// A period for Total near the series: from its first month on.
			p0 := s.First().MonthsSince(series.MustMonth(1, time.January)) + int(from%64) - 32
			p0 = max(0, min(p0, calendarMonths-1))
			n := min(int(months%512), calendarMonths-1-p0)
			params.Period = series.Period{First: series.MustMonth(1, time.January).AddMonths(p0), Last: series.MustMonth(1, time.January).AddMonths(p0 + n)}
		}
		for _, msg := range exact.Operate(s, params) {
			t.Error(msg)
		}
		series.Streak(s, s.Last(), func(v decimal.Decimal) bool { return v.IsPositive() })
		series.HighestSince(s, s.Last())
		series.LowestSince(s, s.Last())
	})
}

// fuzzSeeds returns the encodings of a few series of every shape: empty,
// with gaps, combined observations, negative values and values beyond an
// int64.
func fuzzSeeds() []series.Series[series.USD] {
	var b series.Builder[series.USD]
	b.SetCombined(series.Period{First: series.MustParseMonth("2024-01"), Last: series.MustParseMonth("2024-02")}, decimal.RequireFromString("8774"))
	b.Set(series.MustParseMonth("2024-03"), decimal.RequireFromString("-0.05"))
	b.Set(series.MustParseMonth("2024-05"), decimal.RequireFromString("123456789012345678901234567890.5"))
	combined, _ := b.Series()
	return []series.Series[series.USD]{
		{},
		series.FromInts[series.USD](series.MustParseMonth("2025-11"), 3303),
		series.MustFromStrings[series.USD](series.MustParseMonth("2024-11"), "3123.1", "", "-1", "3303.50"),
		combined,
	}
}

// checkDecoded checks a series that decoded: it encodes in both forms, and
// each decodes to the same observations at the same scale, whose binary
// form is then the same bytes.
func checkDecoded(t *testing.T, s series.Series[series.USD]) {
	bin, err := s.MarshalBinary()
	if err != nil {
		t.Fatalf("decoded %v does not encode: %v", s, err)
	}
	var fromBin series.Series[series.USD]
	if err := fromBin.UnmarshalBinary(bin); err != nil {
		t.Fatalf("binary form of %v does not decode: %v", s, err)
	}
	again, err := fromBin.MarshalBinary()
	if err != nil || string(again) != string(bin) {
		t.Fatalf("%v: binary form changes on a round trip: %x, then %x (%v)", s, bin, again, err)
	}
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("decoded %v does not encode as JSON: %v", s, err)
	}
	var fromJSON series.Series[series.USD]
	if err := json.Unmarshal(js, &fromJSON); err != nil {
		t.Fatalf("JSON form %s does not decode: %v", js, err)
	}
	for _, back := range []series.Series[series.USD]{fromBin, fromJSON} {
		if !back.Equal(s) || back.Len() != s.Len() {
			t.Fatalf("round trip of %v gives %v", s, back)
		}
	}
	jsAgain, _ := json.Marshal(fromBin)
	if string(jsAgain) != string(js) {
		t.Fatalf("%v: the scale changes through the binary form: %s, then %s", s, js, jsAgain)
	}
	// What decodes is a series like any other: every operation over it
	// agrees with exact arithmetic.
	for _, msg := range exact.Operate(s, exact.Params{Lag: 12, Window: 3, Fiscal: time.April, Places: 1}) {
		t.Error(msg)
	}
}

// decodeErrorOK reports whether err is one of the errors a decoder
// documents.
func decodeErrorOK(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	for _, sentinel := range []error{series.ErrEncoding, series.ErrUnit, series.ErrPeriod, series.ErrMonth, series.ErrValue, series.ErrDuplicate, series.ErrLimit} {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return errors.As(err, &syntax) || errors.As(err, &typ)
}

// FuzzSeriesBinary decodes any bytes as a series' binary form: no panic; an
// error is an EncodingError or a UnitError; a series that decodes
// round-trips through both forms, and operates as exact arithmetic says.
func FuzzSeriesBinary(f *testing.F) {
	for _, s := range fuzzSeeds() {
		b, err := s.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		if len(b) > 8 {
			f.Add(b[:len(b)-3])
		}
	}
	f.Add([]byte{})
	f.Add([]byte{2})
	f.Add([]byte{1, 4, 'm', 'a', 's', 's', 6, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var s series.Series[series.USD]
		if err := s.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, series.ErrEncoding) && !errors.Is(err, series.ErrUnit) {
				t.Fatalf("UnmarshalBinary(%x): error %v wraps neither ErrEncoding nor ErrUnit", data, err)
			}
			return
		}
		checkDecoded(t, s)
	})
}

// FuzzSeriesJSON decodes any text as a series' JSON form: no panic; an
// error is a documented one; a series that decodes round-trips through both
// forms, and operates as exact arithmetic says.
func FuzzSeriesJSON(f *testing.F) {
	for _, s := range fuzzSeeds() {
		b, err := json.Marshal(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		`null`, `{}`, `{"unit":{"symbol":"t","dimension":"mass","exponent":3},"observations":[]}`,
		`{"unit":{"dimension":"USD"},"observations":[{"period":"2025-01/2025-02","value":1e3},{"period":"2025-02","value":"2"}]}`,
		`{"unit":{"dimension":"USD"},"observations":[{"period":"0001-01","value":"1"},{"period":"9999-12","value":"-1e-1000"}]}`,
		`{"unit":{"dimension":"USD"},"observations":[{"period":"2025-01","value":"1e2000"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var s series.Series[series.USD]
		if err := json.Unmarshal(data, &s); err != nil {
			if !decodeErrorOK(err) {
				t.Fatalf("Unmarshal(%q): undocumented error %T %v", data, err, err)
			}
			return
		}
		checkDecoded(t, s)
	})
}
