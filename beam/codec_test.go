package tfbeam

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// keys has keys that differ in one part each, with codes of every kind:
// an unlisted partner, an aggregate, a code of another classification.
var keys = []tradeflow.Key{
	{Reporter: partner.MustParseCode("CN"), Partner: unlisted("AA"), Commodity: other("PANEL", "010101"), Flow: tradeflow.Exports, Measure: tradeflow.Value},
	{Reporter: partner.MustParseCode("CN"), Partner: unlisted("AB"), Commodity: other("PANEL", "010101"), Flow: tradeflow.Exports, Measure: tradeflow.Value},
	{Reporter: partner.MustParseCode("CN"), Partner: unlisted("AA"), Commodity: other("PANEL", "010102"), Flow: tradeflow.Exports, Measure: tradeflow.Value},
	{Reporter: partner.MustParseCode("CN"), Partner: unlisted("AA"), Commodity: other("PANEL", "010101"), Flow: tradeflow.Imports, Measure: tradeflow.Value},
	{Reporter: partner.MustParseCode("US"), Partner: partner.MustParseCode("EU"), Commodity: tradeflow.MustParseCommodity("1201.90"), Flow: tradeflow.Exports, Measure: tradeflow.Quantity},
	{Reporter: partner.MustParseCode("US"), Partner: partner.World(), Commodity: tradeflow.Commodity{}, Flow: tradeflow.Balance, Measure: tradeflow.YoYPct},
}

func unlisted(s string) partner.Code {
	c, err := partner.ParseUnlisted(s)
	if err != nil {
		panic(err)
	}
	return c
}

func other(class, code string) tradeflow.Commodity {
	c, err := tradeflow.OtherCode(class, code)
	if err != nil {
		panic(err)
	}
	return c
}

func TestKeyEncoding(t *testing.T) {
	seen := map[string]tradeflow.Key{}
	for _, k := range keys {
		b, err := encodeKey(k)
		require.NoError(t, err)
		again, err := encodeKey(k)
		require.NoError(t, err)
		assert.Equal(t, b, again, "deterministic")
		if o, dup := seen[string(b)]; dup {
			t.Errorf("%v and %v encode alike", k, o)
		}
		seen[string(b)] = k
		got, err := decodeKey(b)
		require.NoError(t, err)
		assert.Equal(t, k, got)
		for n := range len(b) {
			_, err := decodeKey(b[:n])
			assert.ErrorIs(t, err, errEncoding, "truncated to %d bytes", n)
		}
		_, err = decodeKey(append(b, 0))
		assert.ErrorIs(t, err, errEncoding, "a byte left over")
	}
}

func TestValueEncodings(t *testing.T) {
	big := decimal.RequireFromString("123456789012345678901234567890.0000000001")
	m := series.MustParseMonth("2024-02")
	jf := series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")}
	d := partner.Decomposition{
		Period: series.MonthPeriod(m), BasePeriod: series.MonthPeriod(m.AddMonths(-12)),
		Total: partner.Contribution{Name: "total", Value: big, BaseValue: decimal.New(5, -3), Diff: decimal.New(-1, 0), Points: decimal.RequireFromString("-0.1000000000001")},
		Parts: []partner.Contribution{{Name: "AA", Value: decimal.New(150, -2)}, {Name: "RoW", Residual: true, Share: decimal.New(100, 0)}},
	}
	b := partner.Breakdown{Period: jf, Total: big, Parts: []partner.PartShare{{Name: "USA", Value: big, Share: decimal.New(100, 0)}}, NegativeResidual: true}
	tests := []struct {
		name string
		enc  func() ([]byte, error)
		dec  func([]byte) (any, error)
		want any
	}{
		{"decimal", func() ([]byte, error) { return encodeDecimal(big) }, func(b []byte) (any, error) { return decodeDecimal(b) }, big},
		{"month", func() ([]byte, error) { return encodeMonth(m) }, func(b []byte) (any, error) { return decodeMonth(b) }, m},
		{"period", func() ([]byte, error) { return encodePeriod(jf) }, func(b []byte) (any, error) { return decodePeriod(b) }, jf},
		{"zero period", func() ([]byte, error) { return encodePeriod(series.Period{}) }, func(b []byte) (any, error) { return decodePeriod(b) }, series.Period{}},
		{"code", func() ([]byte, error) { return encodeCode(unlisted("QZ")) }, func(b []byte) (any, error) { return decodeCode(b) }, unlisted("QZ")},
		{"decomposition", func() ([]byte, error) { return encodeDecomposition(d) }, func(b []byte) (any, error) { return decodeDecomposition(b) }, d},
		{"breakdown", func() ([]byte, error) { return encodeBreakdown(b) }, func(b []byte) (any, error) { return decodeBreakdown(b) }, b},
		{"run", func() ([]byte, error) { return encodeRun(series.Run{Period: jf, Len: 2}) }, func(b []byte) (any, error) { return decodeRun(b) }, series.Run{Period: jf, Len: 2}},
		{"gap", func() ([]byte, error) {
			return encodeGap(Gap{Key: keys[0], Period: jf, Name: "total", Reason: series.BaseZero, Cause: jf, Err: "x"})
		},
			func(b []byte) (any, error) { return decodeGap(b) }, Gap{Key: keys[0], Period: jf, Name: "total", Reason: series.BaseZero, Cause: jf, Err: "x"}},
		{"parts", func() ([]byte, error) {
			return encodeParts(parts{Parts: []part{{Code: unlisted("AA"), Value: big, HasValue: true}, {Code: partner.World(), Base: big, HasBase: true}}, Twice: []partner.Code{unlisted("AA")}})
		}, func(b []byte) (any, error) { return decodeParts(b) },
			parts{Parts: []part{{Code: unlisted("AA"), Value: big, HasValue: true}, {Code: partner.World(), Base: big, HasBase: true}}, Twice: []partner.Code{unlisted("AA")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.enc()
			require.NoError(t, err)
			got, err := tt.dec(b)
			require.NoError(t, err)
			// Decimals compare by their text: 1.50 and 1.5 are equal
			// values but not equal structs, and the encoding keeps the
			// exponent, so the text is the same too.
			assert.Equal(t, dump(tt.want), dump(got))
		})
	}
}

// dump prints a value with its decimals as text.
func dump(v any) string {
	var b bytes.Buffer
	switch v := v.(type) {
	case decimal.Decimal:
		b.WriteString(v.String())
	case partner.Decomposition:
		for _, c := range append(v.Parts, v.Total) {
			b.WriteString(c.Name + " " + c.Value.String() + " " + c.BaseValue.String() + " " + c.Diff.String() + " " + c.Points.String() + " " + c.Share.String() + " " + c.BaseShare.String() + "\n")
		}
		b.WriteString(v.Period.String() + v.BasePeriod.String())
	case partner.Breakdown:
		for _, p := range v.Parts {
			b.WriteString(p.Name + " " + p.Value.String() + " " + p.Share.String() + "\n")
		}
		b.WriteString(v.Period.String() + v.Total.String())
		if v.NegativeResidual {
			b.WriteString(" negative")
		}
	case []figure:
		for _, x := range v {
			b.WriteString(x.p.String() + " " + x.v.String() + " " + x.vintage.String() + "\n")
		}
	case parts:
		for _, p := range v.Parts {
			b.WriteString(p.Code.String() + " " + p.Value.String() + " " + p.Base.String())
			if p.HasValue {
				b.WriteString(" v")
			}
			if p.HasBase {
				b.WriteString(" b")
			}
			b.WriteString("\n")
		}
		for _, c := range v.Twice {
			b.WriteString("twice " + c.String())
		}
	default:
		return fmt.Sprintf("%#v", v)
	}
	return b.String()
}

func TestFiguresEncoding(t *testing.T) {
	s := series.MustFromStrings[series.USD](series.MustParseMonth("2024-01"), "1.50", "", "100000000000000000000000.01")
	v, err := tradeflow.ParseVintage("2025-03-01")
	require.NoError(t, err)
	f := Figures[series.USD]{Series: s, Vintages: []tradeflow.Vintage{v, {}}, Err: "",
		at: block{Path: "gs://b/f.csv", Size: 100, Start: 10, End: 20}, opts: 2,
		older: []figure{{p: series.MonthPeriod(series.MustParseMonth("2024-01")), v: decimal.RequireFromString("1.25"), vintage: v}, {p: series.MonthPeriod(series.MustParseMonth("2024-03")), v: decimal.New(-7, 30)}}}
	b, err := encodeBinary(f)
	require.NoError(t, err)
	dec, err := decodeBinary(reflect.TypeFor[Figures[series.USD]](), b)
	require.NoError(t, err)
	got := dec.(Figures[series.USD])
	assert.True(t, s.Equal(got.Series), "series %v, want %v", got.Series, s)
	assert.Equal(t, f.Vintages, got.Vintages)
	assert.Equal(t, f.at, got.at)
	assert.Equal(t, "gs://b/f.csv", got.File)
	assert.Equal(t, []int64{10, 20}, []int64{got.Start, got.End})
	assert.Equal(t, 2, got.opts)
	assert.Equal(t, dump(f.older), dump(got.older))
	for n := range len(b) {
		_, err := decodeBinary(reflect.TypeFor[Figures[series.USD]](), b[:n])
		assert.Error(t, err, "truncated to %d bytes", n)
	}

	// A series of another unit is refused, as series' own decoding does.
	_, err = decodeBinary(reflect.TypeFor[Figures[series.CNY]](), b)
	assert.True(t, errors.Is(err, series.ErrUnit), "%v", err)
}
