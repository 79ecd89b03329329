package number

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

func TestFixed(t *testing.T) {
	tests := []struct {
		v      string
		places int32
		signed bool
		want   string
	}{
		{"33789.1", 1, false, "33,789.1"},
		{"385907", 1, false, "385,907.0"},
		{"3414732.8", 1, false, "3,414,732.8"},
		{"999", 0, false, "999"},
		{"1000", 0, false, "1,000"},
		{"-1234567.891", 2, false, "−1,234,567.89"},
		{"-3.25", 1, false, "−3.3"}, // half away from zero
		{"3.25", 1, true, "+3.3"},
		{"-0.04", 1, true, "0.0"}, // rounds to zero: no sign
		{"-0.04", 1, false, "0.0"},
		{"0", 1, true, "0.0"},
		{"999.95", 1, false, "1,000.0"},
		{"-10", 0, false, "−10"},
		{"12.5", -1, false, "13"}, // negative places write whole numbers
	}
	for _, tt := range tests {
		t.Run(tt.v, func(t *testing.T) {
			f := Fixed
			if tt.signed {
				f = Signed
			}
			assert.Equal(t, tt.want, f(decimal.RequireFromString(tt.v), tt.places))
		})
	}
}

func TestPrinted(t *testing.T) {
	for v, want := range map[string]string{
		"385907.0": "385,907.0", "4416": "4,416", "-1.10": "−1.10", "1116.8": "1,116.8", "0": "0",
	} {
		assert.Equal(t, want, Printed(decimal.RequireFromString(v)), v)
	}
}

func TestExact(t *testing.T) {
	for v, want := range map[string]string{
		"974.40000": "974.4", "884680": "884,680", "-1.10": "−1.1", "1E3": "1,000", "0.000": "0", "12.345": "12.345",
	} {
		assert.Equal(t, want, Exact(decimal.RequireFromString(v)), v)
	}
}

func TestPlaces(t *testing.T) {
	for v, want := range map[string]int32{"-10.25": 2, "10": 0, "1E3": 0, "0.5": 1, "2.50": 2} {
		assert.Equal(t, want, Places(decimal.RequireFromString(v)), v)
	}
}

func TestWithUnit(t *testing.T) {
	tests := []struct{ num, unit, want string }{
		{"5.7", "%", "5.7%"},
		{"−3.2", "pp", "−3.2 pp"},
		{"33,789.1", "USD mn", "USD 33,789.1 mn"},
		{"12", "USD", "USD 12"},
		{"1,116.8", "USD 100 mn", "1,116.8 USD 100 mn"}, // a scale that is a number stays after
		{"1,200", "t", "1,200 t"},
		{"830.5", "USD/t", "830.5 USD/t"},
		{"7", "", "7"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, WithUnit(tt.num, tt.unit), "%s %s", tt.num, tt.unit)
	}
}
