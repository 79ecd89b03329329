package partner_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
)

// UN Comtrade's partners that are no country, and its group reporters,
// parse by their numbers and print as them (data/aggregates.csv).
func TestComtradeAreas(t *testing.T) {
	for _, tt := range []struct {
		in, str, name string
		comtrade      int
	}{
		{"837", "837", "Bunkers", 837},
		{"838", "838", "Free Zones", 838},
		{"839", "839", "Special Categories", 839},
		{"899", "899", "Areas, nes", 899},
		{"492", "492", "Europe EU, nes", 492},
		{"58", "58", "Belgium-Luxembourg (...1998)", 58},
		{"058", "58", "Belgium-Luxembourg (...1998)", 58},
		{"810", "810", "USSR (...1990)", 810},
		{"97", "EU", "European Union", 97},
		{"975", "ASEAN", "ASEAN", 975},
	} {
		c, err := partner.ParseCode(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.str, c.String(), tt.in)
		assert.Equal(t, tt.name, c.Name(), tt.in)
		assert.True(t, c.IsAggregate(), tt.in)
		n, ok := c.Comtrade()
		assert.True(t, ok, tt.in)
		assert.Equal(t, tt.comtrade, n, tt.in)
	}
	// Taiwan stays Comtrade's 490, and World its 0.
	assert.Equal(t, partner.MustParseCode("TW"), partner.MustParseCode("490"))
	assert.Equal(t, partner.World(), partner.MustParseCode("0"))
}
