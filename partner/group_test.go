package partner_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func month(s string) series.Month { return series.MustParseMonth(s) }

func codes(ss ...string) []partner.Code {
	cs := make([]partner.Code, len(ss))
	for i, s := range ss {
		cs[i] = partner.MustParseCode(s)
	}
	return cs
}

func TestEUSize(t *testing.T) {
	// The number of member states after each enlargement and the UK's exit.
	tests := []struct {
		month string
		want  int
	}{
		{"1957-12", 0},
		{"1958-01", 6},
		{"1972-12", 6},
		{"1973-01", 9},
		{"1980-12", 9},
		{"1981-01", 10},
		{"1986-01", 12},
		{"1994-12", 12},
		{"1995-01", 15},
		{"2004-04", 15},
		{"2004-05", 25},
		{"2006-12", 25},
		{"2007-01", 27},
		{"2013-06", 27},
		{"2013-07", 28},
		{"2020-01", 28},
		{"2020-02", 27},
		{"2025-11", 27},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			assert.Len(t, partner.EU().Members(month(tt.month)), tt.want)
		})
	}
}

func TestEUUnitedKingdom(t *testing.T) {
	eu, gb := partner.EU(), partner.MustParseCode("GB")
	for m := month("2019-01"); m.Year() == 2019; m = m.AddMonths(1) {
		assert.True(t, eu.Contains(gb, m), "EU in %v should include the UK", m)
		assert.Contains(t, eu.Members(m), gb)
	}
	for m := month("2021-01"); m.Year() == 2021; m = m.AddMonths(1) {
		assert.False(t, eu.Contains(gb, m), "EU in %v should not include the UK", m)
		assert.NotContains(t, eu.Members(m), gb)
	}
	assert.False(t, eu.Contains(gb, month("1972-12")))
	assert.True(t, eu.Contains(gb, month("1973-01")))
}

func TestEUCroatia(t *testing.T) {
	hr := partner.MustParseCode("HR")
	assert.False(t, partner.EU().Contains(hr, month("2013-06")))
	assert.True(t, partner.EU().Contains(hr, month("2013-07")))
}

func TestEU27(t *testing.T) {
	want := codes("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
		"IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")
	slices.SortFunc(want, partner.Code.Compare) // alpha-3 order: ESP before EST
	assert.Equal(t, want, partner.EU().Members(month("2025-11")))
}

func TestASEAN(t *testing.T) {
	asean, tl := partner.ASEAN(), partner.MustParseCode("TL")
	ten := codes("BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "VN")
	assert.Equal(t, ten, asean.Members(month("2025-09")))
	assert.Equal(t, ten, asean.Members(month("2025-10")), "Timor-Leste joined on 2025-10-26")
	assert.Len(t, asean.Members(month("2025-11")), 11)
	assert.False(t, asean.Contains(tl, month("2025-10")))
	assert.True(t, asean.Contains(tl, month("2025-11")))

	tests := []struct {
		month string
		want  int
	}{
		{"1967-08", 0}, // founded on 1967-08-08
		{"1967-09", 5},
		{"1984-01", 5}, // Brunei joined on 1984-01-07
		{"1984-02", 6},
		{"1995-07", 6},
		{"1995-08", 7},
		{"1997-08", 9},
		{"1999-04", 9},
		{"1999-05", 10},
	}
	for _, tt := range tests {
		t.Run(tt.month, func(t *testing.T) {
			assert.Len(t, asean.Members(month(tt.month)), tt.want)
		})
	}
}

func TestGroupNames(t *testing.T) {
	assert.Equal(t, "EU", partner.EU().Name())
	assert.Equal(t, "ASEAN", partner.ASEAN().String())
	var z partner.Group
	assert.Empty(t, z.Members(month("2025-01")))
	assert.Equal(t, "", z.Name())
}

func TestDated(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		return d
	}
	c := partner.MustParseCode("FR")
	tests := []struct {
		joined, left string
		from, last   string
	}{
		{"2013-07-01", "", "2013-07", ""},
		{"2013-07-02", "", "2013-08", ""},
		{"2013-06-30", "", "2013-07", ""},
		{"2025-10-26", "", "2025-11", ""},
		{"1973-01-01", "2020-02-01", "1973-01", "2020-01"},
		{"1973-01-01", "2020-01-31", "1973-01", "2020-01"},
		{"1973-01-01", "2020-02-02", "1973-01", "2020-02"},
	}
	for _, tt := range tests {
		t.Run(tt.joined+"/"+tt.left, func(t *testing.T) {
			var left time.Time
			if tt.left != "" {
				left = day(tt.left)
			}
			ms := partner.Dated(c, day(tt.joined), left)
			assert.Equal(t, c, ms.Code)
			assert.Equal(t, tt.from, ms.From.String())
			if tt.last == "" {
				assert.True(t, ms.Last.IsZero())
			} else {
				assert.Equal(t, tt.last, ms.Last.String())
			}
		})
	}
	assert.Panics(t, func() { partner.Dated(c, time.Time{}, time.Time{}) })

	// Joined and left within one month: never a member on a first day.
	ms := partner.Dated(c, day("2020-03-05"), day("2020-03-20"))
	_, err := partner.NewGroup("Brief", ms)
	require.ErrorIs(t, err, partner.ErrGroup)
}

func TestMembership(t *testing.T) {
	ms := partner.Membership{Code: partner.MustParseCode("GB"), From: month("1973-01"), Last: month("2020-01")}
	assert.False(t, ms.Contains(month("1972-12")))
	assert.True(t, ms.Contains(month("1973-01")))
	assert.True(t, ms.Contains(month("2020-01")))
	assert.False(t, ms.Contains(month("2020-02")))
	assert.Equal(t, "GBR 1973-01…2020-01", ms.String())

	open := partner.Membership{Code: partner.MustParseCode("GB")}
	assert.True(t, open.Contains(month("0001-01")))
	assert.True(t, open.Contains(month("9999-12")))
	assert.Equal(t, "GBR …", open.String())
}

func TestNewGroupErrors(t *testing.T) {
	cl, pe := partner.MustParseCode("CL"), partner.MustParseCode("PE")
	tests := []struct {
		name   string
		group  string
		ms     []partner.Membership
		reason string
	}{
		{"no name", "", []partner.Membership{{Code: cl}}, "a group needs a name"},
		{"zero code", "G", []partner.Membership{{}}, "no partner code"},
		{"world", "G", []partner.Membership{{Code: partner.World()}}, "World cannot be a member"},
		{"backwards", "G", []partner.Membership{{Code: cl, From: month("2020-02"), Last: month("2020-01")}}, "ends before it starts"},
		{"duplicate", "G", []partner.Membership{{Code: cl}, {Code: pe}, {Code: cl}}, "overlaps"},
		{"overlap", "G", []partner.Membership{
			{Code: cl, From: month("2020-01"), Last: month("2021-06")},
			{Code: cl, From: month("2021-06")},
		}, "overlaps CHL 2020-01…2021-06"},
		{"open start overlaps", "G", []partner.Membership{
			{Code: cl, From: month("2030-01")},
			{Code: cl, Last: month("2030-01")},
		}, "overlaps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := partner.NewGroup(tt.group, tt.ms...)
			require.ErrorIs(t, err, partner.ErrGroup)
			var ge *partner.GroupError
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, tt.group, ge.Group)
			assert.Contains(t, err.Error(), tt.reason)
			assert.Panics(t, func() { partner.MustGroup(tt.group, tt.ms...) })
		})
	}
}

func TestGroupRejoin(t *testing.T) {
	cl := partner.MustParseCode("CL")
	g, err := partner.NewGroup("G",
		partner.Membership{Code: cl, From: month("2030-01")},
		partner.Membership{Code: cl, Last: month("2020-01")},
	)
	require.NoError(t, err)
	assert.True(t, g.Contains(cl, month("2019-12")))
	assert.False(t, g.Contains(cl, month("2025-06")))
	assert.Equal(t, []partner.Code{cl}, g.Members(month("2031-01")))

	var got []partner.Membership
	for ms := range g.Memberships() {
		got = append(got, ms)
	}
	// By start month, the open start first.
	require.Len(t, got, 2)
	assert.True(t, got[0].From.IsZero())
	assert.Equal(t, month("2030-01"), got[1].From)
}

func TestGroupDoesNotAlias(t *testing.T) {
	cl := partner.MustParseCode("CL")
	ms := []partner.Membership{{Code: cl}}
	g := partner.MustGroup("G", ms...)
	ms[0].Code = partner.MustParseCode("PE")
	assert.Equal(t, []partner.Code{cl}, g.Members(month("2025-01")))

	m := g.Members(month("2025-01"))
	m[0] = partner.MustParseCode("PE")
	assert.Equal(t, []partner.Code{cl}, g.Members(month("2025-01")))
}

func TestFixed(t *testing.T) {
	eu27 := partner.EU().Fixed("EU-27", month("2020-02"))
	assert.Equal(t, "EU-27", eu27.Name())
	want := partner.EU().Members(month("2020-02"))
	for _, m := range []string{"1950-01", "2000-01", "2013-01", "2019-12", "2020-02", "2030-01"} {
		assert.Equal(t, want, eu27.Members(month(m)), m)
	}
	assert.False(t, eu27.Contains(partner.MustParseCode("GB"), month("2019-01")))

	eu28 := partner.EU().Fixed("EU-28", month("2019-06"))
	assert.Len(t, eu28.Members(month("2025-01")), 28)
}
