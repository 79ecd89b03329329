package fixed

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var plain = Format{Point: '.', MaxDigits: 40}

func (n Number) decimal() decimal.Decimal {
	if n.Big != nil {
		return decimal.NewFromBigInt(n.Big, n.Exp)
	}
	return decimal.New(n.Coef, n.Exp)
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		f    Format
		coef int64
		exp  int32
	}{
		{"0", plain, 0, 0},
		{"12.50", plain, 1250, -2},
		{"-3303.5", plain, -33035, -1},
		{"+7", plain, 7, 0},
		{"0007.10", plain, 710, -2},
		{".5", plain, 5, -1},
		{"5.", plain, 5, 0},
		{"1e3", plain, 1, 3},
		{"1.5E-2", plain, 15, -3},
		{"0.00", plain, 0, -2},
		{"-0", plain, 0, 0},
		{"9223372036854775807", plain, 9223372036854775807, 0},
		{"1,234,567.89", Format{Point: '.', Thousands: ',', MaxDigits: 40}, 123456789, -2},
		{"1.234.567,89", Format{Point: ',', Thousands: '.', MaxDigits: 40}, 123456789, -2},
		{"1 234", Format{Point: '.', Thousands: ' ', MaxDigits: 40}, 1234, 0},
		{"0.000123e5", plain, 123, -1},
		{"1e-40", plain, 1, -40},
		{"1e39", plain, 1, 39},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := Parse([]byte(tt.in), tt.f)
			require.NoError(t, err)
			assert.Nil(t, n.Big)
			assert.Equal(t, tt.coef, n.Coef)
			assert.Equal(t, tt.exp, n.Exp)
		})
	}
}

func TestParseWide(t *testing.T) {
	n, err := Parse([]byte("-123456789012345678901234567890.12"), plain)
	require.NoError(t, err)
	require.NotNil(t, n.Big)
	want, _ := new(big.Int).SetString("-12345678901234567890123456789012", 10)
	assert.Equal(t, want, n.Big)
	assert.Equal(t, int32(-2), n.Exp)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, f, msg string
	}{
		{"", "", "empty"},
		{"-", "", "no digits"},
		{".", "", "no digits"},
		{"NaN", "", `not a plain decimal number ('N' at byte 1)`},
		{"1,234", "", `(',' at byte 2)`},
		{"1.2.3", "", `('.' at byte 4)`},
		{" 1", "", `(' ' at byte 1)`},
		{"1\xff", "", "byte 0xff at byte 2"},
		{"e5", "", "no digits before the exponent"},
		{"1e", "", "no digits in the exponent"},
		{"1e+", "", "no digits in the exponent"},
		{"1e5x", "", `('x' at byte 4)`},
		{"1e40", "", "more than 40 digits before the point"},
		{"1e-41", "", "more than 40 digits after the point"},
		{"1e-10000", "", "more than 40 digits after the point"},
		{"1e99999999999999999999", "", "more than 40 digits before the point"},
		{"0." + strings.Repeat("0", 41), "", "more than 40 digits after the point"},
		{strings.Repeat("9", 81), "", "more than 80 digits"},
		{"12,34", ",", "digit groups of 2"},
		{"1234,567", ",", "misplaced digit-group separator"},
		{",123", ",", "misplaced digit-group separator"},
		{"1,,234", ",", "misplaced digit-group separator"},
		{"1,2345", ",", "digit groups of 4"},
		{"1,23.5", ",", "digit groups of 2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f := plain
			if tt.f != "" {
				f.Thousands = tt.f[0]
			}
			_, err := Parse([]byte(tt.in), f)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// A value of ten million digits is refused after the first 81.
func BenchmarkParseHuge(b *testing.B) {
	huge := []byte(strings.Repeat("7", 10_000_000))
	for b.Loop() {
		if _, err := Parse(huge, plain); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkParse(b *testing.B) {
	in := []byte("123456.78")
	for b.Loop() {
		if _, err := Parse(in, plain); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParse: whatever parses is the number shopspring reads from the same
// text, and stays within the bounds.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "12.50", "-1e3", "1,234.5", "1e-41", "0.000123e5", "123456789012345678901234567890", ".5e-3", "+0.0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse([]byte(s), plain)
		if err != nil {
			return
		}
		want, derr := decimal.NewFromString(s)
		if derr != nil {
			t.Fatalf("Parse(%q) = %v, but shopspring refuses it: %v", s, n.decimal(), derr)
		}
		if !n.decimal().Equal(want) {
			t.Fatalf("Parse(%q) = %v, want %v", s, n.decimal(), want)
		}
		if n.Big != nil && new(big.Int).Abs(n.Big).IsInt64() {
			t.Fatalf("Parse(%q): coefficient %v fits an int64 but is kept big", s, n.Big)
		}
		if n.Exp < -40 || n.Exp > 40 {
			t.Fatalf("Parse(%q): exponent %d out of bounds", s, n.Exp)
		}
	})
}
