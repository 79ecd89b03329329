package series_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/series"
)

// The encodings of the package's values, each checked to round-trip.

var (
	_ encoding.TextAppender      = series.Month{}
	_ encoding.TextAppender      = series.Period{}
	_ encoding.TextAppender      = series.Reason(0)
	_ driver.Valuer              = series.Month{}
	_ driver.Valuer              = series.Period{}
	_ sql.Scanner                = (*series.Month)(nil)
	_ sql.Scanner                = (*series.Period)(nil)
	_ json.Marshaler             = series.Series[series.USD]{}
	_ json.Unmarshaler           = (*series.Series[series.USD])(nil)
	_ encoding.BinaryAppender    = series.Series[series.USD]{}
	_ encoding.BinaryMarshaler   = series.Series[series.USD]{}
	_ encoding.BinaryUnmarshaler = (*series.Series[series.USD])(nil)
)

func TestMonthRoundTrips(t *testing.T) {
	for _, m := range []series.Month{mp("0001-01"), mp("2025-11"), mp("9999-12"), {}} {
		b, err := m.MarshalText()
		require.NoError(t, err)
		var back series.Month
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, m, back, "text %s", b)

		a, err := m.AppendText([]byte("m="))
		require.NoError(t, err)
		assert.Equal(t, "m="+m.String(), string(a))

		j, err := json.Marshal(m)
		require.NoError(t, err)
		back = series.Month{}
		require.NoError(t, json.Unmarshal(j, &back))
		assert.Equal(t, m, back, "JSON %s", j)

		v, err := m.Value()
		require.NoError(t, err)
		back = mp("2000-01")
		require.NoError(t, back.Scan(v))
		assert.Equal(t, m, back, "SQL %v", v)
	}
	v, err := series.Month{}.Value()
	require.NoError(t, err)
	assert.Nil(t, v, "the zero Month is NULL")
}

func TestMonthScan(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	for _, tt := range []struct {
		src  any
		want string
	}{
		{"2025-11", "2025-11"},
		{[]byte("2025M11"), "2025-11"},
		{int64(202511), "2025-11"},
		{time.Date(2025, 11, 30, 23, 0, 0, 0, time.UTC), "2025-11"},
		{time.Date(2025, 12, 1, 7, 0, 0, 0, shanghai), "2025-12"},
		{nil, "0000-00"},
	} {
		var m series.Month
		require.NoError(t, m.Scan(tt.src), "Scan(%#v)", tt.src)
		assert.Equal(t, tt.want, m.String(), "Scan(%#v)", tt.src)
	}
	for _, bad := range []any{"2025-13", int64(2025), int64(-202511), int64(202513), 202511.0, true,
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		var m series.Month
		err := m.Scan(bad)
		assert.ErrorIs(t, err, series.ErrMonth, "Scan(%#v)", bad)
		assert.True(t, m.IsZero(), "a failed Scan leaves the month as it was")
	}
}

func TestPeriodRoundTrips(t *testing.T) {
	for _, p := range []series.Period{span("2025-01", "2025-02"), series.MonthPeriod(mp("2025-11")), span("0001-01", "9999-12"), {}} {
		b, err := p.MarshalText()
		require.NoError(t, err)
		var back series.Period
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, p, back, "text %s", b)

		j, err := json.Marshal(p)
		require.NoError(t, err)
		back = series.Period{}
		require.NoError(t, json.Unmarshal(j, &back))
		assert.Equal(t, p, back, "JSON %s", j)

		v, err := p.Value()
		require.NoError(t, err)
		back = series.MonthPeriod(mp("2000-01"))
		require.NoError(t, back.Scan(v))
		assert.Equal(t, p, back, "SQL %v", v)
	}
	backwards := series.Period{First: mp("2025-03"), Last: mp("2025-01")}
	_, err := backwards.MarshalText()
	assert.ErrorIs(t, err, series.ErrPeriod, "a backward period does not marshal")
	_, err = backwards.Value()
	assert.ErrorIs(t, err, series.ErrPeriod)
	var p series.Period
	for _, bad := range []any{"2025-03/2025-01", int64(202501), []byte("x")} {
		assert.ErrorIs(t, p.Scan(bad), series.ErrPeriod, "Scan(%#v)", bad)
	}
	_, err = series.ParsePeriod("0000-00")
	assert.ErrorIs(t, err, series.ErrPeriod, "ParsePeriod refuses the zero Period's text, as data")
}

func TestReasonAndGapRoundTrips(t *testing.T) {
	for _, r := range []series.Reason{series.BaseMissing, series.BaseZero, series.Combined, series.MonthMissing, series.Partial} {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var back series.Reason
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back, "%s", b)

		g := series.Gap{Period: span("2025-01", "2025-02"), Reason: r, Cause: series.MonthPeriod(mp("2024-02"))}
		j, err := json.Marshal(g)
		require.NoError(t, err)
		var gb series.Gap
		require.NoError(t, json.Unmarshal(j, &gb))
		assert.Equal(t, g, gb)
	}
	j, err := json.Marshal(series.Gaps{{Period: series.MonthPeriod(mp("2025-03")), Reason: series.BaseZero, Cause: series.MonthPeriod(mp("2024-03"))}})
	require.NoError(t, err)
	assert.Equal(t, `[{"period":"2025-03","reason":"base_zero","cause":"2024-03"}]`, string(j))

	var r series.Reason
	assert.Error(t, r.UnmarshalText([]byte("base is zero")), "String's phrase is for reading, not the text form")
	_, err = series.Reason(0).MarshalText()
	assert.Error(t, err, "the zero Reason is no reason")
	_, err = series.Reason(99).AppendText(nil)
	assert.Error(t, err)
}

// sampleSeries are series of every shape the store has: empty, gaps,
// combined observations, negative values, values beyond int64, a scale of
// DivisionPlaces.
func sampleSeries(t *testing.T) map[string]series.Series[series.USD] {
	t.Helper()
	out := map[string]series.Series[series.USD]{
		"empty": {},
		"one":   series.FromInts[series.USD](mp("2025-11"), 3303),
		"ints":  series.FromInts[series.USD](mp("2023-01"), 0, -1, 1, 1<<62, -1<<63, 1<<63-1),
		"gaps":  series.MustFromStrings[series.USD](mp("2024-11"), "3123.1", "", "", "-0.05", "", "3303.50"),
		"wide":  series.MustFromStrings[series.USD](mp("2025-01"), "123456789012345678901234567890.5", "-98765432109876543210987654321", "1"),
		"far":   series.MustFromStrings[series.USD](mp("0001-01"), "1"),
	}
	var b series.Builder[series.USD]
	b.SetCombined(span("2024-01", "2024-02"), dec("8774"))
	b.SetCombined(span("2024-12", "2025-02"), dec("-99999999999999999999999.25"))
	b.Set(mp("2025-03"), dec("5666.3"))
	b.Set(mp("2025-05"), dec("0"))
	c, err := b.Series()
	require.NoError(t, err)
	out["combined"] = c
	out["thirteen places"] = series.MustFromStrings[series.USD](mp("2025-03"), "0.0000000000001", "-1.5000000000000")
	far := series.FromInts[series.USD](mp("9999-12"), 5)
	out["far end"] = far
	return out
}

// sameStore reports whether two series hold the same observations at the
// same scale: their JSON forms write every value at the series' scale.
func sameStore[U series.Unit](t *testing.T, a, b series.Series[U]) {
	t.Helper()
	require.True(t, a.Equal(b), "%v != %v", a, b)
	ja, err := json.Marshal(a)
	require.NoError(t, err)
	jb, err := json.Marshal(b)
	require.NoError(t, err)
	require.Equal(t, string(ja), string(jb), "same values at the same scale")
}

func TestSeriesJSONRoundTrip(t *testing.T) {
	for name, s := range sampleSeries(t) {
		t.Run(name, func(t *testing.T) {
			b, err := json.Marshal(s)
			require.NoError(t, err)
			var back series.Series[series.USD]
			require.NoError(t, json.Unmarshal(b, &back), "%s", b)
			sameStore(t, s, back)
		})
	}
	t.Run("quotients keep their places", func(t *testing.T) {
		q, _ := series.Share(series.FromInts[series.USD](mp("2025-01"), 1, 2), series.FromInts[series.USD](mp("2025-01"), 3, 3))
		b, err := json.Marshal(q)
		require.NoError(t, err)
		assert.Equal(t, `{"unit":{"symbol":"%","dimension":"percent","exponent":0},"observations":[`+
			`{"period":"2025-01","value":"33.3333333333333"},{"period":"2025-02","value":"66.6666666666667"}]}`, string(b))
		var back series.Series[series.Percent]
		require.NoError(t, json.Unmarshal(b, &back))
		sameStore(t, q, back)
	})
	t.Run("a unit of units", func(t *testing.T) {
		uv, _ := series.Divide(series.FromInts[series.USD](mp("2025-01"), 10), series.FromInts[series.Tonnes](mp("2025-01"), 4))
		b, err := json.Marshal(uv)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"unit":{"symbol":"USD/t","dimension":"USD/mass","exponent":-3}`)
		var back series.Series[series.Per[series.USD, series.Tonnes]]
		require.NoError(t, json.Unmarshal(b, &back))
		sameStore(t, uv, back)
	})
	t.Run("trailing zeros are the scale", func(t *testing.T) {
		s := series.MustFromStrings[series.USD](mp("2025-01"), "1.50", "2")
		b, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"value":"1.50"`)
		assert.Contains(t, string(b), `"value":"2.00"`)
	})
	t.Run("in a struct", func(t *testing.T) {
		type report struct {
			Exports series.Series[series.USD100M] `json:"exports"`
			Gaps    series.Gaps                   `json:"gaps"`
		}
		x := series.MustFromStrings[series.USD100M](mp("2024-11"), "3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
		yoy, gaps := series.YoY(x)
		_ = yoy
		in := report{x, gaps}
		b, err := json.Marshal(in)
		require.NoError(t, err)
		var out report
		require.NoError(t, json.Unmarshal(b, &out))
		assert.True(t, in.Exports.Equal(out.Exports))
		assert.Equal(t, in.Gaps, out.Gaps)
	})
}

func TestSeriesJSONDecodeErrors(t *testing.T) {
	const usd = `"unit":{"symbol":"USD","dimension":"USD","exponent":0}`
	tests := []struct {
		name, in string
		is       error // the sentinel the error wraps, or nil for a JSON syntax error
	}{
		{"tonnes into dollars", `{"unit":{"symbol":"t","dimension":"mass","exponent":3},"observations":[]}`, series.ErrUnit},
		{"USD 100 mn into dollars", `{"unit":{"symbol":"USD 100 mn","dimension":"USD","exponent":8},"observations":[]}`, series.ErrUnit},
		{"no unit", `{"observations":[]}`, series.ErrEncoding},
		{"bad period", `{` + usd + `,"observations":[{"period":"2025-13","value":"1"}]}`, series.ErrPeriod},
		{"backward period", `{` + usd + `,"observations":[{"period":"2025-03/2025-01","value":"1"}]}`, series.ErrPeriod},
		{"zero period", `{` + usd + `,"observations":[{"period":"0000-00","value":"1"}]}`, series.ErrPeriod},
		{"no period", `{` + usd + `,"observations":[{"value":"1"}]}`, series.ErrPeriod},
		{"bad value", `{` + usd + `,"observations":[{"period":"2025-01","value":"1,5"}]}`, series.ErrValue},
		{"no value", `{` + usd + `,"observations":[{"period":"2025-01"}]}`, series.ErrValue},
		{"null value", `{` + usd + `,"observations":[{"period":"2025-01","value":null}]}`, series.ErrValue},
		{"NaN", `{` + usd + `,"observations":[{"period":"2025-01","value":"NaN"}]}`, series.ErrValue},
		{"duplicate", `{` + usd + `,"observations":[{"period":"2025-01","value":"1"},{"period":"2025-01","value":"2"}]}`, series.ErrDuplicate},
		{"overlap", `{` + usd + `,"observations":[{"period":"2025-01/2025-02","value":"1"},{"period":"2025-02","value":"2"}]}`, series.ErrDuplicate},
		{"huge exponent", `{` + usd + `,"observations":[{"period":"2025-01","value":"1e2001"}]}`, series.ErrEncoding},
		{"exponent beyond decimal's", `{` + usd + `,"observations":[{"period":"2025-01","value":"1e999999999999"}]}`, series.ErrValue},
		{"tiny exponent", `{` + usd + `,"observations":[{"period":"2025-01","value":"1e-1001"}]}`, series.ErrEncoding},
		{"long text", `{` + usd + `,"observations":[{"period":"2025-01","value":"` + strings.Repeat("9", 5000) + `"}]}`, series.ErrEncoding},
		{"not an object", `[1,2]`, nil},
		{"truncated", `{` + usd + `,"observations":[{"period":"2025-01","value":"1"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := series.FromInts[series.USD](mp("2000-01"), 42)
			err := json.Unmarshal([]byte(tt.in), &s)
			require.Error(t, err)
			if tt.is != nil {
				assert.ErrorIs(t, err, tt.is, "%v", err)
			}
			assert.True(t, s.Equal(series.FromInts[series.USD](mp("2000-01"), 42)), "a failed decode leaves the series as it was")
		})
	}
	var ue *series.UnitError
	var s series.Series[series.USD]
	err := json.Unmarshal([]byte(tests[0].in), &s)
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, `series: unit mismatch: the data are in t ("mass", 10^3), the series in USD ("USD", 10^0)`, err.Error())

	t.Run("numbers, any order, null", func(t *testing.T) {
		var s series.Series[series.USD]
		require.NoError(t, json.Unmarshal([]byte(`{`+usd+`,"observations":[{"period":"2025-03","value":2.5},{"period":"2025-01/2025-02","value":"-1e2"}]}`), &s))
		assert.Equal(t, "[2025-01/2025-02: -100, 2025-03: 2.5] USD", s.String())
		require.NoError(t, json.Unmarshal([]byte(`null`), &s))
		assert.Equal(t, 2, s.Len(), "null leaves the series as it was")
	})
}

func TestSeriesBinaryRoundTrip(t *testing.T) {
	for name, s := range sampleSeries(t) {
		t.Run(name, func(t *testing.T) {
			b, err := s.MarshalBinary()
			require.NoError(t, err)
			var back series.Series[series.USD]
			require.NoError(t, back.UnmarshalBinary(b))
			sameStore(t, s, back)
			again, err := back.MarshalBinary()
			require.NoError(t, err)
			assert.Equal(t, b, again, "the form of a decoded series is the form it was decoded from")
			a, err := s.AppendBinary([]byte{0xAA})
			require.NoError(t, err)
			assert.Equal(t, append([]byte{0xAA}, b...), a)
		})
	}
	t.Run("a slice keeps its months only", func(t *testing.T) {
		s := series.FromInts[series.USD](mp("2020-01"), make([]int64, 100)...).Slice(mp("2024-01"), mp("2024-03"))
		b, err := s.MarshalBinary()
		require.NoError(t, err)
		var back series.Series[series.USD]
		require.NoError(t, back.UnmarshalBinary(b))
		sameStore(t, s, back)
		assert.Equal(t, mp("2024-01"), back.First())
	})
	t.Run("compact", func(t *testing.T) {
		// Three years of China's monthly exports in USD 100 million, one
		// decimal: 36 values of five digits.
		vals := make([]string, 36)
		for i := range vals {
			vals[i] = decimal.New(int64(30000+137*i), -1).StringFixed(1)
		}
		s := series.MustFromStrings[series.USD100M](mp("2023-01"), vals...)
		b, err := s.MarshalBinary()
		require.NoError(t, err)
		assert.LessOrEqual(t, len(b), 130, "%d bytes", len(b))
		j, _ := json.Marshal(s)
		assert.Less(t, 10*len(b), len(j), "binary %d bytes, JSON %d", len(b), len(j))
	})
}

func TestSeriesBinaryDecodeErrors(t *testing.T) {
	good, err := sampleSeries(t)["combined"].MarshalBinary()
	require.NoError(t, err)

	// Every strict prefix is an error, not a panic and not a shorter series.
	for n := range len(good) {
		var s series.Series[series.USD]
		err := s.UnmarshalBinary(good[:n])
		require.ErrorIs(t, err, series.ErrEncoding, "prefix of %d bytes", n)
	}
	var s series.Series[series.USD]
	assert.ErrorIs(t, s.UnmarshalBinary(append(good, 0)), series.ErrEncoding, "trailing bytes")

	var tonnes series.Series[series.Tonnes]
	var ue *series.UnitError
	require.ErrorAs(t, tonnes.UnmarshalBinary(good), &ue)
	assert.ErrorIs(t, ue, series.ErrUnit)

	future := append([]byte{2}, good[1:]...)
	err = s.UnmarshalBinary(future)
	require.ErrorIs(t, err, series.ErrEncoding)
	assert.Contains(t, err.Error(), "version 2")

	// Hand-made forms: version 1, dimension "USD", exponent 0, then the
	// months, the first month, the scale, the presence bits, the combined
	// observations, the wide values and the values.
	uv := func(v uint64) []byte { return binary.AppendUvarint(nil, v) }
	vi := func(v int64) []byte { return binary.AppendVarint(nil, v) }
	form := func(parts ...[]byte) []byte {
		out := []byte{1, 3, 'U', 'S', 'D', 0}
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	sep := uv(2025*12 + 8) // 2025-09 as a count of months
	none := uv(0)
	tests := []struct {
		name string
		in   []byte
	}{
		{"more months than a Month holds", form(uv(1<<32), uv(12), none)},
		{"many months, few bytes", form(uv(119988), uv(12), none, []byte{1})},
		{"a month before 0001-01", form(uv(1), uv(0), none, []byte{1}, none, none, vi(2))},
		{"months past 9999-12", form(uv(2), uv(9999*12+11), none, []byte{3}, none, none, vi(2), vi(2))},
		{"too many places", form(uv(1), sep, uv(1001), []byte{1}, none, none, vi(1))},
		{"presence bits beyond the months", form(uv(1), sep, none, []byte{3}, none, none, vi(1))},
		{"no value", form(uv(2), sep, none, []byte{0}, none, none)},
		{"combined observation without its value", form(uv(2), sep, none, []byte{1}, uv(1), none, none, none, vi(2))},
		{"a value inside a combined observation", form(uv(2), sep, none, []byte{3}, uv(1), none, none, none, vi(2), vi(4))},
		{"combined observation beyond the months", form(uv(2), sep, none, []byte{2}, uv(1), uv(5), none, none, vi(2))},
		{"more combined observations than values", form(uv(2), sep, none, []byte{2}, uv(9))},
		{"wide value for a month with none", form(uv(2), sep, none, []byte{2}, none, uv(1), none, uv(2), []byte{1})},
		{"wide value longer than the input", form(uv(1), sep, none, []byte{1}, none, uv(1), none, uv(1<<20))},
		{"wide value of no bytes", form(uv(1), sep, none, []byte{1}, none, uv(1), none, none)},
		{"overlong varint", form(uv(1), sep, none, []byte{1}, none, none, []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01})},
		{"dimension longer than the input", []byte{1, 0x7F, 'U'}},
		{"empty input", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := series.FromInts[series.USD](mp("2000-01"), 42)
			err := s.UnmarshalBinary(tt.in)
			require.ErrorIs(t, err, series.ErrEncoding, "%v", err)
			assert.True(t, s.Equal(series.FromInts[series.USD](mp("2000-01"), 42)), "a failed decode leaves the series as it was")
		})
	}
	// Hand-made forms that decode, so that the cases above fail for the
	// reason they name.
	require.NoError(t, s.UnmarshalBinary(form(uv(1), sep, none, []byte{1}, none, none, vi(5))))
	assert.Equal(t, "[2025-09: 5] USD", s.String())
	require.NoError(t, s.UnmarshalBinary(form(uv(2), sep, uv(1), []byte{2}, uv(1), none, none, none, vi(-25))))
	assert.Equal(t, "[2025-09/2025-10: -2.5] USD", s.String())
	require.NoError(t, s.UnmarshalBinary(form(uv(2), sep, none, []byte{2}, none, uv(1), uv(1), uv(9<<1|1), []byte{1, 0, 0, 0, 0, 0, 0, 0, 0})))
	assert.Equal(t, "[2025-10: -18446744073709551616] USD", s.String())
}

// TestEncodingBounds checks that a series beyond the bounds the encodings
// carry refuses to encode, rather than writing what would not decode.
func TestEncodingBounds(t *testing.T) {
	var b series.Builder[series.USD]
	b.SetInt(mp("2025-01"), 1, -1001)
	s, err := b.Series()
	require.NoError(t, err)
	_, err = s.MarshalBinary()
	assert.ErrorIs(t, err, series.ErrEncoding)
	_, err = json.Marshal(s)
	assert.ErrorIs(t, err, series.ErrEncoding)

	huge := decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 7000), 0)
	s = series.FromDecimals[series.USD](mp("2025-01"), huge)
	_, err = s.MarshalBinary()
	assert.ErrorIs(t, err, series.ErrEncoding)
	_, err = json.Marshal(s)
	assert.True(t, errors.Is(err, series.ErrEncoding))

	// Just within: 1000 places, and a coefficient of 2,000 digits.
	edge := decimal.NewFromBigInt(new(big.Int).Sub(new(big.Int).Exp(big.NewInt(10), big.NewInt(1999), nil), big.NewInt(1)), -1000)
	s = series.FromDecimals[series.USD](mp("2025-01"), edge)
	bin, err := s.MarshalBinary()
	require.NoError(t, err)
	var back series.Series[series.USD]
	require.NoError(t, back.UnmarshalBinary(bin))
	sameStore(t, s, back)
	j, err := json.Marshal(s)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(j, &back))
	sameStore(t, s, back)
}

// checkJSONFields marshals v, unmarshals it into a new value of its type
// and marshals that: the two forms must be the same, and must hold a key
// for every exported field, so that nothing is dropped without a word.
func checkJSONFields[T any](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &keys))
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
			name = tag
		}
		_, ok := keys[name]
		assert.True(t, ok, "%T: field %s missing from %s", v, f.Name, b)
	}
}

func TestValueStructsJSON(t *testing.T) {
	s := series.MustFromStrings[series.Tonnes](mp("2025-09"), "0", "1.5", "0")
	target := series.Target[series.Tonnes]{Amount: dec("12000000"), Window: span("2025-09", "2025-12")}
	p, err := target.Progress(s, mp("2025-11"))
	require.NoError(t, err)
	checkJSONFields(t, target)
	checkJSONFields(t, p)
	checkJSONFields(t, series.Streak(s, mp("2025-10"), decimal.Decimal.IsPositive))
	m, ok := series.LastBefore(s, mp("2025-11"), decimal.Decimal.IsPositive)
	require.True(t, ok)
	checkJSONFields(t, m)
	checkJSONFields(t, series.Gap{Period: span("2025-01", "2025-02"), Reason: series.Combined, Cause: mp2("2025-02")})
}

func mp2(m string) series.Period { return series.MonthPeriod(mp(m)) }
