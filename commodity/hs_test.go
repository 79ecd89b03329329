package commodity_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		in        string
		canonical string
		digits    string
		national  bool
	}{
		{"28", "28", "28", false},
		{"01", "01", "01", false},
		{"97", "97", "97", false},
		{"2846", "2846", "2846", false},
		{"28.46", "2846", "2846", false},
		{"28 46", "2846", "2846", false},
		{"2846.90", "2846.90", "284690", false},
		{"284690", "2846.90", "284690", false},
		{"28 46 90", "2846.90", "284690", false},
		{"28.46.90", "2846.90", "284690", false},
		{"0409.00", "0409.00", "040900", false}, // natural honey: a heading without subheadings
		{"1201.90", "1201.90", "120190", false},
		{"28469019", "2846.90.19", "28469019", true},
		{"2846.9019", "2846.90.19", "28469019", true},
		{"2846 90 19", "2846.90.19", "28469019", true},
		{"2846909910", "2846.90.99.10", "2846909910", true},
		{"2846.90.99.10", "2846.90.99.10", "2846909910", true},
		{"28469099.10", "2846.90.99.10", "2846909910", true},
		{"0101210000", "0101.21.00.00", "0101210000", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := commodity.ParseCode(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.canonical, c.String())
			assert.Equal(t, tt.digits, c.Digits())
			assert.Equal(t, len(tt.digits), c.Len())
			assert.Equal(t, tt.national, c.IsNational())
			assert.False(t, c.IsZero())
			back, err := commodity.ParseCode(c.String())
			require.NoError(t, err)
			assert.Equal(t, c, back, "the canonical form parses back")
		})
	}
}

func TestParseCodeErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason string
	}{
		{"", "empty"},
		{"2", "has 1 digits"},
		{"284", "has 3 digits"},
		{"28469", "has 5 digits"},
		{"2846901", "has 7 digits"},
		{"284690191", "has 9 digits"},
		{"28469099101", "more than 10 digits"},
		{"284690991012", "more than 10 digits"},
		{"00", "chapter 00 does not exist"},
		{"98", "chapter 98 does not exist"},
		{"99.01", "chapter 99 does not exist"},
		{"77", "chapter 77 is reserved"},
		{"7701.10", "chapter 77 is reserved"},
		{"2800", "heading 2800 does not exist"},
		{"280010", "heading 2800 does not exist"},
		{"0100", "heading 0100 does not exist"},
		{"2846.", "ends with a separator"},
		{"2846 ", "ends with a separator"},
		{".2846", `'.' at column 1 does not follow a digit`},
		{" 2846", `' ' at column 1 does not follow a digit`},
		{"28..46", `'.' at column 4 does not follow a digit`},
		{"28. 46", `' ' at column 4 does not follow a digit`},
		{"284.690", "column 4: a separator must follow the 2nd, 4th, 6th or 8th digit"},
		{"2.846", "column 2: a separator must follow"},
		{"2846909910.1", "column 11: a separator must follow"},
		{"2846-90", `unexpected '-' at column 5`},
		{"HS 2846", `unexpected 'H' at column 1`},
		{"2846,90", `unexpected ',' at column 5`},
		{"28४6", `unexpected '४' at column 3`}, // a Devanagari digit is not a digit here
		{"28\t46", `unexpected '\t' at column 3`},
		{"1201\x00", `unexpected '\x00' at column 5`},
		{"12\xff01", `unexpected '�' at column 3`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := commodity.ParseCode(tt.in)
			require.Error(t, err)
			assert.True(t, c.IsZero(), "a failed parse returns the zero Code")
			require.ErrorIs(t, err, commodity.ErrCode)
			var ce *commodity.CodeError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.in, ce.Input)
			assert.Contains(t, ce.Reason, tt.reason)
			assert.Contains(t, err.Error(), strconv.Quote(tt.in), "the message quotes the input")
			assert.True(t, strings.HasPrefix(err.Error(), "commodity: invalid HS code "), err.Error())
		})
	}
}

func TestMustParseCodePanics(t *testing.T) {
	assert.PanicsWithError(t, `commodity: invalid HS code "77": chapter 77 is reserved and has no goods`, func() {
		commodity.MustParseCode("77")
	})
	assert.NotPanics(t, func() { commodity.MustParseCode("1201") })
}

func TestCodeLevels(t *testing.T) {
	var zero commodity.Code
	tests := []struct {
		in                           string
		chapter, heading, subheading string
	}{
		{"28", "28", "", ""},
		{"2846", "28", "2846", ""},
		{"2846.90", "28", "2846", "2846.90"},
		{"2846.90.19", "28", "2846", "2846.90"},
		{"2846.90.99.10", "28", "2846", "2846.90"},
		{"0101.21", "01", "0101", "0101.21"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c := commodity.MustParseCode(tt.in)
			assert.Equal(t, tt.chapter, c.Chapter().String())
			assert.Equal(t, tt.heading, c.Heading().String())
			assert.Equal(t, tt.subheading, c.Subheading().String())
			assert.Equal(t, tt.heading == "", c.Heading().IsZero())
			assert.Equal(t, tt.subheading == "", c.Subheading().IsZero())
		})
	}
	assert.Equal(t, zero, zero.Chapter())
	assert.Equal(t, "", zero.String())
	assert.Equal(t, "", zero.Digits())
	assert.Equal(t, 0, zero.Len())
}

func TestCodeContains(t *testing.T) {
	var zero commodity.Code
	c := commodity.MustParseCode
	tests := []struct {
		name string
		a, b commodity.Code
		want bool
	}{
		{"itself", c("2846.90"), c("2846.90"), true},
		{"chapter contains heading", c("28"), c("2846"), true},
		{"chapter contains national line", c("28"), c("2846.90.99.10"), true},
		{"heading contains subheading", c("2846"), c("2846.90"), true},
		{"subheading contains 8-digit line", c("2846.90"), c("2846.90.19"), true},
		{"8-digit contains 10-digit line", c("2846.90.99"), c("2846.90.99.10"), true},
		{"finer does not contain coarser", c("2846.90"), c("2846"), false},
		{"sibling subheading", c("2846.10"), c("2846.90"), false},
		{"sibling heading", c("2846"), c("2847"), false},
		{"same digits, other chapter", c("12"), c("2812"), false},
		{"prefix of digits at another level", c("1201"), c("1220"), false},
		{"zero contains nothing", zero, c("28"), false},
		{"nothing contains zero", c("28"), zero, false},
		{"zero does not contain zero", zero, zero, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.a.Contains(tt.b), "%v contains %v", tt.a, tt.b)
		})
	}
}

func TestCodeCompare(t *testing.T) {
	var zero commodity.Code
	in := []string{"2847", "2846.90.19", "28", "2846.90", "2846", "1201.90", "2846.10", "29", "2846.90.99.10", "2805.30", "01"}
	want := []string{"", "01", "1201.90", "28", "2805.30", "2846", "2846.10", "2846.90", "2846.90.19", "2846.90.99.10", "2847", "29"}
	codes := []commodity.Code{zero}
	for _, s := range in {
		codes = append(codes, commodity.MustParseCode(s))
	}
	slices.SortFunc(codes, commodity.Code.Compare)
	var got []string
	for _, c := range codes {
		got = append(got, c.String())
	}
	assert.Equal(t, want, got)
	for i, a := range codes {
		for j, b := range codes {
			assert.Equal(t, cmpInt(i, j), a.Compare(b), "%v vs %v", a, b)
		}
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestCodeText(t *testing.T) {
	type record struct {
		Code  commodity.Code `json:"code"`
		Other commodity.Code `json:"other"`
	}
	r := record{Code: commodity.MustParseCode("284690")}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"2846.90","other":""}`, string(b))
	var back record
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r, back)

	err = json.Unmarshal([]byte(`{"code":"2846.9"}`), &back)
	require.ErrorIs(t, err, commodity.ErrCode)

	b, err = commodity.MustParseCode("28469019").AppendText([]byte("x "))
	require.NoError(t, err)
	assert.Equal(t, "x 2846.90.19", string(b))
}

// FuzzParseCode checks ParseCode on any text: it never panics; a code it
// accepts is well formed and round-trips through its canonical form, and
// its digits are the input's; text it rejects gives a CodeError that
// quotes the input.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{
		"2846.90", "284690", "28 46 90", "28", "2846", "2846.90.19", "2846.90.99.10",
		"1201", "0101", "97", "77", "7701", "00", "98", "2800", "", ".", " ", "2846.",
		".2846", "28..46", "284.690", "28469099101", "HS 2846", "12\xff01", "2846-90",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := commodity.ParseCode(s)
		if err != nil {
			if !errors.Is(err, commodity.ErrCode) {
				t.Fatalf("ParseCode(%q): error %v does not wrap ErrCode", s, err)
			}
			var ce *commodity.CodeError
			if !errors.As(err, &ce) || ce.Input != s {
				t.Fatalf("ParseCode(%q): error %#v is not a CodeError for the input", s, err)
			}
			if !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ParseCode(%q): message %q does not quote the input", s, err)
			}
			if !c.IsZero() {
				t.Fatalf("ParseCode(%q) failed but returned %v", s, c)
			}
			return
		}
		if n := c.Len(); n < 2 || n > 10 || n%2 != 0 {
			t.Fatalf("ParseCode(%q) = %v with %d digits", s, c, n)
		}
		if ch, _ := strconv.Atoi(c.Chapter().Digits()); ch < 1 || ch > 97 || ch == 77 {
			t.Fatalf("ParseCode(%q) = %v in chapter %d", s, c, ch)
		}
		if d := strings.NewReplacer(".", "", " ", "").Replace(s); c.Digits() != d {
			t.Fatalf("ParseCode(%q).Digits() = %q, want %q", s, c.Digits(), d)
		}
		back, err := commodity.ParseCode(c.String())
		if err != nil || back != c {
			t.Fatalf("ParseCode(%q) = %v, but its canonical form parses to %v, %v", s, c, back, err)
		}
		fromDigits, err := commodity.ParseCode(c.Digits())
		if err != nil || fromDigits != c {
			t.Fatalf("ParseCode(%q) = %v, but its digits parse to %v, %v", s, c, fromDigits, err)
		}
		if !c.Contains(c) || !c.Chapter().Contains(c) || c.Compare(c) != 0 {
			t.Fatalf("ParseCode(%q) = %v does not contain itself or lie in its chapter", s, c)
		}
		if _, ok := commodity.SectionOf(c); !ok {
			t.Fatalf("ParseCode(%q) = %v has no section", s, c)
		}
	})
}
