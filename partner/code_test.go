package partner_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
)

func TestCodeRows(t *testing.T) {
	// Rows checked against ISO 3166-1, UN M49 and UN Comtrade's reference
	// tables; comtrade -1 means Comtrade has no code of its own.
	tests := []struct {
		alpha2, alpha3 string
		numeric        int
		comtrade       int
		name           string
	}{
		{"US", "USA", 840, 842, "United States"},
		{"FR", "FRA", 250, 251, "France"},
		{"IN", "IND", 356, 699, "India"},
		{"CH", "CHE", 756, 757, "Switzerland"},
		{"NO", "NOR", 578, 579, "Norway"},
		{"IT", "ITA", 380, 381, "Italy"},
		{"CN", "CHN", 156, 156, "China"},
		{"DE", "DEU", 276, 276, "Germany"},
		{"GB", "GBR", 826, 826, "United Kingdom"},
		{"HK", "HKG", 344, 344, "Hong Kong"},
		{"MO", "MAC", 446, 446, "Macao"},
		{"TW", "TWN", 158, 490, "Taiwan"},
		{"JP", "JPN", 392, 392, "Japan"},
		{"KR", "KOR", 410, 410, "South Korea"},
		{"KP", "PRK", 408, 408, "North Korea"},
		{"RU", "RUS", 643, 643, "Russia"},
		{"BR", "BRA", 76, 76, "Brazil"},
		{"AU", "AUS", 36, 36, "Australia"},
		{"AR", "ARG", 32, 32, "Argentina"},
		{"VN", "VNM", 704, 704, "Vietnam"},
		{"TL", "TLS", 626, 626, "Timor-Leste"},
		{"HR", "HRV", 191, 191, "Croatia"},
		{"CI", "CIV", 384, 384, "Côte d'Ivoire"},
		{"SS", "SSD", 728, 728, "South Sudan"},
		{"SD", "SDN", 729, 729, "Sudan"},
		{"PS", "PSE", 275, 275, "Palestine"},
		{"VA", "VAT", 336, 336, "Holy See"},
		{"SB", "SLB", 90, 90, "Solomon Islands"},
		{"MC", "MCO", 492, -1, "Monaco"},
		{"LI", "LIE", 438, -1, "Liechtenstein"},
		{"PR", "PRI", 630, -1, "Puerto Rico"},
		{"XK", "XKX", 0, 412, "Kosovo"},
		{"", "WLD", 1, 0, "World"},
	}
	for _, tt := range tests {
		t.Run(tt.alpha3, func(t *testing.T) {
			c, err := partner.ParseCode(tt.alpha3)
			require.NoError(t, err)
			assert.Equal(t, tt.alpha2, c.Alpha2())
			assert.Equal(t, tt.alpha3, c.Alpha3())
			assert.Equal(t, tt.alpha3, c.String())
			assert.Equal(t, tt.numeric, c.Numeric())
			assert.Equal(t, tt.name, c.Name())
			n, ok := c.Comtrade()
			if tt.comtrade < 0 {
				assert.False(t, ok, "Comtrade code %d, want none", n)
			} else {
				require.True(t, ok)
				assert.Equal(t, tt.comtrade, n)
				byNum, err := partner.ParseCode(strconv.Itoa(tt.comtrade))
				require.NoError(t, err)
				assert.Equal(t, c, byNum)
			}
			if tt.alpha2 != "" {
				by2, err := partner.ParseCode(tt.alpha2)
				require.NoError(t, err)
				assert.Equal(t, c, by2)
			}
		})
	}
}

func TestWorld(t *testing.T) {
	for _, s := range []string{"WLD", "wld", "0", "000"} {
		c, err := partner.ParseCode(s)
		require.NoError(t, err, s)
		assert.Equal(t, partner.World(), c, s)
	}
	assert.False(t, partner.World().IsZero())
	assert.Equal(t, "", partner.World().Alpha2())
}

func TestParseForms(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"us", "USA"},
		{"Us", "USA"},
		{"usa", "USA"},
		{"036", "AUS"},
		{"36", "AUS"},
		{"4", "AFG"},
		{"004", "AFG"},
		{"490", "TWN"},
		{"251", "FRA"},
		{"757", "CHE"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := partner.ParseCode(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, c.Alpha3())
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		hint string // a part of the message after the input
	}{
		{"", "want ISO 3166-1"},
		{"U", "want ISO 3166-1"},
		{"USAA", "want ISO 3166-1"},
		{" US", "want ISO 3166-1"},
		{"US ", "want ISO 3166-1"},
		{"ZZ", "want ISO 3166-1"},
		{"ZZZ", "want ISO 3166-1"},
		{"U1", "want ISO 3166-1"},
		{"-1", "want ISO 3166-1"},
		{"1234", "want ISO 3166-1"},
		{"999", "want ISO 3166-1"},
		{"EUR", "want ISO 3166-1"},
		{"840", "uses 842"},
		{"250", "uses 251"},
		{"356", "uses 699"},
		{"756", "uses 757"},
		{"578", "uses 579"},
		{"380", "uses 381"},
		{"158", "uses 490"},
		{"1", "uses 0"},
		{"630", `does not code separately (included in the USA (842) in Comtrade); use "PRI"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := partner.ParseCode(tt.in)
			require.Error(t, err)
			assert.True(t, c.IsZero())
			require.ErrorIs(t, err, partner.ErrCode)
			var ce *partner.CodeError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.in, ce.Input)
			assert.Contains(t, err.Error(), strconv.Quote(tt.in))
			assert.Contains(t, err.Error(), tt.hint)
			assert.Equal(t, strings.ToLower(err.Error()[:1]), err.Error()[:1], "messages are lowercase")
		})
	}
	assert.Panics(t, func() { partner.MustParseCode("XYZ") })
}

// unMembers are the 193 member states of the United Nations, by alpha-3.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD
CRI CIV HRV CUB CYP CZE PRK DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE`)

func TestTableCoverage(t *testing.T) {
	require.Len(t, unMembers, 193)
	for _, a3 := range append(unMembers, "VAT", "PSE", "HKG", "MAC", "TWN", "GRL", "PRI", "XKX") {
		_, err := partner.ParseCode(a3)
		assert.NoError(t, err, a3)
	}
}

func TestCodesRoundTrip(t *testing.T) {
	var all []partner.Code
	for c := range partner.Codes() {
		all = append(all, c)
	}
	// 249 ISO 3166-1 entries, Kosovo and World.
	require.Len(t, all, 251)
	assert.True(t, slices.IsSortedFunc(all, partner.Code.Compare))
	for i, c := range all {
		require.False(t, c.IsZero())
		if i > 0 {
			assert.Less(t, all[i-1].Alpha3(), c.Alpha3(), "alpha-3 order")
		}
		back, err := partner.ParseCode(c.Alpha3())
		require.NoError(t, err)
		assert.Equal(t, c, back)
		if a2 := c.Alpha2(); a2 != "" {
			back, err := partner.ParseCode(a2)
			require.NoError(t, err)
			assert.Equal(t, c, back, a2)
		}
		if n, ok := c.Comtrade(); ok {
			back, err := partner.ParseCode(strconv.Itoa(n))
			require.NoError(t, err)
			assert.Equal(t, c, back, n)
		}
		assert.NotEmpty(t, c.Name())
		var u partner.Code
		b, err := c.MarshalText()
		require.NoError(t, err)
		require.NoError(t, u.UnmarshalText(b))
		assert.Equal(t, c, u)
	}
}

func TestCodeZero(t *testing.T) {
	var z partner.Code
	assert.True(t, z.IsZero())
	assert.Equal(t, "", z.String())
	assert.Equal(t, "", z.Alpha2())
	assert.Equal(t, "", z.Name())
	assert.Equal(t, 0, z.Numeric())
	_, ok := z.Comtrade()
	assert.False(t, ok)
	assert.Equal(t, -1, z.Compare(partner.MustParseCode("ABW")))
	assert.Equal(t, 1, partner.MustParseCode("ABW").Compare(z))
	assert.Equal(t, 0, z.Compare(partner.Code{}))
}

func TestCodeJSON(t *testing.T) {
	type rec struct {
		P partner.Code
		Q partner.Code
	}
	b, err := json.Marshal(rec{P: partner.MustParseCode("US")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"P":"USA","Q":""}`, string(b))

	var r rec
	require.NoError(t, json.Unmarshal([]byte(`{"P":"hk","Q":"842"}`), &r))
	assert.Equal(t, partner.MustParseCode("HKG"), r.P)
	assert.Equal(t, partner.MustParseCode("USA"), r.Q)

	err = json.Unmarshal([]byte(`{"P":"840"}`), &r)
	require.ErrorIs(t, err, partner.ErrCode)
	var ce *partner.CodeError
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, "840", ce.Input)
}

func TestAppendText(t *testing.T) {
	b, err := partner.MustParseCode("CN").AppendText([]byte("partner="))
	require.NoError(t, err)
	assert.Equal(t, "partner=CHN", string(b))
}

func TestAggregates(t *testing.T) {
	var codes []string
	for c := range partner.Aggregates() {
		assert.True(t, c.IsAggregate(), c)
		assert.False(t, c.IsUnlisted(), c)
		assert.Empty(t, c.Alpha2(), c)
		assert.Empty(t, c.Alpha3(), c)
		assert.NotEmpty(t, c.Name(), c)
		back, err := partner.ParseCode(strings.ToLower(c.String()))
		require.NoError(t, err)
		assert.Equal(t, c, back)
		codes = append(codes, c.String())
	}
	// The groups China's customs print, and UN Comtrade's partner areas
	// that are no country (partner/data/aggregates.csv).
	assert.Subset(t, codes, []string{"AFRICA", "ASEAN", "EU", "LATAM", "837", "838", "839", "899"})
	assert.False(t, partner.World().IsAggregate())
	assert.False(t, partner.MustParseCode("US").IsAggregate())
	// Aggregates sort after every country.
	assert.Equal(t, 1, partner.MustParseCode("AFRICA").Compare(partner.MustParseCode("ZWE")))
}

func TestParseUnlisted(t *testing.T) {
	for _, tt := range []struct{ in, str, a2, a3 string }{
		{"AA", "AA", "AA", ""},
		{"qz", "QZ", "QZ", ""},
		{"ZZZ", "ZZZ", "", "ZZZ"},
		{"AAA", "AAA", "", "AAA"},
	} {
		c, err := partner.ParseUnlisted(tt.in)
		require.NoError(t, err, tt.in)
		assert.True(t, c.IsUnlisted(), tt.in)
		assert.Equal(t, tt.str, c.String())
		assert.Equal(t, tt.a2, c.Alpha2())
		assert.Equal(t, tt.a3, c.Alpha3())
		assert.Empty(t, c.Name())
		assert.Zero(t, c.Numeric())
		_, ok := c.Comtrade()
		assert.False(t, ok)
		_, err = partner.ParseCode(tt.in)
		assert.ErrorIs(t, err, partner.ErrCode, "Parse refuses what the tables do not list")
	}
	// Listed codes come back as the table's.
	us, err := partner.ParseUnlisted("us")
	require.NoError(t, err)
	assert.Equal(t, partner.MustParseCode("USA"), us)
	assert.False(t, us.IsUnlisted())
	for _, bad := range []string{"", "A", "ABCD", "A1", "Ü1", "842x"} {
		_, err := partner.ParseUnlisted(bad)
		assert.ErrorIs(t, err, partner.ErrCode, bad)
	}
	// Order: countries, aggregates, two letters, three letters.
	unlisted := func(s string) partner.Code {
		c, err := partner.ParseUnlisted(s)
		require.NoError(t, err)
		return c
	}
	aa, zz, aaa := unlisted("AA"), unlisted("ZZ"), unlisted("AAA")
	assert.True(t, slices.IsSortedFunc([]partner.Code{partner.MustParseCode("ZWE"), partner.MustParseCode("LATAM"), aa, zz, aaa}, partner.Code.Compare))
}
