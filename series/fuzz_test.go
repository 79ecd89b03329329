package series_test

import (
	"encoding/json"
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
}

// decodeErrorOK reports whether err is one of the errors a decoder
// documents.
func decodeErrorOK(err error) bool {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	for _, sentinel := range []error{series.ErrEncoding, series.ErrUnit, series.ErrPeriod, series.ErrMonth, series.ErrValue, series.ErrDuplicate} {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return errors.As(err, &syntax) || errors.As(err, &typ)
}

// FuzzSeriesBinary decodes any bytes as a series' binary form: no panic; an
// error is an EncodingError or a UnitError; a series that decodes
// round-trips through both forms.
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
// forms.
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
